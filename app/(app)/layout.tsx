import { HydrationBoundary } from "@tanstack/react-query";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { pageQueries } from "@/server/http/page-queries";
import { getPageUser } from "@/server/http/page-session";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await getPageUser();
  if (!user) redirect("/sign-in");
  // The header's workspace switcher and tabs come with the HTML instead of appearing once the scripts have asked.
  const q = await pageQueries();
  await q.queryClient.prefetchQuery(q.trpc.workspace.list.queryOptions());
  return (
    <HydrationBoundary state={q.dehydrated()}>
      <AppShell user={user}>{children}</AppShell>
    </HydrationBoundary>
  );
}
