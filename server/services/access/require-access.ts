import { cachedLookup } from "../../db/auth-cache.ts";
import { db } from "../../db/client.ts";
import { DomainError, forbidden, notFound } from "../../errors.ts";
import { can, type Permission, type Role } from "../../policy.ts";
import type { Actor } from "./actor.ts";

export type Access = { workspaceId: string; membershipId: string; role: Role };

/**
 * Checks, against the database (or the HTTP server's copy of it that every
 * membership change clears on every instance, server/db/auth-cache.ts), that the actor is an active
 * member of the workspace with the permission. Non-members get NOT_FOUND so
 * that the existence of other workspaces never leaks.
 */
export async function requireAccess(
  actor: Actor,
  workspaceId: string,
  permission: Permission,
  client: Pick<typeof db, "membership"> = db,
): Promise<Access> {
  const read = () =>
    client.membership.findUnique({
      where: { workspaceId_userId: { workspaceId, userId: actor.userId } },
      select: { id: true, role: true, active: true },
    });
  // Inside a transaction the caller wants the row as that transaction sees it, never a kept copy.
  const membership =
    client === db
      ? await cachedLookup(`m:${workspaceId}:${actor.userId}`, async () => ({
          value: await read(),
          userId: actor.userId,
        }))
      : await read();
  if (!membership || !membership.active) throw notFound("Workspace");
  requirePermission(membership.role, permission);
  return { workspaceId, membershipId: membership.id, role: membership.role };
}

/**
 * requireAccess for something found by its id, in the workspace it belongs
 * to. A caller who is not a member gets exactly the NOT_FOUND an unknown id
 * gets ("Event was not found."), not the workspace's: otherwise the two
 * answers would tell an id of another workspace from one that does not exist.
 */
export async function requireAccessFor(
  what: string,
  actor: Actor,
  workspaceId: string,
  permission: Permission,
  client: Pick<typeof db, "membership"> = db,
): Promise<Access> {
  try {
    return await requireAccess(actor, workspaceId, permission, client);
  } catch (err) {
    throw err instanceof DomainError && err.code === "NOT_FOUND" ? notFound(what) : err;
  }
}

/** FORBIDDEN, with the permission's own message, unless the role has it (for a role already read). */
export function requirePermission(role: Role, permission: Permission): void {
  if (!can(role, permission)) throw forbidden(permissionMessage(permission));
}

const MESSAGES: Partial<Record<Permission, string>> = {
  "workspace.update": "Only workspace admins can change workspace settings.",
  "member.manage": "Only workspace admins can manage members.",
  "invitation.manage": "Only workspace admins can invite people.",
  "audit.read": "Only workspace admins can read the audit log.",
  "system.read": "Only workspace admins can see how the system is doing.",
  "event.create": "Your role in this workspace does not allow creating events.",
  "event.readDrafts": "Your role in this workspace shows published material only.",
  "event.edit": "Your role in this workspace does not allow editing events.",
  "event.delete": "Your role in this workspace does not allow deleting events.",
  "trash.manage": "Only workspace admins can see the trash and restore from it.",
  "source.write": "Your role in this workspace does not allow adding or editing sources.",
  "citation.write": "Your role in this workspace does not allow citing sources.",
  "entity.write": "Your role in this workspace does not allow editing entities.",
  "history.read": "Your role in this workspace shows published material only.",
  "vote.cast": "Only analysts, reviewers and admins vote on ratings.",
  "review.decide": "Only reviewers and admins can decide on submissions.",
};

function permissionMessage(permission: Permission): string {
  return MESSAGES[permission] ?? "Your role in this workspace does not allow that.";
}
