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
    createContext: async () =>
      createContext({ sessionId: await sessionIdFromRequest(req), ip: clientIp(req.headers) }),
  });
}

export { handler as GET, handler as POST };
