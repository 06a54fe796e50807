/**
 * A workspace, a filtered chronology or a briefing's approved version as a
 * STIX 2.1 bundle (mapping in server/lib/stix/build-bundle.ts), after the same
 * checks as reading them in the app:
 *
 * - the events are exactly those the chronology lists for the same filters
 *   (listEvents does the choosing, so a viewer gets published events only);
 * - citations as the reader sees the evidence (a viewer: no proposed additions);
 * - each analyst's credibility vote only where the reader may see the votes in
 *   the app (blind voting: a contributor who has not voted or skipped on an
 *   event gets none of its votes, and the consensus says it is hidden);
 * - a briefing exports its latest publication, frozen as it was approved;
 * - each event's origin count is the app's (citation/): independent origins
 *   of its supporting sources, a retracted source counting for nothing, for
 *   a briefing over the supporting quotes it froze.
 */
import { db } from "../../db/client.ts";
import { badRequest, notFound } from "../../errors.ts";
import { eventFiltersSchema, type EventFilters } from "../../schemas/event.ts";
import { buildStixBundle, type ExportEvent, type StixBundle } from "../../lib/stix/build-bundle.ts";
import { fromDateColumns, dateColumnSelect } from "../../lib/event-date-columns.ts";
import { formatEventDate } from "../../schemas/partial-date.ts";
import { requireAccess, visibleCitations, type Actor } from "../access/index.ts";
import { listEvents } from "../event/index.ts";
import { lensFor, ratingsForEvents, unlockedTargets } from "../vote/index.ts";
import { loadBriefingForExport } from "../briefing/index.ts";
import { supportOfEvents, supportOfSources } from "../citation/index.ts";

/** More than this is a job for filters: one request must not read the whole database. */
export const MAX_EXPORT_EVENTS = 5000;

export type StixExport = { bundle: StixBundle; fileName: string };

const PAGE = 100;

/** The ids the chronology lists for these filters, in its order, all pages. */
async function chronologyIds(actor: Actor, workspaceId: string, filters: EventFilters): Promise<string[]> {
  const parsed = eventFiltersSchema.parse(filters);
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await listEvents(actor, { ...parsed, workspaceId, limit: PAGE, cursor, order: "chronological" });
    ids.push(...page.items.map((e) => e.id));
    if (ids.length > MAX_EXPORT_EVENTS)
      throw badRequest(
        `A STIX export holds at most ${MAX_EXPORT_EVENTS.toLocaleString("en")} events. Filter the chronology to fewer.`,
      );
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}

const fileSlug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60) || "dossier";

/**
 * The workspace (filters empty) or the chronology as filtered. Entities: all of
 * the workspace's for a whole-workspace export, those the events name otherwise;
 * sources likewise (all, or those cited).
 */
export async function exportStixChronology(
  actor: Actor,
  workspaceId: string,
  filters: EventFilters = {},
): Promise<StixExport> {
  const access = await requireAccess(actor, workspaceId, "event.readPublished");
  const whole = Object.values(eventFiltersSchema.parse(filters)).every((v) => v === undefined || v === "any");
  const ids = await chronologyIds(actor, workspaceId, filters);
  const lens = lensFor(actor, access.role);

  const [workspace, rows, ratings, unlocked, support] = await Promise.all([
    db.workspace.findUniqueOrThrow({
      where: { id: workspaceId },
      select: { id: true, name: true, createdAt: true, defaultMarking: true },
    }),
    db.event.findMany({
      where: { id: { in: ids }, workspaceId },
      select: {
        id: true,
        stixId: true,
        title: true,
        summary: true,
        status: true,
        tags: true,
        createdAt: true,
        updatedAt: true,
        dateSortKey: true,
        ...dateColumnSelect,
        entities: { select: { entityId: true }, orderBy: { entityId: "asc" } },
        citations: {
          where: visibleCitations(access.role),
          orderBy: [{ sourceId: "asc" }, { startOffset: "asc" }, { id: "asc" }],
          select: {
            id: true,
            sourceId: true,
            stance: true,
            quote: true,
            startOffset: true,
            endOffset: true,
            createdAt: true,
          },
        },
      },
    }),
    ratingsForEvents(ids, lens),
    lens.blind ? unlockedTargets(lens, { eventIds: ids }) : null,
    supportOfEvents(ids),
  ]);

  const mayReadVotes = (eventId: string) => !unlocked || unlocked.unlocked.has(`event:${eventId}`);
  const votes = await db.vote.findMany({
    where: { workspaceId, axis: "CREDIBILITY", eventId: { in: ids.filter(mayReadVotes) } },
    orderBy: [{ eventId: "asc" }, { voterId: "asc" }],
    select: {
      eventId: true,
      voterId: true,
      grade: true,
      rationale: true,
      createdAt: true,
      updatedAt: true,
      voter: { select: { name: true } },
    },
  });

  const cited = new Set(rows.flatMap((r) => r.citations.map((c) => c.sourceId)));
  const linked = new Set(rows.flatMap((r) => r.entities.map((e) => e.entityId)));
  const sources = await db.source.findMany({
    where: { workspaceId, deletedAt: null, ...(whole ? {} : { id: { in: [...cited] } }) },
    orderBy: { id: "asc" },
    select: {
      id: true,
      stixId: true,
      kind: true,
      title: true,
      url: true,
      author: true,
      language: true,
      text: true,
      pubYear: true,
      pubMonth: true,
      pubDay: true,
      publisherId: true,
      derivedFromId: true,
      createdAt: true,
      updatedAt: true,
      publisher: { select: { name: true } },
    },
  });
  const publisherIds = sources.map((s) => s.publisherId).filter((p): p is string => !!p);
  const entities = await db.entity.findMany({
    where: {
      workspaceId,
      mergedIntoId: null,
      ...(whole ? {} : { id: { in: [...new Set([...linked, ...publisherIds])] } }),
    },
    orderBy: { id: "asc" },
    select: {
      id: true,
      stixId: true,
      kind: true,
      name: true,
      description: true,
      createdAt: true,
      updatedAt: true,
      aliases: { select: { alias: true }, orderBy: { alias: "asc" } },
    },
  });

  const votesOf = new Map<string, typeof votes>();
  for (const v of votes) votesOf.set(v.eventId!, [...(votesOf.get(v.eventId!) ?? []), v]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const events: ExportEvent[] = ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const rating = ratings.get(id)!;
    const date = fromDateColumns(r);
    return [
      {
        id: r.id,
        stixId: r.stixId,
        title: r.title,
        summary: r.summary,
        status: r.status,
        date,
        dateText: date ? formatEventDate(date) : "Undated",
        sortKey: r.dateSortKey,
        tags: r.tags,
        entityIds: r.entities.map((e) => e.entityId),
        citations: r.citations,
        votes: (votesOf.get(id) ?? []).map((v) => ({
          voterId: v.voterId,
          voterName: v.voter.name,
          grade: v.grade,
          rationale: v.rationale,
          createdAt: v.createdAt,
          updatedAt: v.updatedAt,
        })),
        consensus: {
          credibility: rating.credibility,
          reliability: rating.reliability,
          contested: rating.contested,
          votes: rating.votes,
          hidden: rating.hidden.credibility || rating.hidden.reliability,
        },
        originCount: support.get(id)?.independentOrigins ?? 0,
        createdAt: r.createdAt,
        updatedAt: r.updatedAt,
      },
    ];
  });

  const bundle = buildStixBundle({
    workspace: {
      id: workspace.id,
      name: workspace.name,
      createdAt: workspace.createdAt,
      marking: workspace.defaultMarking,
    },
    scope: whole ? "workspace" : `chronology?${new URLSearchParams(filterEntries(filters)).toString()}`,
    events,
    entities: entities.map((e) => ({ ...e, aliases: e.aliases.map((a) => a.alias) })),
    sources: sources.map((s) => ({
      id: s.id,
      stixId: s.stixId,
      kind: s.kind,
      title: s.title,
      url: s.url,
      publisher: s.publisher?.name ?? null,
      author: s.author,
      pubDate: s.pubYear != null ? { year: s.pubYear, month: s.pubMonth, day: s.pubDay } : null,
      language: s.language,
      publisherId: s.publisherId,
      derivedFromId: s.derivedFromId,
      text: s.text,
      createdAt: s.createdAt,
      updatedAt: s.updatedAt,
    })),
  });
  return { bundle, fileName: `${fileSlug(workspace.name)}${whole ? "" : "-chronology"}.stix.json` };
}

function filterEntries(filters: EventFilters): [string, string][] {
  return Object.entries(filters)
    .filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== "" && e[1] !== "any")
    .sort(([a], [b]) => a.localeCompare(b));
}

/**
 * A briefing's latest publication and what it cites, frozen as approved (a
 * contributor still blind to a grade gets "?" for it, as in the other exports).
 */
export async function exportStixBriefing(actor: Actor, briefingId: string, workspaceId: string): Promise<StixExport> {
  const { doc } = await loadBriefingForExport(actor, briefingId, "published");
  const row = await db.briefing.findFirst({
    where: { id: briefingId, workspaceId },
    select: {
      createdAt: true,
      workspace: { select: { id: true, name: true, createdAt: true, defaultMarking: true } },
    },
  });
  if (!row) throw notFound("Briefing");
  const approvedAt = new Date(doc.publishedAt!);
  const ws = row.workspace;
  // What was imported keeps its STIX id in a briefing's bundle too.
  const [eventStix, sourceStix] = await Promise.all([
    db.event.findMany({
      where: { workspaceId, id: { in: doc.cited.events.map((e) => e.id) }, stixId: { not: null } },
      select: { id: true, stixId: true },
    }),
    db.source.findMany({
      where: { workspaceId, id: { in: doc.cited.sources.map((s) => s.id) }, stixId: { not: null } },
      select: { id: true, stixId: true },
    }),
  ]);
  const support = await supportOfSources(
    new Map(
      doc.cited.events.map((e) => [e.id, e.quotes.filter((q) => q.stance === "SUPPORTS").map((q) => q.sourceId)]),
    ),
  );
  const storedEvent = new Map(eventStix.map((e) => [e.id, e.stixId]));
  const storedSource = new Map(sourceStix.map((s) => [s.id, s.stixId]));
  const bundle = buildStixBundle({
    workspace: { id: ws.id, name: ws.name, createdAt: ws.createdAt, marking: ws.defaultMarking },
    scope: `briefing/${briefingId}/${doc.version}`,
    entities: [],
    sources: doc.cited.sources.map((s) => ({
      id: s.id,
      stixId: storedSource.get(s.id) ?? null,
      kind: s.kind,
      title: s.title,
      url: s.url,
      publisher: s.publisher,
      author: s.author,
      pubDate: null,
      dateText: s.dateText,
      reliability: s.reliability,
      createdAt: approvedAt,
      updatedAt: approvedAt,
    })),
    events: doc.cited.events.map((e) => ({
      id: e.id,
      stixId: storedEvent.get(e.id) ?? null,
      title: e.title,
      summary: e.summary,
      status: e.status,
      date: null,
      dateText: e.dateText,
      sortKey: e.sortKey ? new Date(e.sortKey) : null,
      tags: [],
      entityIds: [],
      // A frozen quote keeps its text and stance; its place in the source is the source's business.
      citations: e.quotes.map((q, i) => ({
        id: `${briefingId}/${doc.version}/${e.id}/${i}`,
        sourceId: q.sourceId,
        stance: q.stance,
        quote: q.quote,
        startOffset: null,
        endOffset: null,
        createdAt: approvedAt,
      })),
      votes: [],
      consensus: { rating: e.rating, contested: e.contested },
      // Counted now: a source retracted since the approval supports nothing in this file either.
      originCount: support.get(e.id)?.independentOrigins ?? 0,
      createdAt: approvedAt,
      updatedAt: approvedAt,
    })),
    briefing: {
      id: briefingId,
      version: doc.version,
      versionNumber: doc.versionNumber,
      title: doc.title,
      summary: doc.summary,
      body: doc.body,
      marking: doc.marking,
      authors: doc.authors,
      reviewers: doc.reviewers,
      approvedAt,
      createdAt: row.createdAt,
      judgments: doc.keyJudgments,
    },
  });
  return { bundle, fileName: `${fileSlug(doc.title)}.stix.json` };
}
