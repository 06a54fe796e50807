import pg from "pg";
import { requireDatabaseUrl } from "../env.ts";
import { logger } from "../logger.ts";

/**
 * The one connection per process that LISTENs for what other instances (and
 * triggers) announce with NOTIFY: "dossier_auth" (sessions, accounts and
 * memberships changed: server/db/auth-cache.ts) and "dossier_live" (records
 * changed, presence: server/services/live/). Sharing it keeps the order of
 * the two: a membership change is applied to the auth copy before the live
 * channel re-checks who may still receive, because both run from the same
 * stream of notifications, in the order subscribers were added.
 *
 * When the connection drops, subscribers are told (`onDown`: whatever they
 * derive from notifications may now be stale) and it is re-opened with
 * backoff; `onUp` runs once LISTEN works again. Connection errors are caught
 * here: a database that goes away never becomes an unhandled rejection.
 */

export const LISTEN_CHANNELS = ["dossier_auth", "dossier_live", "dossier_collab"] as const;
export type ListenChannel = (typeof LISTEN_CHANNELS)[number];

export type Subscriber = {
  channel: ListenChannel;
  onMessage: (payload: string) => void;
  onUp?: () => void;
  onDown?: () => void;
};

const subscribers: Subscriber[] = [];
let client: pg.Client | null = null;
let up = false;
let users = 0;
let retryTimer: NodeJS.Timeout | null = null;
let retryMs = 250;
let url = "";

/** Counters for tests: how often LISTEN succeeded. */
export const listenerStats = { connects: 0 };

function each(fn: (s: Subscriber) => void) {
  for (const s of [...subscribers]) {
    try {
      fn(s);
    } catch (err) {
      logger.error({ err }, "notification subscriber failed");
    }
  }
}

async function connect() {
  const c = new pg.Client({ connectionString: url, application_name: "dossier-listener" });
  const lost = () => {
    if (client !== c) return;
    client = null;
    const wasUp = up;
    up = false;
    c.removeAllListeners("notification");
    void c.end().catch(() => {});
    if (wasUp) each((s) => s.onDown?.());
    scheduleRetry();
  };
  c.on("error", lost);
  c.on("end", lost);
  c.on("notification", (msg) => {
    const payload = msg.payload ?? "";
    each((s) => {
      if (s.channel === msg.channel) s.onMessage(payload);
    });
  });
  client = c;
  try {
    await c.connect();
    for (const channel of LISTEN_CHANNELS) await c.query(`LISTEN ${channel}`);
    if (client !== c || users === 0) return;
    up = true;
    retryMs = 250;
    listenerStats.connects++;
    each((s) => s.onUp?.());
  } catch (err) {
    logger.debug({ err }, "notification listener could not connect");
    lost();
  }
}

function scheduleRetry() {
  if (users === 0 || retryTimer) return;
  retryTimer = setTimeout(() => {
    retryTimer = null;
    if (users > 0 && !client) void connect();
  }, retryMs);
  retryTimer.unref();
  retryMs = Math.min(retryMs * 2, 5_000);
}

/** Adds a subscriber; returns its removal. If the connection is up already, `onUp` runs now. */
export function subscribe(sub: Subscriber): () => void {
  subscribers.push(sub);
  if (up) sub.onUp?.();
  return () => {
    const at = subscribers.indexOf(sub);
    if (at >= 0) subscribers.splice(at, 1);
  };
}

/**
 * Opens the connection for one more user of it (counted: the auth copy and
 * the live channel each start and stop it). Resolves after the first attempt.
 */
export async function startListener(databaseUrl: string = requireDatabaseUrl()): Promise<void> {
  users++;
  if (users > 1) return;
  url = databaseUrl;
  await connect();
}

export async function stopListener(): Promise<void> {
  if (users === 0) return;
  users--;
  if (users > 0) return;
  if (retryTimer) clearTimeout(retryTimer);
  retryTimer = null;
  const c = client;
  client = null;
  const wasUp = up;
  up = false;
  if (wasUp) each((s) => s.onDown?.());
  await c?.end().catch(() => {});
}

/** Whether notifications are being received right now. */
export function listenerUp(): boolean {
  return up;
}
