import { db } from "../../db/client.ts";
import { conflict, DomainError, notFound } from "../../errors.ts";
import { wouldRemoveLastAdmin, type Role } from "../../policy.ts";
import type { ChangeRoleInput, SetMemberActiveInput } from "../../schemas/member.ts";
import { requireAccess, requireAccessFor } from "../access/index.ts";
import type { Actor } from "../access/index.ts";
import { recordAudit } from "../audit/index.ts";

export type MemberRow = {
  membershipId: string;
  userId: string;
  name: string;
  email: string;
  role: Role;
  active: boolean;
  version: number;
  joinedAt: Date;
};

export async function listMembers(actor: Actor, workspaceId: string): Promise<MemberRow[]> {
  const access = await requireAccess(actor, workspaceId, "member.read");
  const rows = await db.membership.findMany({
    // Only admins see deactivated members; everyone else sees the active team.
    where: { workspaceId, ...(access.role === "ADMIN" ? {} : { active: true }) },
    orderBy: [{ active: "desc" }, { user: { name: "asc" } }],
    select: {
      id: true,
      role: true,
      active: true,
      version: true,
      createdAt: true,
      user: { select: { id: true, name: true, email: true } },
    },
  });
  return rows.map((r) => ({
    membershipId: r.id,
    userId: r.user.id,
    name: r.user.name,
    email: r.user.email,
    role: r.role,
    active: r.active,
    version: r.version,
    joinedAt: r.createdAt,
  }));
}

/**
 * Role and active-state changes share one guarded path: the membership is
 * addressed by id, its workspace resolved from the database, the admin's
 * access checked there, and the workspace row locked so two admins demoting
 * each other at once cannot leave the workspace without an admin.
 */
async function updateMembership(
  actor: Actor,
  membershipId: string,
  version: number,
  next: (current: { role: Role; active: boolean }) => { role: Role; active: boolean },
  action: string,
) {
  const target = await db.membership.findUnique({ where: { id: membershipId }, select: { workspaceId: true } });
  if (!target) throw notFound("Member");
  await requireAccessFor("Member", actor, target.workspaceId, "member.manage");

  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Workspace" WHERE id = ${target.workspaceId} FOR UPDATE`;
    // Checked again under the lock: the actor may have been demoted while this request waited.
    await requireAccessFor("Member", actor, target.workspaceId, "member.manage", tx);
    const current = await tx.membership.findUniqueOrThrow({
      where: { id: membershipId },
      select: { role: true, active: true, version: true, userId: true },
    });
    if (current.version !== version) {
      throw conflict("This member was changed by someone else in the meantime. Reload to see the current role.");
    }
    const after = next(current);
    const activeAdminCount = await tx.membership.count({
      where: { workspaceId: target.workspaceId, role: "ADMIN", active: true },
    });
    if (
      wouldRemoveLastAdmin({
        currentRole: current.role,
        currentlyActive: current.active,
        nextRole: after.role,
        nextActive: after.active,
        activeAdminCount,
      })
    ) {
      throw new DomainError(
        "CONFLICT",
        "A workspace needs at least one active admin. Make someone else an admin first.",
      );
    }
    const updated = await tx.membership.update({
      where: { id: membershipId },
      data: { role: after.role, active: after.active, version: { increment: 1 } },
      select: { id: true, role: true, active: true, version: true },
    });
    await recordAudit(tx, actor, {
      workspaceId: target.workspaceId,
      action,
      targetType: "membership",
      targetId: membershipId,
      before: { userId: current.userId, role: current.role, active: current.active },
      after: { userId: current.userId, role: updated.role, active: updated.active },
    });
    return updated;
  });
}

export function changeRole(actor: Actor, input: ChangeRoleInput) {
  return updateMembership(
    actor,
    input.membershipId,
    input.version,
    (c) => ({ ...c, role: input.role }),
    "member.role_changed",
  );
}

export function setMemberActive(actor: Actor, input: SetMemberActiveInput) {
  return updateMembership(
    actor,
    input.membershipId,
    input.version,
    (c) => ({ ...c, active: input.active }),
    input.active ? "member.reactivated" : "member.deactivated",
  );
}
