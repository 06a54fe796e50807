import { dehydrate, QueryClient } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { cookies, headers } from "next/headers";
import superjson from "superjson";
import { appRouter } from "../root.ts";
import { createContext } from "../trpc.ts";
import { clientIp } from "./client-ip.ts";
import { sessionIdFromRequest } from "./session-from-request.ts";

/**
 * Queries run by a page's server component while it renders, as the signed-in
 * user, through the same procedures (and checks) as the browser's calls. The
 * page hands their answers to the browser's query cache (`dehydrated()` into
 * a HydrationBoundary): the HTML already shows the data, and the browser does
 * not ask again for what it was given, instead of a chain of requests that
 * starts only once the page's JavaScript has run. A query that fails here is
 * not handed over: the browser asks for it itself and shows the error.
 */
export async function pageQueries() {
  const [h, jar] = await Promise.all([headers(), cookies()]);
  const ctx = await createContext({
    sessionId: await sessionIdFromRequest({ headers: h, cookies: jar }),
    ip: clientIp(h),
  });
  const queryClient = new QueryClient({
    defaultOptions: {
      queries: { retry: false },
      // Dates and other non-JSON values cross to the browser as superjson, as the API's answers do.
      dehydrate: { serializeData: superjson.serialize },
    },
  });
  const trpc = createTRPCOptionsProxy({ router: appRouter, ctx, queryClient });
  return {
    trpc,
    queryClient,
    /** The workspace the page is about, handed over with the rest; null when the reader may not see it. */
    workspace: (slug: string) => queryClient.fetchQuery(trpc.workspace.bySlug.queryOptions({ slug })).catch(() => null),
    cookie: (name: string) => jar.get(name)?.value,
    dehydrated: () => dehydrate(queryClient),
  };
}
