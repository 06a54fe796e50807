import { db } from "../../db/client.ts";
import { conflict } from "../../errors.ts";
import { checkTransition, DECISION_ACTION, type ReviewStatus } from "../../policy.ts";
import type { RecordTarget } from "../../schemas/proposal.ts";
import type { Decision } from "../../schemas/review.ts";
import { requireAccessFor, requirePermission } from "../access/index.ts";
import type { Actor } from "../access/index.ts";
import { recordAudit } from "../audit/index.ts";
import { applyEntityChange } from "../entity/index.ts";
import { recordRevision } from "../history/index.ts";
import { mentionedMembers, notify } from "../notification/index.ts";
import {
  entityDetailsOf,
  lockRecord,
  nounOf,
  parseEntitySnapshot,
  parseSourceSnapshot,
  recordName,
  sourceDetailsOf,
  whereTarget,
  workspaceOfRecord,
} from "../proposal/index.ts";
import { applySourceChange } from "../source/index.ts";
import { requireComment } from "./decision-service.ts";
import { DECISION_VERB, refuse, type Tx } from "./review-item.ts";

/**
 * Submitting, withdrawing and deciding on proposed changes to sources and
 * entities (see services/proposal): the event review's state machine and
 * four-eyes rule, under the record's row lock, with an approval applied
 * through the record's own noun.
 */

type Item = {
  workspaceId: string;
  status: ReviewStatus;
  round: number;
  authorIds: string[];
  /** The record's version, read under the lock (review steps change no field). */
  recordVersion: number;
  proposalVersion: number;
  snapshot: unknown;
  /** What messages call it: the name as proposed. */
  name: string;
};

/** Locks the record and reads its proposal; CONFLICT when there is none. */
async function lockProposal(tx: Tx, target: RecordTarget): Promise<Item> {
  await lockRecord(tx, target);
  const p = await tx.recordProposal.findUnique({
    where: whereTarget(target),
    select: { workspaceId: true, status: true, reviewRound: true, authorIds: true, version: true, snapshot: true },
  });
  if (!p) throw conflict(`There is no proposed change to this ${nounOf(target.targetType)} to review.`);
  let recordVersion: number;
  let name: string;
  if (target.targetType === "SOURCE") {
    const current = (await sourceDetailsOf(tx, [target.targetId])).get(target.targetId)!;
    recordVersion = (await tx.source.findUniqueOrThrow({ where: { id: target.targetId }, select: { version: true } }))
      .version;
    name = parseSourceSnapshot(p.snapshot, current).title;
  } else {
    const current = (await entityDetailsOf(tx, [target.targetId])).get(target.targetId)!;
    recordVersion = (await tx.entity.findUniqueOrThrow({ where: { id: target.targetId }, select: { version: true } }))
      .version;
    name = parseEntitySnapshot(p.snapshot, current).name;
  }
  return {
    workspaceId: p.workspaceId,
    status: p.status,
    round: p.reviewRound,
    authorIds: [...new Set(p.authorIds)],
    recordVersion,
    proposalVersion: p.version,
    snapshot: p.snapshot,
    name,
  };
}

const writePermission = (t: RecordTarget): "source.write" | "entity.write" =>
  t.targetType === "SOURCE" ? "source.write" : "entity.write";

export async function submitRecordProposal(actor: Actor, target: RecordTarget) {
  const workspaceId = await workspaceOfRecord(target);
  const access = await requireAccessFor(recordName(target), actor, workspaceId, writePermission(target));
  const noun = nounOf(target.targetType);
  return db.$transaction(async (tx) => {
    const item = await lockProposal(tx, target);
    const check = checkTransition({
      status: item.status,
      action: "submit",
      role: access.role,
      isAuthor: item.authorIds.includes(actor.userId),
    });
    if (!check.ok) refuse(check);
    // A proposal is deleted when it is applied and the next starts again at
    // round 0: its rounds continue after every round decided on the record, or
    // earlier decisions would count (and collide) in this one.
    const decidedBefore =
      (
        await tx.recordDecision.aggregate({
          where: { targetType: target.targetType, targetId: target.targetId },
          _max: { round: true },
        })
      )._max.round ?? 0;
    const round = Math.max(item.round, decidedBefore) + 1;
    // Whoever submits vouches for it, so they may not approve it either.
    await tx.recordProposal.update({
      where: whereTarget(target),
      data: {
        status: "PENDING",
        reviewRound: round,
        submittedAt: new Date(),
        ...(item.authorIds.includes(actor.userId) ? {} : { authorIds: { push: actor.userId } }),
      },
    });
    await recordRevision(tx, actor, {
      workspaceId: item.workspaceId,
      targetType: noun,
      targetId: target.targetId,
      version: item.recordVersion,
      action: "submitted",
      snapshot: { round, kind: "proposal" },
    });
    await recordAudit(tx, actor, {
      workspaceId: item.workspaceId,
      action: "review.submitted",
      targetType: noun,
      targetId: target.targetId,
      before: { status: item.status },
      after: { status: "PENDING", round, kind: "proposal" },
    });
    return { status: "PENDING" as const, round };
  });
}

export async function withdrawRecordProposal(actor: Actor, target: RecordTarget) {
  const workspaceId = await workspaceOfRecord(target);
  const access = await requireAccessFor(recordName(target), actor, workspaceId, writePermission(target));
  const noun = nounOf(target.targetType);
  return db.$transaction(async (tx) => {
    const item = await lockProposal(tx, target);
    const check = checkTransition({
      status: item.status,
      action: "withdraw",
      role: access.role,
      isAuthor: item.authorIds.includes(actor.userId),
    });
    if (!check.ok) refuse(check);
    await tx.recordProposal.update({ where: whereTarget(target), data: { status: "DRAFT" } });
    await recordRevision(tx, actor, {
      workspaceId: item.workspaceId,
      targetType: noun,
      targetId: target.targetId,
      version: item.recordVersion,
      action: "withdrawn",
      snapshot: { round: item.round, kind: "proposal" },
    });
    await recordAudit(tx, actor, {
      workspaceId: item.workspaceId,
      action: "review.withdrawn",
      targetType: noun,
      targetId: target.targetId,
      before: { status: "PENDING" },
      after: { status: "DRAFT" },
    });
    return { status: "DRAFT" as const };
  });
}

/**
 * A reviewer's decision on a proposed change to a source or an entity. As
 * for events: never on one's own change (the server refuses it whatever the
 * screen shows), always on the round the reviewer looked at, and of two
 * reviewers deciding at once the second sees the first decision.
 */
export async function decideRecordProposal(
  actor: Actor,
  input: RecordTarget & { round: number; decision: Decision; comment: string },
) {
  requireComment(input.decision, input.comment);
  const target: RecordTarget = { targetType: input.targetType, targetId: input.targetId };
  const workspaceId = await workspaceOfRecord(target);
  const access = await requireAccessFor(recordName(target), actor, workspaceId, "event.readDrafts");
  // Analysts are told they may not decide, whatever the state of the proposal.
  requirePermission(access.role, "review.decide");
  const noun = nounOf(target.targetType);
  return db.$transaction(async (tx) => {
    const item = await lockProposal(tx, target);
    const required = (
      await tx.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { requiredApprovals: true } })
    ).requiredApprovals;
    const priorApprovals = await tx.recordDecision.count({
      where: { ...target, round: item.round, decision: "APPROVE" },
    });
    const check = checkTransition({
      status: item.status,
      action: DECISION_ACTION[input.decision],
      role: access.role,
      isAuthor: item.authorIds.includes(actor.userId),
      approvalsAfter: priorApprovals + (input.decision === "APPROVE" ? 1 : 0),
      requiredApprovals: required,
    });
    if (!check.ok) refuse(check);
    if (item.round !== input.round)
      throw conflict("This was resubmitted after you opened it. Reload to review the current version.");
    const mine = await tx.recordDecision.findFirst({
      where: { ...target, round: item.round, reviewerId: actor.userId },
      select: { id: true },
    });
    if (mine) throw conflict("You have already decided on this submission.");
    await tx.recordDecision.create({
      data: {
        workspaceId,
        ...target,
        round: item.round,
        reviewerId: actor.userId,
        decision: input.decision,
        comment: input.comment,
      },
    });

    const next = check.next;
    let version = item.recordVersion;
    if (next === "PUBLISHED") {
      if (target.targetType === "SOURCE") {
        const current = (await sourceDetailsOf(tx, [target.targetId])).get(target.targetId)!;
        // The new text, if the change brings one, is read only now: lists and checks never load it.
        const { text } = await tx.recordProposal.findUniqueOrThrow({
          where: whereTarget(target),
          select: { text: true },
        });
        ({ version } = await applySourceChange(tx, actor, {
          sourceId: target.targetId,
          workspaceId,
          details: parseSourceSnapshot(item.snapshot, current),
          proposalVersion: item.proposalVersion,
          text,
        }));
      } else {
        const current = (await entityDetailsOf(tx, [target.targetId])).get(target.targetId)!;
        ({ version } = await applyEntityChange(tx, actor, {
          entityId: target.targetId,
          workspaceId,
          details: parseEntitySnapshot(item.snapshot, current),
          proposalVersion: item.proposalVersion,
        }));
      }
      await tx.recordProposal.delete({ where: whereTarget(target) });
    } else if (next === "CHANGES_REQUESTED" || next === "REJECTED") {
      await tx.recordProposal.update({ where: whereTarget(target), data: { status: next } });
    }
    await recordRevision(tx, actor, {
      workspaceId,
      targetType: noun,
      targetId: target.targetId,
      version,
      action: `review_${input.decision.toLowerCase()}`,
      snapshot: { round: item.round, comment: input.comment, kind: "proposal", outcome: next },
    });
    await recordAudit(tx, actor, {
      workspaceId,
      action: `review.${input.decision.toLowerCase()}`,
      targetType: noun,
      targetId: target.targetId,
      before: { status: item.status, round: item.round, kind: "proposal" },
      after: { status: next, comment: input.comment },
    });
    const reviewer = await tx.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { name: true } });
    const outcome =
      next === "PUBLISHED"
        ? " Readers now see it."
        : next === "APPROVED_PENDING_MORE"
          ? " It needs one more approval."
          : "";
    await notify(tx, {
      workspaceId,
      userIds: item.authorIds,
      kind: `review.${input.decision.toLowerCase()}`,
      actorId: actor.userId,
      message: `${reviewer.name} ${DECISION_VERB[input.decision]} the change to the ${noun} “${item.name}”.${outcome}${input.comment ? ` “${input.comment.slice(0, 200)}”` : ""}`,
      // The proposed name and the comment are unreviewed work.
      permission: "event.readDrafts",
    });
    const mentioned = await mentionedMembers(tx, workspaceId, input.comment, "event.readDrafts");
    await notify(tx, {
      workspaceId,
      userIds: mentioned.filter((id) => !item.authorIds.includes(id)),
      kind: "mention",
      actorId: actor.userId,
      message: `${reviewer.name} mentioned you on the change to the ${noun} “${item.name}”: “${input.comment.slice(0, 200)}”`,
      permission: "event.readDrafts",
    });
    return {
      status: next === "APPROVED_PENDING_MORE" ? ("PENDING" as const) : next,
      approvals: priorApprovals + (input.decision === "APPROVE" ? 1 : 0),
      required,
    };
  });
}
