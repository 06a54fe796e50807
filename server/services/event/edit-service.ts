import { db } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";
import { badRequest, conflict, notFound } from "../../errors.ts";
import {
  eventFieldsSchema,
  type CreateEventInput,
  type EventStatus,
  type EventFields,
  type UpdateEventInput,
} from "../../schemas/event.ts";
import { formatEventDate } from "../../schemas/partial-date.ts";
import { requireAccess } from "../access/index.ts";
import type { Actor } from "../access/index.ts";
import { recordAudit } from "../audit/index.ts";
import { toDateColumns } from "../../lib/event-date-columns.ts";
import { getRevision, recordRevision } from "../history/index.ts";
import {
  changedFields,
  checkEntities,
  currentSnapshot,
  entityRows,
  loadEventAccess,
  normaliseTags,
  rowSelect,
  snapshotOf,
  STALE,
  toRow,
  type EventRow,
} from "./event-rows.ts";

export async function createEvent(actor: Actor, input: CreateEventInput): Promise<EventRow> {
  const fields = eventFieldsSchema.parse(input);
  await requireAccess(actor, input.workspaceId, "event.create");
  return db.$transaction((tx) => insertEvent(tx, actor, input.workspaceId, fields));
}

/**
 * Creates a draft with its first revision and audit row inside the caller's
 * transaction, so a caller that creates more alongside it (a citation from the
 * reader) either commits everything or leaves nothing behind. The caller has
 * checked the actor's access to the workspace.
 */
export async function insertEvent(
  tx: Prisma.TransactionClient,
  actor: Actor,
  workspaceId: string,
  fields: EventFields,
): Promise<EventRow> {
  await checkEntities(tx, workspaceId, fields);
  const event = await tx.event.create({
    data: {
      workspaceId,
      title: fields.title,
      summary: fields.summary,
      tags: normaliseTags(fields.tags),
      ...toDateColumns(fields.date),
      status: "DRAFT",
      revisionAuthorIds: [actor.userId],
      createdById: actor.userId,
      updatedById: actor.userId,
      entities: { create: entityRows(fields) },
    },
    select: rowSelect,
  });
  const snapshot = snapshotOf(fields, "DRAFT");
  await recordRevision(tx, actor, {
    workspaceId,
    targetType: "event",
    targetId: event.id,
    version: 1,
    action: "created",
    snapshot,
  });
  await recordAudit(tx, actor, {
    workspaceId,
    action: "event.created",
    targetType: "event",
    targetId: event.id,
    after: { title: event.title, date: formatEventDate(fields.date), status: event.status },
  });
  return toRow(event);
}
/**
 * Saves an edit only if it is based on the current version; otherwise CONFLICT,
 * and nothing is overwritten. The guarded update makes two simultaneous saves
 * of the same version end with exactly one winner.
 */
async function applyUpdate(actor: Actor, eventId: string, version: number, fields: EventFields, action: string) {
  const { event } = await loadEventAccess(actor, eventId, "event.edit");
  if (event.deletedAt) throw conflict("This event is in the trash. Restore it before editing.");
  return db.$transaction((tx) =>
    updateEventInTx(tx, actor, { id: eventId, workspaceId: event.workspaceId }, version, fields, action),
  );
}

/**
 * An edit inside the caller's transaction (an accepted import that updates the
 * event writes its citations alongside). The caller has checked the actor may
 * edit the event. version: the version the change is based on; null for the
 * current one (of the event, or of its proposal), which the caller has checked
 * by other means.
 */
export async function updateEventInTx(
  tx: Prisma.TransactionClient,
  actor: Actor,
  event: { id: string; workspaceId: string },
  baseVersion: number | null,
  fields: EventFields,
  action: string,
): Promise<EventRow> {
  const eventId = event.id;
  await checkEntities(tx, event.workspaceId, fields);
  // Serialises with review decisions on this event, so an edit cannot slip in mid-decision.
  await tx.$queryRaw`SELECT id FROM "Event" WHERE id = ${eventId} FOR UPDATE`;
  const state = await tx.event.findUniqueOrThrow({
    where: { id: eventId },
    select: { status: true, version: true, proposal: { select: { status: true, version: true } } },
  });
  if (state.status === "PENDING")
    throw conflict("This event is waiting for review. Withdraw the submission to edit it.");
  const version = baseVersion ?? state.proposal?.version ?? state.version;
  if (state.status === "PUBLISHED")
    return proposeChange(
      tx,
      actor,
      { id: eventId, workspaceId: event.workspaceId, version: state.version, proposal: state.proposal },
      version,
      fields,
      action,
    );
  const before = await currentSnapshot(tx, eventId);
  const { count } = await tx.event.updateMany({
    where: { id: eventId, version, deletedAt: null },
    data: {
      title: fields.title,
      summary: fields.summary,
      tags: normaliseTags(fields.tags),
      ...toDateColumns(fields.date),
      updatedById: actor.userId,
      revisionAuthorIds: { push: actor.userId },
      version: { increment: 1 },
    },
  });
  if (count === 0) throw conflict(STALE);
  await tx.eventEntity.deleteMany({ where: { eventId } });
  const links = entityRows(fields);
  if (links.length) await tx.eventEntity.createMany({ data: links.map((l) => ({ ...l, eventId })) });
  const after = snapshotOf(fields, before.status);
  await recordRevision(tx, actor, {
    workspaceId: event.workspaceId,
    targetType: "event",
    targetId: eventId,
    version: version + 1,
    action,
    snapshot: after,
  });
  const diff = changedFields(before, after);
  await recordAudit(tx, actor, {
    workspaceId: event.workspaceId,
    action: action === "restored_version" ? "event.version_restored" : "event.updated",
    targetType: "event",
    targetId: eventId,
    before: diff.before,
    after: diff.after,
  });
  const row = await tx.event.findUniqueOrThrow({ where: { id: eventId }, select: rowSelect });
  return toRow(row);
}

/**
 * Editing a published event changes nothing that viewers see: the edit goes
 * into the event's proposal, which is reviewed like a new event and applied
 * on approval. Versions continue the event's numbering, so a save based on
 * the published version after someone started a proposal is stale.
 */
async function proposeChange(
  tx: Prisma.TransactionClient,
  actor: Actor,
  event: {
    id: string;
    workspaceId: string;
    version: number;
    proposal: { status: EventStatus; version: number } | null;
  },
  version: number,
  fields: EventFields,
  action: string,
): Promise<EventRow> {
  if (event.proposal?.status === "PENDING")
    throw conflict("A change to this event is waiting for review. Withdraw it to edit again.");
  const expected = event.proposal?.version ?? event.version;
  if (version !== expected) throw conflict(STALE);
  const snapshot = snapshotOf(fields, "PUBLISHED");
  // What this edit changes: the proposal so far, or the published event when it starts one.
  const previous = event.proposal
    ? {
        ...eventFieldsSchema.parse(
          (await tx.eventProposal.findUniqueOrThrow({ where: { eventId: event.id }, select: { snapshot: true } }))
            .snapshot,
        ),
        status: "PUBLISHED" as const,
      }
    : await currentSnapshot(tx, event.id);
  if (event.proposal) {
    const { count } = await tx.eventProposal.updateMany({
      where: { eventId: event.id, version: expected },
      data: {
        snapshot,
        version: expected + 1,
        authorIds: { push: actor.userId },
        status: event.proposal.status === "REJECTED" ? "DRAFT" : event.proposal.status,
      },
    });
    if (count === 0) throw conflict(STALE);
  } else {
    await tx.eventProposal.create({
      data: {
        eventId: event.id,
        workspaceId: event.workspaceId,
        snapshot,
        version: expected + 1,
        authorIds: [actor.userId],
      },
    });
  }
  await recordRevision(tx, actor, {
    workspaceId: event.workspaceId,
    targetType: "event",
    targetId: event.id,
    version: expected + 1,
    action: action === "restored_version" ? "proposed_restore" : "proposed_change",
    snapshot,
  });
  const diff = changedFields(previous, snapshot);
  await recordAudit(tx, actor, {
    workspaceId: event.workspaceId,
    action: "event.change_proposed",
    targetType: "event",
    targetId: event.id,
    before: diff.before,
    after: diff.after,
  });
  const row = await tx.event.findUniqueOrThrow({ where: { id: event.id }, select: rowSelect });
  return toRow(row);
}

/**
 * Makes sure a published event has a proposal with the actor among its
 * authors, for changes that are not edits of its fields (its citations): they
 * join the proposal and go through review with it. A new proposal starts from
 * the published fields at the published version, so an edit form opened
 * before stays valid. The caller holds the event's row lock and has checked
 * that no proposal is waiting for review.
 */
export async function joinProposal(
  tx: Prisma.TransactionClient,
  actor: Actor,
  event: { id: string; workspaceId: string; version: number },
) {
  const proposal = await tx.eventProposal.findUnique({
    where: { eventId: event.id },
    select: { status: true, authorIds: true },
  });
  if (!proposal) {
    const { version: _v, workspaceId: _w, ...fields } = await currentSnapshot(tx, event.id);
    await tx.eventProposal.create({
      data: {
        eventId: event.id,
        workspaceId: event.workspaceId,
        snapshot: { ...fields, status: "PUBLISHED" },
        version: event.version,
        authorIds: [actor.userId],
      },
    });
    return;
  }
  await tx.eventProposal.update({
    where: { eventId: event.id },
    data: {
      ...(proposal.authorIds.includes(actor.userId) ? {} : { authorIds: { push: actor.userId } }),
      // As for an edit: working on a rejected proposal reopens it.
      ...(proposal.status === "REJECTED" ? { status: "DRAFT" as const } : {}),
    },
  });
}

export async function updateEvent(actor: Actor, input: UpdateEventInput): Promise<EventRow> {
  const fields = eventFieldsSchema.parse(input);
  return applyUpdate(actor, input.eventId, input.version, fields, "updated");
}

/** Restoring an older version is itself a new change, based on the current version. */
export async function restoreEventVersion(
  actor: Actor,
  input: { eventId: string; revisionId: string; version: number },
): Promise<EventRow> {
  const { event } = await loadEventAccess(actor, input.eventId, "event.edit");
  const revision = await getRevision(event.workspaceId, "event", input.eventId, input.revisionId);
  const parsed = eventFieldsSchema.safeParse(revision.snapshot);
  if (!parsed.success) throw badRequest("That version cannot be restored.");
  return applyUpdate(actor, input.eventId, input.version, parsed.data, "restored_version");
}
/** The event as its edit form needs it, with the version the edit is based on. */
export async function getEventForEdit(actor: Actor, eventId: string) {
  const { event } = await loadEventAccess(actor, eventId, "event.edit");
  if (event.deletedAt) throw notFound("Event");
  const current = await db.$transaction((tx) => currentSnapshot(tx, eventId));
  // A published event is edited through its proposal: the form starts from the proposal when there is one.
  const proposal = await db.eventProposal.findUnique({
    where: { eventId },
    select: { snapshot: true, version: true, status: true },
  });
  const parsed = proposal ? eventFieldsSchema.safeParse(proposal.snapshot) : null;
  const snap = proposal && parsed?.success ? { ...current, ...parsed.data, version: proposal.version } : current;
  const names = await db.entity.findMany({
    where: { id: { in: snap.entities.map((e) => e.entityId) }, workspaceId: snap.workspaceId },
    select: { id: true, name: true, kind: true },
  });
  return {
    ...snap,
    eventId,
    /** What saving does: change the draft itself, or propose a change to the published event. */
    editing: current.status === "PUBLISHED" ? ("proposal" as const) : ("event" as const),
    locked: current.status === "PENDING" || proposal?.status === "PENDING",
    entityNames: Object.fromEntries(names.map((n) => [n.id, { name: n.name, kind: n.kind }])),
  };
}
