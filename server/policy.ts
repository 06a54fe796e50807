/**
 * Roles and what each may do, per workspace. Pure and isomorphic: the server
 * enforces it, the UI uses it only to decide what to show.
 */
export const ROLES = ["VIEWER", "ANALYST", "REVIEWER", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS = {
  VIEWER: "Viewer",
  ANALYST: "Analyst",
  REVIEWER: "Reviewer",
  ADMIN: "Admin",
} as const satisfies Record<Role, string>;

export const ROLE_DESCRIPTIONS = {
  VIEWER: "Reads published material.",
  ANALYST: "Creates and edits drafts, cites, votes, comments and submits for review.",
  REVIEWER: "Everything an analyst does, plus approves or rejects the submissions of others.",
  ADMIN: "Everything a reviewer does, plus members, roles and settings.",
} as const satisfies Record<Role, string>;

const ALL: readonly Role[] = ROLES;
const CONTRIBUTORS: readonly Role[] = ["ANALYST", "REVIEWER", "ADMIN"];
const REVIEWERS: readonly Role[] = ["REVIEWER", "ADMIN"];
const ADMINS: readonly Role[] = ["ADMIN"];

export const PERMISSIONS = {
  "workspace.read": ALL,
  "workspace.update": ADMINS,
  "member.read": ALL,
  "member.manage": ADMINS,
  "invitation.manage": ADMINS,
  "audit.read": ADMINS,
  "event.readPublished": ALL,
  "event.readDrafts": CONTRIBUTORS,
  "event.create": CONTRIBUTORS,
  "event.edit": CONTRIBUTORS,
  "event.delete": CONTRIBUTORS,
  "trash.manage": ADMINS,
  "source.read": ALL,
  "source.write": CONTRIBUTORS,
  "citation.write": CONTRIBUTORS,
  "entity.read": ALL,
  "entity.write": CONTRIBUTORS,
  "history.read": CONTRIBUTORS,
  "vote.read": ALL,
  "vote.cast": CONTRIBUTORS,
  "review.decide": REVIEWERS,
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role | null | undefined, permission: Permission): boolean {
  return role != null && (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/**
 * A workspace must always keep an active admin, or nobody could manage it.
 * `activeAdminCount` counts active admins before the change.
 */
export function wouldRemoveLastAdmin(args: {
  currentRole: Role;
  currentlyActive: boolean;
  nextRole: Role;
  nextActive: boolean;
  activeAdminCount: number;
}): boolean {
  const isAdminNow = args.currentRole === "ADMIN" && args.currentlyActive;
  const isAdminAfter = args.nextRole === "ADMIN" && args.nextActive;
  return isAdminNow && !isAdminAfter && args.activeAdminCount <= 1;
}
