import { db } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";
import { conflict, forbidden, notFound } from "../../errors.ts";
import { can } from "../../policy.ts";
import { requireAccess, requireAccessFor, requireEventVisible, requirePermission } from "../access/index.ts";
import type { Actor } from "../access/index.ts";
import { recordAudit } from "../audit/index.ts";
import { decodeCursor, decodeDate, encodeCursor } from "../../lib/cursor.ts";
import { recordRevision } from "../history/index.ts";
import { currentSnapshot, rowSelect, toRow } from "./event-rows.ts";

/**
 * Moves an event to the trash. A draft or a submission waiting for review is
 * its authors' to delete (whoever created or edited it), and reviewers' and
 * admins'; another analyst may edit it but not take it away. A published
 * event is what readers rely on, so taking it away is a reviewer's or an
 * admin's decision. Viewers learn nothing of drafts: NOT_FOUND, as when
 * reading one. The trash keeps it restorable by admins, and the audit log
 * says who did it.
 */
export async function deleteEvent(actor: Actor, input: { eventId: string; version: number }) {
  const found = await db.event.findUnique({
    where: { id: input.eventId },
    select: { workspaceId: true, status: true },
  });
  if (!found) throw notFound("Event");
  const access = await requireAccessFor("Event", actor, found.workspaceId, "event.readPublished");
  requireEventVisible(access.role, found.status);
  requirePermission(access.role, "event.delete");
  const reviewer = can(access.role, "review.decide");
  return db.$transaction(async (tx) => {
    // Under the row lock, so the event cannot be published between the check and the delete.
    await tx.$queryRaw`SELECT id FROM "Event" WHERE id = ${input.eventId} FOR UPDATE`;
    const event = await tx.event.findUniqueOrThrow({
      where: { id: input.eventId },
      select: { workspaceId: true, status: true, createdById: true, revisionAuthorIds: true },
    });
    if (!reviewer) {
      if (event.status === "PUBLISHED")
        throw forbidden(
          "Only reviewers and admins can delete a published event. Ask one of them, or propose a change instead.",
        );
      if (event.createdById !== actor.userId && !event.revisionAuthorIds.includes(actor.userId))
        throw forbidden(
          "Only its authors, reviewers and admins can delete a draft or a submission. Ask one of them, or edit it instead.",
        );
    }
    const { count } = await tx.event.updateMany({
      where: { id: input.eventId, version: input.version, deletedAt: null },
      data: { deletedAt: new Date(), deletedById: actor.userId, version: { increment: 1 } },
    });
    if (count === 0)
      throw conflict("This event changed or was deleted in the meantime. Reload to see its current state.");
    const snap = await currentSnapshot(tx, input.eventId);
    await recordRevision(tx, actor, {
      workspaceId: event.workspaceId,
      targetType: "event",
      targetId: input.eventId,
      version: input.version + 1,
      action: "deleted",
      snapshot: snap,
    });
    await recordAudit(tx, actor, {
      workspaceId: event.workspaceId,
      action: "event.deleted",
      targetType: "event",
      targetId: input.eventId,
      before: { title: snap.title, status: event.status },
    });
    return { ok: true as const };
  });
}

export async function restoreEvent(actor: Actor, eventId: string) {
  const event = await db.event.findUnique({ where: { id: eventId }, select: { workspaceId: true } });
  if (!event) throw notFound("Event");
  await requireAccessFor("Event", actor, event.workspaceId, "trash.manage");
  return db.$transaction(async (tx) => {
    const current = await tx.event.findUniqueOrThrow({
      where: { id: eventId },
      select: { version: true, deletedAt: true },
    });
    const { count } = await tx.event.updateMany({
      where: { id: eventId, version: current.version, deletedAt: { not: null } },
      data: { deletedAt: null, deletedById: null, version: { increment: 1 } },
    });
    if (count === 0) throw conflict("This event is not in the trash.");
    const snap = await currentSnapshot(tx, eventId);
    await recordRevision(tx, actor, {
      workspaceId: event.workspaceId,
      targetType: "event",
      targetId: eventId,
      version: current.version + 1,
      action: "restored",
      snapshot: snap,
    });
    await recordAudit(tx, actor, {
      workspaceId: event.workspaceId,
      action: "event.restored",
      targetType: "event",
      targetId: eventId,
      after: { title: snap.title },
    });
    return { ok: true as const };
  });
}

export async function listTrash(actor: Actor, input: { workspaceId: string; cursor?: string | null; limit: number }) {
  await requireAccess(actor, input.workspaceId, "trash.manage");
  let after: Prisma.EventWhereInput = {};
  if (input.cursor) {
    const [at, id] = decodeCursor(input.cursor, 2);
    const key = decodeDate(at!);
    after = { OR: [{ deletedAt: { lt: key } }, { deletedAt: key, id: { lt: id } }] };
  }
  const rows = await db.event.findMany({
    where: { workspaceId: input.workspaceId, deletedAt: { not: null }, ...after },
    orderBy: [{ deletedAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    select: { ...rowSelect, deletedAt: true, deletedById: true },
  });
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  // Who deleted each one, in one query for the page: an admin deciding on a restore asks that first.
  const deleters = [...new Set(page.flatMap((r) => (r.deletedById ? [r.deletedById] : [])))];
  const names = new Map(
    deleters.length
      ? (await db.user.findMany({ where: { id: { in: deleters } }, select: { id: true, name: true } })).map((u) => [
          u.id,
          u.name,
        ])
      : [],
  );
  return {
    items: page.map((r) => ({
      ...toRow(r),
      deletedAt: r.deletedAt!,
      deletedBy: r.deletedById ? (names.get(r.deletedById) ?? "Former member") : null,
    })),
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.deletedAt!, last.id]) : null,
  };
}
