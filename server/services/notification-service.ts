import { db } from "../db/client.ts";
import type { Prisma } from "../db/generated/client.ts";
import type { Actor } from "./actor.ts";

type Tx = Pick<Prisma.TransactionClient, "notification" | "membership">;

export async function notify(tx: Tx, entries: { workspaceId: string; userIds: string[]; kind: string; eventId?: string; actorId?: string; message: string }) {
  const ids = [...new Set(entries.userIds)].filter((id) => id !== entries.actorId);
  if (ids.length === 0) return;
  await tx.notification.createMany({
    data: ids.map((userId) => ({ workspaceId: entries.workspaceId, userId, kind: entries.kind, eventId: entries.eventId ?? null, actorId: entries.actorId ?? null, message: entries.message })),
  });
}

/**
 * Members named in a comment as @name: the first name, the whole name without
 * spaces, or the part of the email before the @ (case-insensitive).
 */
export async function mentionedMembers(tx: Tx, workspaceId: string, text: string): Promise<string[]> {
  const handles = new Set([...text.matchAll(/@([\p{L}\p{N}._-]+)/gu)].map((m) => m[1]!.toLowerCase().replace(/[.]+$/, "")));
  if (handles.size === 0) return [];
  const members = await tx.membership.findMany({ where: { workspaceId, active: true }, select: { user: { select: { id: true, name: true, email: true } } } });
  return members
    .map((m) => m.user)
    .filter((u) => {
      const forms = [u.name.split(/\s+/)[0]!, u.name.replace(/\s+/g, ""), u.email.split("@")[0]!].map((f) => f.toLowerCase());
      return forms.some((f) => handles.has(f));
    })
    .map((u) => u.id);
}

export async function listNotifications(actor: Actor, input: { limit: number }) {
  const [items, unread] = await Promise.all([
    db.notification.findMany({
      where: { userId: actor.userId },
      orderBy: { createdAt: "desc" },
      take: input.limit,
      select: { id: true, kind: true, message: true, eventId: true, readAt: true, createdAt: true, workspaceId: true },
    }),
    db.notification.count({ where: { userId: actor.userId, readAt: null } }),
  ]);
  const slugs = new Map((await db.workspace.findMany({ where: { id: { in: [...new Set(items.map((i) => i.workspaceId))] } }, select: { id: true, slug: true } })).map((w) => [w.id, w.slug]));
  return { unread, items: items.map((i) => ({ ...i, workspaceSlug: slugs.get(i.workspaceId) ?? null })) };
}

export async function markNotificationsRead(actor: Actor, input: { ids?: string[] }) {
  await db.notification.updateMany({
    where: { userId: actor.userId, readAt: null, ...(input.ids ? { id: { in: input.ids } } : {}) },
    data: { readAt: new Date() },
  });
  return { ok: true as const };
}
