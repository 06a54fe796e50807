// The production HTTP server, run by `npm start` as a plain Node process (no
// TypeScript loader in the request path). It appends the TCP peer to
// X-Forwarded-For before Next sees the request: Next only fills that header
// when it is absent, which would let a client pick the address that rate
// limits and the audit log see.
import http from "node:http";
import next from "next";

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? "0.0.0.0";

const app = next({ dev: false, dir: process.cwd(), hostname, port });
await app.prepare();
const handle = app.getRequestHandler();

const server = http.createServer((req, res) => {
  const peer = req.socket.remoteAddress ?? "unknown";
  const existing = req.headers["x-forwarded-for"];
  const chain = Array.isArray(existing) ? existing.join(", ") : existing;
  req.headers["x-forwarded-for"] = chain ? `${chain}, ${peer}` : peer;
  void handle(req, res);
});
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => process.send?.({ type: "listening", port }));

const shutdown = () => server.close(() => process.exit(0));
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
// If the launcher goes away, so does the server: never an orphan holding the port.
process.on("disconnect", shutdown);
