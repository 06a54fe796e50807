import { db } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";
import { notFound } from "../../errors.ts";
import { can, checkTransition, type ReviewStatus } from "../../policy.ts";
import { eventFieldsSchema, type EventFields } from "../../schemas/event.ts";
import { formatEventDate } from "../../schemas/partial-date.ts";
import type { QueueInput } from "../../schemas/review.ts";
import { requireAccess, requireAccessFor } from "../access/index.ts";
import type { Actor } from "../access/index.ts";
import { decodeCursor, decodeDate, encodeCursor } from "../../lib/cursor.ts";
import { dateColumnSelect, fromDateColumns } from "../../lib/event-date-columns.ts";
import { lensFor, ratingsForEvents } from "../vote/index.ts";

type FieldChange = {
  field: "title" | "date" | "summary" | "tags" | "entities" | "citations";
  before: string | null;
  after: string;
};

function describeFields(
  f: EventFields,
  entityNames: Map<string, string>,
): Record<Exclude<FieldChange["field"], "citations">, string> {
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
    and.push(
      asc
        ? { OR: [{ submittedAt: { gt: key } }, { submittedAt: key, id: { gt: id } }] }
        : { OR: [{ submittedAt: { lt: key } }, { submittedAt: key, id: { lt: id } }] },
    );
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
    ratingsForEvents(ids, lensFor(actor, access.role)),
    db.citation.groupBy({
      by: ["eventId"],
      where: { eventId: { in: ids }, stance: "SUPPORTS", quote: { not: "" }, proposedRemove: false },
      _count: { _all: true },
    }),
    db.reviewDecision.findMany({
      where: { eventId: { in: ids } },
      select: {
        eventId: true,
        round: true,
        onProposal: true,
        decision: true,
        reviewerId: true,
        reviewer: { select: { name: true } },
      },
    }),
    changeIds.length
      ? db.citation.findMany({
          where: { eventId: { in: changeIds }, OR: [{ proposedAdd: true }, { proposedRemove: true }] },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          select: { eventId: true, proposedAdd: true, stance: true, quote: true, source: { select: { title: true } } },
        })
      : [],
  ]);
  const supportCount = new Map(quoted.map((q) => [q.eventId, q._count._all]));
  const authorIds = new Set(
    page.flatMap((r) => (r.proposal ? r.proposal.authorIds : [r.createdById, ...r.revisionAuthorIds])),
  );
  const entityIds = new Set(
    page.flatMap((r) => [
      ...r.entities.map((e) => e.entityId),
      ...(r.proposal ? eventFieldsSchema.parse(r.proposal.snapshot).entities : []).map((e) => e.entityId),
    ]),
  );
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
    const published: EventFields = {
      title: r.title,
      summary: r.summary,
      tags: r.tags,
      date: fromDateColumns(r) ?? { start: { year: 1 }, end: null, qualifier: "EXACT" },
      entities: r.entities.map((e) => ({ ...e, placePrecision: e.placePrecision ?? null })),
    };
    const proposed = isChange ? eventFieldsSchema.parse(r.proposal!.snapshot) : published;
    const after = describeFields(proposed, entityNames);
    const before = isChange ? describeFields(published, entityNames) : null;
    const changes: FieldChange[] = (Object.keys(after) as (keyof typeof after)[])
      .filter((f) => !before || before[f] !== after[f])
      .map((f) => ({ field: f, before: before ? before[f] : null, after: after[f] }));
    if (isChange) {
      const cited = citationChanges.filter((c) => c.eventId === r.id);
      // One line a citation: what readers lose (before) and what they gain (after).
      const line = (c: (typeof cited)[number]) =>
        `${c.source.title} (${c.stance.toLowerCase()}): “${c.quote.length > 160 ? `${c.quote.slice(0, 160)}…` : c.quote}”`;
      if (cited.length)
        changes.push({
          field: "citations",
          before: cited
            .filter((c) => !c.proposedAdd)
            .map(line)
            .join("\n"),
          after: cited
            .filter((c) => c.proposedAdd)
            .map(line)
            .join("\n"),
        });
    }
    const rating = ratings.get(r.id)!;
    const roundDecisions = decisions.filter(
      (d) => d.eventId === r.id && d.round === round && d.onProposal === isChange,
    );
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
      // Null while the reviewer is blind to the event's votes: "agreed" or "contested" would give them away.
      checklist: {
        supportingQuote: (supportCount.get(r.id) ?? 0) > 0,
        consensusRating: rating.hidden.credibility ? null : rating.credibility !== null,
        noConflict: rating.hidden.credibility ? null : !rating.contested,
      },
      /** Whether the caller may decide: a reviewer who did not write it and has not decided on this round yet. */
      canDecide:
        canDecide && !authors.includes(actor.userId) && !roundDecisions.some((d) => d.reviewerId === actor.userId),
    };
  });
  const last = page.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? encodeCursor([last.submittedAt!, last.id]) : null };
}

/** What waits for the caller: submissions by others, for reviewers; unread notifications for everyone. */
export async function reviewCounts(actor: Actor, workspaceId: string) {
  const access = await requireAccess(actor, workspaceId, "workspace.read");
  if (!can(access.role, "review.decide")) return { waiting: 0, briefings: 0 };
  const [events, records, briefings] = await Promise.all([
    db.event.count({
      where: {
        workspaceId,
        awaitingReview: true,
        deletedAt: null,
        NOT: writtenBy(actor.userId),
      },
    }),
    // Proposed changes to sources and entities are listed on the same review page.
    db.recordProposal.count({ where: { workspaceId, status: "PENDING", NOT: { authorIds: { has: actor.userId } } } }),
    // Briefings have their own queue on the briefings page; the tab shows how many wait.
    db.briefing.count({
      where: { workspaceId, awaitingReview: true, deletedAt: null, NOT: { revisionAuthorIds: { has: actor.userId } } },
    }),
  ]);
  return { waiting: events + records, briefings };
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
      decisions: {
        orderBy: { createdAt: "desc" },
        take: 20,
        select: {
          round: true,
          onProposal: true,
          decision: true,
          comment: true,
          createdAt: true,
          reviewer: { select: { name: true } },
        },
      },
    },
  });
  if (!e || e.deletedAt) throw notFound("Event");
  const access = await requireAccessFor("Event", actor, e.workspaceId, "event.readDrafts");
  const isChange = e.status === "PUBLISHED" && e.proposal != null;
  const status = isChange ? e.proposal!.status : e.status;
  const round = isChange ? e.proposal!.reviewRound : e.reviewRound;
  const authors = isChange ? e.proposal!.authorIds : [e.createdById, ...e.revisionAuthorIds];
  const isAuthor = authors.includes(actor.userId);
  // With two approvals required, a reviewer who approved this round waits for another one.
  const decidedThisRound =
    (await db.reviewDecision.count({ where: { eventId, round, onProposal: isChange, reviewerId: actor.userId } })) > 0;
  return {
    kind: isChange ? ("change" as const) : e.status === "PUBLISHED" ? ("published" as const) : ("new" as const),
    status,
    round,
    isAuthor,
    requiredApprovals: e.workspace.requiredApprovals,
    proposal: e.proposal
      ? {
          status: e.proposal.status,
          snapshot: eventFieldsSchema.parse(e.proposal.snapshot),
          version: e.proposal.version,
        }
      : null,
    decisions: e.decisions,
    can: {
      submit:
        checkTransition({ status: status as ReviewStatus, action: "submit", role: access.role, isAuthor }).ok &&
        (e.status !== "PUBLISHED" || isChange),
      withdraw: checkTransition({ status: status as ReviewStatus, action: "withdraw", role: access.role, isAuthor }).ok,
      decide:
        checkTransition({ status: status as ReviewStatus, action: "approve", role: access.role, isAuthor }).ok &&
        !decidedThisRound,
    },
  };
}
