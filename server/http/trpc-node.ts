import type { IncomingMessage, ServerResponse } from "node:http";
import { nodeHTTPRequestHandler } from "@trpc/server/adapters/node-http";
import { startAuthCache, stopAuthCache } from "../db/auth-cache.ts";
import { appRouter } from "../root.ts";
import { createContext } from "../trpc.ts";
import { BodyTooLargeError, formatBytes } from "./body-limit.ts";
import { clientIp } from "./client-ip.ts";
import { batchProblem, MAX_BATCH_CALLS, MAX_RPC_BODY_BYTES, rpcRefusal } from "./rpc-limits.ts";
import { isCrossSite } from "./same-origin.ts";
import { API_HEADERS, COMMON_HEADERS } from "./security-headers.mjs";
import { parseCookieHeader, sessionIdFromRequest } from "./session-from-request.ts";
import { RETRY_AFTER } from "./unavailable.ts";

/**
 * `/api/trpc` served by the app's own Node server with tRPC's Node HTTP
 * adapter, without Next's router in between: Next's request handling (route
 * matching, its Request/Response wrapping, its async context) costs more CPU
 * than a typical query itself. Pages, next-auth and the other API routes stay
 * in Next. The protections are the ones of the Next route
 * (app/api/trpc/[trpc]/route.ts), from the same modules: the same-origin check
 * for anything but GET, the batch cap, the body limit counted as the body
 * streams in, the 503 with Retry-After when the database cannot serve, the
 * API's security headers, and tRPC's error format with the domain codes.
 */

export const RPC_ENDPOINT = "/api/trpc";

/** Whether a request target (path and query) belongs to the RPC endpoint. */
export function isRpcRequest(target: string | undefined): boolean {
  if (!target?.startsWith(RPC_ENDPOINT)) return false;
  const next = target.charAt(RPC_ENDPOINT.length);
  return next === "" || next === "/" || next === "?";
}

/** Headers of the Node request as a fetch Headers (the shape the shared checks read). */
function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (name.startsWith(":") || value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.append(name, value);
  }
  return headers;
}

/**
 * The body, counted as it arrives: a declared length past the limit is
 * refused before anything is read, and a body without one (chunked) stops
 * being read at the limit.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers["content-length"] ?? NaN) > limit) return reject(new BodyTooLargeError(limit));
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        done();
        req.pause();
        reject(new BodyTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      done();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (err: Error) => {
      done();
      reject(err);
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
  });
}

/** Writes a small fetch Response (a refusal) to the Node response. */
async function send(res: ServerResponse, response: Response, extra: Record<string, string> = {}): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  for (const [name, value] of Object.entries(extra)) res.setHeader(name, value);
  res.setHeader("content-length", body.length);
  res.end(body);
}

/** Answers one request to `/api/trpc/…`. The caller has appended the TCP peer to X-Forwarded-For. */
export async function handleRpc(req: IncomingMessage, res: ServerResponse): Promise<void> {
  for (const h of [...COMMON_HEADERS, ...API_HEADERS]) res.setHeader(h.key, h.value);
  const headers = headersOf(req);
  const url = new URL(req.url ?? "/", `http://${headers.get("host") ?? "localhost"}`);

  if (req.method !== "GET" && isCrossSite(headers, url.href)) {
    return send(
      res,
      Response.json({ error: { message: "Cross-site requests are not allowed.", code: "FORBIDDEN" } }, { status: 403 }),
    );
  }
  const batch = batchProblem(url, RPC_ENDPOINT);
  if (batch) return send(res, rpcRefusal(400, "BAD_REQUEST", batch));

  let body: string | undefined;
  if (req.method !== "GET" && req.method !== "HEAD") {
    try {
      body = (await readBody(req, MAX_RPC_BODY_BYTES)).toString("utf8");
    } catch (err) {
      if (err instanceof BodyTooLargeError)
        // The rest of the body is never read: the connection closes after this answer.
        return send(res, rpcRefusal(413, "PAYLOAD_TOO_LARGE", `Requests can be at most ${formatBytes(err.limit)}.`), {
          connection: "close",
        });
      throw err;
    }
  }
  // Read already (within the limit): tRPC takes a body given this way instead of reading the stream.
  (req as IncomingMessage & { body?: string }).body = body;

  const cookies = parseCookieHeader(req.headers.cookie);
  await nodeHTTPRequestHandler({
    req,
    res,
    path: url.pathname.slice(RPC_ENDPOINT.length).replace(/^\/+|\/+$/g, ""),
    router: appRouter,
    // As in the Next route: a long query may travel as POST; a GET can still never run a mutation.
    allowMethodOverride: true,
    maxBatchSize: MAX_BATCH_CALLS,
    createContext: async () =>
      createContext({ sessionId: await sessionIdFromRequest({ headers, cookies }), ip: clientIp(headers) }),
    responseMeta: ({ errors }) =>
      errors.some((e) => e.code === "SERVICE_UNAVAILABLE") ? { headers: new Headers(RETRY_AFTER) } : {},
  });
}

/** What a server that serves `/api/trpc` starts with and stops with (the session and membership copy). */
export async function startRpc(): Promise<void> {
  await startAuthCache();
}

export async function stopRpc(): Promise<void> {
  await stopAuthCache();
  const { closeDb } = await import("../db/client.ts");
  await closeDb().catch(() => {});
}
