import { db } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";
import { can, type Permission } from "../../policy.ts";
import type { Actor } from "../access/index.ts";

type Tx = Pick<Prisma.TransactionClient, "notification" | "membership">;

/**
 * Notifies users of something in a workspace, except the one who did it.
 * Only active members whose role has `permission` (what it takes to see the
 * thing the message is about) are told: a message quoting an unpublished
 * event's title and a reviewer's comment must not reach a viewer, nor anyone
 * who has left the workspace.
 */
export async function notify(
  tx: Tx,
  entries: {
    workspaceId: string;
    userIds: string[];
    kind: string;
    eventId?: string;
    briefingId?: string;
    commentId?: string;
    actorId?: string;
    message: string;
    permission?: Permission;
  },
) {
  const wanted = [...new Set(entries.userIds)].filter((id) => id !== entries.actorId);
  if (wanted.length === 0) return;
  const permission = entries.permission ?? "workspace.read";
  const members = await tx.membership.findMany({
    where: { workspaceId: entries.workspaceId, userId: { in: wanted }, active: true },
    select: { userId: true, role: true },
  });
  const ids = members.filter((m) => can(m.role, permission)).map((m) => m.userId);
  if (ids.length === 0) return;
  await tx.notification.createMany({
    data: ids.map((userId) => ({
      workspaceId: entries.workspaceId,
      userId,
      kind: entries.kind,
      eventId: entries.eventId ?? null,
      briefingId: entries.briefingId ?? null,
      commentId: entries.commentId ?? null,
      actorId: entries.actorId ?? null,
      message: entries.message,
    })),
  });
}

/**
 * Active members named in a comment as @name: the first name, the whole name
 * without spaces, or the part of the email before the @ (case-insensitive);
 * only those whose role has `permission`, so that a comment on unpublished
 * work never names a viewer into reading it.
 */
export async function mentionedMembers(
  tx: Tx,
  workspaceId: string,
  text: string,
  permission: Permission = "workspace.read",
): Promise<string[]> {
  const handles = new Set(
    [...text.matchAll(/@([\p{L}\p{N}._-]+)/gu)].map((m) => m[1]!.toLowerCase().replace(/[.]+$/, "")),
  );
  if (handles.size === 0) return [];
  const members = await tx.membership.findMany({
    where: { workspaceId, active: true },
    select: { role: true, user: { select: { id: true, name: true, email: true } } },
  });
  return members
    .filter((m) => can(m.role, permission))
    .map((m) => m.user)
    .filter((u) => {
      const forms = [u.name.split(/\s+/)[0]!, u.name.replace(/\s+/g, ""), u.email.split("@")[0]!].map((f) =>
        f.toLowerCase(),
      );
      return forms.some((f) => handles.has(f));
    })
    .map((u) => u.id);
}

/** The workspaces whose notifications the user still sees: those they are an active member of. */
async function visibleWorkspaces(userId: string): Promise<string[]> {
  return (await db.membership.findMany({ where: { userId, active: true }, select: { workspaceId: true } })).map(
    (m) => m.workspaceId,
  );
}

export async function listNotifications(actor: Actor, input: { limit: number }) {
  const mine = { userId: actor.userId, workspaceId: { in: await visibleWorkspaces(actor.userId) } };
  const [items, unread] = await Promise.all([
    db.notification.findMany({
      where: mine,
      orderBy: { createdAt: "desc" },
      take: input.limit,
      select: {
        id: true,
        kind: true,
        message: true,
        eventId: true,
        briefingId: true,
        commentId: true,
        readAt: true,
        createdAt: true,
        workspaceId: true,
      },
    }),
    db.notification.count({ where: { ...mine, readAt: null } }),
  ]);
  const slugs = new Map(
    (
      await db.workspace.findMany({
        where: { id: { in: [...new Set(items.map((i) => i.workspaceId))] } },
        select: { id: true, slug: true },
      })
    ).map((w) => [w.id, w.slug]),
  );
  return { unread, items: items.map((i) => ({ ...i, workspaceSlug: slugs.get(i.workspaceId) ?? null })) };
}

export async function markNotificationsRead(actor: Actor, input: { ids?: string[] }) {
  await db.notification.updateMany({
    where: { userId: actor.userId, readAt: null, ...(input.ids ? { id: { in: input.ids } } : {}) },
    data: { readAt: new Date() },
  });
  return { ok: true as const };
}
