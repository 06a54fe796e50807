import { db } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";
import { badRequest, notFound } from "../../errors.ts";
import { can } from "../../policy.ts";
import type { Page } from "../../schemas/common.ts";
import { formatEventDate, type PartialDate } from "../../schemas/partial-date.ts";
import {
  findInSourceSchema,
  sourceTextChunkSchema,
  type ListSourcesInput,
  type OriginReliabilityFilter,
  type SourceKind,
  type SourceTextChunkInput,
} from "../../schemas/source.ts";
import { requireAccess, requireAccessFor } from "../access/index.ts";
import type { Actor } from "../access/index.ts";
import { sourceCitationCountField, visibleCitations, visibleEvents } from "../access/index.ts";
import {
  lensFor,
  reliabilityOf,
  workspaceOriginReliability,
  type RatingLens,
  type TargetRating,
} from "../vote/index.ts";
import { decodeCursor, decodeDate, encodeCursor } from "../../lib/cursor.ts";
import { originalSummary } from "./original-service.ts";
import { dateColumnSelect, fromDateColumns } from "../../lib/event-date-columns.ts";

export type SourceSummary = {
  id: string;
  kind: SourceKind;
  title: string;
  author: string;
  url: string | null;
  language: string;
  pubDate: PartialDate | null;
  pubDateText: string;
  publisher: { id: string; name: string } | null;
  textLength: number;
  citationCount: number;
  createdAt: Date;
  version: number;
};

/** A source in the list: its summary and the reliability of its origin (the publisher) as the reader may see it. */
export type SourceListItem = SourceSummary & { originReliability: TargetRating | null };
export function pubDateOf(s: {
  pubYear: number | null;
  pubMonth: number | null;
  pubDay: number | null;
}): PartialDate | null {
  return s.pubYear != null ? { year: s.pubYear, month: s.pubMonth, day: s.pubDay } : null;
}

const summarySelect = {
  id: true,
  kind: true,
  title: true,
  author: true,
  url: true,
  language: true,
  pubYear: true,
  pubMonth: true,
  pubDay: true,
  createdAt: true,
  version: true,
  pubSortKey: true,
  publisher: { select: { id: true, name: true } },
  citationCount: true,
  publishedCitationCount: true,
} satisfies Prisma.SourceSelect;

function toSummary(
  s: Prisma.SourceGetPayload<{ select: typeof summarySelect }>,
  textLength: number,
  countField: "citationCount" | "publishedCitationCount",
): SourceSummary {
  const pubDate = pubDateOf(s);
  return {
    id: s.id,
    kind: s.kind,
    title: s.title,
    author: s.author,
    url: s.url,
    language: s.language,
    pubDate,
    pubDateText: pubDate ? formatEventDate({ start: pubDate, qualifier: "EXACT" }) : "Undated",
    publisher: s.publisher,
    textLength,
    citationCount: s[countField],
    createdAt: s.createdAt,
    version: s.version,
  };
}

/** The list's orders: the column each sorts on, its direction, and how a cursor's first part is read. */
type SortKey = { field: "createdAt" | "pubSortKey" | "citationCount" | "publishedCitationCount"; dir: "asc" | "desc" };

function sortKeyOf(sort: ListSourcesInput["sort"], countField: SortKey["field"]): SortKey {
  switch (sort) {
    case "published":
      return { field: "pubSortKey", dir: "desc" };
    case "mostCited":
      return { field: countField, dir: "desc" };
    case "leastCited":
      return { field: countField, dir: "asc" };
    default:
      return { field: "createdAt", dir: "desc" };
  }
}

/**
 * The condition that keeps only the sources whose origin reliability this
 * reader is shown as `filter`. It is decided from the same ratings the list's
 * column shows (blind while the reader has not voted or skipped on the
 * origin), so a hidden consensus never decides whether a source matches:
 * such sources count as unrated.
 */
async function reliabilityCondition(
  workspaceId: string,
  filter: OriginReliabilityFilter,
  lens: RatingLens,
): Promise<Prisma.SourceWhereInput> {
  const ratings = await workspaceOriginReliability(workspaceId, lens);
  const shown = [...ratings].filter(([, r]) => r.consensus != null);
  if (filter === "unrated") {
    const rated = shown.map(([id]) => id);
    return rated.length ? { OR: [{ publisherId: null }, { publisherId: { notIn: rated } }] } : {};
  }
  return { publisherId: { in: shown.filter(([, r]) => r.consensus === filter).map(([id]) => id) } };
}

export async function listSources(actor: Actor, input: ListSourcesInput): Promise<Page<SourceListItem>> {
  const access = await requireAccess(actor, input.workspaceId, "source.read");
  const lens = lensFor(actor, access.role);
  const countField = sourceCitationCountField(access.role);
  const and: Prisma.SourceWhereInput[] = [{ workspaceId: input.workspaceId, deletedAt: null }];
  if (input.kind) and.push({ kind: input.kind });
  if (input.language) and.push({ language: input.language });
  if (input.publisherId) and.push({ publisherId: input.publisherId });
  if (input.text) and.push({ title: { contains: input.text, mode: "insensitive" } });
  if (input.reliability) and.push(await reliabilityCondition(input.workspaceId, input.reliability, lens));
  const key = sortKeyOf(input.sort, countField);
  if (input.cursor) {
    // Keyset: the page continues strictly after the last row seen, ties broken by id, so
    // equal counts never repeat or skip a row and a count changing meanwhile shifts nothing else.
    const [at, id] = decodeCursor(input.cursor, 2);
    const cmp = key.dir === "desc" ? "lt" : "gt";
    if (key.field === "createdAt") {
      const value = decodeDate(at!);
      and.push({ OR: [{ createdAt: { [cmp]: value } }, { createdAt: value, id: { [cmp]: id } }] });
    } else {
      const value = Number(at);
      if (!/^\d{1,9}$/.test(at!) || !Number.isInteger(value)) throw badRequest("That page link is not valid.");
      and.push({ OR: [{ [key.field]: { [cmp]: value } }, { [key.field]: value, id: { [cmp]: id } }] });
    }
  }
  // Each order has its index: (workspace, pubSortKey | citationCount | publishedCitationCount, id), read
  // backwards for the least cited, or (workspace[, kind | language], createdAt, id).
  const rows = await db.source.findMany({
    where: { AND: and },
    orderBy: [{ [key.field]: key.dir }, { id: key.dir }],
    take: input.limit + 1,
    select: summarySelect,
  });
  const page = rows.slice(0, input.limit);
  const publisherIds = [...new Set(page.flatMap((p) => (p.publisher ? [p.publisher.id] : [])))];
  const [lengths, reliability] = await Promise.all([
    page.length
      ? db.$queryRaw<
          { id: string; n: number }[]
        >`SELECT id, length(text)::int AS n FROM "Source" WHERE id = ANY(${page.map((p) => p.id)})`
      : [],
    reliabilityOf(publisherIds, lens),
  ]);
  const lengthOf = new Map(lengths.map((l) => [l.id, l.n]));
  const last = page.at(-1);
  return {
    items: page.map((s) => ({
      ...toSummary(s, lengthOf.get(s.id) ?? 0, countField),
      originReliability: s.publisher ? (reliability.get(s.publisher.id) ?? null) : null,
    })),
    nextCursor:
      rows.length > input.limit && last
        ? encodeCursor([key.field === "createdAt" ? last.createdAt : String(last[key.field] ?? 0), last.id])
        : null,
  };
}

/**
 * A source with its full text and every citation on it that the caller may
 * see (the reader highlights them), grouped with the events they support.
 */
export async function getSource(actor: Actor, sourceId: string, opts: { withText?: boolean } = {}) {
  const { access, workspaceId } = await readableSource(actor, sourceId);
  const eventVisible: Prisma.EventWhereInput = { deletedAt: null, ...visibleEvents(access.role) };
  const s = await db.source.findUniqueOrThrow({
    where: { id: sourceId },
    select: {
      ...summarySelect,
      text: true,
      originalSha256: true,
      derivedFrom: { select: { id: true, title: true } },
      derivatives: { where: { deletedAt: null }, select: { id: true, title: true } },
      standing: true,
      standingNote: true,
      standingUrl: true,
      standingAt: true,
      citations: {
        // Readers see the published evidence: proposed additions wait for review.
        where: { event: eventVisible, ...visibleCitations(access.role) },
        orderBy: { startOffset: "asc" },
        select: {
          id: true,
          stance: true,
          quote: true,
          startOffset: true,
          endOffset: true,
          quoteNotFoundAt: true,
          event: { select: { id: true, title: true, status: true, ...dateColumnSelect } },
        },
      },
    },
  });
  const original = await originalSummary(workspaceId, s.originalSha256);
  return {
    ...toSummary(s, s.text.length, sourceCitationCountField(access.role)),
    /** The file the text was read from, kept as it came (its SHA-256 proves a copy is that file); null when pasted. */
    original,
    // The reader asks without it and loads the text in parts (getSourceTextChunk): a long text is not sent at once.
    text: opts.withText === false ? "" : s.text,
    derivedFrom: s.derivedFrom,
    derivatives: s.derivatives,
    citations: s.citations.map((c) => {
      const date = fromDateColumns(c.event);
      return {
        id: c.id,
        stance: c.stance,
        quote: c.quote,
        startOffset: c.startOffset,
        endOffset: c.endOffset,
        quoteNotFoundAt: c.quoteNotFoundAt,
        event: {
          id: c.event.id,
          title: c.event.title,
          status: c.event.status,
          dateText: date ? formatEventDate(date) : "Undated",
        },
      };
    }),
    /** Retracted, corrected or disputed (services/evidence), or null. */
    standing: s.standing ? { kind: s.standing, note: s.standingNote, link: s.standingUrl, at: s.standingAt } : null,
    canCite: can(access.role, "citation.write"),
  };
}

/** The source, not in the trash, in a workspace the actor may read; NOT_FOUND otherwise (whatever the workspace). */
async function readableSource(actor: Actor, sourceId: string) {
  const found = await db.source.findUnique({ where: { id: sourceId }, select: { workspaceId: true, deletedAt: true } });
  if (!found || found.deletedAt) throw notFound("Source");
  const access = await requireAccessFor("Source", actor, found.workspaceId, "source.read");
  return { access, workspaceId: found.workspaceId };
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/**
 * A part of a source's text, for the reader: from `cursor` (a character offset,
 * the same offsets citations use), at most `limit` characters, ending after a
 * line break when one falls in the second half (so a paragraph seldom arrives in
 * two pieces) and never between the two halves of a surrogate pair. With it, the
 * citations the reader may see that overlap the part (viewers: published events
 * only, as in getSource). Offsets past the end are refused, not answered empty.
 */
export async function getSourceTextChunk(actor: Actor, input: SourceTextChunkInput) {
  const { sourceId, cursor, limit } = sourceTextChunkSchema.parse(input);
  const { access } = await readableSource(actor, sourceId);
  const { text } = await db.source.findUniqueOrThrow({ where: { id: sourceId }, select: { text: true } });
  const start = cursor ?? 0;
  if (start > text.length || (start === text.length && start > 0))
    throw badRequest(
      `The text has ${text.length.toLocaleString("en")} characters; there is nothing from character ${start.toLocaleString("en")} on.`,
      { cursor: "Past the end of the text" },
    );
  let end = Math.min(text.length, start + limit);
  if (end < text.length) {
    const lineEnd = text.lastIndexOf("\n", end - 1);
    if (lineEnd >= start + limit / 2) end = lineEnd + 1;
    else if (isHighSurrogate(text.charCodeAt(end - 1)) && end - 1 > start) end--;
  }
  const citations = await db.citation.findMany({
    where: {
      sourceId,
      startOffset: { lt: end },
      endOffset: { gt: start },
      // A quote no longer in the text has no place in it to highlight: its old offsets point at other words.
      quoteNotFoundAt: null,
      event: { deletedAt: null, ...visibleEvents(access.role) },
      ...visibleCitations(access.role),
    },
    orderBy: [{ startOffset: "asc" }, { id: "asc" }],
    select: { id: true, stance: true, startOffset: true, endOffset: true },
  });
  return {
    start,
    end,
    length: text.length,
    text: text.slice(start, end),
    nextCursor: end < text.length ? end : null,
    citations,
  };
}

/** The first place the words occur in the text from `from` on, or null. */
export async function findInSource(actor: Actor, input: { sourceId: string; text: string; from?: number }) {
  const { sourceId, text: words, from } = findInSourceSchema.parse(input);
  await readableSource(actor, sourceId);
  const { text } = await db.source.findUniqueOrThrow({ where: { id: sourceId }, select: { text: true } });
  const at = text.indexOf(words, from);
  return at < 0 ? null : { start: at, end: at + words.length };
}
