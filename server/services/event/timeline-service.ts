import { db } from "../../db/client.ts";
import { Prisma } from "../../db/generated/client.ts";
import { ratingLabel } from "../../schemas/admiralty.ts";
import { formatEventDate, type EventDate } from "../../schemas/partial-date.ts";
import { REVIEW_STATUS_LABELS } from "../../schemas/status-labels.ts";
import {
  TIMELINE_EVENT_CAP,
  TIMELINE_MAX_LANES,
  type TimelineInput,
  type TimelineLaneBy,
} from "../../schemas/timeline.ts";
import { fromDateColumns, dateColumnSelect } from "../../lib/event-date-columns.ts";
import { searchTerms } from "../../lib/search-query.ts";
import { requireAccess, seesDrafts, type Access, type Actor } from "../access/index.ts";
import { lensFor, ratingsForEvents } from "../vote/index.ts";
import { filterWindow } from "./read-service.ts";

/**
 * The timeline of a workspace's events (or of the chronology's filters). At
 * a zoom where the window holds more events than can be drawn one by one, the
 * database counts them per time bucket (and per lane) instead: one GROUP BY
 * over the (workspaceId, deletedAt, dateSortKey, status) index, whatever the
 * number of events. Otherwise the events overlapping the window, capped.
 */

export type TimelineEventOut = {
  id: string;
  title: string;
  dateText: string;
  date: EventDate;
  status: string;
  lanes: string[];
  credibility: string | null;
  ratingText: string;
  contested: boolean;
};

export type TimelineResult = {
  domain: [Date, Date];
  /** Dated events overlapping the window. */
  total: number;
  mode: "events" | "bands";
  lanes: { key: string; label: string }[];
  events: TimelineEventOut[];
  bands: { lane: string; start: Date; end: Date; count: number }[];
  cap: number;
};

const NO_TAG = "\u0000none";
const OTHER = "\u0000other";
const ALL = "all";

/** The filters as SQL on "Event" e, with the same meaning as the chronology's (eventPage). */
async function whereOf(access: Access, input: TimelineInput): Promise<Prisma.Sql | null> {
  if (input.status && input.status !== "PUBLISHED" && !seesDrafts(access.role)) return null;
  const parts: Prisma.Sql[] = [
    Prisma.sql`e."workspaceId" = ${input.workspaceId}`,
    Prisma.sql`e."deletedAt" IS NULL`,
    Prisma.sql`e."dateSortKey" IS NOT NULL`,
  ];
  // The viewers' rule of access/visibility.ts, written as SQL.
  if (!seesDrafts(access.role)) parts.push(Prisma.sql`e.status = 'PUBLISHED'`);
  if (input.status) parts.push(Prisma.sql`e.status = ${input.status}::"EventStatus"`);
  if (input.tag) parts.push(Prisma.sql`e.tags @> ARRAY[${input.tag}]::text[]`);
  if (input.entityId)
    parts.push(
      Prisma.sql`EXISTS (SELECT 1 FROM "EventEntity" ee WHERE ee."eventId" = e.id AND ee."entityId" = ${input.entityId})`,
    );
  if (input.hasCitation === "yes")
    parts.push(Prisma.sql`EXISTS (SELECT 1 FROM "Citation" c WHERE c."eventId" = e.id AND NOT c."proposedAdd")`);
  if (input.hasCitation === "no")
    parts.push(Prisma.sql`NOT EXISTS (SELECT 1 FROM "Citation" c WHERE c."eventId" = e.id AND NOT c."proposedAdd")`);
  if (input.text) {
    const terms = searchTerms(input.text);
    if (!terms) return null;
    parts.push(
      Prisma.sql`e.search @@ (to_tsquery('english', ${terms.stemmed}) || to_tsquery('simple', ${terms.typed}))`,
    );
  }
  if (input.when) {
    // "when" is read like the chronology's; an unreadable one is a 400 there and here.
    const w = filterWindow({ when: input.when });
    if (w?.start) parts.push(Prisma.sql`(e."dateLatest" IS NULL OR e."dateLatest" >= ${w.start})`);
    if (w?.end) parts.push(Prisma.sql`(e."dateEarliest" IS NULL OR e."dateEarliest" <= ${w.end})`);
  }
  return Prisma.join(parts, " AND ");
}

/**
 * The window that shows every matching event, with a little room either side, and how many there are:
 * every one of them overlaps that window, so the same pass over the rows counts them.
 */
async function fittedDomain(where: Prisma.Sql): Promise<{ domain: [Date, Date]; n: number }> {
  const [row] = await db.$queryRaw<{ lo: Date | null; hi: Date | null; n: number }[]>`
    SELECT min(COALESCE(e."dateEarliest", e."dateLatest")) AS lo,
           max(COALESCE(e."dateLatest", e."dateEarliest")) AS hi,
           count(*)::int AS n
    FROM "Event" e WHERE ${where}`;
  const now = new Date();
  let lo = row?.lo ?? new Date(Date.UTC(now.getUTCFullYear(), 0, 1));
  let hi = row?.hi ?? new Date(Date.UTC(now.getUTCFullYear() + 1, 0, 1));
  const minSpan = 30 * 86_400_000;
  if (hi.getTime() - lo.getTime() < minSpan) {
    const mid = (lo.getTime() + hi.getTime()) / 2;
    lo = new Date(mid - minSpan / 2);
    hi = new Date(mid + minSpan / 2);
  }
  // Room either side, also for the open whiskers of "before" and "after" at the ends.
  const pad = (hi.getTime() - lo.getTime()) * 0.06;
  const clamp = (t: number) => {
    const min = new Date(0);
    min.setUTCFullYear(1, 0, 1);
    const max = new Date(0);
    max.setUTCFullYear(9999, 11, 31);
    return new Date(Math.min(max.getTime(), Math.max(min.getTime(), t)));
  };
  return { domain: [clamp(lo.getTime() - pad), clamp(hi.getTime() + pad)], n: row?.n ?? 0 };
}

const overlaps = (start: Date, end: Date) =>
  Prisma.sql`(e."dateLatest" IS NULL OR e."dateLatest" >= ${start}) AND (e."dateEarliest" IS NULL OR e."dateEarliest" <= ${end})`;

export async function getTimeline(actor: Actor, input: TimelineInput): Promise<TimelineResult> {
  const access = await requireAccess(actor, input.workspaceId, "event.readPublished");
  const where = await whereOf(access, input);
  const empty = (domain: [Date, Date]): TimelineResult => ({
    domain,
    total: 0,
    mode: "events",
    lanes: [{ key: ALL, label: "All events" }],
    events: [],
    bands: [],
    cap: TIMELINE_EVENT_CAP,
  });
  if (!where) {
    const y = new Date().getUTCFullYear();
    return empty([new Date(Date.UTC(y, 0, 1)), new Date(Date.UTC(y + 1, 0, 1))]);
  }
  let domain: [Date, Date];
  let n: number;
  if (input.start && input.end) {
    domain = [input.start, input.end];
    [{ n }] = (await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "Event" e WHERE ${where} AND ${overlaps(input.start, input.end)}`) as [
      { n: number },
    ];
  } else {
    ({ domain, n } = await fittedDomain(where));
  }
  if (n === 0) return empty(domain);
  if (n > TIMELINE_EVENT_CAP) {
    const { lanes, bands } = await densityBands(where, domain, input.buckets, input.lane);
    return { domain, total: n, mode: "bands", lanes, events: [], bands, cap: TIMELINE_EVENT_CAP };
  }
  return { domain, total: n, mode: "events", ...(await windowEvents(actor, access, where, domain, input.lane)) };
}

/**
 * Counts per time bucket (and lane), by where each event's date starts; the
 * bucket is computed by width_bucket in the database, so 100,000 events cost
 * one index range scan and a hash aggregate, not 100,000 rows on the wire.
 */
async function densityBands(where: Prisma.Sql, [start, end]: [Date, Date], buckets: number, laneBy: TimelineLaneBy) {
  const lo = start.getTime() / 1000;
  const hi = end.getTime() / 1000;
  const bucket = Prisma.sql`width_bucket(extract(epoch FROM e."dateSortKey")::float8, ${lo}::float8, ${hi}::float8, ${buckets}::int)`;
  const inWindow = Prisma.sql`e."dateSortKey" >= ${start} AND e."dateSortKey" < ${end}`;
  type Row = { lane: string | null; b: number; n: number };
  let rows: Row[];
  let labels = new Map<string, string>();
  switch (laneBy) {
    case "status":
      rows = await db.$queryRaw<Row[]>`
        SELECT e.status::text AS lane, ${bucket} AS b, count(*)::int AS n
        FROM "Event" e WHERE ${where} AND ${inWindow} GROUP BY 1, 2`;
      break;
    case "tag":
      rows = await db.$queryRaw<Row[]>`
        SELECT t.tag AS lane, ${bucket} AS b, count(*)::int AS n
        FROM "Event" e LEFT JOIN LATERAL unnest(e.tags) AS t(tag) ON true
        WHERE ${where} AND ${inWindow} GROUP BY 1, 2`;
      break;
    case "entity": {
      rows = await db.$queryRaw<Row[]>`
        SELECT ee."entityId" AS lane, ${bucket} AS b, count(DISTINCT e.id)::int AS n
        FROM "Event" e LEFT JOIN "EventEntity" ee ON ee."eventId" = e.id
        WHERE ${where} AND ${inWindow} GROUP BY 1, 2`;
      const ids = [...new Set(rows.map((r) => r.lane).filter((l): l is string => !!l))];
      labels = await entityNames(ids);
      break;
    }
    default:
      rows = await db.$queryRaw<Row[]>`
        SELECT NULL::text AS lane, ${bucket} AS b, count(*)::int AS n
        FROM "Event" e WHERE ${where} AND ${inWindow} GROUP BY 2`;
  }
  const laneKey = (l: string | null) => (laneBy === "none" ? ALL : (l ?? NO_TAG));
  const lanes = topLanes(
    rows.map((r) => ({ key: laneKey(r.lane), n: r.n })),
    laneBy,
    labels,
  );
  const kept = new Set(lanes.map((l) => l.key));
  const width = (hi - lo) / buckets;
  const merged = new Map<string, number>();
  for (const r of rows) {
    const key = kept.has(laneKey(r.lane)) ? laneKey(r.lane) : OTHER;
    const b = Math.min(buckets, Math.max(1, r.b));
    merged.set(`${key}|${b}`, (merged.get(`${key}|${b}`) ?? 0) + r.n);
  }
  const bands = [...merged].map(([k, count]) => {
    const [lane, b] = [k.slice(0, k.lastIndexOf("|")), Number(k.slice(k.lastIndexOf("|") + 1))];
    return {
      lane,
      start: new Date((lo + (b - 1) * width) * 1000),
      end: new Date((lo + b * width) * 1000),
      count,
    };
  });
  bands.sort((a, b) => a.start.getTime() - b.start.getTime());
  return { lanes, bands };
}

async function entityNames(ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.entity.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}

const laneLabel = (key: string, laneBy: TimelineLaneBy, labels: Map<string, string>) => {
  if (key === ALL) return "All events";
  if (key === OTHER) return laneBy === "entity" ? "Other entities" : laneBy === "tag" ? "Other tags" : "Other";
  if (key === NO_TAG) return laneBy === "entity" ? "No entity" : "No tag";
  if (laneBy === "status") return REVIEW_STATUS_LABELS[key as keyof typeof REVIEW_STATUS_LABELS] ?? key;
  if (laneBy === "tag") return `#${key}`;
  return labels.get(key) ?? "Entity";
};

/** The busiest lanes first (the "none" lane last), the rest folded into one. */
function topLanes(counts: { key: string; n: number }[], laneBy: TimelineLaneBy, labels: Map<string, string>) {
  const total = new Map<string, number>();
  for (const c of counts) total.set(c.key, (total.get(c.key) ?? 0) + c.n);
  const order = [...total]
    .sort((a, b) =>
      a[0] === NO_TAG
        ? 1
        : b[0] === NO_TAG
          ? -1
          : b[1] - a[1] || laneLabel(a[0], laneBy, labels).localeCompare(laneLabel(b[0], laneBy, labels)),
    )
    .map(([k]) => k);
  const keep = order.length > TIMELINE_MAX_LANES ? order.slice(0, TIMELINE_MAX_LANES - 1) : order;
  const lanes = keep.map((key) => ({ key, label: laneLabel(key, laneBy, labels) }));
  if (order.length > keep.length) lanes.push({ key: OTHER, label: laneLabel(OTHER, laneBy, labels) });
  return lanes;
}

async function windowEvents(
  actor: Actor,
  access: Access,
  where: Prisma.Sql,
  [start, end]: [Date, Date],
  laneBy: TimelineLaneBy,
) {
  const ids = await db.$queryRaw<{ id: string }[]>`
    SELECT e.id FROM "Event" e WHERE ${where} AND ${overlaps(start, end)}
    ORDER BY e."dateSortKey", e.id LIMIT ${TIMELINE_EVENT_CAP}`;
  const rows = await db.event.findMany({
    where: { id: { in: ids.map((r) => r.id) }, workspaceId: access.workspaceId },
    orderBy: [{ dateSortKey: "asc" }, { id: "asc" }],
    select: {
      id: true,
      title: true,
      status: true,
      tags: true,
      ...dateColumnSelect,
      entities: { select: { entityId: true, entity: { select: { name: true } } } },
    },
  });
  const ratings = await ratingsForEvents(
    rows.map((r) => r.id),
    lensFor(actor, access.role),
  );
  const labels = new Map(rows.flatMap((r) => r.entities.map((l) => [l.entityId, l.entity.name] as const)));
  const keysOf = (r: (typeof rows)[number]): string[] => {
    if (laneBy === "status") return [r.status];
    if (laneBy === "tag") return r.tags.length ? [...new Set(r.tags)] : [NO_TAG];
    if (laneBy === "entity") return r.entities.length ? [...new Set(r.entities.map((l) => l.entityId))] : [NO_TAG];
    return [ALL];
  };
  const lanes = topLanes(
    rows.flatMap((r) => keysOf(r).map((key) => ({ key, n: 1 }))),
    laneBy,
    labels,
  );
  const kept = new Set(lanes.map((l) => l.key));
  const events = rows.flatMap((r): TimelineEventOut[] => {
    const date = fromDateColumns(r);
    if (!date) return [];
    const rating = ratings.get(r.id);
    const keys = keysOf(r).map((k) => (kept.has(k) ? k : OTHER));
    return [
      {
        id: r.id,
        title: r.title,
        dateText: formatEventDate(date),
        date,
        status: r.status,
        lanes: [...new Set(keys)],
        credibility: rating?.hidden.credibility ? "?" : (rating?.credibility ?? null),
        ratingText: ratingLabel(rating?.reliability, rating?.credibility, rating?.hidden),
        contested: rating?.contested ?? false,
      },
    ];
  });
  return { lanes, events, bands: [], cap: TIMELINE_EVENT_CAP };
}
