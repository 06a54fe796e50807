import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { filtersFromSearchParams, listInput } from "@/components/events/chronology-query";
import { ChronologyPage } from "@/components/events/chronology";
import { pageQueries } from "@/server/http/page-queries";

export const metadata: Metadata = { title: "Chronology" };

/**
 * The workspace and the list's first page are asked for while the server
 * renders, so the HTML arrives with the events listed instead of a chain of
 * requests that starts once the scripts have run (the same inputs as the
 * browser's, so it finds the answers under the same keys).
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
  const filters = filtersFromSearchParams(query);
  const workspace = await q.workspace(slug);
  if (workspace)
    await q.queryClient.prefetchInfiniteQuery(
      q.trpc.event.list.infiniteQueryOptions(listInput(workspace.id, filters), {
        getNextPageParam: (last) => last.nextCursor,
      }),
    );
  return (
    <HydrationBoundary state={q.dehydrated()}>
      <ChronologyPage />
    </HydrationBoundary>
  );
}
