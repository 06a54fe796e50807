import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import WebSocket from "ws";
import * as Y from "yjs";
import { waitUntil } from "./wait.ts";

/**
 * A briefing's live document opened over `/api/collab` from Node, as the
 * browser's editor opens it: a Yjs document synchronised by Hocuspocus's
 * provider, through a WebSocket that carries the session cookie and this
 * site's Origin (a browser sends both on its own). Everything the server says
 * about the document is kept in `events`, in order, so tests can wait for and
 * assert on refusals, closes and saves. Shared by the integration tests and
 * the benchmark.
 */

/** What the server said about the document, in the order it said it. */
export type CollabEvent =
  | { kind: "synced" }
  | { kind: "authenticated" }
  /** Refused when opening (or re-opening) the document: the reason the editor would show. */
  | { kind: "denied"; reason: string }
  /** The server closed this document's connection (a later refusal, or the briefing was submitted). */
  | { kind: "close"; code: number; reason: string }
  /** The WebSocket itself went down. */
  | { kind: "disconnect"; code: number }
  /** A stateless message: `{"saved":version}` after each save, `{"flushed":true}` after a flush. */
  | { kind: "stateless"; payload: string };

export type LiveClient = {
  doc: Y.Doc;
  text: Y.Text;
  provider: HocuspocusProvider;
  /** The WebSocket under the provider (one per client here, as one per browser tab). */
  socket: HocuspocusProviderWebsocket;
  events: CollabEvent[];
  /** Resolves once `check` holds (checked every 25 ms), or rejects naming `what` after `ms`. */
  waitFor: (check: () => boolean, what: string, ms?: number) => Promise<void>;
  /** The first event of that kind (and matching `match`) received so far or still to come. */
  waitForEvent: <K extends CollabEvent["kind"]>(
    kind: K,
    match?: (e: Extract<CollabEvent, { kind: K }>) => boolean,
    ms?: number,
  ) => Promise<Extract<CollabEvent, { kind: K }>>;
  /** Asks the server to save now; resolves once it answers `{"flushed":true}` (the save is done). */
  flush: (ms?: number) => Promise<void>;
  /** Versions announced by `{"saved":n}` so far. */
  savedVersions: () => number[];
  /** Drops the connection, as a laptop losing its network: the document stays and can still be typed into. */
  goOffline: () => void;
  /** Connects again; the provider then exchanges what each side missed. */
  goOnline: () => Promise<void>;
  close: () => void;
};

export type OpenOptions = {
  /** The session cookie (tests/helpers/app-client.ts sessionCookie); none for an anonymous attempt. */
  cookie?: string;
  /** Defaults to the server's own origin, as a page of the app sends it. */
  origin?: string;
  /** `briefing:<id>` unless given whole (to try other names). */
  briefingId?: string;
  documentName?: string;
  /** Wait until the first sync (default) or return at once (for refusals). */
  waitForSync?: boolean;
  /** Milliseconds between reconnection attempts of the socket (the provider's default grows to 30 s). */
  reconnectDelay?: number;
};

const DEFAULT_WAIT_MS = 30_000;

/** A `ws` WebSocket that sends the given headers with its upgrade request (the browser's cookie and Origin). */
function socketWith(headers: Record<string, string>) {
  return class HeaderSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  };
}

export function collabUrl(base: string): string {
  return `${base.replace(/^http/, "ws")}/api/collab`;
}

/** Opens a live document against an app server at `base` (http://host:port). */
export async function openLiveDoc(base: string, opts: OpenOptions): Promise<LiveClient> {
  const headers: Record<string, string> = { origin: opts.origin ?? base };
  if (opts.cookie) headers.cookie = opts.cookie;
  const doc = new Y.Doc();
  const events: CollabEvent[] = [];
  const delay = opts.reconnectDelay ?? 250;
  const socket = new HocuspocusProviderWebsocket({
    url: collabUrl(base),
    WebSocketPolyfill: socketWith(headers),
    delay,
    minDelay: delay,
    maxDelay: delay * 4,
  });
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: opts.documentName ?? `briefing:${opts.briefingId}`,
    document: doc,
    // The session travels in the cookie; Hocuspocus asks for a token all the same.
    token: "session",
    onSynced: ({ state }) => {
      if (state) events.push({ kind: "synced" });
    },
    onAuthenticated: () => events.push({ kind: "authenticated" }),
    onAuthenticationFailed: ({ reason }) => events.push({ kind: "denied", reason }),
    onClose: ({ event }) => events.push({ kind: "close", code: event.code, reason: event.reason }),
    onDisconnect: ({ event }) => events.push({ kind: "disconnect", code: event.code }),
    onStateless: ({ payload }) => events.push({ kind: "stateless", payload }),
  });
  provider.attach();
  const destroy = () => {
    provider.destroy();
    socket.destroy();
  };
  const waitFor = (check: () => boolean, what: string, ms = DEFAULT_WAIT_MS) => waitUntil(check, what, ms);
  const waitForEvent = async <K extends CollabEvent["kind"]>(
    kind: K,
    match: (e: Extract<CollabEvent, { kind: K }>) => boolean = () => true,
    ms = DEFAULT_WAIT_MS,
  ) => {
    const find = () => events.find((e): e is Extract<CollabEvent, { kind: K }> => e.kind === kind && match(e as never));
    await waitUntil(() => find() !== undefined, `a "${kind}" event`, ms);
    return find()!;
  };
  const statelessCount = (test: (p: Record<string, unknown>) => boolean) =>
    events.filter((e) => e.kind === "stateless" && test(parse(e.payload))).length;
  const client: LiveClient = {
    doc,
    text: doc.getText("body"),
    provider,
    socket,
    events,
    waitFor,
    waitForEvent,
    flush: async (ms = DEFAULT_WAIT_MS) => {
      const before = statelessCount((p) => p.flushed === true);
      provider.sendStateless("flush");
      await waitUntil(() => statelessCount((p) => p.flushed === true) > before, "the server's flush answer", ms);
    },
    savedVersions: () =>
      events.flatMap((e) => {
        if (e.kind !== "stateless") return [];
        const saved = parse(e.payload).saved;
        return typeof saved === "number" ? [saved] : [];
      }),
    goOffline: () => socket.disconnect(),
    goOnline: async () => {
      await socket.connect();
    },
    close: destroy,
  };
  if (opts.waitForSync ?? true) {
    await waitUntil(
      () => events.some((e) => e.kind === "synced" || e.kind === "denied"),
      "the document's first sync",
    ).catch((err: unknown) => {
      destroy();
      throw err;
    });
    const denied = events.find((e) => e.kind === "denied");
    if (denied) {
      destroy();
      throw new Error(`The live document was refused: ${denied.kind === "denied" ? denied.reason : ""}`);
    }
  }
  return client;
}

function parse(payload: string): Record<string, unknown> {
  try {
    const v = JSON.parse(payload) as unknown;
    return v && typeof v === "object" ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * Tries the WebSocket upgrade alone and says how the server answered: the
 * HTTP status of a refusal (401, 403), or 101 when it was accepted.
 */
export function upgradeStatus(base: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(collabUrl(base), { headers });
    ws.once("unexpected-response", (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      ws.terminate();
    });
    ws.once("open", () => {
      resolve(101);
      ws.close();
    });
    // After a refusal, ws reports the aborted handshake as an error too: already answered.
    ws.on("error", (err) => reject(err));
  });
}
