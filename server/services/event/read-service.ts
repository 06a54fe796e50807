import { db } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";
import { badRequest, notFound } from "../../errors.ts";
import { can } from "../../policy.ts";
import type { Page } from "../../schemas/common.ts";
import { type ListEventsInput } from "../../schemas/event.ts";
import { dateFilterWindow, type DateWindow } from "../../import/date-text.ts";
import { requireAccess } from "../access/index.ts";
import type { Access, Actor } from "../access/index.ts";
import { seesDrafts } from "../access/index.ts";
import { openEvidenceFlagCounts } from "../evidence/index.ts";
import { lensFor, ratingsForEvents, type EventRating } from "../vote/index.ts";
import { decodeCursor, decodeDate, encodeCursor } from "../../lib/cursor.ts";
import { searchTerms } from "../../lib/search-query.ts";
import { loadEventAccess, rowSelect, toRow, visibility, type EventRow, type SelectedRow } from "./event-rows.ts";

export type EventDetail = EventRow & {
  rating: EventRating;
  workspaceId: string;
  deletedAt: Date | null;
  entities: {
    entityId: string;
    role: "ACTOR" | "PLACE" | "OTHER";
    placePrecision: string | null;
    name: string;
    kind: string;
  }[];
  updatedBy: { id: string; name: string };
  /** Whether the caller may move it to the trash (as deleteEvent decides), for the page's button. */
  canDelete: boolean;
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
      revisionAuthorIds: true,
      updatedBy: { select: { id: true, name: true } },
      entities: {
        select: { entityId: true, role: true, placePrecision: true, entity: { select: { name: true, kind: true } } },
        orderBy: [{ role: "asc" }, { entity: { name: "asc" } }],
      },
    },
  });
  return {
    ...toRow(e),
    rating: (await ratingsForEvents([e.id], lensFor(actor, access.role))).get(e.id)!,
    workspaceId: e.workspaceId,
    deletedAt: e.deletedAt,
    updatedBy: e.updatedBy,
    canDelete:
      !e.deletedAt &&
      can(access.role, "event.delete") &&
      (can(access.role, "review.decide") ||
        (e.status !== "PUBLISHED" && (e.createdBy.id === actor.userId || e.revisionAuthorIds.includes(actor.userId)))),
    entities: e.entities.map((l) => ({
      entityId: l.entityId,
      role: l.role,
      placePrecision: l.placePrecision,
      name: l.entity.name,
      kind: l.entity.kind,
    })),
  };
}
/** The date window of a filter, read like a typed date; a 400 naming the field when it is not a date. */
export function filterWindow(input: { from?: string; to?: string; when?: string }): DateWindow | null {
  const read = dateFilterWindow(input);
  if ("unreadable" in read) {
    const label = { from: "start", to: "end", when: "" }[read.unreadable];
    throw badRequest(
      `That ${label ? `${label} ` : ""}date is not one we can read, such as “March 2011” or “2011–2012”.`,
      {
        [read.unreadable]: "Not a date we can read",
      },
    );
  }
  return read.window;
}

function dateFilter(window: DateWindow | null): Prisma.EventWhereInput[] {
  const where: Prisma.EventWhereInput[] = [];
  // A null bound means "open" (before/after), but an undated event has both
  // bounds null and would otherwise match every range; its sort key is null
  // exactly when it has no date at all.
  if (!window) return where;
  where.push({ dateSortKey: { not: null } });
  if (window.start) where.push({ OR: [{ dateLatest: null }, { dateLatest: { gte: window.start } }] });
  if (window.end) where.push({ OR: [{ dateEarliest: null }, { dateEarliest: { lte: window.end } }] });
  return where;
}

/**
 * The chronology: events overlapping the date filter, oldest first by the
 * earliest instant their date can mean (undated last), by keyset cursor.
 */
export async function listEvents(
  actor: Actor,
  input: ListEventsInput,
): Promise<Page<EventRow & { rating: EventRating; evidenceWeakened: number }>> {
  const access = await requireAccess(actor, input.workspaceId, "event.readPublished");
  const { rows: pageRows, nextCursor } = await eventPage(access, input);
  const ids = pageRows.map((r) => r.id);
  const [counts, ratings, weakened] = await Promise.all([
    ids.length
      ? db.citation.groupBy({
          by: ["eventId"],
          where: { eventId: { in: ids }, proposedAdd: false },
          _count: { _all: true },
        })
      : [],
    ratingsForEvents(ids, lensFor(actor, access.role)),
    openEvidenceFlagCounts(ids),
  ]);
  const countOf = new Map(counts.map((c) => [c.eventId, c._count._all]));
  const page = pageRows.map((r) => toRow({ ...r, _count: { citations: countOf.get(r.id) ?? 0 } }));
  return {
    items: page.map((e) => ({
      ...e,
      rating: ratings.get(e.id)!,
      /** Open "evidence weakened" flags: the row's marker (the event page says why). */
      evidenceWeakened: weakened.get(e.id) ?? 0,
    })),
    nextCursor,
  };
}

/**
 * One page of the chronology's rows (or of the most recently changed) as the
 * caller may see them, and the keyset cursor of the next. Shared by the list
 * and the export, so both apply the same filters and the same visibility rule.
 */
export async function eventPage(
  access: Access,
  input: ListEventsInput,
): Promise<{ rows: Omit<SelectedRow, "_count">[]; nextCursor: string | null }> {
  const window = filterWindow(input);
  if (input.status && input.status !== "PUBLISHED" && !seesDrafts(access.role)) {
    return { rows: [], nextCursor: null };
  }
  const and: Prisma.EventWhereInput[] = [
    { workspaceId: input.workspaceId, deletedAt: null },
    visibility(access),
    ...dateFilter(window),
  ];
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
    rows = await chronologicalPage(input, window, and, take, listSelect);
  } else {
    if (input.cursor) {
      const [at, id] = decodeCursor(input.cursor, 2);
      const key = decodeDate(at!);
      and.push({ updatedAt: { lte: key }, OR: [{ updatedAt: { lt: key } }, { id: { lt: id } }] });
    }
    rows = await db.event.findMany({
      where: { AND: and },
      orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
      take,
      select: listSelect,
    });
  }
  const pageRows = rows.slice(0, input.limit);
  const last = pageRows.at(-1);
  const nextCursor =
    rows.length > input.limit && last
      ? chronological
        ? encodeCursor([last.dateSortKey ?? "none", last.id])
        : encodeCursor([last.updatedAt, last.id])
      : null;
  return { rows: pageRows, nextCursor };
}

type ListSelect = Omit<typeof rowSelect, "_count">;

/**
 * The chronology in segments, each read in index order: with a start date,
 * first the events that began before the window but reach into it (found
 * through the span index), then those that begin inside it; without one, all
 * dated events; undated events last. The keyset cursor on (dateSortKey, id)
 * is written so the index can seek to it, and names which segment it is in.
 */
async function chronologicalPage(
  input: ListEventsInput,
  window: DateWindow | null,
  and: Prisma.EventWhereInput[],
  take: number,
  select: ListSelect,
) {
  const fromStart = window?.start ?? null;
  const [at, cursorId] = input.cursor ? decodeCursor(input.cursor, 2) : [null, null];
  const cursorKey = at && at !== "none" ? decodeDate(at) : null;
  const after = (key: Date | null): Prisma.EventWhereInput[] =>
    key ? [{ dateSortKey: { gte: key } }, { OR: [{ dateSortKey: { gt: key } }, { id: { gt: cursorId! } }] }] : [];

  type Segment = {
    name: "span" | "dated" | "undated";
    where: Prisma.EventWhereInput[];
    orderBy: Prisma.EventOrderByWithRelationInput[];
  };
  const segments: Segment[] = [];
  if (fromStart) {
    const spanning = await db.$queryRaw<{ id: string }[]>`
      SELECT id FROM "Event"
      WHERE "workspaceId" = ${input.workspaceId} AND "deletedAt" IS NULL
        AND "dateSpan" @> ${fromStart}::timestamp AND "dateSortKey" < ${fromStart}`;
    segments.push({
      name: "span",
      where: [{ id: { in: spanning.map((r) => r.id) } }, { dateSortKey: { lt: fromStart } }],
      orderBy: [{ dateSortKey: "asc" }, { id: "asc" }],
    });
    segments.push({
      name: "dated",
      where: [{ dateSortKey: { gte: fromStart } }],
      orderBy: [{ dateSortKey: "asc" }, { id: "asc" }],
    });
  } else {
    segments.push({
      name: "dated",
      where: [{ dateSortKey: { not: null } }],
      orderBy: [{ dateSortKey: "asc" }, { id: "asc" }],
    });
    if (!window) segments.push({ name: "undated", where: [{ dateSortKey: null }], orderBy: [{ id: "asc" }] });
  }
  const cursorSegment = !input.cursor
    ? 0
    : at === "none"
      ? segments.findIndex((g) => g.name === "undated")
      : fromStart && cursorKey! < fromStart
        ? 0
        : segments.findIndex((g) => g.name === "dated");

  const rows: Prisma.EventGetPayload<{ select: ListSelect }>[] = [];
  for (let i = Math.max(0, cursorSegment); i < segments.length && rows.length < take; i++) {
    const g = segments[i]!;
    const cursorWhere =
      i !== cursorSegment || !input.cursor ? [] : g.name === "undated" ? [{ id: { gt: cursorId! } }] : after(cursorKey);
    rows.push(
      ...(await db.event.findMany({
        where: { AND: [...and, ...g.where, ...cursorWhere] },
        orderBy: g.orderBy,
        take: take - rows.length,
        select,
      })),
    );
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
