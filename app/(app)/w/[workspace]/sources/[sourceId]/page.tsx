import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { SourceReaderPage } from "@/components/sources/source-reader";
import { pageQueries } from "@/server/http/page-queries";

export const metadata: Metadata = { title: "Source" };

/**
 * The workspace, the source and the first part of its text are asked for
 * while the server renders, so the HTML arrives with the text to read. The
 * same inputs as the reader's own (the first part from offset 0), so the
 * browser finds them in its cache and asks only for what comes next.
 */
export default async function Page({ params }: { params: Promise<{ workspace: string; sourceId: string }> }) {
  const { workspace: slug, sourceId } = await params;
  const q = await pageQueries();
  const [, source] = await Promise.all([
    q.workspace(slug),
    q.queryClient.fetchQuery(q.trpc.source.get.queryOptions({ sourceId, withText: false })).catch(() => null),
  ]);
  if (source && source.textLength > 0)
    await q.queryClient.prefetchInfiniteQuery(
      q.trpc.source.textChunk.infiniteQueryOptions(
        { sourceId },
        { initialCursor: 0, getNextPageParam: (last) => last.nextCursor },
      ),
    );
  return (
    <HydrationBoundary state={q.dehydrated()}>
      <SourceReaderPage />
    </HydrationBoundary>
  );
}
