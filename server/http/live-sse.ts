import type { IncomingMessage, ServerResponse } from "node:http";
import { startAuthCache } from "../db/auth-cache.ts";
import { listenerUp, startListener, stopListener, subscribe } from "../db/listener.ts";
import { logger } from "../logger.ts";
import type { Role } from "../policy.ts";
import { idSchema } from "../schemas/common.ts";
import { resolveSession } from "../services/auth/index.ts";
import {
  liveRole,
  mayReceive,
  parseLiveMessage,
  publishedReaderMaySee,
  type LiveMessage,
} from "../services/live/index.ts";
import { clientIp } from "./client-ip.ts";
import { API_HEADERS, COMMON_HEADERS } from "./security-headers.mjs";
import { parseCookieHeader, sessionIdFromRequest } from "./session-from-request.ts";

/**
 * `/api/live?workspaceId=…`: a Server-Sent Events stream of what changes in
 * one workspace, served by the app's own Node server. Triggers announce
 * changes with NOTIFY on "dossier_live" (prisma/migrations/…_live_changes_and_presence);
 * every instance LISTENs on its one notification connection
 * (server/db/listener.ts) and passes each message on to its own streams.
 *
 * Authorization is the procedures': the session and an active membership
 * are checked when the stream opens, and again for every message before it
 * is written (through the same kept copy, which every membership change
 * clears on every instance). A member whose session, account or membership
 * changes has their streams re-checked at once and closed (the browser
 * reconnects under its new role, or is refused). A member whose role shows
 * published material only receives nothing about drafts, not even their
 * ids. Messages of other workspaces are never written to a stream.
 *
 * While the notification connection is down, streams are closed and new
 * ones refused (503): messages may be missed, so browsers fall back to
 * polling until the stream is back, and catch up when it is.
 */

export const LIVE_ENDPOINT = "/api/live";
/** Open streams per user on one instance (a tab holds one): bounds what one account can hold open. */
export const MAX_STREAMS_PER_USER = 8;
const PING_MS = 25_000;

type Stream = {
  userId: string;
  sessionId: string;
  workspaceId: string;
  role: Role;
  res: ServerResponse;
  ping: NodeJS.Timeout;
  /** Messages are written in the order they arrived, each after its own checks. */
  queue: Promise<void>;
};

const byWorkspace = new Map<string, Set<Stream>>();
const byUser = new Map<string, Set<Stream>>();
let started = false;
let accepting = false;
let unsubscribers: (() => void)[] = [];

/** Counters for tests: streams open now, messages written and withheld. */
export const liveStats = { open: 0, sent: 0, withheld: 0 };

export function isLiveRequest(target: string | undefined): boolean {
  if (!target?.startsWith(LIVE_ENDPOINT)) return false;
  const next = target.charAt(LIVE_ENDPOINT.length);
  return next === "" || next === "?";
}

function add<K>(map: Map<K, Set<Stream>>, key: K, s: Stream) {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(s);
}

function remove<K>(map: Map<K, Set<Stream>>, key: K, s: Stream) {
  const set = map.get(key);
  set?.delete(s);
  if (set?.size === 0) map.delete(key);
}

/** Ends one stream, with a last event saying why (the browser decides whether to reconnect). */
function close(s: Stream, reason?: string) {
  if (!byUser.get(s.userId)?.has(s)) return;
  clearInterval(s.ping);
  remove(byWorkspace, s.workspaceId, s);
  remove(byUser, s.userId, s);
  liveStats.open--;
  if (!s.res.writableEnded) {
    if (reason) s.res.write(`event: end\ndata: ${JSON.stringify({ reason })}\n\n`);
    s.res.end();
  }
}

function write(s: Stream, event: string, data: unknown) {
  if (s.res.writableEnded) return;
  s.res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/** The session still alive and the membership still what the stream was opened with. */
async function stillAllowed(s: Stream): Promise<boolean> {
  const session = await resolveSession(s.sessionId);
  if (!session || session.userId !== s.userId) return false;
  const role = await liveRole({ userId: s.userId, ip: null }, s.workspaceId);
  return role === s.role;
}

function onLive(payload: string) {
  const m = parseLiveMessage(payload);
  if (!m) return;
  const streams = byWorkspace.get(m.w);
  if (!streams || streams.size === 0) return;
  // Asked at most once per message, and only if a published-only reader is listening.
  let published: Promise<boolean> | null = null;
  const publishedCheck = () => (published ??= publishedReaderMaySee(m).catch(() => false));
  const out: Omit<LiveMessage, "w" | "u"> = { k: m.k, id: m.id, t: m.t };
  for (const s of streams) {
    s.queue = s.queue.then(async () => {
      try {
        // Checked again for every message: the role now, not the one the stream was opened with.
        const role = await liveRole({ userId: s.userId, ip: null }, s.workspaceId);
        if (role !== s.role) return close(s, role ? "role" : "access");
        if (await mayReceive(role, s.userId, m, publishedCheck)) {
          write(s, "change", out);
          liveStats.sent++;
        } else liveStats.withheld++;
      } catch (err) {
        // The database went away: this stream may have missed messages, and its browser will catch up on reconnect.
        logger.debug({ err }, "live message not delivered");
        close(s, "unavailable");
      }
    });
  }
}

/** A session, an account or a membership of this user changed: each of their streams is re-checked now. */
function onAuth(payload: string) {
  const users = payload.startsWith("u:") ? [byUser.get(payload.slice(2))] : [...byUser.values()];
  for (const set of users) {
    for (const s of set ?? []) {
      s.queue = s.queue.then(async () => {
        try {
          if (!(await stillAllowed(s))) close(s, "access");
        } catch {
          close(s, "unavailable");
        }
      });
    }
  }
}

function closeAll(reason: string) {
  for (const set of [...byUser.values()]) for (const s of [...set]) close(s, reason);
}

/** Starts the live channel (idempotent): the auth copy first, so its entries are dropped before streams are re-checked. */
export async function startLive(): Promise<void> {
  if (started) return;
  started = true;
  await startAuthCache();
  unsubscribers = [
    subscribe({
      channel: "dossier_auth",
      onMessage: onAuth,
      onUp: () => (accepting = true),
      onDown: () => {
        accepting = false;
        closeAll("unavailable");
      },
    }),
    subscribe({ channel: "dossier_live", onMessage: onLive }),
  ];
  await startListener();
}

/** Graceful shutdown: every stream ends first (browsers reconnect to another instance), then the listener. */
export async function stopLive(): Promise<void> {
  if (!started) return;
  started = false;
  accepting = false;
  closeAll("shutdown");
  for (const u of unsubscribers) u();
  unsubscribers = [];
  await stopListener();
}

/** Streams end now, before the server waits for other requests to finish. */
export function closeLiveStreams(): void {
  accepting = false;
  closeAll("shutdown");
}

function refuse(res: ServerResponse, status: number, message: string, extra: Record<string, string> = {}) {
  const body = JSON.stringify({ error: { message } });
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", ...extra });
  res.end(body);
}

/** Opens one stream, or refuses: 401 signed out, 404 not a member, 429 too many streams, 503 not listening. */
export async function handleLive(req: IncomingMessage, res: ServerResponse): Promise<void> {
  for (const h of [...COMMON_HEADERS, ...API_HEADERS]) res.setHeader(h.key, h.value);
  if (req.method !== "GET") return refuse(res, 405, "Only GET opens a live stream.", { allow: "GET" });
  const url = new URL(req.url ?? "/", "http://localhost");
  const workspace = idSchema.safeParse(url.searchParams.get("workspaceId") ?? "");
  if (!workspace.success) return refuse(res, 400, "Which workspace? (workspaceId)");
  if (!accepting || !listenerUp())
    return refuse(res, 503, "Live updates are not available right now.", { "retry-after": "5" });

  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const session = await resolveSession(
    await sessionIdFromRequest({ headers, cookies: parseCookieHeader(req.headers.cookie) }),
  );
  if (!session) return refuse(res, 401, "Please sign in to continue.");
  const workspaceId = workspace.data;
  const role = await liveRole({ userId: session.userId, ip: clientIp(headers) }, workspaceId);
  // As the procedures: a workspace one is not a member of does not exist.
  if (!role) return refuse(res, 404, "Workspace was not found.");
  if ((byUser.get(session.userId)?.size ?? 0) >= MAX_STREAMS_PER_USER)
    return refuse(res, 429, "Too many live connections are open for your account. Close a few tabs.");

  res.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-store, no-transform",
    connection: "keep-alive",
    // A proxy must pass each message on as it comes, not when its buffer fills.
    "x-accel-buffering": "no",
  });
  const s: Stream = {
    userId: session.userId,
    sessionId: session.sessionId,
    workspaceId,
    role,
    res,
    queue: Promise.resolve(),
    ping: setInterval(() => !res.writableEnded && res.write(": ping\n\n"), PING_MS),
  };
  s.ping.unref();
  add(byWorkspace, workspaceId, s);
  add(byUser, session.userId, s);
  liveStats.open++;
  req.socket.setTimeout(0);
  res.on("close", () => close(s));
  // The browser may have gone while its membership was being checked: its place is not kept.
  if (req.destroyed || res.destroyed) return close(s);
  res.write(`retry: 3000\n`);
  write(s, "ready", { role });
  // A change of this member's access announced while the stream was being opened was not heard by it: ask once more.
  onAuth(`u:${session.userId}`);
}
