import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import {
  filtersFromSearchParams,
  TIMELINE_WIDTH_COOKIE,
  timelineFilters,
  timelineInput,
  timelineWidthFrom,
} from "@/components/events/chronology-query";
import { TimelineChronologyPage } from "@/components/timeline/timeline-page";
import { pageQueries } from "@/server/http/page-queries";

export const metadata: Metadata = { title: "Timeline" };

/**
 * The workspace and the timeline's first picture are asked for here, while
 * the server renders, so the HTML arrives with the timeline drawn: no waiting
 * for the scripts and then for requests in a row (the workspace, then the
 * timeline). The list's first page is left to the browser: rendered here it
 * more than doubled the HTML the browser parses before it shows the picture.
 * No Suspense boundary around the page: React reveals a streamed boundary no
 * sooner than 300 ms after the shell's first paint, so the drawn timeline sat
 * hidden in the HTML; without one the content arrives in place with the shell.
 */
export default async function Page({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ workspace: slug }, query] = await Promise.all([params, searchParams]);
  const q = await pageQueries();
  const width = timelineWidthFrom(q.cookie(TIMELINE_WIDTH_COOKIE));
  const filters = filtersFromSearchParams(query);
  const workspace = await q.workspace(slug);
  if (workspace) {
    await q.queryClient.prefetchQuery(
      q.trpc.event.timeline.queryOptions(
        timelineInput({
          workspaceId: workspace.id,
          filters: timelineFilters(filters),
          domain: null,
          width,
          lane: "none",
        }),
      ),
    );
  }
  return (
    <HydrationBoundary state={q.dehydrated()}>
      <TimelineChronologyPage width={width} />
    </HydrationBoundary>
  );
}
