import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { Suspense } from "react";
import {
  filtersFrom,
  listInput,
  TIMELINE_WIDTH_COOKIE,
  timelineFilters,
  timelineInput,
  timelineWidthFrom,
} from "@/components/events/chronology-query";
import { TimelineChronologyPage } from "@/components/timeline/timeline-page";
import { pageQueries } from "@/server/http/page-queries";

export const metadata: Metadata = { title: "Timeline" };

/**
 * The workspace, the timeline's first picture and the list's first page are
 * asked for here, while the server renders, so the HTML arrives with the
 * timeline drawn: no waiting for the scripts and then for requests in a row
 * (the workspace, then the timeline and the list).
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
  const filters = filtersFrom((k) => {
    const v = query[k];
    return Array.isArray(v) ? v[0] : v;
  });
  const workspace = await q.queryClient.fetchQuery(q.trpc.workspace.bySlug.queryOptions({ slug })).catch(() => null);
  if (workspace) {
    // The list is not waited for: the page goes out with the timeline drawn, the list's page follows in the stream.
    void q.queryClient.prefetchInfiniteQuery(
      q.trpc.event.list.infiniteQueryOptions(listInput(workspace.id, filters), {
        getNextPageParam: (last) => last.nextCursor,
      }),
    );
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
      <Suspense>
        <TimelineChronologyPage width={width} />
      </Suspense>
    </HydrationBoundary>
  );
}
