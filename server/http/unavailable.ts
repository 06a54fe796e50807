import { errorResponse } from "./error-response.ts";

/**
 * Errors that mean "the database cannot serve this right now" rather than
 * "this request is wrong": the server is down or restarting, the connection
 * dropped, or every pooled connection stayed busy past the wait limit. They
 * are answered 503 with Retry-After (the caller may simply try again), never
 * 500, on every transport: tRPC maps them in its middleware, route handlers
 * with `unavailableResponse`.
 */

/** Seconds a client should wait before retrying: about what a restart of the embedded database takes. */
export const RETRY_AFTER_SECONDS = 5;
export const UNAVAILABLE_MESSAGE = "The database is not available right now. Please try again in a few seconds.";

/** Prisma: cannot reach / timed out / connection closed / pool timeout / transaction could not start or expired. */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028"]);
/** The pg driver adapter's names for the same. */
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "EAI_AGAIN"]);
/** SQLSTATE: connection exceptions (08), shutdown or start-up (57P0x), insufficient resources (53). */
const SQLSTATE = /^(08...|57P0.|53...)$/;
/** pg reports a dropped connection or a pool wait that ran out with plain errors, known only by their text. */
const MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|connection error and is not queryable|database system is (starting up|shutting down|in recovery mode|not yet accepting connections)|terminating connection due to (administrator command|unexpected postmaster exit)/i;

/** Whether an error (or anything it wraps) says the database is unavailable. */
export function isDatabaseUnavailable(err: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [err];
  while (queue.length) {
    const e = queue.shift();
    if (!e || typeof e !== "object" || seen.has(e) || seen.size > 20) continue;
    seen.add(e);
    const o = e as Record<string, unknown>;
    for (const code of [o.code, o.errorCode, o.originalCode]) {
      if (typeof code !== "string") continue;
      if (PRISMA_CODES.has(code) || SOCKET_CODES.has(code) || SQLSTATE.test(code)) return true;
    }
    if (typeof o.kind === "string" && ADAPTER_KINDS.has(o.kind)) return true;
    if (typeof o.message === "string" && MESSAGES.test(o.message)) return true;
    const meta = o.meta as Record<string, unknown> | undefined;
    queue.push(o.cause, meta, meta?.driverAdapterError, ...(Array.isArray(o.errors) ? o.errors : []));
  }
  return false;
}

/** Headers of every 503 answer. */
export const RETRY_AFTER = { "Retry-After": String(RETRY_AFTER_SECONDS) };

/** The JSON 503 a route handler answers while the database is unavailable. */
export function unavailableResponse(message = UNAVAILABLE_MESSAGE): Response {
  return errorResponse(503, message, RETRY_AFTER);
}
