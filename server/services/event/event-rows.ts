import { db } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";
import { badRequest, notFound } from "../../errors.ts";
import { type EventStatus, type EventFields } from "../../schemas/event.ts";
import { formatEventDate, type EventDate } from "../../schemas/partial-date.ts";
import { requireAccessFor, type Access } from "../access/index.ts";
import type { Actor } from "../access/index.ts";
import { requireEventVisible, visibleEvents } from "../access/index.ts";
import { dateColumnSelect, fromDateColumns } from "../../lib/event-date-columns.ts";

export type { EventStatus } from "../../schemas/event.ts";

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

export const rowSelect = {
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

export type SelectedRow = Prisma.EventGetPayload<{ select: typeof rowSelect }>;

export function toRow(e: SelectedRow): EventRow {
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
export function visibility(access: Access): Prisma.EventWhereInput {
  return visibleEvents(access.role);
}

export async function loadEventAccess(
  actor: Actor,
  eventId: string,
  permission: Parameters<typeof requireAccessFor>[3],
) {
  const event = await db.event.findUnique({
    where: { id: eventId },
    select: { workspaceId: true, status: true, deletedAt: true },
  });
  if (!event) throw notFound("Event");
  const access = await requireAccessFor("Event", actor, event.workspaceId, permission);
  requireEventVisible(access.role, event.status);
  return { event, access };
}

/** Entities must belong to the same workspace and not have been merged away. */
export async function checkEntities(tx: Prisma.TransactionClient, workspaceId: string, fields: EventFields) {
  const ids = [...new Set(fields.entities.map((e) => e.entityId))];
  if (ids.length === 0) return;
  const found = await tx.entity.findMany({
    where: { id: { in: ids }, workspaceId, mergedIntoId: null },
    select: { id: true },
  });
  if (found.length !== ids.length) throw badRequest("One of the linked entities does not exist in this workspace.");
}

export function entityRows(fields: EventFields) {
  const seen = new Set<string>();
  return fields.entities
    .filter((e) => {
      const key = `${e.entityId}|${e.role}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((e) => ({
      entityId: e.entityId,
      role: e.role,
      placePrecision: e.role === "PLACE" ? (e.placePrecision ?? null) : null,
    }));
}

export function normaliseTags(tags: string[]): string[] {
  return [...new Set(tags.map((t) => t.trim()).filter(Boolean))];
}

export function snapshotOf(fields: EventFields, status: EventStatus): EventSnapshot {
  return { ...fields, tags: normaliseTags(fields.tags), entities: entityRows(fields), status };
}
/** The current state of an event in the shape its form edits. */
export async function currentSnapshot(
  tx: Prisma.TransactionClient,
  eventId: string,
): Promise<EventSnapshot & { version: number; workspaceId: string }> {
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
      entities: {
        select: { entityId: true, role: true, placePrecision: true },
        orderBy: [{ role: "asc" }, { entityId: "asc" }],
      },
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

export function changedFields(before: EventSnapshot, after: EventSnapshot) {
  const keys = (["title", "summary", "date", "tags", "entities"] as const).filter(
    (k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]),
  );
  return {
    before: Object.fromEntries(keys.map((k) => [k, before[k]])) as Prisma.InputJsonValue,
    after: Object.fromEntries(keys.map((k) => [k, after[k]])) as Prisma.InputJsonValue,
    keys,
  };
}

export const STALE = "Someone else saved this event after you opened it. Compare their version with yours and merge.";
