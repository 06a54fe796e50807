import { db } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";
import { eventFieldsSchema } from "../../schemas/event.ts";
import { conflict, forbidden, notFound } from "../../errors.ts";
import { checkTransition, type ReviewStatus, type Role } from "../../policy.ts";
import type { Actor } from "../access/index.ts";

export type Tx = Prisma.TransactionClient;

/** What is under review for an event: the event itself, or the proposed change to the published event. */
export type Item = {
  kind: "event" | "proposal";
  eventId: string;
  workspaceId: string;
  title: string;
  status: ReviewStatus;
  round: number;
  authorIds: string[];
  /** The event's version, read under the lock. */
  version: number;
};

/** Locks the event row, so submissions, edits and decisions on one event happen one at a time. */
export async function lockItem(tx: Tx, eventId: string): Promise<Item> {
  await tx.$queryRaw`SELECT id FROM "Event" WHERE id = ${eventId} FOR UPDATE`;
  const e = await tx.event.findUniqueOrThrow({
    where: { id: eventId },
    select: {
      workspaceId: true,
      version: true,
      title: true,
      status: true,
      reviewRound: true,
      revisionAuthorIds: true,
      createdById: true,
      proposal: { select: { status: true, reviewRound: true, authorIds: true, snapshot: true } },
    },
  });
  if (e.status === "PUBLISHED") {
    if (!e.proposal) throw conflict("There is nothing to review: edit the event to propose a change.");
    const title = eventFieldsSchema.pick({ title: true }).safeParse(e.proposal.snapshot).data?.title ?? e.title;
    return {
      kind: "proposal",
      eventId,
      workspaceId: e.workspaceId,
      title,
      status: e.proposal.status,
      round: e.proposal.reviewRound,
      authorIds: e.proposal.authorIds,
      version: e.version,
    };
  }
  return {
    kind: "event",
    eventId,
    workspaceId: e.workspaceId,
    title: e.title,
    status: e.status,
    round: e.reviewRound,
    authorIds: [...new Set([e.createdById, ...e.revisionAuthorIds])],
    version: e.version,
  };
}

/** Locks the item and checks that the caller may submit or withdraw it now. */
export async function lockForAuthorAction(
  tx: Tx,
  actor: Actor,
  role: Role,
  eventId: string,
  action: "submit" | "withdraw",
): Promise<Item> {
  const item = await lockItem(tx, eventId);
  const check = checkTransition({ status: item.status, action, role, isAuthor: item.authorIds.includes(actor.userId) });
  if (!check.ok) refuse(check);
  return item;
}

export async function workspaceOfEvent(eventId: string) {
  const e = await db.event.findUnique({ where: { id: eventId }, select: { workspaceId: true, deletedAt: true } });
  if (!e || e.deletedAt) throw notFound("Event");
  return e.workspaceId;
}

export function refuse(check: Exclude<ReturnType<typeof checkTransition>, { ok: true }>): never {
  if (check.reason === "state") throw conflict(check.message);
  throw forbidden(check.message);
}

/** How a notification says what a reviewer did: "Rui approved …", "Rui asked for changes to …". */
export const DECISION_VERB = {
  APPROVE: "approved",
  REQUEST_CHANGES: "asked for changes to",
  REJECT: "rejected",
} as const;
