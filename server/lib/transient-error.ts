/**
 * Whether an error is worth trying again: the database dropped the
 * connection, was restarting, refused new connections, ran out of them, or
 * chose this transaction as a deadlock victim. Anything else (a document the
 * importer cannot read, a bug) would fail the same way again.
 *
 * Errors arrive from pg, from Prisma's driver adapter (which wraps pg's in
 * `cause`) or from the network; the whole cause chain is read.
 */

/** SQLSTATE classes and codes that say "not now" rather than "never". */
const TRANSIENT_SQLSTATE = /^(08|57P|53)|^(40001|40P01|55000|55P03)$/;
/** Prisma: cannot reach / timed out / closed connection, pool timeout, transaction closed or conflicting. */
const TRANSIENT_PRISMA = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028", "P2034"]);
const TRANSIENT_NET = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND"]);
const TRANSIENT_MESSAGE =
  /connection (terminated|refused|reset|closed|ended)|terminating connection|server closed the connection|Connection terminated|the database system is (starting up|shutting down|in recovery mode)|does not allow connections|not currently accepting connections|too many clients|timeout exceeded when trying to connect/i;

export function isTransientError(err: unknown): boolean {
  const seen = new Set<unknown>();
  const todo: unknown[] = [err];
  while (todo.length) {
    const e = todo.pop();
    if (!e || typeof e !== "object" || seen.has(e)) continue;
    seen.add(e);
    const o = e as {
      code?: unknown;
      originalCode?: unknown;
      message?: unknown;
      cause?: unknown;
      meta?: { driverAdapterError?: unknown };
    };
    for (const code of [o.code, o.originalCode]) {
      if (typeof code !== "string") continue;
      if (TRANSIENT_PRISMA.has(code) || TRANSIENT_NET.has(code)) return true;
      if (/^[0-9A-Z]{5}$/.test(code) && TRANSIENT_SQLSTATE.test(code)) return true;
    }
    if (typeof o.message === "string" && TRANSIENT_MESSAGE.test(o.message)) return true;
    // Prisma's driver adapter keeps pg's error under meta.driverAdapterError (and its cause).
    todo.push(o.cause, o.meta?.driverAdapterError);
  }
  return false;
}
