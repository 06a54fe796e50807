import { db } from "../db/client.ts";
import type { Prisma } from "../db/generated/client.ts";
import { badRequest, conflict, DomainError, forbidden, notFound } from "../errors.ts";
import { can, checkTransition, type ReviewAction, type ReviewStatus, type Role } from "../policy.ts";
import { eventFieldsSchema, type EventFields } from "../schemas/event.ts";
import { formatEventDate } from "../schemas/partial-date.ts";
import type { Decision, QueueInput } from "../schemas/review.ts";
import { requireAccess } from "./access.ts";
import type { Actor } from "./actor.ts";
import { recordAudit } from "./audit.ts";
import { settleProposedCitations } from "./citation-service.ts";
import { decodeCursor, decodeDate, encodeCursor } from "./cursor.ts";
import { dateColumnSelect, fromDateColumns, toDateColumns } from "./event-date-columns.ts";
import { mentionedMembers, notify } from "./notification-service.ts";
import { ratingsForEvents } from "./rating-service.ts";
import { recordRevision } from "./revision-service.ts";

type Tx = Prisma.TransactionClient;

/** What is under review for an event: the event itself, or the proposed change to the published event. */
type Item = {
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
async function lockItem(tx: Tx, eventId: string): Promise<Item> {
  await tx.$queryRaw`SELECT id FROM "Event" WHERE id = ${eventId} FOR UPDATE`;
  const e = await tx.event.findUniqueOrThrow({
    where: { id: eventId },
    select: { workspaceId: true, version: true, title: true, status: true, reviewRound: true, revisionAuthorIds: true, createdById: true, proposal: { select: { status: true, reviewRound: true, authorIds: true, snapshot: true } } },
  });
  if (e.status === "PUBLISHED") {
    if (!e.proposal) throw conflict("There is nothing to review: edit the event to propose a change.");
    const title = (e.proposal.snapshot as { title?: string }).title ?? e.title;
    return { kind: "proposal", eventId, workspaceId: e.workspaceId, title, status: e.proposal.status, round: e.proposal.reviewRound, authorIds: e.proposal.authorIds, version: e.version };
  }
  return { kind: "event", eventId, workspaceId: e.workspaceId, title: e.title, status: e.status, round: e.reviewRound, authorIds: [...new Set([e.createdById, ...e.revisionAuthorIds])], version: e.version };
}

/** Locks the item and checks that the caller may submit or withdraw it now. */
async function lockForAuthorAction(tx: Tx, actor: Actor, role: Role, eventId: string, action: "submit" | "withdraw"): Promise<Item> {
  const item = await lockItem(tx, eventId);
  const check = checkTransition({ status: item.status, action, role, isAuthor: item.authorIds.includes(actor.userId) });
  if (!check.ok) refuse(check);
  return item;
}

async function workspaceOfEvent(eventId: string) {
  const e = await db.event.findUnique({ where: { id: eventId }, select: { workspaceId: true, deletedAt: true } });
  if (!e || e.deletedAt) throw notFound("Event");
  return e.workspaceId;
}

function refuse(check: Exclude<ReturnType<typeof checkTransition>, { ok: true }>): never {
  if (check.reason === "state") throw conflict(check.message);
  throw forbidden(check.message);
}

export async function submitForReview(actor: Actor, eventId: string) {
  const access = await requireAccess(actor, await workspaceOfEvent(eventId), "event.edit");
  return db.$transaction(async (tx) => {
    const item = await lockForAuthorAction(tx, actor, access.role, eventId, "submit");
    const now = new Date();
    // A proposal is deleted when it is applied, and the next one starts again at
    // round 0; its rounds must continue after every round decided on an earlier
    // proposal, or that proposal's decisions would count (and collide) here.
    const decidedBefore =
      item.kind === "proposal" ? ((await tx.reviewDecision.aggregate({ where: { eventId, onProposal: true }, _max: { round: true } }))._max.round ?? 0) : 0;
    const round = Math.max(item.round, decidedBefore) + 1;
    if (item.kind === "event") {
      await tx.event.update({ where: { id: eventId }, data: { status: "PENDING", reviewRound: round, submittedAt: now, awaitingReview: true, revisionAuthorIds: { push: actor.userId } } });
    } else {
      await tx.eventProposal.update({ where: { eventId }, data: { status: "PENDING", reviewRound: round, submittedAt: now, authorIds: { push: actor.userId } } });
      await tx.event.update({ where: { id: eventId }, data: { submittedAt: now, awaitingReview: true } });
    }
    // Submitting changes no field, so the version read under the lock is still the event's.
    await recordRevision(tx, actor, { workspaceId: item.workspaceId, targetType: "event", targetId: eventId, version: item.version, action: "submitted", snapshot: { round, kind: item.kind } });
    await recordAudit(tx, actor, { workspaceId: item.workspaceId, action: "review.submitted", targetType: "event", targetId: eventId, before: { status: item.status }, after: { status: "PENDING", round, kind: item.kind } });
    return { status: "PENDING" as const, round };
  });
}

export async function withdrawSubmission(actor: Actor, eventId: string) {
  const access = await requireAccess(actor, await workspaceOfEvent(eventId), "event.edit");
  return db.$transaction(async (tx) => {
    const item = await lockForAuthorAction(tx, actor, access.role, eventId, "withdraw");
    if (item.kind === "event") await tx.event.update({ where: { id: eventId }, data: { status: "DRAFT", awaitingReview: false } });
    else {
      await tx.eventProposal.update({ where: { eventId }, data: { status: "DRAFT" } });
      await tx.event.update({ where: { id: eventId }, data: { awaitingReview: false } });
    }
    await recordRevision(tx, actor, { workspaceId: item.workspaceId, targetType: "event", targetId: eventId, version: item.version, action: "withdrawn", snapshot: { round: item.round, kind: item.kind } });
    await recordAudit(tx, actor, { workspaceId: item.workspaceId, action: "review.withdrawn", targetType: "event", targetId: eventId, before: { status: "PENDING" }, after: { status: "DRAFT" } });
    return { status: "DRAFT" as const };
  });
}

const ACTION: Record<Decision, ReviewAction> = { APPROVE: "approve", REQUEST_CHANGES: "requestChanges", REJECT: "reject" };
const VERB: Record<Decision, string> = { APPROVE: "approved", REQUEST_CHANGES: "asked for changes to", REJECT: "rejected" };

/** Applies an approved proposal to the published event, as one new version. */
async function applyProposal(tx: Tx, actor: Actor, eventId: string, workspaceId: string) {
  const proposal = await tx.eventProposal.findUniqueOrThrow({ where: { eventId }, select: { snapshot: true, version: true } });
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
    await tx.eventEntity.createMany({ data: fields.entities.map((l) => ({ eventId, entityId: l.entityId, role: l.role, placePrecision: l.placePrecision ?? null })) });
  }
  await tx.eventProposal.delete({ where: { eventId } });
  const citations = await settleProposedCitations(tx, eventId, "apply");
  await recordRevision(tx, actor, { workspaceId, targetType: "event", targetId: eventId, version: proposal.version + 1, action: "published_change", snapshot: { ...fields, status: "PUBLISHED" } });
  if (citations.added + citations.removed > 0) {
    await recordAudit(tx, actor, { workspaceId, action: "citation.proposal_applied", targetType: "event", targetId: eventId, after: citations });
  }
}

/**
 * A reviewer's decision on one submission. Runs under the event's row lock:
 * of two reviewers deciding at once, the second sees the first decision and
 * gets CONFLICT; a decision always names the round it was made on, so it can
 * never land on content submitted after the reviewer looked.
 */
export async function decide(actor: Actor, input: { eventId: string; round: number; decision: Decision; comment: string }) {
  requireComment(input.decision, input.comment);
  const workspaceId = await workspaceOfEvent(input.eventId);
  const access = await requireAccess(actor, workspaceId, "event.readDrafts");
  return db.$transaction(async (tx) => {
    const item = await lockItem(tx, input.eventId);
    const isAuthor = item.authorIds.includes(actor.userId);
    const onProposal = item.kind === "proposal";
    const required = (await tx.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { requiredApprovals: true } })).requiredApprovals;
    const priorApprovals = await tx.reviewDecision.count({ where: { eventId: input.eventId, round: item.round, onProposal, decision: "APPROVE" } });
    const check = checkTransition({
      status: item.status,
      action: ACTION[input.decision],
      role: access.role,
      isAuthor,
      approvalsAfter: priorApprovals + (input.decision === "APPROVE" ? 1 : 0),
      requiredApprovals: required,
    });
    if (!check.ok) refuse(check);
    if (item.round !== input.round) throw conflict("This was resubmitted after you opened it. Reload to review the current version.");
    const mine = await tx.reviewDecision.findFirst({ where: { eventId: input.eventId, round: item.round, onProposal, reviewerId: actor.userId }, select: { id: true } });
    if (mine) throw conflict("You have already decided on this submission.");
    await tx.reviewDecision.create({
      data: { workspaceId, eventId: input.eventId, round: item.round, onProposal, reviewerId: actor.userId, decision: input.decision, comment: input.comment },
    });

    const next = check.next;
    if (next === "PUBLISHED") {
      if (onProposal) await applyProposal(tx, actor, input.eventId, workspaceId);
      else await tx.event.update({ where: { id: input.eventId }, data: { status: "PUBLISHED", publishedAt: new Date(), awaitingReview: false, revisionAuthorIds: [] } });
    } else if (next === "CHANGES_REQUESTED" || next === "REJECTED") {
      if (onProposal) {
        await tx.eventProposal.update({ where: { eventId: input.eventId }, data: { status: next } });
        await tx.event.update({ where: { id: input.eventId }, data: { awaitingReview: false } });
        // A rejected change of evidence is dropped (readers never saw it); asked-for changes keep it for the author to revise.
        if (next === "REJECTED") {
          const citations = await settleProposedCitations(tx, input.eventId, "discard");
          if (citations.added + citations.removed > 0) {
            await recordAudit(tx, actor, { workspaceId, action: "citation.proposal_discarded", targetType: "event", targetId: input.eventId, before: citations });
          }
        }
      } else {
        await tx.event.update({ where: { id: input.eventId }, data: { status: next, awaitingReview: false } });
      }
    }
    const version = (await tx.event.findUniqueOrThrow({ where: { id: input.eventId }, select: { version: true } })).version;
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
    const published = next === "PUBLISHED" ? " It is now published." : next === "APPROVED_PENDING_MORE" ? " It needs one more approval." : "";
    await notify(tx, {
      workspaceId,
      userIds: item.authorIds,
      kind: `review.${input.decision.toLowerCase()}`,
      eventId: input.eventId,
      actorId: actor.userId,
      message: `${reviewer.name} ${VERB[input.decision]} “${item.title}”.${published}${input.comment ? ` “${input.comment.slice(0, 200)}”` : ""}`,
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
    return { status: next === "APPROVED_PENDING_MORE" ? ("PENDING" as const) : next, approvals: priorApprovals + (input.decision === "APPROVE" ? 1 : 0), required };
  });
}

/** Returning or rejecting a submission needs a reason: the author has to know what to change. */
function requireComment(decision: Decision, comment: string) {
  if (decision !== "APPROVE" && comment.trim().length === 0) {
    throw badRequest("Say what needs to change, or why it is rejected.", { comment: "Say what needs to change, or why it is rejected" });
  }
}

/** The same decision on several submissions; each succeeds or fails on its own. */
export async function decideMany(actor: Actor, input: { items: { eventId: string; round: number }[]; decision: Decision; comment: string }) {
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

type FieldChange = { field: "title" | "date" | "summary" | "tags" | "entities" | "citations"; before: string | null; after: string };

function describeFields(f: EventFields, entityNames: Map<string, string>): Record<Exclude<FieldChange["field"], "citations">, string> {
  return {
    title: f.title,
    date: formatEventDate(f.date),
    summary: f.summary,
    tags: f.tags.join(", "),
    // A set: the order links come in (the form's or the database's) is not a change.
    entities: f.entities
      .map((e) => `${entityNames.get(e.entityId) ?? "?"} (${e.role.toLowerCase()})`)
      .sort((a, b) => a.localeCompare(b))
      .join(", "),
  };
}

/**
 * What is under review that the user wrote, as lockItem decides authorship: a
 * new event's creator and editors, or a change's proposal authors (the
 * published event's own editors did not write the change).
 */
function writtenBy(userId: string): Prisma.EventWhereInput {
  return {
    OR: [
      { status: { not: "PUBLISHED" }, OR: [{ createdById: userId }, { revisionAuthorIds: { has: userId } }] },
      { status: "PUBLISHED", proposal: { authorIds: { has: userId } } },
    ],
  };
}

/**
 * The review queue: every event and proposed change waiting for a decision,
 * with who wrote it, how long it has waited, its citations and rating, a
 * per-field diff against the published version, and the pre-flight checklist.
 */
export async function listReviewQueue(actor: Actor, input: QueueInput) {
  const access = await requireAccess(actor, input.workspaceId, "event.readDrafts");
  const and: Prisma.EventWhereInput[] = [{ workspaceId: input.workspaceId, awaitingReview: true, deletedAt: null }];
  if (input.kind === "new") and.push({ status: "PENDING" });
  if (input.kind === "change") and.push({ status: "PUBLISHED" });
  if (input.authorId) and.push(writtenBy(input.authorId));
  const asc = input.order === "oldest";
  if (input.cursor) {
    const [at, id] = decodeCursor(input.cursor, 2);
    const key = decodeDate(at!);
    and.push(asc ? { OR: [{ submittedAt: { gt: key } }, { submittedAt: key, id: { gt: id } }] } : { OR: [{ submittedAt: { lt: key } }, { submittedAt: key, id: { lt: id } }] });
  }
  const rows = await db.event.findMany({
    where: { AND: and },
    orderBy: [{ submittedAt: asc ? "asc" : "desc" }, { id: asc ? "asc" : "desc" }],
    take: input.limit + 1,
    select: {
      id: true,
      title: true,
      summary: true,
      tags: true,
      status: true,
      reviewRound: true,
      submittedAt: true,
      createdById: true,
      revisionAuthorIds: true,
      ...dateColumnSelect,
      entities: { select: { entityId: true, role: true, placePrecision: true } },
      proposal: { select: { snapshot: true, reviewRound: true, authorIds: true } },
      // The evidence as it will be once approved: proposed removals gone, proposed additions in.
      _count: { select: { citations: { where: { proposedRemove: false } } } },
    },
  });
  const page = rows.slice(0, input.limit);
  const ids = page.map((r) => r.id);
  const changeIds = page.filter((r) => r.status === "PUBLISHED").map((r) => r.id);
  const [ratings, quoted, decisions, citationChanges] = await Promise.all([
    ratingsForEvents(ids),
    db.citation.groupBy({ by: ["eventId"], where: { eventId: { in: ids }, stance: "SUPPORTS", quote: { not: "" }, proposedRemove: false }, _count: { _all: true } }),
    db.reviewDecision.findMany({ where: { eventId: { in: ids } }, select: { eventId: true, round: true, onProposal: true, decision: true, reviewerId: true, reviewer: { select: { name: true } } } }),
    changeIds.length
      ? db.citation.findMany({
          where: { eventId: { in: changeIds }, OR: [{ proposedAdd: true }, { proposedRemove: true }] },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          select: { eventId: true, proposedAdd: true, stance: true, quote: true, source: { select: { title: true } } },
        })
      : [],
  ]);
  const supportCount = new Map(quoted.map((q) => [q.eventId, q._count._all]));
  const authorIds = new Set(page.flatMap((r) => (r.proposal ? r.proposal.authorIds : [r.createdById, ...r.revisionAuthorIds])));
  const entityIds = new Set(page.flatMap((r) => [...r.entities.map((e) => e.entityId), ...((r.proposal?.snapshot as EventFields | undefined)?.entities ?? []).map((e) => e.entityId)]));
  const [users, entities] = await Promise.all([
    db.user.findMany({ where: { id: { in: [...authorIds] } }, select: { id: true, name: true } }),
    db.entity.findMany({ where: { id: { in: [...entityIds] } }, select: { id: true, name: true } }),
  ]);
  const nameOf = new Map(users.map((u) => [u.id, u.name]));
  const entityNames = new Map(entities.map((e) => [e.id, e.name]));
  const canDecide = can(access.role, "review.decide");

  const items = page.map((r) => {
    const isChange = r.status === "PUBLISHED";
    const round = isChange ? r.proposal!.reviewRound : r.reviewRound;
    const authors = [...new Set(isChange ? r.proposal!.authorIds : [r.createdById, ...r.revisionAuthorIds])];
    const published: EventFields = { title: r.title, summary: r.summary, tags: r.tags, date: fromDateColumns(r) ?? { start: { year: 1 }, end: null, qualifier: "EXACT" }, entities: r.entities.map((e) => ({ ...e, placePrecision: e.placePrecision ?? null })) };
    const proposed = isChange ? eventFieldsSchema.parse(r.proposal!.snapshot) : published;
    const after = describeFields(proposed, entityNames);
    const before = isChange ? describeFields(published, entityNames) : null;
    const changes: FieldChange[] = (Object.keys(after) as (keyof typeof after)[])
      .filter((f) => !before || before[f] !== after[f])
      .map((f) => ({ field: f, before: before ? before[f] : null, after: after[f] }));
    if (isChange) {
      const cited = citationChanges.filter((c) => c.eventId === r.id);
      // One line a citation: what readers lose (before) and what they gain (after).
      const line = (c: (typeof cited)[number]) => `${c.source.title} (${c.stance.toLowerCase()}): “${c.quote.length > 160 ? `${c.quote.slice(0, 160)}…` : c.quote}”`;
      if (cited.length) changes.push({ field: "citations", before: cited.filter((c) => !c.proposedAdd).map(line).join("\n"), after: cited.filter((c) => c.proposedAdd).map(line).join("\n") });
    }
    const rating = ratings.get(r.id)!;
    const roundDecisions = decisions.filter((d) => d.eventId === r.id && d.round === round && d.onProposal === isChange);
    return {
      eventId: r.id,
      kind: isChange ? ("change" as const) : ("new" as const),
      title: proposed.title,
      dateText: formatEventDate(proposed.date),
      round,
      submittedAt: r.submittedAt,
      authors: authors.map((id) => ({ id, name: nameOf.get(id) ?? "?" })),
      citationCount: r._count.citations,
      rating,
      changes,
      approvals: roundDecisions.filter((d) => d.decision === "APPROVE").map((d) => d.reviewer.name),
      checklist: {
        supportingQuote: (supportCount.get(r.id) ?? 0) > 0,
        consensusRating: rating.credibility !== null,
        noConflict: !rating.contested,
      },
      /** Whether the caller may decide: a reviewer who did not write it and has not decided on this round yet. */
      canDecide: canDecide && !authors.includes(actor.userId) && !roundDecisions.some((d) => d.reviewerId === actor.userId),
    };
  });
  const last = page.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? encodeCursor([last.submittedAt!, last.id]) : null };
}

/** What waits for the caller: submissions by others, for reviewers; unread notifications for everyone. */
export async function reviewCounts(actor: Actor, workspaceId: string) {
  const access = await requireAccess(actor, workspaceId, "workspace.read");
  if (!can(access.role, "review.decide")) return { waiting: 0, briefings: 0 };
  const [waiting, briefings] = await Promise.all([
    db.event.count({
      where: {
        workspaceId,
        awaitingReview: true,
        deletedAt: null,
        NOT: writtenBy(actor.userId),
      },
    }),
    // Briefings have their own queue on the briefings page; the tab shows how many wait.
    db.briefing.count({ where: { workspaceId, awaitingReview: true, deletedAt: null, NOT: { revisionAuthorIds: { has: actor.userId } } } }),
  ]);
  return { waiting, briefings };
}

/** The review state of one event for its page: status, round, decisions so far and the proposal if any. */
export async function getReviewState(actor: Actor, eventId: string) {
  // One read of the event for the page; nothing of it is returned before the access check.
  const e = await db.event.findUnique({
    where: { id: eventId },
    select: {
      workspaceId: true,
      deletedAt: true,
      workspace: { select: { requiredApprovals: true } },
      status: true,
      reviewRound: true,
      createdById: true,
      revisionAuthorIds: true,
      proposal: { select: { status: true, reviewRound: true, authorIds: true, snapshot: true, version: true } },
      decisions: { orderBy: { createdAt: "desc" }, take: 20, select: { round: true, onProposal: true, decision: true, comment: true, createdAt: true, reviewer: { select: { name: true } } } },
    },
  });
  if (!e || e.deletedAt) throw notFound("Event");
  const access = await requireAccess(actor, e.workspaceId, "event.readDrafts");
  const isChange = e.status === "PUBLISHED" && e.proposal != null;
  const status = isChange ? e.proposal!.status : e.status;
  const round = isChange ? e.proposal!.reviewRound : e.reviewRound;
  const authors = isChange ? e.proposal!.authorIds : [e.createdById, ...e.revisionAuthorIds];
  const isAuthor = authors.includes(actor.userId);
  // With two approvals required, a reviewer who approved this round waits for another one.
  const decidedThisRound = (await db.reviewDecision.count({ where: { eventId, round, onProposal: isChange, reviewerId: actor.userId } })) > 0;
  return {
    kind: isChange ? ("change" as const) : e.status === "PUBLISHED" ? ("published" as const) : ("new" as const),
    status,
    round,
    isAuthor,
    requiredApprovals: e.workspace.requiredApprovals,
    proposal: e.proposal ? { status: e.proposal.status, snapshot: e.proposal.snapshot as EventFields, version: e.proposal.version } : null,
    decisions: e.decisions,
    can: {
      submit: checkTransition({ status: status as ReviewStatus, action: "submit", role: access.role, isAuthor }).ok && (e.status !== "PUBLISHED" || isChange),
      withdraw: checkTransition({ status: status as ReviewStatus, action: "withdraw", role: access.role, isAuthor }).ok,
      decide: checkTransition({ status: status as ReviewStatus, action: "approve", role: access.role, isAuthor }).ok && !decidedThisRound,
    },
  };
}

export async function updateReviewSettings(actor: Actor, input: { workspaceId: string; requiredApprovals: 1 | 2 }) {
  await requireAccess(actor, input.workspaceId, "workspace.update");
  return db.$transaction(async (tx) => {
    const before = await tx.workspace.findUniqueOrThrow({ where: { id: input.workspaceId }, select: { requiredApprovals: true } });
    await tx.workspace.update({ where: { id: input.workspaceId }, data: { requiredApprovals: input.requiredApprovals } });
    await recordAudit(tx, actor, { workspaceId: input.workspaceId, action: "workspace.review_settings", targetType: "workspace", targetId: input.workspaceId, before, after: { requiredApprovals: input.requiredApprovals } });
    return { requiredApprovals: input.requiredApprovals };
  });
}
