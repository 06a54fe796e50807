import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { NextRequest } from "next/server";
import { BodyTooLargeError, formatBytes, withBodyLimit } from "@/server/http/body-limit";
import { clientIp } from "@/server/http/client-ip";
import { batchProblem, MAX_BATCH_CALLS, MAX_RPC_BODY_BYTES, rpcRefusal } from "@/server/http/rpc-limits";
import { isCrossSite } from "@/server/http/same-origin";
import { sessionIdFromRequest } from "@/server/http/session-from-request";
import { RETRY_AFTER } from "@/server/http/unavailable";
import { appRouter } from "@/server/root";
import { createContext } from "@/server/trpc";

export const dynamic = "force-dynamic";

const ENDPOINT = "/api/trpc";

/*
 * `npm start` answers /api/trpc in its own Node server (server/http/trpc-node.ts,
 * with the same checks); this route serves it under `next dev`, and under
 * `npm start` with DOSSIER_RPC_SERVER=next.
 */

async function handler(req: NextRequest) {
  if (req.method !== "GET" && isCrossSite(req.headers, req.url)) {
    return Response.json(
      { error: { message: "Cross-site requests are not allowed.", code: "FORBIDDEN" } },
      { status: 403 },
    );
  }
  const batch = batchProblem(new URL(req.url), ENDPOINT);
  if (batch) return rpcRefusal(400, "BAD_REQUEST", batch);
  let request: Request;
  try {
    // Counted as it arrives and cut at the limit, declared length or not: tRPC itself would read any size.
    request = await withBodyLimit(req, MAX_RPC_BODY_BYTES);
  } catch (err) {
    if (err instanceof BodyTooLargeError)
      return rpcRefusal(413, "PAYLOAD_TOO_LARGE", `Requests can be at most ${formatBytes(err.limit)}.`);
    throw err;
  }
  return fetchRequestHandler({
    endpoint: ENDPOINT,
    req: request,
    router: appRouter,
    // Lets a query travel as POST when its input is too long for a URL (the
    // briefing preview sends the whole text). tRPC honours it for POST only,
    // so a GET can still never run a mutation, and POSTs pass the check above.
    allowMethodOverride: true,
    maxBatchSize: MAX_BATCH_CALLS,
    createContext: async () => createContext({ sessionId: await sessionIdFromRequest(req), ip: clientIp(req.headers) }),
    responseMeta: ({ errors }) =>
      errors.some((e) => e.code === "SERVICE_UNAVAILABLE") ? { headers: new Headers(RETRY_AFTER) } : {},
  });
}

export { handler as GET, handler as POST };
