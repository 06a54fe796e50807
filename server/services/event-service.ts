import { db } from "../db/client.ts";
import type { Prisma } from "../db/generated/client.ts";
import type { Page } from "../schemas/common.ts";
import type { CreateEventInput, ListEventsInput } from "../schemas/event.ts";
import { requireAccess } from "./access.ts";
import type { Actor } from "./actor.ts";
import { recordAudit } from "./audit.ts";
import { decodeCursor, decodeDate, encodeCursor } from "./cursor.ts";
import { can } from "../policy.ts";

export type EventRow = {
  id: string;
  title: string;
  summary: string;
  status: "DRAFT" | "PENDING" | "PUBLISHED" | "REJECTED";
  createdAt: Date;
  updatedAt: Date;
  version: number;
  createdBy: { id: string; name: string };
};

const eventSelect = {
  id: true,
  title: true,
  summary: true,
  status: true,
  createdAt: true,
  updatedAt: true,
  version: true,
  createdBy: { select: { id: true, name: true } },
} satisfies Prisma.EventSelect;

/** Viewers see published events only; the filter lives in the query itself. */
export async function listEvents(actor: Actor, input: ListEventsInput): Promise<Page<EventRow>> {
  const access = await requireAccess(actor, input.workspaceId, "event.readPublished");
  const seesDrafts = can(access.role, "event.readDrafts");
  let after: Prisma.EventWhereInput = {};
  if (input.cursor) {
    const [at, id] = decodeCursor(input.cursor, 2);
    const createdAt = decodeDate(at!);
    after = { OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: id } }] };
  }
  const rows = await db.event.findMany({
    where: {
      workspaceId: input.workspaceId,
      deletedAt: null,
      ...(seesDrafts ? {} : { status: "PUBLISHED" }),
      ...after,
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    select: eventSelect,
  });
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page,
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.createdAt, last.id]) : null,
  };
}

/** Analysts create drafts; publication goes through review. */
export async function createEvent(actor: Actor, input: CreateEventInput): Promise<EventRow> {
  await requireAccess(actor, input.workspaceId, "event.create");
  return db.$transaction(async (tx) => {
    const event = await tx.event.create({
      data: {
        workspaceId: input.workspaceId,
        title: input.title,
        summary: input.summary ?? "",
        status: "DRAFT",
        createdById: actor.userId,
        updatedById: actor.userId,
      },
      select: eventSelect,
    });
    await recordAudit(tx, actor, {
      workspaceId: input.workspaceId,
      action: "event.created",
      targetType: "event",
      targetId: event.id,
      after: { title: event.title, status: event.status },
    });
    return event;
  });
}
