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
  // Install-wide operational facts (versions, backups, queue totals): see services/system/status-service.ts.
  "system.read": ADMINS,
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
  "briefing.readPublished": ALL,
  "briefing.readDrafts": CONTRIBUTORS,
  "briefing.write": CONTRIBUTORS,
  "briefing.comment": CONTRIBUTORS,
  "import.run": CONTRIBUTORS,
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

/**
 * The review state machine for events (and for proposed changes to published
 * events). Pure: the server enforces it inside a locked transaction, the UI
 * uses it to decide which buttons to show.
 */
export const REVIEW_STATUSES = ["DRAFT", "PENDING", "CHANGES_REQUESTED", "PUBLISHED", "REJECTED"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export const REVIEW_ACTIONS = ["submit", "withdraw", "approve", "requestChanges", "reject"] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];
/** The review action a reviewer's decision takes, for events, source and entity changes and briefings alike. */
export const DECISION_ACTION = {
  APPROVE: "approve",
  REQUEST_CHANGES: "requestChanges",
  REJECT: "reject",
} as const satisfies Record<"APPROVE" | "REQUEST_CHANGES" | "REJECT", ReviewAction>;

export type TransitionCheck =
  | { ok: true; next: ReviewStatus | "APPROVED_PENDING_MORE" }
  | { ok: false; reason: "role" | "self" | "state" | "not-author"; message: string };

export function checkTransition(args: {
  status: ReviewStatus;
  action: ReviewAction;
  role: Role;
  /** The caller wrote (part of) what is under review. */
  isAuthor: boolean;
  /** Approvals in this round, counting the one being given. */
  approvalsAfter?: number;
  requiredApprovals?: number;
}): TransitionCheck {
  const { status, action, role, isAuthor } = args;
  const deny = (reason: "role" | "self" | "state" | "not-author", message: string): TransitionCheck => ({
    ok: false,
    reason,
    message,
  });
  switch (action) {
    case "submit":
      if (!can(role, "event.edit")) return deny("role", "Your role does not allow submitting for review.");
      if (status !== "DRAFT" && status !== "CHANGES_REQUESTED" && status !== "REJECTED")
        return deny("state", "Only drafts and returned submissions can be submitted.");
      return { ok: true, next: "PENDING" };
    case "withdraw":
      if (status !== "PENDING") return deny("state", "Only a submission waiting for review can be withdrawn.");
      if (!isAuthor) return deny("not-author", "Only an author can withdraw a submission.");
      return { ok: true, next: "DRAFT" };
    case "approve":
    case "requestChanges":
    case "reject": {
      if (!can(role, "review.decide")) return deny("role", "Only reviewers and admins decide on submissions.");
      if (status !== "PENDING") return deny("state", "This is no longer waiting for review.");
      if (isAuthor) return deny("self", "You cannot review your own submission: another reviewer must decide.");
      if (action === "requestChanges") return { ok: true, next: "CHANGES_REQUESTED" };
      if (action === "reject") return { ok: true, next: "REJECTED" };
      const enough = (args.approvalsAfter ?? 1) >= (args.requiredApprovals ?? 1);
      return { ok: true, next: enough ? "PUBLISHED" : "APPROVED_PENDING_MORE" };
    }
  }
}
