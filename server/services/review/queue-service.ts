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
import { lensFor, ratingsForEvents, reliabilityOf } from "../vote/index.ts";
import { ancestorsOf } from "../citation/index.ts";
import { countIndependentOrigins } from "../../schemas/origins.ts";
import { describeEventChanges, type CitedLine, type DescribedEvent } from "../../schemas/event-changes.ts";

/** An event version as the diff reads it, with entity names from `names`. */
function described(f: EventFields, names: Map<string, string>): DescribedEvent {
  return {
    title: f.title,
    date: formatEventDate(f.date),
    summary: f.summary,
    tags: f.tags,
    entities: f.entities.map((e) => ({ ...e, name: names.get(e.entityId) ?? "(unknown entity)" })),
  };
}

const QUOTE_CHARS = 300;
/** A card shows a passage, not a page: long quotes are cut at a word. */
function clip(quote: string): string {
  if (quote.length <= QUOTE_CHARS) return quote;
  const cut = quote.slice(0, QUOTE_CHARS);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), QUOTE_CHARS - 40))}…`;
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
    },
  });
  const page = rows.slice(0, input.limit);
  const ids = page.map((r) => r.id);
  const lens = lensFor(actor, access.role);
  // Everything a card shows comes from a fixed number of queries for the whole page (no query per card).
  const [ratings, cited, decisions] = await Promise.all([
    ratingsForEvents(ids, lens),
    ids.length
      ? db.citation.findMany({
          where: { eventId: { in: ids }, workspaceId: input.workspaceId },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          select: {
            id: true,
            eventId: true,
            stance: true,
            quote: true,
            proposedAdd: true,
            proposedRemove: true,
            quoteNotFoundAt: true,
            source: {
              select: {
                id: true,
                title: true,
                publisherId: true,
                standing: true,
                derivedFromId: true,
                publisher: { select: { name: true } },
              },
            },
          },
        })
      : [],
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
  ]);
  const publisherIds = [...new Set(cited.flatMap((c) => (c.source.publisherId ? [c.source.publisherId] : [])))];
  const [reliability, ancestors] = await Promise.all([
    reliabilityOf(publisherIds, lens),
    ancestorsOf([...new Set(cited.filter((c) => c.source.derivedFromId).map((c) => c.source.id))]),
  ]);
  const citedBy = new Map<string, typeof cited>();
  for (const c of cited) citedBy.set(c.eventId, [...(citedBy.get(c.eventId) ?? []), c]);
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
    db.entity.findMany({
      where: { id: { in: [...entityIds] }, workspaceId: input.workspaceId },
      select: { id: true, name: true },
    }),
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
    const citations = citedBy.get(r.id) ?? [];
    // One line a citation: what readers lose (removed) and what they gain (added).
    const line = (c: (typeof citations)[number]): CitedLine => ({
      sourceTitle: c.source.title,
      stance: c.stance,
      quote: clip(c.quote),
    });
    const changes = describeEventChanges(
      isChange ? described(published, entityNames) : null,
      described(proposed, entityNames),
      isChange
        ? {
            added: citations.filter((c) => c.proposedAdd).map(line),
            removed: citations.filter((c) => c.proposedRemove).map(line),
          }
        : undefined,
    );
    // The evidence as it will be once approved: proposed removals gone, proposed additions in.
    const evidence = citations.filter((c) => !c.proposedRemove);
    const supporting = [
      ...new Map(
        evidence
          // A retracted source no longer counts as support (services/evidence).
          .filter((c) => c.stance === "SUPPORTS" && c.source.standing !== "RETRACTED")
          .map((c) => [
            c.source.id,
            { id: c.source.id, publisherId: c.source.publisherId, derivedFromId: c.source.derivedFromId },
          ]),
      ).values(),
    ];
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
      // Counted from the page's citations, loaded anyway: a relation count here made the database count every citation of the workspace.
      citationCount: evidence.length,
      rating,
      changes,
      /** What a reviewer checks without leaving the queue: each passage, its stance, its source and how far that is trusted. */
      evidence: {
        citations: citations.map((c) => {
          const rel = c.source.publisherId ? reliability.get(c.source.publisherId) : undefined;
          return {
            id: c.id,
            stance: c.stance,
            quote: clip(c.quote),
            proposed: c.proposedAdd ? ("add" as const) : c.proposedRemove ? ("remove" as const) : null,
            quoteNotFound: c.quoteNotFoundAt !== null,
            source: {
              id: c.source.id,
              title: c.source.title,
              publisher: c.source.publisher?.name ?? null,
              // Null: no origin to rate. Hidden: the reader is blind to it until they vote or skip on it.
              reliability: rel ? { grade: rel.consensus, hidden: rel.hidden, contested: rel.contested } : null,
            },
          };
        }),
        supportingSources: supporting.length,
        independentOrigins: countIndependentOrigins(supporting, ancestors),
        /** Passages whose words are no longer in their source's edited text: the reviewer must see it. */
        quoteNotFound: evidence.filter((c) => c.quoteNotFoundAt !== null).length,
      },
      approvals: roundDecisions.filter((d) => d.decision === "APPROVE").map((d) => d.reviewer.name),
      // Null while the reviewer is blind to the event's votes: "agreed" or "contested" would give them away.
      checklist: {
        supportingQuote: evidence.some((c) => c.stance === "SUPPORTS" && c.quote !== ""),
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

/** A published event's proposal against the event, for its page: three reads, whatever the size. */
async function proposedChanges(
  eventId: string,
  workspaceId: string,
  e: Pick<EventFields, "title" | "summary" | "tags"> & {
    entities: {
      entityId: string;
      role: EventFields["entities"][number]["role"];
      placePrecision: EventFields["entities"][number]["placePrecision"];
    }[];
  } & Parameters<typeof fromDateColumns>[0],
  proposed: EventFields,
) {
  const ids = [...new Set([...e.entities, ...proposed.entities].map((l) => l.entityId))];
  const [entities, cited] = await Promise.all([
    db.entity.findMany({ where: { id: { in: ids }, workspaceId }, select: { id: true, name: true } }),
    db.citation.findMany({
      where: { eventId, workspaceId, OR: [{ proposedAdd: true }, { proposedRemove: true }] },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { proposedAdd: true, stance: true, quote: true, source: { select: { title: true } } },
    }),
  ]);
  const names = new Map(entities.map((x) => [x.id, x.name]));
  const published: EventFields = {
    title: e.title,
    summary: e.summary,
    tags: e.tags,
    date: fromDateColumns(e) ?? { start: { year: 1 }, end: null, qualifier: "EXACT" },
    entities: e.entities.map((l) => ({ ...l, placePrecision: l.placePrecision ?? null })),
  };
  const line = (c: (typeof cited)[number]): CitedLine => ({
    sourceTitle: c.source.title,
    stance: c.stance,
    quote: clip(c.quote),
  });
  return describeEventChanges(described(published, names), described(proposed, names), {
    added: cited.filter((c) => c.proposedAdd).map(line),
    removed: cited.filter((c) => !c.proposedAdd).map(line),
  });
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
      // The published fields, to name every proposed change against them.
      title: true,
      summary: true,
      tags: true,
      ...dateColumnSelect,
      entities: { select: { entityId: true, role: true, placePrecision: true } },
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
  const snapshot = e.proposal ? eventFieldsSchema.parse(e.proposal.snapshot) : null;
  return {
    kind: isChange ? ("change" as const) : e.status === "PUBLISHED" ? ("published" as const) : ("new" as const),
    status,
    round,
    isAuthor,
    requiredApprovals: e.workspace.requiredApprovals,
    proposal: e.proposal
      ? {
          status: e.proposal.status,
          snapshot: snapshot!,
          version: e.proposal.version,
          /** Every proposed field against the published event, named (entities, places, tags, citations included). */
          changes: isChange ? await proposedChanges(eventId, e.workspaceId, e, snapshot!) : [],
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
