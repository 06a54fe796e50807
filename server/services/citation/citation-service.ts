import { db } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";
import { badRequest, conflict, notFound } from "../../errors.ts";
import { can } from "../../policy.ts";
import {
  citeOnEventSchema,
  citeOnNewEventSchema,
  type CiteOnEventInput,
  type CiteOnNewEventInput,
  type Stance,
} from "../../schemas/citation.ts";
import { countIndependentOrigins, type OriginNode } from "../../schemas/origins.ts";
import { eventEvidenceWarnings } from "../evidence/index.ts";
import { formatEventDate } from "../../schemas/partial-date.ts";
import { ANCHOR_CONTEXT_CHARS, contextOf } from "../../lib/quote-anchor.ts";
import { requireAccess, requireAccessFor } from "../access/index.ts";
import type { Actor } from "../access/index.ts";
import { requireEventVisible, seesDrafts, visibleCitations } from "../access/index.ts";
import { recordAudit } from "../audit/index.ts";
import { insertEvent, joinProposal } from "../event/index.ts";
import { recordRevision } from "../history/index.ts";
import { translationListSelect, translationsOf } from "./translation-view.ts";

// What a reviewer looks at must not change under them: the evidence is frozen while a submission waits.
const UNDER_REVIEW =
  "This event is waiting for review, so its citations cannot change now. Withdraw the submission first.";

/** Characters kept either side of a quote (the selector's prefix and suffix), so it can be found again after an edit. */
export const CONTEXT_CHARS = ANCHOR_CONTEXT_CHARS;

type Passage = {
  sourceId: string;
  stance: Stance;
  startOffset: number;
  endOffset: number;
  quote: string;
  note: string;
};

/**
 * The source a passage is taken from, after the access check: the text is
 * compared only for someone allowed to cite in its workspace, so an outsider
 * can neither learn that a source id exists nor test guesses of its words
 * against the offsets (BAD_REQUEST vs NOT_FOUND would tell them).
 */
async function loadCitableSource(actor: Actor, sourceId: string) {
  const source = await db.source.findUnique({
    where: { id: sourceId },
    select: { workspaceId: true, deletedAt: true, text: true },
  });
  if (!source || source.deletedAt) throw notFound("Source");
  await requireAccessFor("Source", actor, source.workspaceId, "citation.write");
  return source;
}

/**
 * Checks the passage against the stored text: the offsets must point at
 * exactly the quoted characters, so a citation can never claim words the
 * source does not contain.
 */
function checkPassage(text: string, p: Passage) {
  if (p.endOffset > text.length || text.slice(p.startOffset, p.endOffset) !== p.quote) {
    throw badRequest("The selected passage does not match the source's text. Reload the source and select it again.");
  }
  if (p.quote.trim().length === 0) throw badRequest("Select some words, not only spaces.");
  const { prefix, suffix } = contextOf(text, p.startOffset, p.endOffset);
  return { contextBefore: prefix, contextAfter: suffix };
}

/**
 * Locks the event and says how its citations may change now: directly on an
 * unpublished event; on a published one only as part of its proposal (joined
 * or started here), so readers keep the published evidence until a reviewer
 * approves; not at all while a submission or a proposed change waits.
 */
async function lockForCitationChange(
  tx: Prisma.TransactionClient,
  actor: Actor,
  eventId: string,
): Promise<{ proposed: boolean; version: number }> {
  // The same row lock as review decisions and edits take: a change cannot slip in mid-decision.
  await tx.$queryRaw`SELECT id FROM "Event" WHERE id = ${eventId} FOR UPDATE`;
  const event = await tx.event.findUniqueOrThrow({
    where: { id: eventId },
    select: { workspaceId: true, status: true, version: true, proposal: { select: { status: true } } },
  });
  if (event.status === "PENDING" || event.proposal?.status === "PENDING") throw conflict(UNDER_REVIEW);
  if (event.status !== "PUBLISHED") return { proposed: false, version: event.version };
  await joinProposal(tx, actor, { id: eventId, workspaceId: event.workspaceId, version: event.version });
  return { proposed: true, version: event.version };
}

async function insertCitation(
  tx: Prisma.TransactionClient,
  actor: Actor,
  workspaceId: string,
  eventId: string,
  p: Passage,
  context: { contextBefore: string; contextAfter: string },
) {
  const { proposed, version } = await lockForCitationChange(tx, actor, eventId);
  const existing = await tx.citation.findFirst({
    where: { eventId, sourceId: p.sourceId, startOffset: p.startOffset, endOffset: p.endOffset },
    select: { id: true },
  });
  if (existing) throw conflict("This passage is already cited on this event.");
  const citation = await tx.citation.create({
    data: {
      workspaceId,
      eventId,
      sourceId: p.sourceId,
      stance: p.stance,
      quote: p.quote,
      startOffset: p.startOffset,
      endOffset: p.endOffset,
      note: p.note,
      ...context,
      createdById: actor.userId,
      proposedAdd: proposed,
    },
    select: { id: true, stance: true, quote: true, proposedAdd: true, source: { select: { title: true } } },
  });
  const entry = {
    citationId: citation.id,
    sourceId: p.sourceId,
    sourceTitle: citation.source.title,
    stance: p.stance,
    quote: p.quote,
  };
  await recordRevision(tx, actor, {
    workspaceId,
    targetType: "event",
    targetId: eventId,
    version,
    action: proposed ? "citation_proposed" : "citation_added",
    snapshot: entry,
  });
  await recordAudit(tx, actor, {
    workspaceId,
    action: proposed ? "citation.proposed" : "citation.created",
    targetType: "citation",
    targetId: citation.id,
    after: { eventId, ...entry },
  });
  return citation;
}

/**
 * Cites a passage inside the caller's transaction (an accepted import
 * candidate creates its event and citation together). The caller has checked
 * access to the workspace; the passage is checked against the text here.
 */
export function citePassageInTx(
  tx: Prisma.TransactionClient,
  actor: Actor,
  workspaceId: string,
  eventId: string,
  sourceText: string,
  passage: Passage,
) {
  return insertCitation(tx, actor, workspaceId, eventId, passage, checkPassage(sourceText, passage));
}

/**
 * Cites a passage on an event. On a published event the citation is a
 * proposed addition: contributors see it marked, readers and ratings do not
 * count it until the proposal is approved.
 */
export async function citeOnEvent(actor: Actor, raw: CiteOnEventInput) {
  const input = citeOnEventSchema.parse(raw);
  const source = await loadCitableSource(actor, input.sourceId);
  const event = await db.event.findFirst({
    where: { id: input.eventId, workspaceId: source.workspaceId, deletedAt: null },
    select: { id: true },
  });
  if (!event) throw notFound("Event");
  const context = checkPassage(source.text, input);
  return db.$transaction((tx) => insertCitation(tx, actor, source.workspaceId, input.eventId, input, context));
}

/**
 * Creates a draft event and cites the passage on it, in one step from the
 * reader. One transaction: if the citation is refused, neither the event nor
 * its revision and audit rows stay behind.
 */
export async function citeOnNewEvent(actor: Actor, raw: CiteOnNewEventInput) {
  const input = citeOnNewEventSchema.parse(raw);
  const source = await loadCitableSource(actor, input.sourceId);
  await requireAccess(actor, source.workspaceId, "event.create");
  const context = checkPassage(source.text, input);
  return db.$transaction(async (tx) => {
    const event = await insertEvent(tx, actor, source.workspaceId, input.event);
    const citation = await insertCitation(tx, actor, source.workspaceId, event.id, input, context);
    return { event, citation };
  });
}

/**
 * A citation to change, after the access check, with the entry its history
 * and audit rows record.
 */
async function loadWritableCitation(actor: Actor, citationId: string) {
  const citation = await db.citation.findUnique({
    where: { id: citationId },
    select: {
      workspaceId: true,
      eventId: true,
      proposedRemove: true,
      sourceId: true,
      stance: true,
      quote: true,
      source: { select: { title: true } },
    },
  });
  if (!citation) throw notFound("Citation");
  await requireAccessFor("Citation", actor, citation.workspaceId, "citation.write");
  const entry = {
    citationId,
    sourceId: citation.sourceId,
    sourceTitle: citation.source.title,
    stance: citation.stance,
    quote: citation.quote,
  };
  return { ...citation, entry };
}

/**
 * Removes a citation. From a published event the removal is proposed: the
 * citation stays visible to readers, marked for contributors, until the
 * proposal is approved. A proposed addition is simply taken back (it was never
 * published).
 */
export async function deleteCitation(actor: Actor, citationId: string) {
  const { workspaceId, eventId, entry } = await loadWritableCitation(actor, citationId);
  return db.$transaction(async (tx) => {
    const { proposed, version } = await lockForCitationChange(tx, actor, eventId);
    const current = await tx.citation.findUnique({
      where: { id: citationId },
      select: { proposedAdd: true, proposedRemove: true },
    });
    if (!current) throw notFound("Citation");
    const removal = proposed && !current.proposedAdd;
    if (removal && current.proposedRemove) return { ok: true as const, proposed: true };
    if (removal) await tx.citation.update({ where: { id: citationId }, data: { proposedRemove: true } });
    else await tx.citation.delete({ where: { id: citationId } });
    await recordRevision(tx, actor, {
      workspaceId,
      targetType: "event",
      targetId: eventId,
      version,
      action: removal ? "citation_removal_proposed" : "citation_removed",
      snapshot: entry,
    });
    await recordAudit(tx, actor, {
      workspaceId,
      action: removal ? "citation.removal_proposed" : "citation.deleted",
      targetType: "citation",
      targetId: citationId,
      before: { eventId, ...entry },
    });
    return { ok: true as const, proposed: removal };
  });
}

/** Takes back a proposed removal: the citation stays as published. */
export async function keepCitation(actor: Actor, citationId: string) {
  const { workspaceId, eventId, proposedRemove, entry } = await loadWritableCitation(actor, citationId);
  if (!proposedRemove) return { ok: true as const };
  return db.$transaction(async (tx) => {
    const { version } = await lockForCitationChange(tx, actor, eventId);
    const { count } = await tx.citation.updateMany({
      where: { id: citationId, proposedRemove: true },
      data: { proposedRemove: false },
    });
    if (count > 0) {
      await recordRevision(tx, actor, {
        workspaceId,
        targetType: "event",
        targetId: eventId,
        version,
        action: "citation_removal_withdrawn",
        snapshot: entry,
      });
      await recordAudit(tx, actor, {
        workspaceId,
        action: "citation.removal_withdrawn",
        targetType: "citation",
        targetId: citationId,
        after: { eventId },
      });
    }
    return { ok: true as const };
  });
}

/**
 * Applies or discards the citation changes proposed on a published event,
 * inside the review decision's transaction: approval publishes the proposed
 * additions and deletes the proposed removals; rejection drops the additions
 * and keeps the citations proposed for removal.
 */
export async function settleProposedCitations(
  tx: Prisma.TransactionClient,
  eventId: string,
  outcome: "apply" | "discard",
) {
  if (outcome === "apply") {
    const added = await tx.citation.updateMany({
      where: { eventId, proposedAdd: true },
      data: { proposedAdd: false, proposedRemove: false },
    });
    const removed = await tx.citation.deleteMany({ where: { eventId, proposedRemove: true } });
    return { added: added.count, removed: removed.count };
  }
  const dropped = await tx.citation.deleteMany({ where: { eventId, proposedAdd: true } });
  const kept = await tx.citation.updateMany({
    where: { eventId, proposedRemove: true },
    data: { proposedRemove: false },
  });
  return { added: dropped.count, removed: kept.count };
}

/** Follows "derived from" links upwards so copies of copies share one origin (one query for many sources). */
export async function ancestorsOf(sourceIds: string[]): Promise<OriginNode[]> {
  if (sourceIds.length === 0) return [];
  return db.$queryRaw<OriginNode[]>`
    WITH RECURSIVE chain AS (
      SELECT s.id, s."publisherId", s."derivedFromId" FROM "Source" s WHERE s.id = ANY(${sourceIds})
      UNION
      SELECT p.id, p."publisherId", p."derivedFromId" FROM "Source" p JOIN chain c ON p.id = c."derivedFromId"
    )
    SELECT id, "publisherId", "derivedFromId" FROM chain`;
}

export type Support = { supportingSources: number; independentOrigins: number };

/**
 * How much support each group of sources gives (an event's supporting
 * sources, or the supporting quotes a briefing froze), by the rule the app
 * counts with everywhere: a retracted source supports nothing any more
 * (services/evidence), and sources of one publisher or derived from one
 * another are one origin. Two queries whatever the number of groups; a
 * source id unknown here counts for nothing.
 */
export async function supportOfSources(groups: Map<string, string[]>): Promise<Map<string, Support>> {
  const ids = [...new Set([...groups.values()].flat())];
  const rows = ids.length
    ? await db.source.findMany({
        where: { id: { in: ids }, OR: [{ standing: null }, { standing: { not: "RETRACTED" } }] },
        select: { id: true, publisherId: true, derivedFromId: true },
      })
    : [];
  const byId = new Map(rows.map((s) => [s.id, s]));
  const ancestors = await ancestorsOf(rows.filter((s) => s.derivedFromId).map((s) => s.id));
  const out = new Map<string, Support>();
  for (const [key, sourceIds] of groups) {
    const sources = [...new Set(sourceIds)].flatMap((id) => byId.get(id) ?? []);
    out.set(key, {
      supportingSources: sources.length,
      independentOrigins: countIndependentOrigins(sources, ancestors),
    });
  }
  return out;
}

/**
 * Supporting sources of each event and the independent origins they come
 * from, over the evidence readers see (proposed additions count once
 * approved). No access check: callers have done it.
 */
export async function supportOfEvents(eventIds: string[]): Promise<Map<string, Support>> {
  const rows = eventIds.length
    ? await db.citation.findMany({
        where: { eventId: { in: eventIds }, stance: "SUPPORTS", proposedAdd: false },
        distinct: ["eventId", "sourceId"],
        select: { eventId: true, sourceId: true },
      })
    : [];
  const groups = new Map<string, string[]>(eventIds.map((id) => [id, []]));
  for (const r of rows) groups.get(r.eventId)?.push(r.sourceId);
  return supportOfSources(groups);
}

/** One event's support (see supportOfEvents). */
export async function supportOfEvent(eventId: string): Promise<Support> {
  return (await supportOfEvents([eventId])).get(eventId)!;
}

/**
 * An event's citations grouped by stance, with how many sources support it and
 * how many independent origins those come from.
 */
export async function listEventCitations(actor: Actor, eventId: string) {
  const event = await db.event.findUnique({
    where: { id: eventId },
    select: { workspaceId: true, status: true, deletedAt: true },
  });
  if (!event) throw notFound("Event");
  const access = await requireAccessFor("Event", actor, event.workspaceId, "event.readPublished");
  requireEventVisible(access.role, event.status);
  // As for the event itself: what is in the trash is seen by those who manage it.
  if (event.deletedAt && !can(access.role, "trash.manage")) throw notFound("Event");
  const rows = await db.citation.findMany({
    // Readers see the published evidence: a proposed addition is not part of it yet.
    where: { eventId, workspaceId: event.workspaceId, ...visibleCitations(access.role) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      stance: true,
      quote: true,
      note: true,
      startOffset: true,
      endOffset: true,
      createdAt: true,
      proposedAdd: true,
      proposedRemove: true,
      quoteNotFoundAt: true,
      createdBy: { select: { name: true } },
      ...translationListSelect,
      source: {
        select: {
          id: true,
          title: true,
          kind: true,
          url: true,
          language: true,
          pubYear: true,
          pubMonth: true,
          pubDay: true,
          publisherId: true,
          derivedFromId: true,
          standing: true,
          standingNote: true,
          standingUrl: true,
          publisher: { select: { id: true, name: true } },
        },
      },
    },
  });
  // Counted over the published evidence, for everyone, as the event's rating is.
  // A retracted source is listed (with its mark) but no longer counted as support.
  const supporting = rows
    .filter((r) => r.stance === "SUPPORTS" && !r.proposedAdd && r.source.standing !== "RETRACTED")
    .map((r) => r.source);
  const distinctSupporting = [...new Map(supporting.map((s) => [s.id, s])).values()];
  const ancestors = await ancestorsOf(distinctSupporting.filter((s) => s.derivedFromId).map((s) => s.id));
  const origins = countIndependentOrigins(
    distinctSupporting.map((s) => ({ id: s.id, publisherId: s.publisherId, derivedFromId: s.derivedFromId })),
    ancestors,
  );
  const translations = await translationsOf(rows, {
    userId: actor.userId,
    canWrite: can(access.role, "citation.write"),
  });
  const citations = rows.map((r) => ({
    id: r.id,
    translation: translations(r),
    stance: r.stance,
    quote: r.quote,
    note: r.note,
    startOffset: r.startOffset,
    endOffset: r.endOffset,
    createdAt: r.createdAt,
    createdBy: r.createdBy,
    /** When the quoted words stopped occurring in the source's edited text; null while they are there. */
    quoteNotFoundAt: r.quoteNotFoundAt,
    /** Part of a proposed change to the published event, shown to contributors only. */
    proposed: !seesDrafts(access.role)
      ? null
      : r.proposedAdd
        ? ("add" as const)
        : r.proposedRemove
          ? ("remove" as const)
          : null,
    source: {
      id: r.source.id,
      title: r.source.title,
      kind: r.source.kind,
      url: r.source.url,
      language: r.source.language,
      publisher: r.source.publisher,
      standing: r.source.standing
        ? { kind: r.source.standing, note: r.source.standingNote, link: r.source.standingUrl }
        : null,
      pubDateText: r.source.pubYear
        ? formatEventDate({ start: { year: r.source.pubYear, month: r.source.pubMonth, day: r.source.pubDay } })
        : "Undated",
    },
  }));
  return {
    citations,
    /** The event's "evidence weakened" flags, open ones first (handled ones are kept as history). */
    evidenceWarnings: await eventEvidenceWarnings(eventId, actor, access.role),
    supportingSources: distinctSupporting.length,
    independentOrigins: origins,
    canCite: can(access.role, "citation.write"),
  };
}
