import { Prisma } from "../../db/generated/client.ts";
import { db } from "../../db/client.ts";
import { formatEventDate } from "../../schemas/partial-date.ts";
import { HIGHLIGHT_END, HIGHLIGHT_START, searchSchema, type SearchInput } from "../../schemas/search.ts";
import { requireAccess } from "../access/index.ts";
import type { Actor } from "../access/index.ts";
import { seesDrafts } from "../access/index.ts";
import { suggestEntities } from "../entity/index.ts";
import { filterWindow } from "../event/index.ts";
import { fromDateColumns, type WrittenDateColumns } from "../../lib/event-date-columns.ts";
import { expandTyped, searchTerms, tsQuery } from "../../lib/search-query.ts";
import { groupCopies, matchedAlias } from "../../lib/search-results.ts";

const HEADLINE = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

/**
 * One search box over events, sources (full text), entities and quotes.
 * Postgres full-text search, weighted title over body, with English stemming
 * and the language-neutral configuration side by side (so Persian and Arabic
 * words match as written); the last word matches as a prefix while typing
 * (as typed, never as a stem: see searchTerms);
 * entity names also match fuzzily. Viewers only ever see published events and
 * quotes on them.
 */
/**
 * Ranking reads each match's whole tsvector, which for long sources is large:
 * for a common word, ranking every match would take seconds. Only a bounded
 * set of candidates is ranked: for events, title matches first (up to the cap),
 * then other matches as the text index yields them; for sources, whose long
 * tsvectors make even a weight check expensive, the first matches the index
 * yields. Ordering candidates by date would make the database read tsvectors
 * row by row in date order.
 */
const CANDIDATES = 300;

/** Restricts every term of a tsquery to title lexemes (weight A). */
function titleOnly(q: string): string {
  return q
    .split(" & ")
    .map((t) => (t.endsWith(":*") ? `${t}A` : `${t}:A`))
    .join(" & ");
}

export async function search(actor: Actor, raw: SearchInput) {
  const input = searchSchema.parse(raw);
  const access = await requireAccess(actor, input.workspaceId, "workspace.read");
  const terms = searchTerms(input.q);
  const empty = { events: [], sources: [], entities: [], quotes: [] };
  if (!terms) return empty;
  // A name typed in the query also finds the entity's other names, in every kind of result.
  const named = await aliasExpansions(input.workspaceId, input.q);
  const typed =
    expandTyped(
      input.q,
      named.map((n) => ({ typed: n.typed, alternates: n.names })),
    ) ?? terms.typed;
  const query = Prisma.sql`(to_tsquery('english', ${terms.stemmed}) || to_tsquery('simple', ${typed}))`;
  // The same words matched in titles only (weight A), so title hits are always among the candidates.
  const titleQuery = Prisma.sql`(to_tsquery('english', ${titleOnly(terms.stemmed)}) || to_tsquery('simple', ${titleOnly(terms.typed)}))`;
  const publishedOnly = !seesDrafts(access.role);

  const eventConds: Prisma.Sql[] = [
    Prisma.sql`e."workspaceId" = ${input.workspaceId}`,
    Prisma.sql`e."deletedAt" IS NULL`,
  ];
  if (publishedOnly) eventConds.push(Prisma.sql`e.status = 'PUBLISHED'`);
  else if (input.status) eventConds.push(Prisma.sql`e.status = ${input.status}::"EventStatus"`);
  // Dates read as typed, as in the chronology; undated events have both bounds null and would match any range.
  const window = filterWindow(input);
  if (window) eventConds.push(Prisma.sql`e."dateSortKey" IS NOT NULL`);
  if (window?.start) eventConds.push(Prisma.sql`(e."dateLatest" IS NULL OR e."dateLatest" >= ${window.start})`);
  if (window?.end) eventConds.push(Prisma.sql`(e."dateEarliest" IS NULL OR e."dateEarliest" <= ${window.end})`);
  if (input.tag) eventConds.push(Prisma.sql`${input.tag} = ANY(e.tags)`);
  if (input.entityId)
    eventConds.push(
      Prisma.sql`EXISTS (SELECT 1 FROM "EventEntity" ee WHERE ee."eventId" = e.id AND ee."entityId" = ${input.entityId})`,
    );
  if (input.hasCitation === "yes")
    eventConds.push(Prisma.sql`EXISTS (SELECT 1 FROM "Citation" c WHERE c."eventId" = e.id)`);
  if (input.hasCitation === "no")
    eventConds.push(Prisma.sql`NOT EXISTS (SELECT 1 FROM "Citation" c WHERE c."eventId" = e.id)`);
  const eventWhere = Prisma.join(eventConds, " AND ");
  const want = new Set(input.kinds);

  const [events, sources, quotes, entities]: [
    EventHit[],
    SourceHit[],
    QuoteHit[],
    Awaited<ReturnType<typeof suggestEntities>>,
  ] = await Promise.all([
    want.has("events")
      ? db.$queryRaw<EventHit[]>`
          SELECT e.id, e.title, e.status, e."dateStartYear", e."dateStartMonth", e."dateStartDay", e."dateEndYear", e."dateEndMonth", e."dateEndDay", e."dateQualifier",
                 ts_headline('simple', e.title, ${query}, ${HEADLINE}) AS "titleHit",
                 ts_headline('simple', e.summary, ${query}, ${HEADLINE}) AS snippet,
                 ts_rank(e.search, ${query}) AS rank
          FROM "Event" e
          WHERE ${eventWhere} AND e.id IN (
            (SELECT e.id FROM "Event" e WHERE ${eventWhere} AND e.search @@ ${titleQuery} LIMIT ${CANDIDATES})
            UNION
            (SELECT e.id FROM "Event" e WHERE ${eventWhere} AND e.search @@ ${query} LIMIT ${CANDIDATES})
          )
          ORDER BY rank DESC, e."dateSortKey" ASC NULLS LAST, e.id
          LIMIT ${input.limit}`
      : [],
    want.has("sources")
      ? db.$queryRaw<SourceHit[]>`
          WITH matching AS MATERIALIZED (
            -- Planned as if every match were read (a CTE is), so the text index answers; read only as far as
            -- the limit below. A LIMIT here led the planner to scan the table instead, reading the long
            -- tsvector of each source it passed until enough matched: several times slower.
            SELECT s.id FROM "Source" s WHERE s."workspaceId" = ${input.workspaceId} AND s."deletedAt" IS NULL AND s.search @@ ${query}
          ), candidates AS (
            SELECT id FROM matching LIMIT ${CANDIDATES}
          ), hits AS (
            SELECT s.id, s.title, s.kind, s.text, s."publisherId", s."pubYear", s."pubMonth", s."pubDay",
                   ts_rank(s.search, ${query}) AS rank
            FROM "Source" s JOIN candidates USING (id)
            ORDER BY rank DESC, s.id
            LIMIT ${input.limit}
          )
          SELECT hits.id, hits.title, hits.kind, hits.rank, hits."publisherId", p.name AS "publisherName",
                 hits."pubYear", hits."pubMonth", hits."pubDay",
                 ts_headline('simple', hits.title, ${query}, ${HEADLINE}) AS "titleHit",
                 ts_headline('simple', left(hits.text, 200000), ${query}, ${HEADLINE}) AS snippet
          FROM hits LEFT JOIN "Entity" p ON p.id = hits."publisherId" ORDER BY hits.rank DESC, hits.id`
      : [],
    want.has("quotes")
      ? db.$queryRaw<QuoteHit[]>`
          SELECT c.id, c."eventId", c."sourceId", c.stance, e.title AS "eventTitle", s.title AS "sourceTitle",
                 -- The text that matched: the passage as quoted, else its translation (both are in c.search).
                 CASE WHEN c.translation IS NOT NULL AND NOT ((to_tsvector('english', c.quote) || to_tsvector('simple', c.quote)) @@ ${query})
                      THEN ts_headline('simple', c.translation, ${query}, ${HEADLINE})
                      ELSE ts_headline('simple', c.quote, ${query}, ${HEADLINE}) END AS snippet,
                 (c.translation IS NOT NULL AND NOT ((to_tsvector('english', c.quote) || to_tsvector('simple', c.quote)) @@ ${query})) AS "inTranslation",
                 ts_rank(c.search, ${query}) AS rank
          FROM "Citation" c JOIN "Event" e ON e.id = c."eventId" JOIN "Source" s ON s.id = c."sourceId"
          WHERE c."workspaceId" = ${input.workspaceId} AND ${eventWhere} AND s."deletedAt" IS NULL AND (${!publishedOnly} OR NOT c."proposedAdd") AND c.id IN (
            SELECT c2.id FROM "Citation" c2 WHERE c2."workspaceId" = ${input.workspaceId} AND c2.search @@ ${query} LIMIT ${CANDIDATES}
          )
          ORDER BY rank DESC, c.id
          LIMIT ${input.limit}`
      : [],
    want.has("entities")
      ? suggestEntities(actor, { workspaceId: input.workspaceId, q: input.q, limit: input.limit })
      : [],
  ]);

  // Names are matched fuzzily ("Mashad" finds Mashhad): events linked to a
  // closely matching entity are found even when their text spells it otherwise.
  const strong = entities.filter((e) => e.score >= 0.45).map((e) => e.id);
  const seen = new Set(events.map((e) => e.id));
  const linked =
    want.has("events") && strong.length > 0 && events.length < input.limit
      ? await db.$queryRaw<EventHit[]>`
          SELECT e.id, e.title, e.status, e."dateStartYear", e."dateStartMonth", e."dateStartDay", e."dateEndYear", e."dateEndMonth", e."dateEndDay", e."dateQualifier",
                 e.title AS "titleHit", left(e.summary, 240) AS snippet, 0 AS rank
          FROM "Event" e
          WHERE ${eventWhere} AND EXISTS (SELECT 1 FROM "EventEntity" ee WHERE ee."eventId" = e.id AND ee."entityId" = ANY(${strong}))
          ORDER BY e."dateSortKey" ASC NULLS LAST, e.id
          LIMIT ${input.limit}`
      : [];
  events.push(...linked.filter((e) => !seen.has(e.id)).slice(0, input.limit - events.length));

  const via = (...texts: string[]) => matchedAlias(named, input.q, texts);
  return {
    events: events.map((e) => {
      const date = fromDateColumns(e);
      return {
        id: e.id,
        title: e.title,
        titleHit: e.titleHit,
        status: e.status,
        snippet: e.snippet,
        rank: Number(e.rank),
        dateText: date ? formatEventDate(date) : "Undated",
        via: via(e.titleHit, e.snippet),
      };
    }),
    sources: groupCopies(
      sources.map((s) => {
        const pubDate = s.pubYear != null ? { year: s.pubYear, month: s.pubMonth, day: s.pubDay } : null;
        return {
          id: s.id,
          title: s.title,
          titleHit: s.titleHit,
          kind: s.kind,
          snippet: s.snippet,
          rank: Number(s.rank),
          publisher: s.publisherId ? { id: s.publisherId, name: s.publisherName ?? "" } : null,
          pubDateText: pubDate ? formatEventDate({ start: pubDate }) : "Undated",
          via: via(s.titleHit, s.snippet),
        };
      }),
    ),
    quotes: quotes.map((c) => ({
      id: c.id,
      eventId: c.eventId,
      sourceId: c.sourceId,
      stance: c.stance,
      eventTitle: c.eventTitle,
      sourceTitle: c.sourceTitle,
      snippet: c.snippet,
      /** The words were found in the quote's translation, not in the passage as quoted. */
      inTranslation: c.inTranslation,
      rank: Number(c.rank),
      via: via(c.snippet),
    })),
    entities,
  };
}

export type NamedEntity = { id: string; name: string; typed: string; names: string[] };

/**
 * Entities named in the query: the whole query, or one of its words, is the
 * entity's name or one of its aliases (as written, any case). Each comes with
 * its other names, which the search then matches too. Merged entities speak
 * through the entity they were merged into.
 */
export async function aliasExpansions(workspaceId: string, q: string): Promise<NamedEntity[]> {
  const key = (v: string) => v.normalize("NFKC").trim().toLowerCase();
  const words = (tsQuery(q, { prefix: false }) ?? "").split(" & ").filter(Boolean);
  const phrases = [...new Set([key(q), ...words.map(key)])].filter(Boolean);
  if (phrases.length === 0) return [];
  // Compared with ILIKE and no wildcard (a % or _ typed is matched as itself): equal but for case, as
  // lower() = lower() was, and answered by the names' trigram indexes instead of reading every name.
  const patterns = phrases.map((p) => p.replace(/[\\%_]/g, (c) => `\\${c}`));
  const rows = await db.$queryRaw<{ id: string; name: string; typed: string; aliases: string[] }[]>`
    WITH named AS (
      SELECT e.id, lower(e.name) AS typed FROM "Entity" e
      WHERE e."workspaceId" = ${workspaceId} AND e."mergedIntoId" IS NULL AND e.name ILIKE ANY(${patterns})
      UNION
      SELECT e.id, lower(a.alias) AS typed FROM "EntityAlias" a JOIN "Entity" e ON e.id = a."entityId"
      WHERE a."workspaceId" = ${workspaceId} AND e."mergedIntoId" IS NULL AND a.alias ILIKE ANY(${patterns})
    )
    SELECT e.id, e.name, n.typed,
           ARRAY(SELECT a.alias FROM "EntityAlias" a WHERE a."entityId" = e.id ORDER BY a.alias LIMIT 20) AS aliases
    FROM named n JOIN "Entity" e ON e.id = n.id
    ORDER BY e.name, e.id
    LIMIT 8`;
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    typed: r.typed,
    names: [r.name, ...r.aliases].filter((n) => key(n) !== r.typed),
  }));
}

type EventHit = {
  id: string;
  title: string;
  titleHit: string;
  status: "DRAFT" | "PENDING" | "CHANGES_REQUESTED" | "PUBLISHED" | "REJECTED";
  snippet: string;
  rank: number;
} & WrittenDateColumns;
type SourceHit = {
  id: string;
  title: string;
  titleHit: string;
  kind: string;
  snippet: string;
  rank: number;
  publisherId: string | null;
  publisherName: string | null;
  pubYear: number | null;
  pubMonth: number | null;
  pubDay: number | null;
};
type QuoteHit = {
  id: string;
  eventId: string;
  sourceId: string;
  stance: string;
  eventTitle: string;
  sourceTitle: string;
  snippet: string;
  inTranslation: boolean;
  rank: number;
};
