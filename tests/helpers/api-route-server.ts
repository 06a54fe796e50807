/**
 * The app's API routes served over real HTTP in a process of their own, for
 * tests that need a second client's view of the server: whether one request
 * stalls the others, what callers see while the database is down, what a
 * second instance sees. `/api/trpc` is answered as `npm start` answers it, by
 * the Node handler (server/http/trpc-node.ts, with its session and membership
 * copy listening for changes); the other routes are the app's own route
 * handlers (health, metrics, export, upload) behind a plain Node server, as `npm start`
 * serves them behind Next's; `/api/live` by the live channel (server/http/live-sse.ts), and the
 * WebSocket `/api/collab` by the live editing server (server/http/collab-ws.ts).
 *
 * Environment: DATABASE_URL, or APP_SERVER_EMBEDDED_DIR to start a supervised
 * embedded PostgreSQL there (as `npm start` does) and migrate it. Prints one
 * JSON line on stdout when listening: { port, databaseUrl, clusterDir? }.
 * SIGTERM stops the server and the database.
 */
import http from "node:http";
import path from "node:path";
import { Readable } from "node:stream";
import { NextRequest } from "next/server";
import type { EmbeddedServer } from "../../server/db/embedded.ts";

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

const say = (line: string) => process.stderr.write(`[app-server] ${line}\n`);

let embedded: EmbeddedServer | null = null;
let clusterDir: string | undefined;
const embeddedDir = process.env.APP_SERVER_EMBEDDED_DIR;
if (embeddedDir) {
  const { startEmbeddedPostgres } = await import("../../server/db/embedded.ts");
  const { migrate } = await import("../../server/db/migrate.ts");
  embedded = await startEmbeddedPostgres({ dataDir: embeddedDir, port: 0, log: say, supervise: true });
  await embedded.ensureDatabase("dossier");
  process.env.DATABASE_URL = embedded.url("dossier");
  clusterDir = path.join(embeddedDir, "pg");
  await migrate(process.env.DATABASE_URL);
}

// Imported after DATABASE_URL is settled: the server reads its environment once.
const rpc = await import("../../server/http/trpc-node.ts");
await rpc.startRpc();
const live = await import("../../server/http/live-sse.ts");
await live.startLive();
const collab = await import("../../server/http/collab-ws.ts");
await collab.startCollab();
const health = await import("../../app/api/health/route.ts");
const metricsRoute = await import("../../app/api/metrics/route.ts");
const exportRoute = await import("../../app/api/briefings/[id]/export/route.ts");
const extract = await import("../../app/api/w/[workspaceId]/sources/extract/route.ts");

const routes: { pattern: RegExp; methods: Record<string, Handler>; names: string[] }[] = [
  { pattern: /^\/api\/health$/, methods: { GET: health.GET } as never, names: [] },
  { pattern: /^\/api\/metrics$/, methods: { GET: metricsRoute.GET } as never, names: [] },
  { pattern: /^\/api\/briefings\/([^/]+)\/export$/, methods: { GET: exportRoute.GET } as never, names: ["id"] },
  {
    pattern: /^\/api\/w\/([^/]+)\/sources\/extract$/,
    methods: { POST: extract.POST } as never,
    names: ["workspaceId"],
  },
];

async function serve(req: http.IncomingMessage, res: http.ServerResponse) {
  if (live.isLiveRequest(req.url)) return live.handleLive(req, res);
  if (rpc.isRpcRequest(req.url)) {
    // As the app's own server does: the TCP peer is the last hop.
    req.headers["x-forwarded-for"] = req.socket.remoteAddress ?? "unknown";
    return rpc.handleRpc(req, res);
  }
  const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
  const route = routes.find((r) => r.pattern.test(url.pathname));
  const handler = route?.methods[req.method ?? "GET"];
  if (!route || !handler) {
    res.writeHead(404).end();
    return;
  }
  const match = route.pattern.exec(url.pathname)!;
  const params = Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(match[i + 1]!)]));
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  // As the app's own server does: the TCP peer is the last hop.
  headers.set("x-forwarded-for", req.socket.remoteAddress ?? "unknown");
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  const init = {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    duplex: "half",
  };
  const request = new NextRequest(url, init as ConstructorParameters<typeof NextRequest>[1]);
  const response = await handler(request, { params: Promise.resolve(params) });
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (response.body) Readable.fromWeb(response.body as never).pipe(res);
  else res.end();
}

const server = http.createServer((req, res) => {
  serve(req, res).catch((err: unknown) => {
    say(`unhandled: ${(err as Error).stack ?? String(err)}`);
    if (!res.headersSent) res.writeHead(599);
    res.end();
  });
});
server.on("upgrade", (req, socket, head) => {
  if (!collab.isCollabRequest(req.url)) return socket.destroy();
  collab.handleCollabUpgrade(req, socket, head).catch(() => socket.destroy());
});
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ port, databaseUrl: process.env.DATABASE_URL, clusterDir })}\n`);
});

const stop = async () => {
  await collab.stopCollab();
  await live.stopLive();
  server.closeAllConnections();
  server.close();
  await rpc.stopRpc();
  await embedded?.stop().catch(() => {});
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
