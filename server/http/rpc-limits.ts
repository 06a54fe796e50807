import { TRPC_ERROR_CODES_BY_KEY, type TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import superjson from "superjson";

/**
 * The largest RPC request body: the biggest input any procedure takes is a
 * 10 MB file sent as base64 (import.start), about 13.4 MB. Bodies are counted
 * as they arrive (body-limit.ts) and cut here.
 */
export const MAX_RPC_BODY_BYTES = 16 * 1024 * 1024;

/**
 * A cap on how many calls one batched RPC request may carry (`/a,b,c?batch=1`,
 * tRPC's batch format). Each call runs at once with its own database work, so
 * an unbounded batch lets one request occupy the whole connection pool. A
 * batch over the cap is refused as a whole, before any call runs.
 */
export const MAX_BATCH_CALLS = 50;

/** How many calls a request carries: the comma-separated procedure paths of a batch, else one. */
export function batchLength(url: URL, endpoint: string): number {
  if (url.searchParams.get("batch") !== "1") return 1;
  const paths = url.pathname.slice(endpoint.length).replace(/^\/+/, "");
  return paths ? paths.split(",").length : 0;
}

/** Why a request's batch is refused, or null when it is within the cap. */
export function batchProblem(url: URL, endpoint: string, max = MAX_BATCH_CALLS): string | null {
  const n = batchLength(url, endpoint);
  return n > max
    ? `This request batches ${n.toLocaleString("en")} calls; at most ${max} may be sent together. Send them in smaller batches.`
    : null;
}

/**
 * A refusal made before the RPC handler runs, in tRPC's own error format
 * (through superjson, the app's transformer), so the app's client shows its
 * message like any other error. For a batch the client applies it to every call.
 */
export function rpcRefusal(status: number, code: TRPC_ERROR_CODE_KEY, message: string): Response {
  const shape = { message, code: TRPC_ERROR_CODES_BY_KEY[code], data: { code, httpStatus: status, fieldErrors: null } };
  return Response.json({ error: superjson.serialize(shape) }, { status, headers: { "Cache-Control": "no-store" } });
}
