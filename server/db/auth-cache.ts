import { env, requireDatabaseUrl } from "../env.ts";
import { startListener, stopListener, subscribe } from "./listener.ts";

/**
 * A short in-memory copy of the lookups every request makes before any work:
 * "is this session alive, and whose is it" and "is this user a member of this
 * workspace, with which role". Without it each API call spends two database
 * round trips on them.
 *
 * Revocation is not weakened. Triggers announce every change to a session, an
 * account or a membership on the "dossier_auth" channel (see the migration
 * auth_change_notifications) and every instance listens on a connection of its
 * own, dropping that user's entries when told. Three rules keep that honest:
 * - the copy is used only while the listening connection is up; when it drops,
 *   everything is forgotten (notifications may have been missed) and every
 *   lookup reads the database until it is listening again;
 * - a lookup that started before a notification arrived is not kept (the
 *   generation check), so a read racing a revocation cannot store the old answer;
 * - before an entry is trusted the event loop is let to process pending I/O
 *   once (setImmediate), so a notification that reached this process before the
 *   request did is applied first.
 * PostgreSQL sends a notification to every listener as the change commits, and
 * it reaches each instance within a fraction of a millisecond on a quiet
 * machine: the request that follows a change sees it, on every instance. On
 * a saturated machine the listening connection may be scheduled a few
 * milliseconds late; a request sent in that window is answered as before the
 * change. Entries also expire after a few seconds (AUTH_CACHE_TTL_MS), a bound
 * on staleness should a notification ever be lost in a way the connection did
 * not report. /api/metrics counts the hits, misses and notifications.
 *
 * Nothing is kept unless `startAuthCache` was called: only the HTTP server
 * does so; in-process callers (tools, tests through createCaller) always read
 * the database.
 */

export const AUTH_CHANNEL = "dossier_auth";
const MAX_ENTRIES = 20_000;

type Entry = { value: unknown; userId: string; until: number };

const entries = new Map<string, Entry>();
let generation = 0;
let listening = false;
let stopped = true;
let unsubscribe: (() => void) | null = null;

type Stats = { hits: number; misses: number; invalidations: number; connects: number };
/**
 * How the copy behaved, for /api/metrics, the tests and the bench. Kept on globalThis: Next's route
 * bundles load their own copy of this module, and the metrics route must read the one the server counts in.
 */
export const authCacheStats: Stats = ((
  globalThis as unknown as { __dossierAuthCacheStats?: Stats }
).__dossierAuthCacheStats ??= { hits: 0, misses: 0, invalidations: 0, connects: 0 });

function forgetAll() {
  entries.clear();
  generation++;
}

function forgetUser(userId: string) {
  for (const [key, e] of entries) if (e.userId === userId) entries.delete(key);
  generation++;
}

function onNotification(payload: string) {
  authCacheStats.invalidations++;
  if (payload.startsWith("u:")) forgetUser(payload.slice(2));
  else forgetAll();
}

/**
 * Starts listening (idempotent), on the process's one notification
 * connection (server/db/listener.ts). Resolves after the first attempt; the
 * copy is used from the moment LISTEN succeeds, now or on a later retry.
 */
export async function startAuthCache(url: string = requireDatabaseUrl()): Promise<void> {
  if (!stopped || env().AUTH_CACHE_TTL_MS === 0) return;
  stopped = false;
  // Subscribed before anything else: later subscribers (the live channel) see a user's entries already dropped.
  unsubscribe = subscribe({
    channel: AUTH_CHANNEL,
    onMessage: onNotification,
    onUp: () => {
      forgetAll();
      listening = true;
      authCacheStats.connects++;
    },
    onDown: () => {
      // Notifications may have been missed: nothing kept is trusted until listening again.
      listening = false;
      forgetAll();
    },
  });
  await startListener(url);
}

export async function stopAuthCache(): Promise<void> {
  if (stopped) return;
  stopped = true;
  listening = false;
  unsubscribe?.();
  unsubscribe = null;
  forgetAll();
  await stopListener();
}

/** Whether entries are being kept and trusted right now. */
export function authCacheActive(): boolean {
  return listening;
}

const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The kept answer for `key`, or reads it with `load` (and keeps it when it may).
 * `load` returns the value, the user it concerns, and optionally when it stops
 * being true by itself (a session's expiry); `keep: false` reads without keeping.
 */
export async function cachedLookup<T>(
  key: string,
  load: () => Promise<{ value: T; userId: string; validUntil?: number; keep?: boolean }>,
): Promise<T> {
  if (!listening) return (await load()).value;
  await yieldToIo();
  const hit = entries.get(key);
  if (listening && hit && hit.until > Date.now()) {
    authCacheStats.hits++;
    return hit.value as T;
  }
  authCacheStats.misses++;
  const before = generation;
  const loaded = await load();
  // Something changed (or the listener dropped) while reading: the answer may predate it.
  if (listening && generation === before && loaded.keep !== false) {
    if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
    entries.set(key, {
      value: loaded.value,
      userId: loaded.userId,
      until: Math.min(Date.now() + env().AUTH_CACHE_TTL_MS, loaded.validUntil ?? Infinity),
    });
  }
  return loaded.value;
}
