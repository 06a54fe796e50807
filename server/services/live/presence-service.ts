import { db } from "../../db/client.ts";
import { notFound } from "../../errors.ts";
import { can, ROLES, type Permission } from "../../policy.ts";
import {
  PRESENCE_TTL_MS,
  presenceBeatSchema,
  presenceLeaveSchema,
  presenceListSchema,
  type PresenceBeatInput,
  type PresenceListInput,
} from "../../schemas/presence.ts";
import { requireAccessFor, requireEventVisible, type Access, type Actor } from "../access/index.ts";
import { loadBriefingAccess } from "../briefing/index.ts";

/**
 * Who else has an event or a briefing open, and whether in its edit form.
 * One row per tab, renewed by heartbeats; a tab that stops beating (closed,
 * asleep, offline) drops out when its row expires. The rows live in the
 * database so every instance answers the same; a trigger announces arrivals,
 * departures and edit/view switches on the live channel.
 *
 * Being present is reading: the same check as opening the record (a viewer
 * cannot announce, nor list, presence on a draft: NOT_FOUND as for the record).
 */
async function requireTarget(
  actor: Actor,
  input: PresenceListInput,
): Promise<{ access: Access; drafts: Permission | null }> {
  if (input.targetType === "event") {
    const event = await db.event.findFirst({
      where: { id: input.targetId, workspaceId: input.workspaceId, deletedAt: null },
      select: { status: true },
    });
    if (!event) throw notFound("Event");
    const access = await requireAccessFor("Event", actor, input.workspaceId, "event.readPublished");
    requireEventVisible(access.role, event.status);
    return { access, drafts: event.status === "PUBLISHED" ? null : "event.readDrafts" };
  }
  const { workspaceId, access } = await loadBriefingAccess(actor, input.targetId);
  if (workspaceId !== input.workspaceId) throw notFound("Briefing");
  const published = await db.briefing.count({ where: { id: input.targetId, publishedAt: { not: null } } });
  return { access, drafts: published > 0 ? null : "briefing.readDrafts" };
}

export async function beatPresence(actor: Actor, raw: PresenceBeatInput) {
  const input = presenceBeatSchema.parse(raw);
  const { access } = await requireTarget(actor, input);
  // Only someone who may edit can be shown as editing.
  const editing = input.editing && can(access.role, input.targetType === "event" ? "event.edit" : "briefing.write");
  const expiresAt = new Date(Date.now() + PRESENCE_TTL_MS);
  const target = {
    workspaceId: input.workspaceId,
    targetType: input.targetType,
    targetId: input.targetId,
    editing,
    expiresAt,
  };
  await db.presence.upsert({
    where: { userId_tabId: { userId: actor.userId, tabId: input.tabId } },
    create: { userId: actor.userId, tabId: input.tabId, ...target },
    update: target,
    select: { id: true },
  });
  // Rows of tabs long gone, swept now and then by whoever beats: the table stays the size of who is online.
  if (Math.random() < 0.05) {
    await db.presence.deleteMany({ where: { expiresAt: { lt: new Date(Date.now() - 10 * PRESENCE_TTL_MS) } } });
  }
  return { editing, ttlMs: PRESENCE_TTL_MS };
}

/** The tab closed or moved on: its row goes now rather than when it expires. */
export async function leavePresence(actor: Actor, raw: { tabId: string }) {
  const input = presenceLeaveSchema.parse(raw);
  await db.presence.deleteMany({ where: { userId: actor.userId, tabId: input.tabId } });
  return { ok: true as const };
}

/** The other people with the record open (the caller's own tabs are left out), each once, editing if any tab is. */
export async function listPresence(actor: Actor, raw: PresenceListInput) {
  const input = presenceListSchema.parse(raw);
  const { drafts } = await requireTarget(actor, input);
  // Only those who may still open it: someone made a viewer is gone from a draft at once, not when their row expires.
  const roles = drafts ? ROLES.filter((r) => can(r, drafts)) : [...ROLES];
  const rows = await db.presence.findMany({
    where: {
      workspaceId: input.workspaceId,
      targetType: input.targetType,
      targetId: input.targetId,
      expiresAt: { gt: new Date() },
      userId: { not: actor.userId },
      // Someone removed from the workspace is not shown, whatever their tab still sends.
      user: {
        active: true,
        memberships: { some: { workspaceId: input.workspaceId, active: true, role: { in: roles } } },
      },
    },
    orderBy: { updatedAt: "asc" },
    select: { userId: true, editing: true, user: { select: { name: true } } },
    take: 200,
  });
  const people = new Map<string, { userId: string; name: string; editing: boolean }>();
  for (const r of rows) {
    const seen = people.get(r.userId);
    if (seen) seen.editing ||= r.editing;
    else people.set(r.userId, { userId: r.userId, name: r.user.name, editing: r.editing });
  }
  return { people: [...people.values()] };
}
