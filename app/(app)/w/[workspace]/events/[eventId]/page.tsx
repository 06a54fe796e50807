import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { EventPage } from "@/components/events/event-page";
import { pageQueries } from "@/server/http/page-queries";

export const metadata: Metadata = { title: "Event" };

/**
 * The workspace, the event and its citations are asked for while the server
 * renders (side by side: none needs another's answer), so the HTML arrives
 * with the event and its quoted passages instead of requests that start once
 * the scripts have run. Panels beside them (votes, review) still ask for
 * their own data in the browser.
 */
export default async function Page({ params }: { params: Promise<{ workspace: string; eventId: string }> }) {
  const { workspace: slug, eventId } = await params;
  const q = await pageQueries();
  await Promise.all([
    q.workspace(slug),
    q.queryClient.prefetchQuery(q.trpc.event.get.queryOptions({ eventId })),
    q.queryClient.prefetchQuery(q.trpc.citation.forEvent.queryOptions({ eventId })),
  ]);
  return (
    <HydrationBoundary state={q.dehydrated()}>
      <EventPage />
    </HydrationBoundary>
  );
}
