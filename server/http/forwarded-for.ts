import type { IncomingMessage } from "node:http";

/**
 * Appends the TCP peer to X-Forwarded-For before Next sees the request, so the
 * right-most entry is always one this server wrote itself (Next only fills the
 * header when it is absent, which would let a client choose its own address).
 */
export function appendSocketAddress(req: IncomingMessage): void {
  const peer = req.socket.remoteAddress ?? "unknown";
  const existing = req.headers["x-forwarded-for"];
  const chain = Array.isArray(existing) ? existing.join(", ") : existing;
  req.headers["x-forwarded-for"] = chain ? `${chain}, ${peer}` : peer;
}
