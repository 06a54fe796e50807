import type { Prisma } from "../../db/generated/client.ts";
import { HIDDEN_GRADE, ratingLabel } from "../../schemas/admiralty.ts";
import { orderedRefs, type BriefingContent, type CitationRef } from "../../schemas/briefing.ts";
import type { CitedMaterial, FrozenEvent, FrozenSource } from "../../schemas/briefing-document.ts";
import { formatEventDate } from "../../schemas/partial-date.ts";
import { dateColumnSelect, fromDateColumns } from "../../lib/event-date-columns.ts";
import { ratingsForEvents, reliabilityOf, storedRatingAccess, type RatingLens } from "../vote/index.ts";

/**
 * What a briefing cites, resolved to plain data: the events (date order, with
 * their consensus ratings and quoted passages) and the sources (with their
 * publisher and the reliability of their origin). Used for the live preview,
 * for the refusal at submission, for freezing a publication and for exporting
 * a draft. A constant number of queries whatever the number of references.
 *
 * Ratings are read through a lens (see vote/rating-service.ts): a contributor
 * sees "?" for a grade they have not voted or skipped on yet; a publication
 * freezes them as published (PUBLISHED_VIEW).
 */

/** The Prisma client or a transaction (freezing at approval reads inside it). */
export type CitedReader = Pick<
  Prisma.TransactionClient,
  "event" | "source" | "citation" | "vote" | "voteReveal" | "eventEntity" | "user" | "$queryRaw"
>;

export type CitedRefs = { eventIds: string[]; sourceIds: string[] };

export type CitedProblem = {
  kind: "event" | "source";
  id: string;
  /** Another workspace's id is "missing": what exists elsewhere is nobody's business here. */
  reason: "missing" | "deleted" | "unpublished";
};

/** References split by kind, each in the order given. */
export const splitRefs = (refs: CitationRef[]): CitedRefs => ({
  eventIds: refs.filter((r) => r.kind === "event").map((r) => r.id),
  sourceIds: refs.filter((r) => r.kind === "source").map((r) => r.id),
});

/**
 * Every event and source a briefing refers to, first appearance first, in the
 * order a reader meets them: summary, key judgments, body. The sources quoted
 * by the cited events are not in the content; loadCitedMaterial adds them.
 */
export function citedIdsOf(content: Pick<BriefingContent, "summary" | "body" | "keyJudgments">): CitedRefs {
  return splitRefs(orderedRefs(content));
}

const sourceSelect = {
  id: true,
  deletedAt: true,
  version: true,
  title: true,
  kind: true,
  author: true,
  url: true,
  pubYear: true,
  pubMonth: true,
  pubDay: true,
  publisherId: true,
  publisher: { select: { name: true, mergedIntoId: true } },
  originalSha256: true,
} satisfies Prisma.SourceSelect;

type SourceRow = Prisma.SourceGetPayload<{ select: typeof sourceSelect }>;

/** A source's publication date as a reader sees it: "14 March 2011", "March 2011", "Undated". */
export const pubDateText = (s: { pubYear: number | null; pubMonth: number | null; pubDay: number | null }) =>
  s.pubYear ? formatEventDate({ start: { year: s.pubYear, month: s.pubMonth, day: s.pubDay } }) : "Undated";

/** Undated events last; then by the date as sorted in the chronology, then title. */
function byDate(a: FrozenEvent, b: FrozenEvent): number {
  if (a.sortKey !== b.sortKey) {
    if (a.sortKey === null) return 1;
    if (b.sortKey === null) return -1;
    return a.sortKey < b.sortKey ? -1 : 1;
  }
  return a.title.localeCompare(b.title) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The latest history row of each target at (or before) the version exported, in one query. */
async function revisionIds(
  client: CitedReader,
  workspaceId: string,
  targets: { type: "event" | "source"; id: string; version: number }[],
) {
  const out = new Map<string, string>();
  if (targets.length === 0) return out;
  const rows = await client.$queryRaw<{ id: string; targetType: string; targetId: string }[]>`
    SELECT DISTINCT ON (r."targetType", r."targetId") r.id::text AS id, r."targetType", r."targetId"
    FROM unnest(${targets.map((t) => t.type)}::text[], ${targets.map((t) => t.id)}::text[], ${targets.map((t) => t.version)}::int[]) AS t(type, id, version)
    JOIN "Revision" r ON r."targetType" = t.type AND r."targetId" = t.id AND r.version <= t.version
    WHERE r."workspaceId" = ${workspaceId}
    ORDER BY r."targetType", r."targetId", r.id DESC`;
  for (const r of rows) out.set(`${r.targetType}:${r.targetId}`, r.id);
  return out;
}

/**
 * Resolves references to what the briefing can cite. Events and sources that
 * are deleted or unknown are left out and reported; those of another workspace
 * are read as unknown (the query never looks outside this one), so the answer
 * cannot tell a stranger's id from one that does not exist. Events not
 * (yet) published are kept, with their status, so a draft can be previewed and
 * exported, and reported so submission can refuse them. The sources quoted by
 * the cited events join the sources list after the directly cited ones.
 */
export async function loadCitedMaterial(
  client: CitedReader,
  workspaceId: string,
  refs: CitedRefs,
  lens: RatingLens,
): Promise<{ material: CitedMaterial; problems: CitedProblem[] }> {
  const eventIds = [...new Set(refs.eventIds)];
  const directSourceIds = [...new Set(refs.sourceIds)];
  const problems: CitedProblem[] = [];

  const [eventRows, directSourceRows] = await Promise.all([
    eventIds.length
      ? client.event.findMany({
          where: { id: { in: eventIds }, workspaceId },
          select: {
            id: true,
            deletedAt: true,
            version: true,
            title: true,
            summary: true,
            status: true,
            dateSortKey: true,
            ...dateColumnSelect,
          },
        })
      : [],
    directSourceIds.length
      ? client.source.findMany({ where: { id: { in: directSourceIds }, workspaceId }, select: sourceSelect })
      : [],
  ]);

  const eventById = new Map(eventRows.map((e) => [e.id, e]));
  const usableEvents = [];
  for (const id of eventIds) {
    const e = eventById.get(id);
    if (!e) problems.push({ kind: "event", id, reason: "missing" });
    else if (e.deletedAt) problems.push({ kind: "event", id, reason: "deleted" });
    else {
      if (e.status !== "PUBLISHED") problems.push({ kind: "event", id, reason: "unpublished" });
      usableEvents.push(e);
    }
  }
  const usableIds = usableEvents.map((e) => e.id);

  const sourceById = new Map(directSourceRows.map((s) => [s.id, s]));
  const sources: SourceRow[] = [];
  for (const id of directSourceIds) {
    const s = sourceById.get(id);
    if (!s) problems.push({ kind: "source", id, reason: "missing" });
    else if (s.deletedAt) problems.push({ kind: "source", id, reason: "deleted" });
    else sources.push(s);
  }

  // Quotes as readers see them: a citation proposed for addition is not part of the event yet.
  const [citations, ratings, links] = await Promise.all([
    usableIds.length
      ? client.citation.findMany({
          where: { eventId: { in: usableIds }, workspaceId, proposedAdd: false, source: { deletedAt: null } },
          orderBy: [{ eventId: "asc" }, { sourceId: "asc" }, { startOffset: "asc" }],
          select: {
            eventId: true,
            sourceId: true,
            quote: true,
            stance: true,
            translation: true,
            translationLanguage: true,
            translatorId: true,
            translationEngine: true,
            translationCheckedById: true,
          },
        })
      : [],
    ratingsForEvents(usableIds, lens, client),
    usableIds.length
      ? client.eventEntity.findMany({
          where: { eventId: { in: usableIds }, entity: { workspaceId } },
          orderBy: [{ eventId: "asc" }, { entityId: "asc" }],
          select: { eventId: true, entity: { select: { id: true, name: true, kind: true } } },
        })
      : [],
  ]);

  const listed = new Set(sources.map((s) => s.id));
  const quotedIds = [...new Set(citations.map((c) => c.sourceId))].filter((id) => !listed.has(id));
  if (quotedIds.length) {
    const quoted = await client.source.findMany({
      where: { id: { in: quotedIds }, workspaceId, deletedAt: null },
      select: sourceSelect,
    });
    const quotedById = new Map(quoted.map((s) => [s.id, s]));
    for (const id of quotedIds) {
      const s = quotedById.get(id);
      if (s) sources.push(s);
    }
  }

  // An origin merged into another is rated under the entity it became.
  const originOf = (s: SourceRow) => (s.publisherId ? (s.publisher?.mergedIntoId ?? s.publisherId) : null);
  const [reliability, revisions] = await Promise.all([
    reliabilityOf([...new Set(sources.map(originOf).filter((id): id is string => id !== null))], lens, client),
    revisionIds(client, workspaceId, [
      ...usableEvents.map((e) => ({ type: "event" as const, id: e.id, version: e.version })),
      ...sources.map((s) => ({ type: "source" as const, id: s.id, version: s.version })),
    ]),
  ]);

  // Translators' and checkers' names, frozen with the quote (one query for all of them).
  const personIds = [
    ...new Set(citations.flatMap((c) => [c.translatorId, c.translationCheckedById]).filter((id): id is string => !!id)),
  ];
  const people = personIds.length
    ? new Map(
        (await client.user.findMany({ where: { id: { in: personIds } }, select: { id: true, name: true } })).map(
          (u) => [u.id, u.name],
        ),
      )
    : new Map<string, string>();
  const nameOf = (id: string | null) => (id ? (people.get(id) ?? "Former member") : null);
  const quotesOf = new Map<string, FrozenEvent["quotes"]>();
  for (const c of citations) {
    const list = quotesOf.get(c.eventId) ?? [];
    list.push({
      sourceId: c.sourceId,
      quote: c.quote,
      stance: c.stance,
      // Only when there is one: material without translations keeps the shape (and hash) it always had.
      ...(c.translation
        ? {
            translation: {
              text: c.translation,
              language: c.translationLanguage ?? "",
              translator: c.translationEngine ? null : nameOf(c.translatorId),
              engine: c.translationEngine,
              checkedBy: nameOf(c.translationCheckedById),
            },
          }
        : {}),
    });
    quotesOf.set(c.eventId, list);
  }

  // An entity named in two roles (say, actor and place) counts once for its event.
  const entitiesOf = new Map<string, NonNullable<FrozenEvent["entities"]>>();
  for (const { eventId, entity } of links) {
    const list = entitiesOf.get(eventId) ?? [];
    if (!list.some((e) => e.id === entity.id)) list.push(entity);
    entitiesOf.set(eventId, list);
  }

  const events: FrozenEvent[] = usableEvents
    .map((e) => {
      const date = fromDateColumns(e);
      const r = ratings.get(e.id);
      const rated =
        r && (r.reliability !== null || r.credibility !== null || r.hidden.reliability || r.hidden.credibility);
      return {
        id: e.id,
        version: e.version,
        revisionId: revisions.get(`event:${e.id}`) ?? null,
        title: e.title,
        summary: e.summary,
        dateText: date ? formatEventDate(date) : "Undated",
        sortKey: e.dateSortKey ? e.dateSortKey.toISOString() : null,
        status: e.status,
        rating: rated ? ratingLabel(r.reliability, r.credibility, r.hidden) : null,
        contested: r?.contested ?? false,
        quotes: quotesOf.get(e.id) ?? [],
        entities: entitiesOf.get(e.id) ?? [],
      };
    })
    .sort(byDate);

  const frozenSources: FrozenSource[] = sources.map((s) => {
    const origin = originOf(s);
    return {
      id: s.id,
      version: s.version,
      revisionId: revisions.get(`source:${s.id}`) ?? null,
      title: s.title,
      kind: s.kind,
      publisher: s.publisher?.name ?? null,
      author: s.author,
      dateText: pubDateText(s),
      url: s.url,
      reliability: origin ? originGrade(reliability.get(origin)) : null,
      originalSha256: s.originalSha256,
    };
  });

  return { material: { events, sources: frozenSources }, problems };
}

/** An origin's reliability as written in cited material: its letter, "?" while hidden, null unrated. */
export function originGrade(r: { consensus: string | null; hidden: boolean } | undefined): string | null {
  return r?.hidden ? HIDDEN_GRADE : (r?.consensus ?? null);
}

/**
 * Cited material stored earlier (a publication) as this reader may see it:
 * each grade they have not voted or skipped on yet becomes "?". Says whether
 * anything was withheld, so an export can tell its copy from the approved one.
 */
export async function storedMaterialFor(
  lens: RatingLens,
  workspaceId: string,
  material: CitedMaterial,
  client: CitedReader,
): Promise<{ material: CitedMaterial; withheld: boolean }> {
  if (!lens.blind) return { material, withheld: false };
  const sourceIds = material.sources.filter((s) => s.reliability !== null).map((s) => s.id);
  const rows = sourceIds.length
    ? await client.source.findMany({
        where: { id: { in: sourceIds }, workspaceId },
        select: { id: true, publisherId: true, publisher: { select: { mergedIntoId: true } } },
      })
    : [];
  const originOfSource = new Map(
    rows.map((s) => [s.id, s.publisherId ? (s.publisher?.mergedIntoId ?? s.publisherId) : null]),
  );
  const can = await storedRatingAccess(
    lens,
    {
      eventIds: material.events.filter((e) => e.rating !== null).map((e) => e.id),
      originIds: [...originOfSource.values()].filter((id): id is string => id !== null),
    },
    client,
  );
  let withheld = false;
  const hide = (part: string, shown: boolean) => {
    if (shown || part === "–" || part === HIDDEN_GRADE) return part;
    withheld = true;
    return HIDDEN_GRADE;
  };
  const events = material.events.map((e) => {
    if (e.rating === null) return e;
    // A stored label is two characters, one a part: "B2", "–3", "B–".
    const [rel = "–", cred = "–"] = [...e.rating];
    const credShown = can.credibility(e.id);
    return {
      ...e,
      rating: `${hide(rel, can.reliability(e.id))}${hide(cred, credShown)}`,
      contested: credShown && e.contested,
    };
  });
  const sources = material.sources.map((s) => {
    if (s.reliability === null) return s;
    const origin = originOfSource.get(s.id);
    return { ...s, reliability: hide(s.reliability, origin ? can.origin(origin) : false) };
  });
  return { material: { events, sources }, withheld };
}
