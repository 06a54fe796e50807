import type { EventStatus } from "@/server/schemas/event";
import type { TimelineLaneBy } from "@/server/schemas/timeline";

/**
 * The chronology's and the timeline's query inputs, from the URL's filters.
 * Shared by the client components and the timeline page's server component,
 * which runs the first queries while it renders: the inputs must be equal to
 * the letter for the browser to find the server's answers under the same keys.
 */

export const FILTER_KEYS = ["when", "from", "to", "tag", "text", "status", "hasCitation", "entityId"] as const;
export type ChronologyFilters = Record<(typeof FILTER_KEYS)[number], string>;

export function filtersFrom(get: (key: string) => string | null | undefined): ChronologyFilters {
  return Object.fromEntries(FILTER_KEYS.map((k) => [k, get(k) ?? ""])) as ChronologyFilters;
}

/** The filters from a page's `searchParams` (server components), where a key may come more than once. */
export function filtersFromSearchParams(query: Record<string, string | string[] | undefined>): ChronologyFilters {
  return filtersFrom((k) => {
    const v = query[k];
    return Array.isArray(v) ? v[0] : v;
  });
}

export function listInput(workspaceId: string, filters: ChronologyFilters) {
  return {
    workspaceId,
    limit: 50,
    when: filters.when || undefined,
    from: filters.from || undefined,
    to: filters.to || undefined,
    tag: filters.tag || undefined,
    text: filters.text || undefined,
    status: (filters.status || undefined) as EventStatus | undefined,
    hasCitation: (filters.hasCitation || "any") as "any" | "yes" | "no",
    entityId: filters.entityId || undefined,
  };
}

/** The filters the timeline draws (not from/to: those are its brush, which filters the list). */
export function timelineFilters(filters: ChronologyFilters) {
  return {
    when: filters.when || undefined,
    tag: filters.tag || undefined,
    text: filters.text || undefined,
    status: (filters.status || undefined) as EventStatus | undefined,
    hasCitation: (filters.hasCitation || "any") as "any" | "yes" | "no",
    entityId: filters.entityId || undefined,
  };
}
export type TimelineFilters = ReturnType<typeof timelineFilters>;

/**
 * The drawing's width in pixels, remembered in a cookie so that the server
 * draws the first picture at the width the browser will show it; without one
 * (a first visit) a desktop width, redrawn once the page has measured itself.
 */
export const TIMELINE_WIDTH_COOKIE = "dossier-timeline-width";
export const DEFAULT_TIMELINE_WIDTH = 1000;
export const MIN_TIMELINE_WIDTH = 280;

export function timelineWidthFrom(cookie: string | undefined): number {
  const n = Number(cookie);
  return Number.isInteger(n) && n >= MIN_TIMELINE_WIDTH && n <= 4000 ? n : DEFAULT_TIMELINE_WIDTH;
}

/**
 * About one density band per six pixels, in steps of twenty, so that a few
 * pixels more or less (a scroll bar, a resized window) ask for the same bands.
 */
export const timelineBuckets = (width: number) => Math.max(20, Math.min(400, Math.round(width / 6 / 20) * 20));

export function timelineInput(opts: {
  workspaceId: string;
  filters: TimelineFilters;
  domain: [Date, Date] | null;
  width: number;
  lane: TimelineLaneBy;
}) {
  return {
    workspaceId: opts.workspaceId,
    ...opts.filters,
    ...(opts.domain ? { start: opts.domain[0], end: opts.domain[1] } : {}),
    buckets: timelineBuckets(opts.width),
    lane: opts.lane,
  };
}
