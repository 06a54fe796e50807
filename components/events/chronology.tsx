"use client";
import { REVIEW_STATUS_LABELS } from "@/server/schemas/status-labels";
import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { ChartGantt, Download, List, Plus, Quote, SlidersHorizontal } from "lucide-react";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useState, type ReactNode } from "react";
import { can, REVIEW_STATUSES as EVENT_STATUSES } from "@/server/policy";
import type { WorkspaceOverview } from "@/components/trpc";
import { errorMessage } from "../errors";
import { useTRPC } from "../trpc";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { EmptyState } from "../ui/card";
import { Notice } from "../ui/notice";
import { WorkspaceGate } from "../workspace/workspace-gate";
import { RatingBadge } from "../votes/rating-badge";
import { useTypedDate } from "./typed-date";
import { StatusBadge } from "./status-badge";
import { Bidi } from "../ui/bidi";
import { FILTER_KEYS, filtersFrom, listInput, timelineFilters, type TimelineFilters } from "./chronology-query";

/** The chronology as a list, or with its timeline above the list ("timeline"): the same filters either way. */
export function ChronologyPage({
  view = "list",
  timeline,
}: {
  view?: "list" | "timeline";
  /**
   * The timeline above the list, given by the timeline page (components/timeline/timeline-page.tsx): its
   * drawing code is imported there, so the list's page does not load it, and the timeline page does not
   * wait for a lazily loaded chunk before showing the picture the server drew.
   */
  timeline?: (props: TimelineSlotProps) => ReactNode;
}) {
  return <WorkspaceGate>{(ws) => <Chronology workspace={ws} view={view} timeline={timeline} />}</WorkspaceGate>;
}

export type TimelineSlotProps = {
  workspace: WorkspaceOverview;
  canSeeDrafts: boolean;
  filters: TimelineFilters;
  from: string;
  to: string;
  onWindow: (window: { from: string; to: string } | null) => void;
};

const control = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

/** The STIX download of what the chronology shows: the whole workspace, or the events these filters list. */
function stixHref(workspaceId: string, filters: Record<string, string>): string {
  const set = Object.entries(filters).filter(([, v]) => v);
  const query = new URLSearchParams(set.length ? [["scope", "chronology"], ...set] : [["scope", "workspace"]]);
  return `/api/w/${encodeURIComponent(workspaceId)}/stix?${query.toString()}`;
}

/** The workspace's events in date order, grouped by year, with filters kept in the URL. */
function Chronology({
  workspace,
  view,
  timeline,
}: {
  workspace: WorkspaceOverview;
  view: "list" | "timeline";
  timeline?: (props: TimelineSlotProps) => ReactNode;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const params = useSearchParams();
  const filters = filtersFrom((k) => params.get(k));
  const [draft, setDraft] = useState(filters);
  const queryClient = useQueryClient();
  const typedWhen = useTypedDate(draft.when);
  // A date that cannot be read stays in the field with a word of help; the list keeps its current filters.
  const [whenError, setWhenError] = useState<string | null>(null);
  // On a phone the filters fold away behind a button, so the events come first.
  const [filtersOpen, setFiltersOpen] = useState(false);
  const activeFilters = Object.values(filters).filter(Boolean).length;
  const canSeeDrafts = can(workspace.role, "event.readDrafts");

  const events = useInfiniteQuery(
    trpc.event.list.infiniteQueryOptions(listInput(workspace.id, filters), {
      getNextPageParam: (last) => last.nextCursor,
    }),
  );
  const items = events.data?.pages.flatMap((p) => p.items) ?? [];
  const path = `/w/${workspace.slug}/${view === "timeline" ? "timeline" : "events"}`;
  const apply = (next: typeof draft) => {
    const q = new URLSearchParams(Object.entries(next).filter(([, v]) => v));
    router.replace(`${path}${q.size ? `?${q}` : ""}`);
  };
  const setFilters = new URLSearchParams(Object.entries(filters).filter(([, v]) => v));
  const otherView = `/w/${workspace.slug}/${view === "timeline" ? "events" : "timeline"}${setFilters.size ? `?${setFilters}` : ""}`;
  let lastYear: string | null = null;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{view === "timeline" ? "Timeline" : "Chronology"}</h1>
          <p className="mt-1 text-sm text-slate-600">
            {view === "timeline"
              ? "Each date drawn as precisely as it was written. Drag across the timeline to list only that window."
              : "Events in date order. A vague date sorts by the earliest moment it can mean."}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Button
            variant="secondary"
            className="sm:hidden"
            aria-expanded={filtersOpen}
            aria-controls="chronology-filters"
            onClick={() => setFiltersOpen((o) => !o)}
          >
            <SlidersHorizontal aria-hidden className="size-4" /> Filters
            {activeFilters > 0 && ` (${activeFilters})`}
          </Button>
          <Link
            href={otherView}
            className="inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50"
          >
            {view === "timeline" ? (
              <>
                <List aria-hidden className="size-4" /> List only
              </>
            ) : (
              <>
                <ChartGantt aria-hidden className="size-4" /> Timeline
              </>
            )}
          </Link>
          {(["csv", "json"] as const).map((format) => {
            // The file holds what the list shows: the same filters, every page of it.
            const q = new URLSearchParams({
              format,
              ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v)),
            });
            return (
              <a
                key={format}
                href={`/api/w/${workspace.id}/events/export?${q}`}
                download
                className="inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
              >
                <Download aria-hidden className="size-4" /> {format.toUpperCase()}
                <span className="sr-only"> of these events</span>
              </a>
            );
          })}
          <a
            href={stixHref(workspace.id, filters)}
            download
            className="inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
          >
            <Download aria-hidden className="size-4" />
            {Object.values(filters).some(Boolean) ? "STIX 2.1 (these events)" : "STIX 2.1 (workspace)"}
          </a>
          {can(workspace.role, "event.create") && (
            <Link
              href={`/w/${workspace.slug}/events/new`}
              className="inline-flex items-center gap-1.5 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
            >
              <Plus aria-hidden className="size-4" /> New event
            </Link>
          )}
        </div>
      </div>

      <form
        id="chronology-filters"
        aria-label="Filters"
        className={cn(
          filtersOpen ? "flex" : "hidden",
          "flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:flex",
        )}
        onSubmit={(e) => {
          e.preventDefault();
          void (async () => {
            const when = draft.when.trim();
            if (when) {
              const read = await queryClient.fetchQuery(
                trpc.event.readDate.queryOptions({ text: when }, { staleTime: Infinity }),
              );
              if (!read.date) {
                setWhenError(`“${when}” is not a date we can read. Try “March 2011”, “c. 2015” or “2011–2012”.`);
                return;
              }
            }
            setWhenError(null);
            apply({ ...draft, when });
          })();
        }}
      >
        <div className="w-full sm:w-auto">
          <label className="text-xs text-slate-600" htmlFor="chronology-when">
            When
          </label>
          <input
            id="chronology-when"
            className={`${control} mt-1 block w-full sm:w-56`}
            placeholder="March 2011, late 1990s, 2011–2012…"
            aria-describedby="chronology-when-reads"
            aria-invalid={whenError ? true : undefined}
            value={draft.when}
            onChange={(e) => {
              setWhenError(null);
              setDraft({ ...draft, when: e.target.value });
            }}
          />
          <p id="chronology-when-reads" className="mt-1 min-h-4 text-xs" aria-live="polite">
            {whenError ? (
              <span className="font-medium text-red-700">{whenError}</span>
            ) : typedWhen.understood ? (
              <span className="text-slate-700">
                Understood as <strong className="font-semibold">{typedWhen.understood}</strong>
              </span>
            ) : typedWhen.unreadable ? (
              <span className="text-amber-800">Not a date we can read yet.</span>
            ) : null}
          </p>
        </div>
        <label className="text-xs text-slate-600">
          Words
          <input
            className={`${control} mt-1 block w-44`}
            dir="auto"
            value={draft.text}
            onChange={(e) => setDraft({ ...draft, text: e.target.value })}
          />
        </label>
        <label className="text-xs text-slate-600">
          Tag
          <input
            className={`${control} mt-1 block w-32`}
            dir="auto"
            value={draft.tag}
            onChange={(e) => setDraft({ ...draft, tag: e.target.value })}
          />
        </label>
        {canSeeDrafts && (
          <label className="text-xs text-slate-600">
            Status
            <select
              className={`${control} mt-1 block`}
              value={draft.status}
              onChange={(e) => setDraft({ ...draft, status: e.target.value })}
            >
              <option value="">Any</option>
              {EVENT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {REVIEW_STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="text-xs text-slate-600">
          Citations
          <select
            className={`${control} mt-1 block`}
            value={draft.hasCitation}
            onChange={(e) => setDraft({ ...draft, hasCitation: e.target.value })}
          >
            <option value="">Any</option>
            <option value="yes">With citations</option>
            <option value="no">Without citations</option>
          </select>
        </label>
        <Button type="submit" variant="secondary">
          Apply
        </Button>
        {Object.values(filters).some(Boolean) && (
          <Button
            variant="ghost"
            onClick={() => {
              const cleared = Object.fromEntries(FILTER_KEYS.map((k) => [k, ""])) as typeof draft;
              setDraft(cleared);
              apply(cleared);
            }}
          >
            Clear
          </Button>
        )}
      </form>

      {view === "timeline" &&
        timeline?.({
          workspace,
          canSeeDrafts,
          filters: timelineFilters(filters),
          from: filters.from,
          to: filters.to,
          onWindow: (w) => {
            const next = { ...filters, from: w?.from ?? "", to: w?.to ?? "" };
            setDraft(next);
            apply(next);
          },
        })}

      {events.error && <Notice tone="error">{errorMessage(events.error)}</Notice>}
      {events.isPending && <p className="text-sm text-slate-500">Loading…</p>}
      {events.isSuccess && items.length === 0 && (
        <EmptyState title={Object.values(filters).some(Boolean) ? "No events match these filters" : "No events yet"}>
          {canSeeDrafts
            ? "Add an event, or open a source and cite a passage on a new event."
            : "Published events appear here."}
        </EmptyState>
      )}
      {items.length > 0 && (
        <ol className="space-y-1" aria-label="Events">
          {items.map((e) => {
            const year = e.date ? String(e.date.start.year) : "Undated";
            const header = year !== lastYear ? year : null;
            lastYear = year;
            return (
              <li key={e.id}>
                {header && (
                  <h2 className="mb-2 mt-6 border-b border-slate-200 pb-1 text-lg font-semibold text-slate-800">
                    {header}
                  </h2>
                )}
                {/* On narrow screens the date goes above the title instead of taking a column of its own. */}
                <Link
                  href={`/w/${workspace.slug}/events/${e.id}`}
                  className="flex gap-3 rounded-md px-2 py-2.5 hover:bg-white hover:shadow-sm sm:gap-4 sm:px-3"
                >
                  <span className="min-w-0 flex-1 sm:flex sm:gap-4">
                    <span className="block text-xs font-medium tabular-nums text-slate-600 sm:w-40 sm:shrink-0 sm:text-sm sm:font-normal">
                      {e.dateText}
                    </span>
                    <span className="block min-w-0 sm:flex-1">
                      <span className="flex flex-wrap items-center gap-2">
                        <span className="font-medium text-slate-900" dir="auto">
                          <Bidi text={e.title} />
                        </span>
                        <RatingBadge rating={e.rating} />
                        {canSeeDrafts && <StatusBadge status={e.status} />}
                        {e.evidenceWeakened > 0 && <Badge tone="amber">Evidence weakened</Badge>}
                        {e.tags.map((t) => (
                          <span key={t} className="text-xs text-slate-500">
                            #{t}
                          </span>
                        ))}
                      </span>
                      {/* line-clamp sets its own display; a "block" class would undo the clamp. */}
                      {e.summary && (
                        <span className="mt-0.5 line-clamp-2 text-sm text-slate-600 sm:line-clamp-1" dir="auto">
                          <Bidi text={e.summary} />
                        </span>
                      )}
                    </span>
                  </span>
                  <span className="flex shrink-0 items-center gap-1 text-xs text-slate-500" title="Citations">
                    <Quote aria-hidden className="size-3.5" />
                    <span className="sr-only">Citations:</span>
                    {e.citationCount}
                  </span>
                </Link>
              </li>
            );
          })}
        </ol>
      )}
      {events.hasNextPage && (
        <Button variant="secondary" busy={events.isFetchingNextPage} onClick={() => void events.fetchNextPage()}>
          Show more
        </Button>
      )}
    </div>
  );
}
