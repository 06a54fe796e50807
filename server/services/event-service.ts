import { db } from "../db/client.ts";
import type { Prisma } from "../db/generated/client.ts";
import { badRequest, conflict, forbidden, notFound } from "../errors.ts";
import { can } from "../policy.ts";
import type { Page } from "../schemas/common.ts";
import {
  eventFieldsSchema,
  type CreateEventInput,
  type EventStatus,
  type EventFields,
  type ListEventsInput,
  type UpdateEventInput,
} from "../schemas/event.ts";
import { earliestInstant, formatEventDate, latestInstant, parseDateFilter, type EventDate } from "../schemas/partial-date.ts";
import { requireAccess, type Access } from "./access.ts";
import type { Actor } from "./actor.ts";
import { recordAudit } from "./audit.ts";
import { ratingsForEvents, type EventRating } from "./rating-service.ts";
import { decodeCursor, decodeDate, encodeCursor } from "./cursor.ts";
import { dateColumnSelect, fromDateColumns, toDateColumns } from "./event-date-columns.ts";
import { getRevision, recordRevision } from "./revision-service.ts";
import { searchTerms } from "./search-query.ts";

export type { EventStatus } from "../schemas/event.ts";

export type EventRow = {
  id: string;
  title: string;
  summary: string;
  status: EventStatus;
  date: EventDate | null;
  dateText: string;
  dateSortKey: Date | null;
  tags: string[];
  citationCount: number;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  createdBy: { id: string; name: string };
};

const rowSelect = {
  id: true,
  title: true,
  summary: true,
  status: true,
  tags: true,
  createdAt: true,
  updatedAt: true,
  version: true,
  dateSortKey: true,
  ...dateColumnSelect,
  createdBy: { select: { id: true, name: true } },
  // The published evidence: a proposed addition counts once approved.
  _count: { select: { citations: { where: { proposedAdd: false } } } },
} satisfies Prisma.EventSelect;

type SelectedRow = Prisma.EventGetPayload<{ select: typeof rowSelect }>;

function toRow(e: SelectedRow): EventRow {
  const date = fromDateColumns(e);
  return {
    id: e.id,
    title: e.title,
    summary: e.summary,
    status: e.status,
    date,
    dateText: date ? formatEventDate(date) : "Undated",
    dateSortKey: e.dateSortKey,
    tags: e.tags,
    citationCount: e._count.citations,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    version: e.version,
    createdBy: e.createdBy,
  };
}

/** What a revision stores: every editable field, so any version can be shown, diffed and restored. */
export type EventSnapshot = EventFields & { status: EventStatus };

/** Viewers see published events only; the rule lives in the query itself. */
function visibility(access: Access): Prisma.EventWhereInput {
  return can(access.role, "event.readDrafts") ? {} : { status: "PUBLISHED" };
}

async function loadEventAccess(actor: Actor, eventId: string, permission: Parameters<typeof requireAccess>[2]) {
  const event = await db.event.findUnique({ where: { id: eventId }, select: { workspaceId: true, status: true, deletedAt: true } });
  if (!event) throw notFound("Event");
  const access = await requireAccess(actor, event.workspaceId, permission);
  if (!can(access.role, "event.readDrafts") && event.status !== "PUBLISHED") throw notFound("Event");
  return { event, access };
}

/** Entities must belong to the same workspace and not have been merged away. */
async function checkEntities(tx: Prisma.TransactionClient, workspaceId: string, fields: EventFields) {
  const ids = [...new Set(fields.entities.map((e) => e.entityId))];
  if (ids.length === 0) return;
  const found = await tx.entity.findMany({ where: { id: { in: ids }, workspaceId, mergedIntoId: null }, select: { id: true } });
  if (found.length !== ids.length) throw badRequest("One of the linked entities does not exist in this workspace.");
}

function entityRows(fields: EventFields) {
  const seen = new Set<string>();
  return fields.entities
    .filter((e) => {
      const key = `${e.entityId}|${e.role}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((e) => ({ entityId: e.entityId, role: e.role, placePrecision: e.role === "PLACE" ? (e.placePrecision ?? null) : null }));
}

function normaliseTags(tags: string[]): string[] {
  return [...new Set(tags.map((t) => t.trim()).filter(Boolean))];
}

function snapshotOf(fields: EventFields, status: EventStatus): EventSnapshot {
  return { ...fields, tags: normaliseTags(fields.tags), entities: entityRows(fields), status };
}

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
export async function insertEvent(tx: Prisma.TransactionClient, actor: Actor, workspaceId: string, fields: EventFields): Promise<EventRow> {
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
  await recordRevision(tx, actor, { workspaceId, targetType: "event", targetId: event.id, version: 1, action: "created", snapshot });
  await recordAudit(tx, actor, {
    workspaceId,
    action: "event.created",
    targetType: "event",
    targetId: event.id,
    after: { title: event.title, date: formatEventDate(fields.date), status: event.status },
  });
  return toRow(event);
}

/** The current state of an event in the shape its form edits. */
async function currentSnapshot(tx: Prisma.TransactionClient, eventId: string): Promise<EventSnapshot & { version: number; workspaceId: string }> {
  const e = await tx.event.findUniqueOrThrow({
    where: { id: eventId },
    select: {
      workspaceId: true,
      version: true,
      title: true,
      summary: true,
      status: true,
      tags: true,
      ...dateColumnSelect,
      entities: { select: { entityId: true, role: true, placePrecision: true }, orderBy: [{ role: "asc" }, { entityId: "asc" }] },
    },
  });
  return {
    workspaceId: e.workspaceId,
    version: e.version,
    title: e.title,
    summary: e.summary,
    status: e.status,
    tags: e.tags,
    date: fromDateColumns(e) ?? { start: { year: 1 }, end: null, qualifier: "EXACT" },
    entities: e.entities,
  };
}

function changedFields(before: EventSnapshot, after: EventSnapshot) {
  const keys = (["title", "summary", "date", "tags", "entities"] as const).filter(
    (k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]),
  );
  return {
    before: Object.fromEntries(keys.map((k) => [k, before[k]])) as Prisma.InputJsonValue,
    after: Object.fromEntries(keys.map((k) => [k, after[k]])) as Prisma.InputJsonValue,
    keys,
  };
}

const STALE = "Someone else saved this event after you opened it. Compare their version with yours and merge.";

/**
 * Saves an edit only if it is based on the current version; otherwise CONFLICT,
 * and nothing is overwritten. The guarded update makes two simultaneous saves
 * of the same version end with exactly one winner.
 */
async function applyUpdate(actor: Actor, eventId: string, version: number, fields: EventFields, action: string) {
  const { event } = await loadEventAccess(actor, eventId, "event.edit");
  if (event.deletedAt) throw conflict("This event is in the trash. Restore it before editing.");
  return db.$transaction(async (tx) => {
    await checkEntities(tx, event.workspaceId, fields);
    // Serialises with review decisions on this event, so an edit cannot slip in mid-decision.
    await tx.$queryRaw`SELECT id FROM "Event" WHERE id = ${eventId} FOR UPDATE`;
    const state = await tx.event.findUniqueOrThrow({ where: { id: eventId }, select: { status: true, version: true, proposal: { select: { status: true, version: true } } } });
    if (state.status === "PENDING") throw conflict("This event is waiting for review. Withdraw the submission to edit it.");
    if (state.status === "PUBLISHED") return proposeChange(tx, actor, { id: eventId, workspaceId: event.workspaceId, version: state.version, proposal: state.proposal }, version, fields, action);
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
    await recordRevision(tx, actor, { workspaceId: event.workspaceId, targetType: "event", targetId: eventId, version: version + 1, action, snapshot: after });
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
  });
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
  event: { id: string; workspaceId: string; version: number; proposal: { status: EventStatus; version: number } | null },
  version: number,
  fields: EventFields,
  action: string,
): Promise<EventRow> {
  if (event.proposal?.status === "PENDING") throw conflict("A change to this event is waiting for review. Withdraw it to edit again.");
  const expected = event.proposal?.version ?? event.version;
  if (version !== expected) throw conflict(STALE);
  const snapshot = snapshotOf(fields, "PUBLISHED");
  // What this edit changes: the proposal so far, or the published event when it starts one.
  const previous = event.proposal
    ? ((await tx.eventProposal.findUniqueOrThrow({ where: { eventId: event.id }, select: { snapshot: true } })).snapshot as EventSnapshot)
    : await currentSnapshot(tx, event.id);
  if (event.proposal) {
    const { count } = await tx.eventProposal.updateMany({
      where: { eventId: event.id, version: expected },
      data: { snapshot, version: expected + 1, authorIds: { push: actor.userId }, status: event.proposal.status === "REJECTED" ? "DRAFT" : event.proposal.status },
    });
    if (count === 0) throw conflict(STALE);
  } else {
    await tx.eventProposal.create({ data: { eventId: event.id, workspaceId: event.workspaceId, snapshot, version: expected + 1, authorIds: [actor.userId] } });
  }
  await recordRevision(tx, actor, { workspaceId: event.workspaceId, targetType: "event", targetId: event.id, version: expected + 1, action: action === "restored_version" ? "proposed_restore" : "proposed_change", snapshot });
  const diff = changedFields(previous, snapshot);
  await recordAudit(tx, actor, { workspaceId: event.workspaceId, action: "event.change_proposed", targetType: "event", targetId: event.id, before: diff.before, after: diff.after });
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
export async function joinProposal(tx: Prisma.TransactionClient, actor: Actor, event: { id: string; workspaceId: string; version: number }) {
  const proposal = await tx.eventProposal.findUnique({ where: { eventId: event.id }, select: { status: true, authorIds: true } });
  if (!proposal) {
    const { version: _v, workspaceId: _w, ...fields } = await currentSnapshot(tx, event.id);
    await tx.eventProposal.create({ data: { eventId: event.id, workspaceId: event.workspaceId, snapshot: { ...fields, status: "PUBLISHED" }, version: event.version, authorIds: [actor.userId] } });
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
export async function restoreEventVersion(actor: Actor, input: { eventId: string; revisionId: string; version: number }): Promise<EventRow> {
  const { event } = await loadEventAccess(actor, input.eventId, "event.edit");
  const revision = await getRevision(event.workspaceId, "event", input.eventId, input.revisionId);
  const parsed = eventFieldsSchema.safeParse(revision.snapshot);
  if (!parsed.success) throw badRequest("That version cannot be restored.");
  return applyUpdate(actor, input.eventId, input.version, parsed.data, "restored_version");
}

export type EventDetail = EventRow & {
  rating: EventRating;
  workspaceId: string;
  deletedAt: Date | null;
  entities: { entityId: string; role: "ACTOR" | "PLACE" | "OTHER"; placePrecision: string | null; name: string; kind: string }[];
  updatedBy: { id: string; name: string };
};

export async function getEvent(actor: Actor, eventId: string): Promise<EventDetail> {
  const { event, access } = await loadEventAccess(actor, eventId, "event.readPublished");
  if (event.deletedAt && !can(access.role, "trash.manage")) throw notFound("Event");
  const e = await db.event.findFirstOrThrow({
    where: { id: eventId, workspaceId: event.workspaceId, ...visibility(access) },
    select: {
      ...rowSelect,
      workspaceId: true,
      deletedAt: true,
      updatedBy: { select: { id: true, name: true } },
      entities: {
        select: { entityId: true, role: true, placePrecision: true, entity: { select: { name: true, kind: true } } },
        orderBy: [{ role: "asc" }, { entity: { name: "asc" } }],
      },
    },
  });
  return {
    ...toRow(e),
    rating: (await ratingsForEvents([e.id])).get(e.id)!,
    workspaceId: e.workspaceId,
    deletedAt: e.deletedAt,
    updatedBy: e.updatedBy,
    entities: e.entities.map((l) => ({ entityId: l.entityId, role: l.role, placePrecision: l.placePrecision, name: l.entity.name, kind: l.entity.kind })),
  };
}

/** The event as its edit form needs it, with the version the edit is based on. */
export async function getEventForEdit(actor: Actor, eventId: string) {
  const { event } = await loadEventAccess(actor, eventId, "event.edit");
  if (event.deletedAt) throw notFound("Event");
  const current = await db.$transaction((tx) => currentSnapshot(tx, eventId));
  // A published event is edited through its proposal: the form starts from the proposal when there is one.
  const proposal = await db.eventProposal.findUnique({ where: { eventId }, select: { snapshot: true, version: true, status: true } });
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

function dateFilter(input: ListEventsInput): Prisma.EventWhereInput[] {
  const where: Prisma.EventWhereInput[] = [];
  // A null bound means "open" (before/after), but an undated event has both
  // bounds null and would otherwise match every range; its sort key is null
  // exactly when it has no date at all.
  if (input.from || input.to) where.push({ dateSortKey: { not: null } });
  if (input.from) {
    const d = parseDateFilter(input.from);
    if (!d) throw badRequest("That start date is not a real date.", { from: "Not a real date" });
    where.push({ OR: [{ dateLatest: null }, { dateLatest: { gte: earliestInstant(d) } }] });
  }
  if (input.to) {
    const d = parseDateFilter(input.to);
    if (!d) throw badRequest("That end date is not a real date.", { to: "Not a real date" });
    where.push({ OR: [{ dateEarliest: null }, { dateEarliest: { lte: latestInstant(d) } }] });
  }
  return where;
}

/**
 * The chronology: events overlapping the date filter, oldest first by the
 * earliest instant their date can mean (undated last), by keyset cursor.
 */
export async function listEvents(actor: Actor, input: ListEventsInput): Promise<Page<EventRow & { rating: EventRating }>> {
  const access = await requireAccess(actor, input.workspaceId, "event.readPublished");
  if (input.status && input.status !== "PUBLISHED" && !can(access.role, "event.readDrafts")) {
    return { items: [], nextCursor: null };
  }
  const and: Prisma.EventWhereInput[] = [{ workspaceId: input.workspaceId, deletedAt: null }, visibility(access), ...dateFilter(input)];
  if (input.status) and.push({ status: input.status });
  if (input.tag) and.push({ tags: { has: input.tag } });
  if (input.entityId) and.push({ entities: { some: { entityId: input.entityId } } });
  if (input.hasCitation === "yes") and.push({ citations: { some: { proposedAdd: false } } });
  if (input.hasCitation === "no") and.push({ citations: { none: { proposedAdd: false } } });
  if (input.text) {
    const ids = await matchingEventIds(input.workspaceId, input.text);
    and.push({ id: { in: ids } });
  }

  const chronological = input.order === "chronological";
  const take = input.limit + 1;
  // No per-row citation count in the list query: Prisma would aggregate every
  // citation of the table and lose the date index. The page's counts come after.
  const { _count: _unused, ...listSelect } = rowSelect;
  let rows: Omit<SelectedRow, "_count">[];
  if (chronological) {
    rows = await chronologicalPage(input, and, take, listSelect);
  } else {
    if (input.cursor) {
      const [at, id] = decodeCursor(input.cursor, 2);
      const key = decodeDate(at!);
      and.push({ updatedAt: { lte: key }, OR: [{ updatedAt: { lt: key } }, { id: { lt: id } }] });
    }
    rows = await db.event.findMany({ where: { AND: and }, orderBy: [{ updatedAt: "desc" }, { id: "desc" }], take, select: listSelect });
  }
  const pageRows = rows.slice(0, input.limit);
  const ids = pageRows.map((r) => r.id);
  const [counts, ratings] = await Promise.all([
    ids.length ? db.citation.groupBy({ by: ["eventId"], where: { eventId: { in: ids }, proposedAdd: false }, _count: { _all: true } }) : [],
    ratingsForEvents(ids),
  ]);
  const countOf = new Map(counts.map((c) => [c.eventId, c._count._all]));
  const page = pageRows.map((r) => toRow({ ...r, _count: { citations: countOf.get(r.id) ?? 0 } }));
  const last = page.at(-1);
  const nextCursor =
    rows.length > input.limit && last
      ? chronological
        ? encodeCursor([last.dateSortKey ?? "none", last.id])
        : encodeCursor([last.updatedAt, last.id])
      : null;
  return { items: page.map((e) => ({ ...e, rating: ratings.get(e.id)! })), nextCursor };
}

type ListSelect = Omit<typeof rowSelect, "_count">;

/**
 * The chronology in segments, each read in index order: with a start date,
 * first the events that began before the window but reach into it (found
 * through the span index), then those that begin inside it; without one, all
 * dated events; undated events last. The keyset cursor on (dateSortKey, id)
 * is written so the index can seek to it, and names which segment it is in.
 */
async function chronologicalPage(input: ListEventsInput, and: Prisma.EventWhereInput[], take: number, select: ListSelect) {
  const fromDate = input.from ? parseDateFilter(input.from) : null;
  const fromStart = fromDate ? earliestInstant(fromDate) : null;
  const [at, cursorId] = input.cursor ? decodeCursor(input.cursor, 2) : [null, null];
  const cursorKey = at && at !== "none" ? decodeDate(at) : null;
  const after = (key: Date | null): Prisma.EventWhereInput[] =>
    key ? [{ dateSortKey: { gte: key } }, { OR: [{ dateSortKey: { gt: key } }, { id: { gt: cursorId! } }] }] : [];

  type Segment = { name: "span" | "dated" | "undated"; where: Prisma.EventWhereInput[]; orderBy: Prisma.EventOrderByWithRelationInput[] };
  const segments: Segment[] = [];
  if (fromStart) {
    const spanning = await db.$queryRaw<{ id: string }[]>`
      SELECT id FROM "Event"
      WHERE "workspaceId" = ${input.workspaceId} AND "deletedAt" IS NULL
        AND "dateSpan" @> ${fromStart}::timestamp AND "dateSortKey" < ${fromStart}`;
    segments.push({ name: "span", where: [{ id: { in: spanning.map((r) => r.id) } }, { dateSortKey: { lt: fromStart } }], orderBy: [{ dateSortKey: "asc" }, { id: "asc" }] });
    segments.push({ name: "dated", where: [{ dateSortKey: { gte: fromStart } }], orderBy: [{ dateSortKey: "asc" }, { id: "asc" }] });
  } else {
    segments.push({ name: "dated", where: [{ dateSortKey: { not: null } }], orderBy: [{ dateSortKey: "asc" }, { id: "asc" }] });
    if (!input.to) segments.push({ name: "undated", where: [{ dateSortKey: null }], orderBy: [{ id: "asc" }] });
  }
  const cursorSegment = !input.cursor ? 0 : at === "none" ? segments.findIndex((g) => g.name === "undated") : fromStart && cursorKey! < fromStart ? 0 : segments.findIndex((g) => g.name === "dated");

  const rows: Prisma.EventGetPayload<{ select: ListSelect }>[] = [];
  for (let i = Math.max(0, cursorSegment); i < segments.length && rows.length < take; i++) {
    const g = segments[i]!;
    const cursorWhere = i !== cursorSegment || !input.cursor ? [] : g.name === "undated" ? [{ id: { gt: cursorId! } }] : after(cursorKey);
    rows.push(...(await db.event.findMany({ where: { AND: [...and, ...g.where, ...cursorWhere] }, orderBy: g.orderBy, take: take - rows.length, select })));
  }
  return rows;
}

/** Event ids whose title or summary match the words (stemmed, and as typed), capped for the filter. */
async function matchingEventIds(workspaceId: string, text: string): Promise<string[]> {
  const terms = searchTerms(text);
  if (!terms) return [];
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Event"
    WHERE "workspaceId" = ${workspaceId} AND "deletedAt" IS NULL
      AND search @@ (to_tsquery('english', ${terms.stemmed}) || to_tsquery('simple', ${terms.typed}))
    LIMIT 5000`;
  return rows.map((r) => r.id);
}

/**
 * Moves an event to the trash. A published event is what readers rely on, so
 * taking it away is a reviewer's or an admin's decision, not something an
 * analyst (its author, say) does alone; drafts are their authors' to delete.
 * The trash keeps it restorable by admins, and the audit log says who did it.
 */
export async function deleteEvent(actor: Actor, input: { eventId: string; version: number }) {
  const { event, access } = await loadEventAccess(actor, input.eventId, "event.delete");
  if (event.status === "PUBLISHED" && !can(access.role, "review.decide")) {
    throw forbidden("Only reviewers and admins can delete a published event. Ask one of them, or propose a change instead.");
  }
  return db.$transaction(async (tx) => {
    const { count } = await tx.event.updateMany({
      where: { id: input.eventId, version: input.version, deletedAt: null },
      data: { deletedAt: new Date(), deletedById: actor.userId, version: { increment: 1 } },
    });
    if (count === 0) throw conflict("This event changed or was deleted in the meantime. Reload to see its current state.");
    const snap = await currentSnapshot(tx, input.eventId);
    await recordRevision(tx, actor, { workspaceId: event.workspaceId, targetType: "event", targetId: input.eventId, version: input.version + 1, action: "deleted", snapshot: snap });
    await recordAudit(tx, actor, { workspaceId: event.workspaceId, action: "event.deleted", targetType: "event", targetId: input.eventId, before: { title: snap.title } });
    return { ok: true as const };
  });
}

export async function restoreEvent(actor: Actor, eventId: string) {
  const event = await db.event.findUnique({ where: { id: eventId }, select: { workspaceId: true } });
  if (!event) throw notFound("Event");
  await requireAccess(actor, event.workspaceId, "trash.manage");
  return db.$transaction(async (tx) => {
    const current = await tx.event.findUniqueOrThrow({ where: { id: eventId }, select: { version: true, deletedAt: true } });
    const { count } = await tx.event.updateMany({
      where: { id: eventId, version: current.version, deletedAt: { not: null } },
      data: { deletedAt: null, deletedById: null, version: { increment: 1 } },
    });
    if (count === 0) throw conflict("This event is not in the trash.");
    const snap = await currentSnapshot(tx, eventId);
    await recordRevision(tx, actor, { workspaceId: event.workspaceId, targetType: "event", targetId: eventId, version: current.version + 1, action: "restored", snapshot: snap });
    await recordAudit(tx, actor, { workspaceId: event.workspaceId, action: "event.restored", targetType: "event", targetId: eventId, after: { title: snap.title } });
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
    select: { ...rowSelect, deletedAt: true },
  });
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({ ...toRow(r), deletedAt: r.deletedAt! })),
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.deletedAt!, last.id]) : null,
  };
}
