// The production HTTP server, run by `npm start` as a plain Node process. It
// appends the TCP peer to X-Forwarded-For before anything sees the request:
// Next only fills that header when it is absent, which would let a client pick
// the address that rate limits and the audit log see.
//
// `/api/live` (Server-Sent Events of changes and presence) is answered here too,
// and so is the WebSocket `/api/collab` (briefings typed together).
// `/api/trpc` is answered here, by tRPC's Node adapter (server/http/trpc-node.ts),
// without going through Next's router, which costs more CPU per call than most
// queries do; everything else (pages, next-auth, the other API routes) is
// Next's. DOSSIER_RPC_SERVER=next leaves `/api/trpc` to Next's route handler
// too (the bench compares the two).
import http from "node:http";
import next from "next";
import { tsImport } from "tsx/esm/api";

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? "0.0.0.0";

const app = next({ dev: false, dir: process.cwd(), hostname, port });
await app.prepare();
const handle = app.getRequestHandler();

// The server's TypeScript is compiled once here, at start-up; requests run plain JavaScript.
/** @type {typeof import("../http/trpc-node.ts") | null} */
const rpc = process.env.DOSSIER_RPC_SERVER === "next" ? null : await tsImport("../http/trpc-node.ts", import.meta.url);
await rpc?.startRpc();
// Live updates and presence: Server-Sent Events fed by LISTEN/NOTIFY (server/http/live-sse.ts).
/** @type {typeof import("../http/live-sse.ts")} */
const live = await tsImport("../http/live-sse.ts", import.meta.url);
await live.startLive();
// Briefings typed together: a Yjs server (Hocuspocus) on the WebSocket `/api/collab` (server/http/collab-ws.ts).
/** @type {typeof import("../http/collab-ws.ts")} */
const collab = await tsImport("../http/collab-ws.ts", import.meta.url);
await collab.startCollab();
// Every instance takes background jobs from the durable queue (server/jobs/).
/** @type {typeof import("../jobs/worker.ts")} */
const jobs = await tsImport("../jobs/worker.ts", import.meta.url);
await jobs.startWorkers();

const server = http.createServer((req, res) => {
  const peer = req.socket.remoteAddress ?? "unknown";
  const existing = req.headers["x-forwarded-for"];
  const chain = Array.isArray(existing) ? existing.join(", ") : existing;
  req.headers["x-forwarded-for"] = chain ? `${chain}, ${peer}` : peer;
  if (live.isLiveRequest(req.url)) {
    live.handleLive(req, res).catch((err) => {
      console.error("[dossier] live stream failed:", err);
      if (!res.headersSent) res.writeHead(503, { "content-type": "application/json", "retry-after": "5" });
      res.end();
    });
    return;
  }
  if (rpc?.isRpcRequest(req.url)) {
    rpc.handleRpc(req, res).catch((err) => {
      console.error("[dossier] RPC request failed:", err);
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end();
    });
    return;
  }
  void handle(req, res);
});
server.on("upgrade", (req, socket, head) => {
  if (!collab.isCollabRequest(req.url)) return socket.destroy();
  collab.handleCollabUpgrade(req, socket, head).catch((err) => {
    console.error("[dossier] live editing connection failed:", err);
    socket.destroy();
  });
});
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => process.send?.({ type: "listening", port }));

let stopping = false;
const shutdown = () => {
  if (stopping) return;
  stopping = true;
  // Open streams would hold server.close() for ever: they end first, and browsers reconnect to another instance.
  live.closeLiveStreams();
  // No new job is taken; one under way finishes, or goes back to the queue for a retry.
  const jobsStopped = jobs.stopWorkers().catch(() => {});
  // Editors are told to reconnect elsewhere (their browsers keep what they typed, and merge it there),
  // and what was typed together is saved before the database is closed.
  const collabStopped = collab.stopCollab().catch(() => {});
  server.close(() => {
    void Promise.all([jobsStopped, collabStopped])
      .then(() => live.stopLive())
      .then(() => rpc?.stopRpc())
      .finally(() => process.exit(0));
  });
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
// If the launcher goes away, so does the server: never an orphan holding the port.
process.on("disconnect", shutdown);
