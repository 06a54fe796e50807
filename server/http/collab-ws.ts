import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { Hocuspocus, type Document } from "@hocuspocus/server";
import { WebSocketServer } from "ws";
import { startAuthCache } from "../db/auth-cache.ts";
import { startListener, stopListener, subscribe } from "../db/listener.ts";
import { DomainError } from "../errors.ts";
import { logger } from "../logger.ts";
import { idSchema } from "../schemas/common.ts";
import type { Actor } from "../services/access/index.ts";
import { resolveSession } from "../services/auth/index.ts";
import { openLiveBriefing } from "../services/briefing/index.ts";
import { COLLAB_CHANNEL, syncLiveDoc } from "../services/collab/index.ts";
import { parseLiveMessage } from "../services/live/index.ts";
import { clientIp } from "./client-ip.ts";
import { isCrossSite } from "./same-origin.ts";
import { parseCookieHeader, sessionIdFromRequest } from "./session-from-request.ts";

/**
 * `/api/collab`: the WebSocket through which authors type a briefing's body
 * together. Hocuspocus (a Yjs server) runs inside the app's own server; each
 * briefing is one document, named `briefing:<id>`, whose text is saved as
 * the briefing's body a moment after typing pauses (server/services/collab/).
 *
 * Authorization is the procedures': the upgrade needs a session and a request
 * from this site's own pages; each document needs a member who may write,
 * and a briefing that is not waiting for review (so viewers never receive a
 * draft's live text). A change to a user's sessions or memberships re-checks
 * their connections at once, and a briefing submitted for review or deleted
 * closes its document's connections: the editor then says why.
 *
 * Instances share a document through the database: each stores the merged
 * state and announces it on "dossier_collab"; the others merge it in. Typing
 * on one instance reaches editors on another within about a store interval.
 */

export const COLLAB_ENDPOINT = "/api/collab";
const NAME = /^briefing:(.+)$/;
/** One message (a paste of a long body at most) — Yjs updates of typing are tens of bytes. */
const MAX_MESSAGE_BYTES = 2 * 1024 * 1024;
const instanceId = randomUUID();

/** What a socket's upgrade request carries once its session was checked. */
type Upgraded = IncomingMessage & { dossier?: Omit<Context, "briefingId" | "workspaceId"> & { refused?: boolean } };

/** Sockets one user may hold on one instance (a tab holds one): bounds what one account can hold open. */
export const MAX_SOCKETS_PER_USER = 16;
/**
 * Bytes a socket may send, as a bucket refilled every second: typing is tens
 * of bytes a keystroke and a paste at most one message, so only a flood
 * empties it. Once a document was refused on a socket, the server still
 * queues that socket's messages for it, so little more is allowed.
 */
const BUCKET_BYTES = 4 * MAX_MESSAGE_BYTES;
const REFILL_BYTES_PER_MS = MAX_MESSAGE_BYTES / 2_000;
const AFTER_REFUSAL_BYTES = 64 * 1024;
const socketsByUser = new Map<string, number>();

type Context = { userId: string; sessionId: string; ip: string | null; briefingId: string; workspaceId: string };

/** Who typed into each document since its last save, by user id. */
const writers = new Map<string, Map<string, Actor>>();
let hocuspocus: Hocuspocus | null = null;
let unsubscribers: (() => void)[] = [];
/** Saves Hocuspocus started (a pause in typing, the last editor leaving): a stop waits for them. */
const saving = new Set<Promise<void>>();
/** Servers whose stop has saved everything: a store that comes later has nothing to save, and no database. */
const stoppedServers = new WeakSet<Hocuspocus>();

/** Counters for tests and the benchmark. */
export const collabStats = { syncs: 0, saves: 0, refused: 0, cutOff: 0 };

export function isCollabRequest(target: string | undefined): boolean {
  if (!target?.startsWith(COLLAB_ENDPOINT)) return false;
  const next = target.charAt(COLLAB_ENDPOINT.length);
  return next === "" || next === "?" || next === "/";
}

function briefingIdOf(documentName: string): string | null {
  const m = NAME.exec(documentName);
  const id = m ? idSchema.safeParse(m[1]) : null;
  return id?.success ? id.data : null;
}

/** Refusals travel to the editor as a reason it can show (Hocuspocus passes `reason` on). */
function refusal(err: unknown): { reason: string } {
  if (err instanceof DomainError) {
    collabStats.refused++;
    return { reason: err.code === "CONFLICT" ? err.message : "You cannot edit this briefing." };
  }
  logger.error({ err }, "live document refused");
  return { reason: "The live editor is not available right now." };
}

async function sync(document: Document, closeWhy?: (reason: string) => void) {
  const ctx = contextOf(document);
  if (!ctx) return;
  const pending = writers.get(document.name);
  const who = pending ? [...pending.values()] : [];
  pending?.clear();
  try {
    const res = await syncLiveDoc(document, ctx, who, instanceId);
    collabStats.syncs++;
    if (res.version !== null) {
      collabStats.saves++;
      document.broadcastStateless(JSON.stringify({ saved: res.version }));
    }
    if (res.closed) (closeWhy ?? closeDocument(document))(res.closed);
  } catch (err) {
    // Not lost: the typing stays in the document, and whoever typed it is named again next time.
    for (const a of who) noteWriter(document.name, a);
    throw err;
  }
}

function noteWriter(documentName: string, actor: Actor) {
  let set = writers.get(documentName);
  if (!set) writers.set(documentName, (set = new Map()));
  set.set(actor.userId, actor);
}

/** The workspace and briefing of a loaded document (from any of its connections' checks). */
const targets = new Map<string, { briefingId: string; workspaceId: string }>();
function contextOf(document: Document) {
  return targets.get(document.name) ?? null;
}

/** Closes reach the editor as a reason it shows; the prefix tells them from a dropped network. */
export const CLOSED_PREFIX = "dossier:";

const closeDocument = (document: Document) => (reason: string) => {
  for (const c of document.getConnections()) c.close({ code: 4403, reason: CLOSED_PREFIX + reason });
};

/** Re-checks each connection of `document` (or of every document) as if it were opening now. */
async function recheck(filter: (ctx: Context) => boolean) {
  if (!hocuspocus) return;
  for (const document of hocuspocus.documents.values()) {
    for (const connection of document.getConnections()) {
      const ctx = connection.context as Context | undefined;
      if (!ctx?.userId || !filter(ctx)) continue;
      try {
        const session = await resolveSession(ctx.sessionId);
        if (!session || session.userId !== ctx.userId) throw new DomainError("NOT_FOUND", "Session ended.");
        await openLiveBriefing({ userId: ctx.userId, ip: ctx.ip }, ctx.briefingId);
      } catch (err) {
        const upgraded = (connection.request as Upgraded).dossier;
        if (upgraded) upgraded.refused = true;
        connection.close({ code: 4403, reason: CLOSED_PREFIX + refusal(err).reason });
      }
    }
  }
}

function createServer(): Hocuspocus {
  const server: Hocuspocus = new Hocuspocus({
    name: instanceId,
    quiet: true,
    // Saved a moment after typing pauses, and at least every few seconds while it goes on.
    debounce: 1_000,
    maxDebounce: 4_000,
    timeout: 30_000,
    async onAuthenticate({ request, documentName }) {
      const briefingId = briefingIdOf(documentName);
      if (!briefingId) throw { reason: "There is no such document." };
      const ctx = (request as Upgraded).dossier;
      if (!ctx) throw { reason: "Please sign in to continue." };
      try {
        const { workspaceId } = await openLiveBriefing({ userId: ctx.userId, ip: ctx.ip }, briefingId);
        targets.set(documentName, { briefingId, workspaceId });
        return { userId: ctx.userId, sessionId: ctx.sessionId, ip: ctx.ip, briefingId, workspaceId } satisfies Context;
      } catch (err) {
        ctx.refused = true;
        throw refusal(err);
      }
    },
    async onLoadDocument({ document }) {
      // What is stored (and any body saved another way since) before the first editor sees it.
      await sync(document, (reason) => {
        throw { reason };
      });
    },
    async onChange({ documentName, context }) {
      const ctx = context as Partial<Context>;
      if (ctx.userId) noteWriter(documentName, { userId: ctx.userId, ip: ctx.ip ?? null });
    },
    async onStoreDocument({ document }) {
      // Once stopped, every document was saved and the database may be gone: nothing is left to store.
      if (stoppedServers.has(server)) {
        if (writers.get(document.name)?.size)
          logger.warn({ document: document.name }, "typing arrived after the live server stopped; not saved here");
        return;
      }
      const save = sync(document);
      saving.add(save);
      try {
        await save;
      } finally {
        saving.delete(save);
      }
    },
    async onStateless({ payload, connection, document }) {
      // "flush": the editor is about to leave or to read the saved copy; save now and say which version.
      if (payload !== "flush") return;
      await sync(document);
      connection.sendStateless(JSON.stringify({ flushed: true }));
    },
    async afterUnloadDocument({ documentName }) {
      // Saved before unloading. `targets` stays: one small entry per briefing opened, and a
      // connection authenticating while the document unloads still finds it.
      writers.delete(documentName);
    },
  });
  return server;
}

const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

function reject(socket: Duplex, status: number, message: string) {
  socket.end(
    `HTTP/1.1 ${status} ${message}\r\ncontent-type: text/plain; charset=utf-8\r\nconnection: close\r\ncontent-length: ${Buffer.byteLength(message)}\r\n\r\n${message}`,
  );
}

/** Accepts a WebSocket upgrade on COLLAB_ENDPOINT: signed in, and from this site's own pages only. */
export async function handleCollabUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
  if (!hocuspocus) return reject(socket, 503, "Live editing is not available right now.");
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  // A WebSocket is not bound by CORS: a page on another site could open one with the user's cookie.
  if (!headers.get("origin") || isCrossSite(headers, `http://${headers.get("host") ?? "localhost"}${req.url ?? "/"}`))
    return reject(socket, 403, "Live editing only answers this site's own pages.");
  const session = await resolveSession(
    await sessionIdFromRequest({ headers, cookies: parseCookieHeader(req.headers.cookie) }),
  );
  if (!session) return reject(socket, 401, "Please sign in to continue.");
  const held = socketsByUser.get(session.userId) ?? 0;
  if (held >= MAX_SOCKETS_PER_USER)
    return reject(socket, 429, "Too many live editors are open for your account. Close a few tabs.");
  const upgraded = req as Upgraded;
  upgraded.dossier = { userId: session.userId, sessionId: session.sessionId, ip: clientIp(headers) };
  wss.handleUpgrade(req, socket, head, (ws) => {
    socketsByUser.set(session.userId, (socketsByUser.get(session.userId) ?? 0) + 1);
    // A socket's errors (a message over MAX_MESSAGE_BYTES, a broken frame) close that socket only: unheard,
    // an 'error' event would end the whole process. Hocuspocus's own server listens the same way.
    ws.on("error", (err) => logger.warn({ err }, "live editing socket error"));
    ws.once("close", () => {
      const n = (socketsByUser.get(session.userId) ?? 1) - 1;
      if (n > 0) socketsByUser.set(session.userId, n);
      else socketsByUser.delete(session.userId);
    });
    // Listening before Hocuspocus does: a flood is cut off before it is queued.
    let bucket = BUCKET_BYTES;
    let at = Date.now();
    let sinceRefusal = 0;
    ws.on("message", (data: Buffer | ArrayBuffer | Buffer[]) => {
      const size = Array.isArray(data) ? data.reduce((n, b) => n + b.byteLength, 0) : data.byteLength;
      const now = Date.now();
      bucket = Math.min(BUCKET_BYTES, bucket + (now - at) * REFILL_BYTES_PER_MS) - size;
      at = now;
      if (upgraded.dossier?.refused) sinceRefusal += size;
      if (bucket < 0 || sinceRefusal > AFTER_REFUSAL_BYTES) {
        collabStats.cutOff++;
        ws.terminate();
      }
    });
    hocuspocus?.handleConnection(ws, req);
  });
}

/**
 * Starts the Yjs server (idempotent) and its own use of the notification
 * connection: the app's server loads this module on its own (server/cli/serve.mjs),
 * so it starts what it relies on itself; the auth copy first, so a changed
 * membership is forgotten before connections are re-checked.
 */
export async function startCollab(): Promise<void> {
  if (hocuspocus) return;
  hocuspocus = createServer();
  await startAuthCache();
  unsubscribers = [
    subscribe({
      channel: "dossier_auth",
      onMessage: (payload) => {
        const userId = payload.startsWith("u:") ? payload.slice(2) : null;
        void recheck((ctx) => userId === null || ctx.userId === userId).catch(() => {});
      },
    }),
    subscribe({
      channel: "dossier_live",
      onMessage: (payload) => {
        // A briefing submitted for review, deleted, or a membership changed: its editors are checked again.
        const m = parseLiveMessage(payload);
        if (m?.k === "briefing" && m.id) void recheck((ctx) => ctx.briefingId === m.id).catch(() => {});
        if (m?.k === "membership") void recheck((ctx) => ctx.workspaceId === m.w).catch(() => {});
      },
    }),
    subscribe({
      channel: COLLAB_CHANNEL,
      onMessage: (payload) => {
        let news: { b?: unknown; i?: unknown };
        try {
          news = JSON.parse(payload) as typeof news;
        } catch {
          return;
        }
        if (news.i === instanceId || typeof news.b !== "string") return;
        const document = hocuspocus?.documents.get(`briefing:${news.b}`);
        if (document) void sync(document).catch((err) => logger.warn({ err }, "live document not merged"));
      },
    }),
  ];
  await startListener();
}

/** Graceful shutdown: what was typed is saved, then every editor is told to reconnect (to another instance). */
export async function stopCollab(): Promise<void> {
  const h = hocuspocus;
  if (!h) return;
  hocuspocus = null;
  for (const u of unsubscribers) u();
  unsubscribers = [];
  const documents = [...h.documents.values()];
  // No more typing first: every connection closes (editors reconnect to another instance, whose
  // document merges what their browser still holds).
  h.closeConnections();
  for (const ws of wss.clients) ws.terminate();
  // Then each document is saved, started in this same turn, before Hocuspocus reacts to the last editor
  // leaving: the save waiting for a pause in typing runs now (its timer would fire after the database has
  // gone), and a document with none is saved under its save lock, which also keeps it from unloading.
  const saves = documents.map((d) => {
    const store = `onStoreDocument-${d.name}`;
    if (h.debouncer.isDebounced(store)) return h.debouncer.executeNow(store);
    return d.saveMutex.runExclusive(() => sync(d));
  });
  await Promise.allSettled(saves);
  // And any save Hocuspocus began meanwhile ends while the database is still there.
  while (saving.size > 0) await Promise.allSettled([...saving]);
  stoppedServers.add(h);
  await stopListener();
}

/** Documents and connections held by this instance (the benchmark reports them). */
export function collabCounts() {
  return { documents: hocuspocus?.getDocumentsCount() ?? 0, connections: hocuspocus?.getConnectionsCount() ?? 0 };
}
