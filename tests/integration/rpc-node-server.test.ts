import http from "node:http";
import type { AddressInfo } from "node:net";
import { TRPC_ERROR_CODES_BY_KEY, type TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../server/db/client.ts";
import { MAX_BATCH_CALLS, MAX_RPC_BODY_BYTES } from "../../server/http/rpc-limits.ts";
import { API_CONTENT_SECURITY_POLICY, COMMON_HEADERS } from "../../server/http/security-headers.mjs";
import { handleRpc, isRpcRequest } from "../../server/http/trpc-node.ts";
import { createSession } from "../../server/services/auth/index.ts";
import { sessionCookie } from "../helpers/app-client.ts";
import { callerFor } from "../helpers/caller.ts";
import { makeTeam } from "../helpers/factories.ts";

/**
 * `/api/trpc` as the app's own server answers it (server/http/trpc-node.ts,
 * tRPC's Node adapter), over real HTTP: the same protections as the Next
 * route (request-limits.test.ts, same-origin.test.ts test that one), the same
 * error format and codes, the API's security headers on every answer.
 */

let server: http.Server;
let base: string;
let team: Awaited<ReturnType<typeof makeTeam>>;
let cookie: string;
let briefingId: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    // As server/cli/serve.mjs does.
    req.headers["x-forwarded-for"] = req.socket.remoteAddress ?? "unknown";
    if (!isRpcRequest(req.url)) return void res.writeHead(404).end();
    handleRpc(req, res).catch(() => res.writeHead(599).end());
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  team = await makeTeam();
  cookie = await sessionCookie(await createSession(db, team.users.analyst.id, { ip: "127.0.0.1", userAgent: "t" }));
  const { caller } = await callerFor(team.users.analyst.id);
  briefingId = (await caller.briefing.create({ workspaceId: team.workspace.id, title: "Node limits" })).id;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

/**
 * One request with full control of its headers (Host, Origin) and a body that
 * may be a stream that never ends: `pulled` counts what the server let through.
 */
function send(
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string; endless?: boolean } = {},
): Promise<Answer & { pulled: number }> {
  return new Promise((resolve, reject) => {
    let pulled = 0;
    let answered = false;
    const req = http.request(`${base}${path}`, {
      method: opts.method ?? (opts.body !== undefined || opts.endless ? "POST" : "GET"),
      headers: { "content-type": "application/json", ...opts.headers },
    });
    req.on("response", (res) => {
      answered = true;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body, pulled }));
      res.on("error", reject);
    });
    req.on("error", (err) => {
      if (!answered) reject(err);
    });
    if (!opts.endless) return void req.end(opts.body);
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    const pump = () => {
      while (!answered && !req.destroyed) {
        pulled += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
    };
    pump();
  });
}

const refusal = (httpStatus: number, code: TRPC_ERROR_CODE_KEY, message: string) => ({
  error: { json: { message, code: TRPC_ERROR_CODES_BY_KEY[code], data: { code, httpStatus, fieldErrors: null } } },
});

const sameSite = { origin: "http://localhost:3000", host: "localhost:3000", "sec-fetch-site": "same-origin" };

function expectApiHeaders(res: Answer) {
  for (const h of COMMON_HEADERS) expect(res.headers[h.key.toLowerCase()], h.key).toBe(h.value);
  expect(res.headers["cache-control"]).toBe("no-store");
  expect(res.headers["content-security-policy"]).toBe(API_CONTENT_SECURITY_POLICY);
}

describe("the Node RPC server", () => {
  it("answers a query and a mutation with the session from the cookie, with the API's headers", async () => {
    const me = await send(`/api/trpc/me.get`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(JSON.parse(me.body).result.data.json.email).toBe(team.users.analyst.email);
    expectApiHeaders(me);
    const renamed = await send(`/api/trpc/me.updateProfile`, {
      headers: { cookie, ...sameSite },
      body: JSON.stringify({ json: { name: "Analyst over Node" } }),
    });
    expect(renamed.status, renamed.body).toBe(200);
    expectApiHeaders(renamed);
    expect((await db.user.findUniqueOrThrow({ where: { id: team.users.analyst.id } })).name).toBe("Analyst over Node");
  });

  it("keeps tRPC's error format and the domain codes", async () => {
    const anonymous = await send(`/api/trpc/me.get`);
    expect(anonymous.status).toBe(401);
    expectApiHeaders(anonymous);
    expect(JSON.parse(anonymous.body).error.json.data.code).toBe("UNAUTHORIZED");

    const foreign = await send(
      `/api/trpc/briefing.get?input=${encodeURIComponent(JSON.stringify({ json: { id: "cl0000000000000000000000" } }))}`,
      { headers: { cookie } },
    );
    expect(foreign.status).toBe(404);
    expect(JSON.parse(foreign.body).error.json.data.code).toBe("NOT_FOUND");

    const invalid = await send(`/api/trpc/briefing.create`, {
      headers: { cookie, ...sameSite },
      body: JSON.stringify({ json: { workspaceId: team.workspace.id, title: "" } }),
    });
    expect(invalid.status).toBe(400);
    const shape = JSON.parse(invalid.body).error.json;
    expect(shape.message).toBe("Some fields need attention.");
    expect(Object.keys(shape.data.fieldErrors)).toContain("title");

    const viewerCookie = await sessionCookie(
      await createSession(db, team.users.viewer.id, { ip: "127.0.0.1", userAgent: "t" }),
    );
    const forbidden = await send(`/api/trpc/briefing.create`, {
      headers: { cookie: viewerCookie, ...sameSite },
      body: JSON.stringify({ json: { workspaceId: team.workspace.id, title: "Not mine to write" } }),
    });
    expect(forbidden.status).toBe(403);
    expect(JSON.parse(forbidden.body).error.json.data.code).toBe("FORBIDDEN");
  });

  it("refuses a mutation from another site, whatever X-Forwarded-Host says, and changes nothing", async () => {
    const before = await db.user.findUniqueOrThrow({ where: { id: team.users.analyst.id }, select: { name: true } });
    const forged = await send(`/api/trpc/me.updateProfile`, {
      headers: {
        cookie,
        host: "localhost:3000",
        origin: "https://evil.example",
        "x-forwarded-host": "evil.example",
        "x-forwarded-proto": "https",
      },
      body: JSON.stringify({ json: { name: "Renamed from afar" } }),
    });
    expect(forged.status).toBe(403);
    expectApiHeaders(forged);
    const byFetchMetadata = await send(`/api/trpc/me.updateProfile`, {
      headers: { cookie, "sec-fetch-site": "cross-site" },
      body: JSON.stringify({ json: { name: "Renamed from afar" } }),
    });
    expect(byFetchMetadata.status).toBe(403);
    expect(await db.user.findUniqueOrThrow({ where: { id: team.users.analyst.id }, select: { name: true } })).toEqual(
      before,
    );
  });

  it("cuts a chunked body with no Content-Length at 16 MB and stops reading it", async () => {
    const res = await send(`/api/trpc/briefing.update`, { headers: { cookie, ...sameSite }, endless: true });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toEqual(refusal(413, "PAYLOAD_TOO_LARGE", "Requests can be at most 16 MB."));
    expectApiHeaders(res);
    expect(res.pulled).toBeGreaterThan(MAX_RPC_BODY_BYTES);
    // What the sockets of both ends buffer on top of the limit, not an endless stream.
    expect(res.pulled).toBeLessThan(MAX_RPC_BODY_BYTES + 32 * 1024 * 1024);
  });

  it("refuses a declared length past the limit before reading anything", async () => {
    const res = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${base}/api/trpc/briefing.update`, {
        method: "POST",
        headers: { cookie, "content-type": "application/json", "content-length": String(MAX_RPC_BODY_BYTES + 1) },
      });
      req.on("response", (r) => {
        r.resume();
        resolve(r.statusCode!);
      });
      req.on("error", reject);
      req.write("{");
    });
    expect(res).toBe(413);
  });

  it(`refuses a batch of ${MAX_BATCH_CALLS + 1} calls as a whole, and runs one of ${MAX_BATCH_CALLS}`, async () => {
    const n = MAX_BATCH_CALLS + 1;
    const input = Object.fromEntries(
      Array.from({ length: n }, (_, i) => [i, { json: { workspaceId: team.workspace.id, title: `Batched ${i}` } }]),
    );
    const before = await db.briefing.count();
    const refused = await send(`/api/trpc/${Array(n).fill("briefing.create").join(",")}?batch=1`, {
      headers: { cookie, ...sameSite },
      body: JSON.stringify(input),
    });
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.body)).toEqual(
      refusal(
        400,
        "BAD_REQUEST",
        `This request batches ${n} calls; at most ${MAX_BATCH_CALLS} may be sent together. Send them in smaller batches.`,
      ),
    );
    expect(await db.briefing.count()).toBe(before);

    const gets = Object.fromEntries(
      Array.from({ length: MAX_BATCH_CALLS }, (_, i) => [i, { json: { id: briefingId } }]),
    );
    const ok = await send(
      `/api/trpc/${Array(MAX_BATCH_CALLS).fill("briefing.get").join(",")}?batch=1&input=${encodeURIComponent(JSON.stringify(gets))}`,
      { headers: { cookie } },
    );
    expect(ok.status).toBe(200);
    const results = JSON.parse(ok.body) as { result?: { data: { json: { id: string } } } }[];
    expect(results).toHaveLength(MAX_BATCH_CALLS);
    expect(results.every((r) => r.result?.data.json.id === briefingId)).toBe(true);
  });

  it("never runs a mutation sent as GET", async () => {
    const res = await send(
      `/api/trpc/me.updateProfile?input=${encodeURIComponent(JSON.stringify({ json: { name: "By GET" } }))}`,
      { headers: { cookie } },
    );
    expect(res.status).toBe(405);
    expect((await db.user.findUniqueOrThrow({ where: { id: team.users.analyst.id } })).name).not.toBe("By GET");
  });
});
