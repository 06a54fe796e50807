import { figuresOf } from "../../schemas/briefing.ts";
import { db } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";
import { badRequest, conflict } from "../../errors.ts";
import { can, checkTransition, DECISION_ACTION } from "../../policy.ts";
import type { Decision } from "../../schemas/review.ts";
import { requireAccess } from "../access/index.ts";
import type { Actor } from "../access/index.ts";
import { recordAudit } from "../audit/index.ts";
import { contentOf, loadBriefingAccess, namesOf, people, requireRole } from "./access.ts";
import { citedIdsOf, loadCitedMaterial, type CitedProblem } from "./cited.ts";
import { contentHashOf } from "../../lib/canonical-hash.ts";
import { lockBriefing, recordBriefingRevision, staleSave } from "./briefing-service.ts";
import { decodeCursor, decodeDate, encodeCursor } from "../../lib/cursor.ts";
import { mentionedMembers, notify } from "../notification/index.ts";
import { DECISION_VERB, refuse } from "../review/index.ts";
import { markBriefingCorrected } from "../evidence/index.ts";
import { PUBLISHED_VIEW } from "../vote/index.ts";

type Tx = Prisma.TransactionClient;

const REASONS: Record<CitedProblem["reason"], string> = {
  missing: "does not exist",
  deleted: "was deleted",
  unpublished: "is not published",
};

/** One readable line per bad reference, for the refusal message and the field errors. */
export function describeProblems(problems: CitedProblem[]): string {
  return problems.map((p) => `${p.kind === "event" ? "Event" : "Source"} ${p.id} ${REASONS[p.reason]}`).join("; ");
}

/**
 * Submits the working copy for review. The version guards against submitting
 * something other than what the author last saw; every reference must point to
 * a published event or a live source of this workspace.
 */
export async function submitBriefing(actor: Actor, input: { id: string; version: number }) {
  const { workspaceId, access } = await loadBriefingAccess(actor, input.id, "briefing.write");
  return db.$transaction(async (tx) => {
    const row = await lockBriefing(tx, input.id);
    const isAuthor = [row.createdById, ...row.authorIds].includes(actor.userId);
    const check = checkTransition({ status: row.status, action: "submit", role: access.role, isAuthor });
    if (!check.ok) refuse(check);
    if (row.version !== input.version) throw await staleSave(tx, row);
    const { problems } = await loadCitedMaterial(tx, workspaceId, citedIdsOf(contentOf(row)), PUBLISHED_VIEW);
    if (problems.length) {
      throw badRequest(`Fix these references before submitting: ${describeProblems(problems)}.`, {
        body: describeProblems(problems),
      });
    }
    const round = row.reviewRound + 1;
    // The authors of what is under review: nobody among them may approve it.
    const revisionAuthorIds = [...new Set([...row.authorIds, actor.userId])];
    await tx.briefing.update({
      where: { id: input.id },
      data: { status: "PENDING", reviewRound: round, submittedAt: new Date(), awaitingReview: true, revisionAuthorIds },
    });
    await recordBriefingRevision(tx, actor, {
      workspaceId,
      briefingId: input.id,
      version: row.version,
      action: "submitted",
      snapshot: { round },
    });
    await recordAudit(tx, actor, {
      workspaceId,
      action: "briefing.submitted",
      targetType: "briefing",
      targetId: input.id,
      before: { status: row.status },
      after: { status: "PENDING", round, version: row.version },
    });
    return { status: "PENDING" as const, round };
  });
}

export async function withdrawBriefing(actor: Actor, id: string) {
  const { workspaceId, access } = await loadBriefingAccess(actor, id, "briefing.write");
  return db.$transaction(async (tx) => {
    const row = await lockBriefing(tx, id);
    const check = checkTransition({
      status: row.status,
      action: "withdraw",
      role: access.role,
      isAuthor: row.revisionAuthorIds.includes(actor.userId),
    });
    if (!check.ok) refuse(check);
    await tx.briefing.update({ where: { id }, data: { status: "DRAFT", awaitingReview: false } });
    await recordBriefingRevision(tx, actor, {
      workspaceId,
      briefingId: id,
      version: row.version,
      action: "withdrawn",
      snapshot: { round: row.reviewRound },
    });
    await recordAudit(tx, actor, {
      workspaceId,
      action: "briefing.withdrawn",
      targetType: "briefing",
      targetId: id,
      before: { status: "PENDING" },
      after: { status: "DRAFT" },
    });
    return { status: "DRAFT" as const };
  });
}

/**
 * Freezes the approved version: its content and everything it cites as it is
 * now (versions and history ids included), hashed, in the decision's
 * transaction. Later edits to events or sources never change a publication.
 */
async function publish(
  tx: Tx,
  row: Awaited<ReturnType<typeof lockBriefing>>,
  briefingId: string,
  reviewerIds: string[],
) {
  const content = contentOf(row);
  // Frozen as published, whoever approves: every vote counted, nothing withheld.
  const { material, problems } = await loadCitedMaterial(tx, row.workspaceId, citedIdsOf(content), PUBLISHED_VIEW);
  if (problems.length) {
    throw conflict(
      `Something this briefing cites changed while it waited for review (${describeProblems(problems)}). Request changes so the authors can fix it.`,
    );
  }
  const previous = await tx.briefingPublication.findFirst({
    where: { briefingId },
    orderBy: { version: "desc" },
    select: { authorIds: true, number: true, correction: true, correctedAt: true },
  });
  const { correction } = await tx.briefing.findUniqueOrThrow({
    where: { id: briefingId },
    select: { correction: true },
  });
  // The byline keeps everyone who wrote an earlier published version.
  const authorIds = [...new Set([...(previous?.authorIds ?? []), row.createdById, ...row.revisionAuthorIds])];
  const now = new Date();
  const publication = await tx.briefingPublication.create({
    data: {
      briefingId,
      workspaceId: row.workspaceId,
      version: row.version,
      /*
       * The version number people see counts publications: v1 is the first approved text, v2 the next.
       * The save counter (`version`) rises with every autosave, so a briefing published once and
       * edited for an afternoon would otherwise jump from v1 to v40. Each submission of the next
       * version is a review round ("version 2, round 3"); saves are told apart by time in the history.
       * Under the briefing's row lock, so two approvals cannot take the same number.
       */
      number: (previous?.number ?? 0) + 1,
      content: content as unknown as Prisma.InputJsonValue,
      cited: material as unknown as Prisma.InputJsonValue,
      // The figures are drawn from the frozen material; the setting is frozen beside it.
      figures: figuresOf(row.figures) as Prisma.InputJsonValue,
      quoteLanguage: row.quoteLanguage,
      authorIds,
      reviewerIds,
      contentHash: contentHashOf({ content, cited: material }),
      approvedAt: now,
      // The notice keeps the date it was first approved; a later version carries it unchanged.
      correction,
      correctedAt: !correction ? null : correction === previous?.correction ? previous.correctedAt : now,
    },
    select: { id: true, contentHash: true },
  });
  // A new correction answers what weakened the briefing's evidence so far.
  if (correction && correction !== previous?.correction)
    await markBriefingCorrected(tx, { briefingId, approverId: reviewerIds.at(-1)!, at: now });
  await tx.briefing.update({
    where: { id: briefingId },
    data: { status: "PUBLISHED", publishedAt: now, awaitingReview: false, authorIds: [], revisionAuthorIds: [] },
  });
  return publication;
}

/**
 * A reviewer's decision on one submission, under the briefing's row lock: of
 * two reviewers deciding at once the second sees the first decision and gets
 * CONFLICT; a decision names the round it was made on, so it never lands on
 * content submitted after the reviewer read it.
 */
export async function decideBriefing(
  actor: Actor,
  input: { id: string; round: number; decision: Decision; comment: string },
) {
  if (input.decision !== "APPROVE" && input.comment.trim().length === 0) {
    throw badRequest("Say what needs to change, or why it is rejected.", {
      comment: "Say what needs to change, or why it is rejected",
    });
  }
  const { workspaceId, access } = await loadBriefingAccess(actor, input.id, "briefing.readDrafts");
  return db.$transaction(async (tx) => {
    const row = await lockBriefing(tx, input.id);
    const isAuthor = row.revisionAuthorIds.includes(actor.userId);
    const required = (
      await tx.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { requiredApprovals: true } })
    ).requiredApprovals;
    const approvers = (
      await tx.briefingDecision.findMany({
        where: { briefingId: input.id, round: row.reviewRound, decision: "APPROVE" },
        select: { reviewerId: true },
      })
    ).map((d) => d.reviewerId);
    const approving = input.decision === "APPROVE";
    const check = checkTransition({
      status: row.status,
      action: DECISION_ACTION[input.decision],
      role: access.role,
      isAuthor,
      approvalsAfter: approvers.length + (approving ? 1 : 0),
      requiredApprovals: required,
    });
    if (!check.ok) refuse(check);
    if (row.reviewRound !== input.round)
      throw conflict("This briefing was resubmitted after you opened it. Reload to review the current version.");
    const mine = await tx.briefingDecision.findFirst({
      where: { briefingId: input.id, round: row.reviewRound, reviewerId: actor.userId },
      select: { id: true },
    });
    if (mine) throw conflict("You have already decided on this submission.");
    await tx.briefingDecision.create({
      data: {
        workspaceId,
        briefingId: input.id,
        round: row.reviewRound,
        reviewerId: actor.userId,
        decision: input.decision,
        comment: input.comment,
      },
    });

    const next = check.next;
    let publication: { id: string; contentHash: string } | null = null;
    if (next === "PUBLISHED") publication = await publish(tx, row, input.id, [...approvers, actor.userId]);
    else if (next === "CHANGES_REQUESTED" || next === "REJECTED")
      await tx.briefing.update({ where: { id: input.id }, data: { status: next, awaitingReview: false } });

    await recordBriefingRevision(tx, actor, {
      workspaceId,
      briefingId: input.id,
      version: row.version,
      action: `review_${input.decision.toLowerCase()}`,
      snapshot: {
        round: row.reviewRound,
        comment: input.comment,
        outcome: next,
        publicationId: publication?.id ?? null,
      },
    });
    await recordAudit(tx, actor, {
      workspaceId,
      action: `briefing.review.${input.decision.toLowerCase()}`,
      targetType: "briefing",
      targetId: input.id,
      before: { status: row.status, round: row.reviewRound, version: row.version },
      after: { status: next, comment: input.comment, contentHash: publication?.contentHash ?? null },
    });
    const reviewer = await tx.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { name: true } });
    const outcome =
      next === "PUBLISHED"
        ? " It is now published."
        : next === "APPROVED_PENDING_MORE"
          ? " It needs one more approval."
          : "";
    const quoted = input.comment ? ` “${input.comment.slice(0, 200)}”` : "";
    const authors = [...new Set([row.createdById, ...row.revisionAuthorIds])];
    await notify(tx, {
      workspaceId,
      userIds: authors,
      kind: `briefing.review.${input.decision.toLowerCase()}`,
      briefingId: input.id,
      actorId: actor.userId,
      message: `${reviewer.name} ${DECISION_VERB[input.decision]} the briefing “${row.title}”.${outcome}${quoted}`,
      permission: "briefing.readDrafts",
    });
    const mentioned = await mentionedMembers(tx, workspaceId, input.comment, "briefing.readDrafts");
    await notify(tx, {
      workspaceId,
      userIds: mentioned.filter((id) => !authors.includes(id)),
      kind: "mention",
      briefingId: input.id,
      actorId: actor.userId,
      message: `${reviewer.name} mentioned you on the briefing “${row.title}”:${quoted}`,
      permission: "briefing.readDrafts",
    });
    return {
      status: next === "APPROVED_PENDING_MORE" ? ("PENDING" as const) : next,
      approvals: approvers.length + (approving ? 1 : 0),
      required,
      contentHash: publication?.contentHash ?? null,
    };
  });
}

/**
 * Briefings waiting for review: first those the caller may decide on (written
 * by others), then the caller's own, each oldest submission first. The cursor
 * names the segment it is in, so each segment is read in index order.
 */
export async function briefingQueue(
  actor: Actor,
  input: { workspaceId: string; cursor?: string | null; limit: number },
) {
  const access = await requireAccess(actor, input.workspaceId, "briefing.readPublished");
  requireRole(access, "briefing.readDrafts");
  const base: Prisma.BriefingWhereInput = { workspaceId: input.workspaceId, status: "PENDING", deletedAt: null };
  const segments: Prisma.BriefingWhereInput[] = [
    { ...base, NOT: { revisionAuthorIds: { has: actor.userId } } },
    { ...base, revisionAuthorIds: { has: actor.userId } },
  ];
  let start = 0;
  let after: Prisma.BriefingWhereInput = {};
  if (input.cursor) {
    const [segment, at, id] = decodeCursor(input.cursor, 3);
    start = segment === "1" ? 1 : 0;
    const key = decodeDate(at!);
    after = { OR: [{ submittedAt: { gt: key } }, { submittedAt: key, id: { gt: id } }] };
  }
  const select = {
    id: true,
    title: true,
    marking: true,
    version: true,
    reviewRound: true,
    submittedAt: true,
    revisionAuthorIds: true,
    createdById: true,
  } satisfies Prisma.BriefingSelect;
  const rows: (Prisma.BriefingGetPayload<{ select: typeof select }> & { segment: number })[] = [];
  for (let s = start; s < segments.length && rows.length <= input.limit; s++) {
    const found = await db.briefing.findMany({
      where: { AND: [segments[s]!, s === start ? after : {}] },
      orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
      take: input.limit + 1 - rows.length,
      select,
    });
    rows.push(...found.map((r) => ({ ...r, segment: s })));
  }
  const page = rows.slice(0, input.limit);
  const [decisions, ws, published] = await Promise.all([
    page.length
      ? db.briefingDecision.findMany({
          where: { briefingId: { in: page.map((r) => r.id) } },
          select: { briefingId: true, round: true, decision: true, reviewerId: true },
        })
      : [],
    db.workspace.findUniqueOrThrow({ where: { id: input.workspaceId }, select: { requiredApprovals: true } }),
    page.length
      ? db.briefingPublication.groupBy({
          by: ["briefingId"],
          where: { briefingId: { in: page.map((r) => r.id) } },
          _count: { _all: true },
        })
      : [],
  ]);
  const publications = new Map(published.map((p) => [p.briefingId, p._count._all]));
  const names = await namesOf(page.flatMap((r) => [r.createdById, ...r.revisionAuthorIds]));
  const reviewer = can(access.role, "review.decide");
  const items = page.map((r) => {
    const round = decisions.filter((d) => d.briefingId === r.id && d.round === r.reviewRound);
    const isAuthor = r.revisionAuthorIds.includes(actor.userId);
    return {
      id: r.id,
      title: r.title,
      marking: r.marking,
      version: r.version,
      /** The number it will be published as: publications count, saves do not (see publicationNumber). */
      edition: (publications.get(r.id) ?? 0) + 1,
      round: r.reviewRound,
      submittedAt: r.submittedAt,
      authors: people([...new Set([r.createdById, ...r.revisionAuthorIds])], names),
      approvals: round.filter((d) => d.decision === "APPROVE").length,
      requiredApprovals: ws.requiredApprovals,
      isAuthor,
      canDecide: reviewer && !isAuthor && !round.some((d) => d.reviewerId === actor.userId),
    };
  });
  const last = rows.length > input.limit ? page.at(-1) : undefined;
  return { items, nextCursor: last ? encodeCursor([String(last.segment), last.submittedAt!, last.id]) : null };
}
