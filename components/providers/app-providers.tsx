"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, loggerLink, splitLink } from "@trpc/client";
import { useState, type ReactNode } from "react";
import superjson from "superjson";
import type { AppRouter } from "@/server/root";
import { TRPCProvider } from "../trpc";

// zod's browser setting lives with zod (server/schemas/zod-config.ts): pages that parse nothing do not load it.

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        // Authorization and missing items are final answers; retrying only delays the message.
        retry: (count, err) => {
          const code = (err as { data?: { code?: string } }).data?.code;
          if (code && ["UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND", "BAD_REQUEST"].includes(code)) return false;
          return count < 2;
        },
      },
      // Answers a page's server component fetched (server/http/page-queries.ts) arrive as superjson.
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
}

const LONG_INPUT_QUERIES = new Set(["briefing.resolveRefs"]);
/** Calls sent together; the server refuses batches of more than 50 (server/http/rpc-limits.ts). */
const MAX_BATCH = 20;

export function AppProviders({ children }: { children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        loggerLink({
          enabled: (op) =>
            process.env.NODE_ENV === "development" && op.direction === "down" && op.result instanceof Error,
        }),
        // Queries whose input is a whole text go as POST: a long briefing would not fit in a URL.
        splitLink({
          condition: (op) => LONG_INPUT_QUERIES.has(op.path),
          true: httpBatchLink({
            url: "/api/trpc",
            transformer: superjson,
            methodOverride: "POST",
            maxItems: MAX_BATCH,
          }),
          false: httpBatchLink({ url: "/api/trpc", transformer: superjson, maxItems: MAX_BATCH }),
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
