import { db } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";
import { badRequest, notFound } from "../../errors.ts";
import { can } from "../../policy.ts";
import type { Page } from "../../schemas/common.ts";
import { formatEventDate, type PartialDate } from "../../schemas/partial-date.ts";
import { type ListSourcesInput, type OriginReliabilityFilter, type SourceKind } from "../../schemas/source.ts";
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
export async function getSource(actor: Actor, sourceId: string) {
  const found = await db.source.findUnique({ where: { id: sourceId }, select: { workspaceId: true, deletedAt: true } });
  if (!found || found.deletedAt) throw notFound("Source");
  const access = await requireAccessFor("Source", actor, found.workspaceId, "source.read");
  const eventVisible: Prisma.EventWhereInput = { deletedAt: null, ...visibleEvents(access.role) };
  const s = await db.source.findUniqueOrThrow({
    where: { id: sourceId },
    select: {
      ...summarySelect,
      text: true,
      derivedFrom: { select: { id: true, title: true } },
      derivatives: { where: { deletedAt: null }, select: { id: true, title: true } },
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
          event: { select: { id: true, title: true, status: true, ...dateColumnSelect } },
        },
      },
    },
  });
  return {
    ...toSummary(s, s.text.length, sourceCitationCountField(access.role)),
    text: s.text,
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
        event: {
          id: c.event.id,
          title: c.event.title,
          status: c.event.status,
          dateText: date ? formatEventDate(date) : "Undated",
        },
      };
    }),
    canCite: can(access.role, "citation.write"),
  };
}
