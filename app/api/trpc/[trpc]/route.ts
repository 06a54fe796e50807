import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { NextRequest } from "next/server";
import { clientIp } from "@/server/http/client-ip";
import { isCrossSite } from "@/server/http/same-origin";
import { sessionIdFromRequest } from "@/server/http/session-from-request";
import { appRouter } from "@/server/root";
import { createContext } from "@/server/trpc";

export const dynamic = "force-dynamic";

async function handler(req: NextRequest) {
  if (req.method !== "GET" && isCrossSite(req.headers, req.url)) {
    return Response.json(
      { error: { message: "Cross-site requests are not allowed.", code: "FORBIDDEN" } },
      { status: 403 },
    );
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    // Lets a query travel as POST when its input is too long for a URL (the
    // briefing preview sends the whole text). tRPC honours it for POST only,
    // so a GET can still never run a mutation, and POSTs pass the check above.
    allowMethodOverride: true,
    createContext: async () => createContext({ sessionId: await sessionIdFromRequest(req), ip: clientIp(req.headers) }),
  });
}

export { handler as GET, handler as POST };
