import { HydrationBoundary } from "@tanstack/react-query";
import { WorkspaceHome } from "@/components/workspace/workspace-home";
import { pageQueries } from "@/server/http/page-queries";

/** The workspace and its counts of events come with the HTML (the chronology panel below asks for its own). */
export default async function WorkspacePage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const q = await pageQueries();
  const workspace = await q.workspace(slug);
  if (workspace)
    await q.queryClient.prefetchQuery(q.trpc.workspace.eventCounts.queryOptions({ workspaceId: workspace.id }));
  return (
    <HydrationBoundary state={q.dehydrated()}>
      <WorkspaceHome />
    </HydrationBoundary>
  );
}
