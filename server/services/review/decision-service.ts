import { db } from "../../db/client.ts";
import { badRequest, conflict, DomainError } from "../../errors.ts";
import { checkTransition, DECISION_ACTION } from "../../policy.ts";
import { eventFieldsSchema, type EventFields } from "../../schemas/event.ts";
import type { Decision } from "../../schemas/review.ts";
import { requireAccessFor } from "../access/index.ts";
import type { Actor } from "../access/index.ts";
import { recordAudit } from "../audit/index.ts";
import { settleProposedCitations } from "../citation/index.ts";
import { toDateColumns } from "../../lib/event-date-columns.ts";
import { mentionedMembers, notify } from "../notification/index.ts";
import { recordRevision } from "../history/index.ts";
import { DECISION_VERB, lockItem, refuse, workspaceOfEvent, type Tx } from "./review-item.ts";

/** Applies an approved proposal to the published event, as one new version. */
async function applyProposal(tx: Tx, actor: Actor, eventId: string, workspaceId: string) {
  const proposal = await tx.eventProposal.findUniqueOrThrow({
    where: { eventId },
    select: { snapshot: true, version: true },
  });
  const fields: EventFields = eventFieldsSchema.parse(proposal.snapshot);
  await tx.event.update({
    where: { id: eventId },
    data: {
      title: fields.title,
      summary: fields.summary,
      tags: fields.tags,
      ...toDateColumns(fields.date),
      updatedById: actor.userId,
      version: proposal.version + 1,
      publishedAt: new Date(),
      awaitingReview: false,
    },
  });
  await tx.eventEntity.deleteMany({ where: { eventId } });
  if (fields.entities.length) {
    await tx.eventEntity.createMany({
      data: fields.entities.map((l) => ({
        eventId,
        entityId: l.entityId,
        role: l.role,
        placePrecision: l.placePrecision ?? null,
      })),
    });
  }
  await tx.eventProposal.delete({ where: { eventId } });
  const citations = await settleProposedCitations(tx, eventId, "apply");
  await recordRevision(tx, actor, {
    workspaceId,
    targetType: "event",
    targetId: eventId,
    version: proposal.version + 1,
    action: "published_change",
    snapshot: { ...fields, status: "PUBLISHED" },
  });
  if (citations.added + citations.removed > 0) {
    await recordAudit(tx, actor, {
      workspaceId,
      action: "citation.proposal_applied",
      targetType: "event",
      targetId: eventId,
      after: citations,
    });
  }
}

/**
 * A reviewer's decision on one submission. Runs under the event's row lock:
 * of two reviewers deciding at once, the second sees the first decision and
 * gets CONFLICT; a decision always names the round it was made on, so it can
 * never land on content submitted after the reviewer looked.
 */
export async function decide(
  actor: Actor,
  input: { eventId: string; round: number; decision: Decision; comment: string },
) {
  requireComment(input.decision, input.comment);
  const workspaceId = await workspaceOfEvent(input.eventId);
  const access = await requireAccessFor("Event", actor, workspaceId, "event.readDrafts");
  return db.$transaction(async (tx) => {
    const item = await lockItem(tx, input.eventId);
    const isAuthor = item.authorIds.includes(actor.userId);
    const onProposal = item.kind === "proposal";
    const required = (
      await tx.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { requiredApprovals: true } })
    ).requiredApprovals;
    const priorApprovals = await tx.reviewDecision.count({
      where: { eventId: input.eventId, round: item.round, onProposal, decision: "APPROVE" },
    });
    const check = checkTransition({
      status: item.status,
      action: DECISION_ACTION[input.decision],
      role: access.role,
      isAuthor,
      approvalsAfter: priorApprovals + (input.decision === "APPROVE" ? 1 : 0),
      requiredApprovals: required,
    });
    if (!check.ok) refuse(check);
    if (item.round !== input.round)
      throw conflict("This was resubmitted after you opened it. Reload to review the current version.");
    const mine = await tx.reviewDecision.findFirst({
      where: { eventId: input.eventId, round: item.round, onProposal, reviewerId: actor.userId },
      select: { id: true },
    });
    if (mine) throw conflict("You have already decided on this submission.");
    await tx.reviewDecision.create({
      data: {
        workspaceId,
        eventId: input.eventId,
        round: item.round,
        onProposal,
        reviewerId: actor.userId,
        decision: input.decision,
        comment: input.comment,
      },
    });

    const next = check.next;
    if (next === "PUBLISHED") {
      if (onProposal) await applyProposal(tx, actor, input.eventId, workspaceId);
      else
        await tx.event.update({
          where: { id: input.eventId },
          data: { status: "PUBLISHED", publishedAt: new Date(), awaitingReview: false, revisionAuthorIds: [] },
        });
    } else if (next === "CHANGES_REQUESTED" || next === "REJECTED") {
      if (onProposal) {
        await tx.eventProposal.update({ where: { eventId: input.eventId }, data: { status: next } });
        await tx.event.update({ where: { id: input.eventId }, data: { awaitingReview: false } });
        // A rejected change of evidence is dropped (readers never saw it); asked-for changes keep it for the author to revise.
        if (next === "REJECTED") {
          const citations = await settleProposedCitations(tx, input.eventId, "discard");
          if (citations.added + citations.removed > 0) {
            await recordAudit(tx, actor, {
              workspaceId,
              action: "citation.proposal_discarded",
              targetType: "event",
              targetId: input.eventId,
              before: citations,
            });
          }
        }
      } else {
        await tx.event.update({ where: { id: input.eventId }, data: { status: next, awaitingReview: false } });
      }
    }
    const version = (await tx.event.findUniqueOrThrow({ where: { id: input.eventId }, select: { version: true } }))
      .version;
    await recordRevision(tx, actor, {
      workspaceId,
      targetType: "event",
      targetId: input.eventId,
      version,
      action: `review_${input.decision.toLowerCase()}`,
      snapshot: { round: item.round, comment: input.comment, kind: item.kind, outcome: next },
    });
    await recordAudit(tx, actor, {
      workspaceId,
      action: `review.${input.decision.toLowerCase()}`,
      targetType: "event",
      targetId: input.eventId,
      before: { status: item.status, round: item.round, kind: item.kind },
      after: { status: next, comment: input.comment },
    });
    const reviewer = await tx.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { name: true } });
    const published =
      next === "PUBLISHED"
        ? " It is now published."
        : next === "APPROVED_PENDING_MORE"
          ? " It needs one more approval."
          : "";
    await notify(tx, {
      workspaceId,
      userIds: item.authorIds,
      kind: `review.${input.decision.toLowerCase()}`,
      eventId: input.eventId,
      actorId: actor.userId,
      message: `${reviewer.name} ${DECISION_VERB[input.decision]} “${item.title}”.${published}${input.comment ? ` “${input.comment.slice(0, 200)}”` : ""}`,
      // The title and comment may be of unpublished work.
      permission: "event.readDrafts",
    });
    const mentioned = await mentionedMembers(tx, workspaceId, input.comment, "event.readDrafts");
    await notify(tx, {
      workspaceId,
      userIds: mentioned.filter((id) => !item.authorIds.includes(id)),
      kind: "mention",
      eventId: input.eventId,
      actorId: actor.userId,
      message: `${reviewer.name} mentioned you on “${item.title}”: “${input.comment.slice(0, 200)}”`,
      permission: "event.readDrafts",
    });
    return {
      status: next === "APPROVED_PENDING_MORE" ? ("PENDING" as const) : next,
      approvals: priorApprovals + (input.decision === "APPROVE" ? 1 : 0),
      required,
    };
  });
}

/** Returning or rejecting a submission needs a reason: the author has to know what to change. */
export function requireComment(decision: Decision, comment: string) {
  if (decision !== "APPROVE" && comment.trim().length === 0) {
    throw badRequest("Say what needs to change, or why it is rejected.", {
      comment: "Say what needs to change, or why it is rejected",
    });
  }
}

/** The same decision on several submissions; each succeeds or fails on its own. */
export async function decideMany(
  actor: Actor,
  input: { items: { eventId: string; round: number }[]; decision: Decision; comment: string },
) {
  // Checked once for the whole batch, not reported as the same failure on every item.
  requireComment(input.decision, input.comment);
  const results: { eventId: string; ok: boolean; message?: string; status?: string }[] = [];
  for (const item of input.items) {
    try {
      const r = await decide(actor, { ...item, decision: input.decision, comment: input.comment });
      results.push({ eventId: item.eventId, ok: true, status: r.status });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      results.push({ eventId: item.eventId, ok: false, message: err.message });
    }
  }
  return results;
}
