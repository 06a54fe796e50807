import { db } from "../../db/client.ts";
import { requireAccessFor } from "../access/index.ts";
import type { Actor } from "../access/index.ts";
import { recordAudit } from "../audit/index.ts";
import { recordRevision } from "../history/index.ts";
import { lockForAuthorAction, workspaceOfEvent } from "./review-item.ts";

export async function submitForReview(actor: Actor, eventId: string) {
  const access = await requireAccessFor("Event", actor, await workspaceOfEvent(eventId), "event.edit");
  return db.$transaction(async (tx) => {
    const item = await lockForAuthorAction(tx, actor, access.role, eventId, "submit");
    const now = new Date();
    // A proposal is deleted when it is applied, and the next one starts again at
    // round 0; its rounds must continue after every round decided on an earlier
    // proposal, or that proposal's decisions would count (and collide) here.
    const decidedBefore =
      item.kind === "proposal"
        ? ((await tx.reviewDecision.aggregate({ where: { eventId, onProposal: true }, _max: { round: true } }))._max
            .round ?? 0)
        : 0;
    const round = Math.max(item.round, decidedBefore) + 1;
    if (item.kind === "event") {
      await tx.event.update({
        where: { id: eventId },
        data: {
          status: "PENDING",
          reviewRound: round,
          submittedAt: now,
          awaitingReview: true,
          revisionAuthorIds: { push: actor.userId },
        },
      });
    } else {
      await tx.eventProposal.update({
        where: { eventId },
        data: { status: "PENDING", reviewRound: round, submittedAt: now, authorIds: { push: actor.userId } },
      });
      await tx.event.update({ where: { id: eventId }, data: { submittedAt: now, awaitingReview: true } });
    }
    // Submitting changes no field, so the version read under the lock is still the event's.
    await recordRevision(tx, actor, {
      workspaceId: item.workspaceId,
      targetType: "event",
      targetId: eventId,
      version: item.version,
      action: "submitted",
      snapshot: { round, kind: item.kind },
    });
    await recordAudit(tx, actor, {
      workspaceId: item.workspaceId,
      action: "review.submitted",
      targetType: "event",
      targetId: eventId,
      before: { status: item.status },
      after: { status: "PENDING", round, kind: item.kind },
    });
    return { status: "PENDING" as const, round };
  });
}

export async function withdrawSubmission(actor: Actor, eventId: string) {
  const access = await requireAccessFor("Event", actor, await workspaceOfEvent(eventId), "event.edit");
  return db.$transaction(async (tx) => {
    const item = await lockForAuthorAction(tx, actor, access.role, eventId, "withdraw");
    if (item.kind === "event")
      await tx.event.update({ where: { id: eventId }, data: { status: "DRAFT", awaitingReview: false } });
    else {
      await tx.eventProposal.update({ where: { eventId }, data: { status: "DRAFT" } });
      await tx.event.update({ where: { id: eventId }, data: { awaitingReview: false } });
    }
    await recordRevision(tx, actor, {
      workspaceId: item.workspaceId,
      targetType: "event",
      targetId: eventId,
      version: item.version,
      action: "withdrawn",
      snapshot: { round: item.round, kind: item.kind },
    });
    await recordAudit(tx, actor, {
      workspaceId: item.workspaceId,
      action: "review.withdrawn",
      targetType: "event",
      targetId: eventId,
      before: { status: "PENDING" },
      after: { status: "DRAFT" },
    });
    return { status: "DRAFT" as const };
  });
}
