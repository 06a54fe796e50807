import http from "node:http";
import type { AddressInfo } from "node:net";
import type { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * A connection pool that stays busy past the wait answers 503 with
 * Retry-After on every route (tRPC through Next's route and through the app's
 * own Node server, health, export, upload), never 500, and
 * the app recovers as soon as connections free up.
 *
 * The pool is made small here (three connections, a 1.5 s wait), so the
 * environment is set before any server module is loaded: they read it once.
 */
process.env.DATABASE_POOL_SIZE = "3";
process.env.DATABASE_POOL_TIMEOUT_MS = "1500";

const { NextRequest: Req } = await import("next/server");
const { db, pool } = await import("../../server/db/client.ts");
const { createSession } = await import("../../server/services/auth/index.ts");
const trpc = await import("../../app/api/trpc/[trpc]/route.ts");
const { handleRpc } = await import("../../server/http/trpc-node.ts");
const health = await import("../../app/api/health/route.ts");
const exportRoute = await import("../../app/api/briefings/[id]/export/route.ts");
const extract = await import("../../app/api/w/[workspaceId]/sources/extract/route.ts");
const { callerFor } = await import("../helpers/caller.ts");
const { makeTeam } = await import("../helpers/factories.ts");
const { sessionCookie } = await import("../helpers/app-client.ts");

const origin = "http://localhost:3000";

function request(
  path: string,
  init: { method?: string; body?: BodyInit; cookie?: string; type?: string } = {},
): NextRequest {
  return new Req(`${origin}${path}`, {
    method: init.method ?? "GET",
    body: init.body,
    duplex: "half",
    headers: {
      "content-type": init.type ?? "application/json",
      origin,
      host: "localhost:3000",
      "sec-fetch-site": "same-origin",
      ...(init.cookie && { cookie: init.cookie }),
    },
  } as ConstructorParameters<typeof Req>[1]);
}

const rpc = (path: string, input: unknown, cookie?: string) =>
  trpc.POST(request(`/api/trpc/${path}`, { method: "POST", body: JSON.stringify({ json: input }), cookie }));

let team: Awaited<ReturnType<typeof makeTeam>>;
let cookie: string;
let briefingId: string;
/** `/api/trpc` as `npm start` answers it: the app's own Node server (tRPC's Node adapter), over HTTP. */
let nodeServer: http.Server;
let nodeBase: string;

afterAll(async () => {
  nodeServer.closeAllConnections();
  await new Promise((r) => nodeServer.close(r));
});

beforeAll(async () => {
  nodeServer = http.createServer((req, res) => void handleRpc(req, res));
  await new Promise<void>((r) => nodeServer.listen(0, "127.0.0.1", r));
  nodeBase = `http://127.0.0.1:${(nodeServer.address() as AddressInfo).port}`;
  team = await makeTeam();
  cookie = await sessionCookie(
    await createSession(db, team.users.analyst.id, { ip: "203.0.113.7", userAgent: "vitest" }),
  );
  const { caller } = await callerFor(team.users.analyst.id);
  briefingId = (await caller.briefing.create({ workspaceId: team.workspace.id, title: "Limits" })).id;
});

describe("an exhausted connection pool", () => {
  const held: { release: () => void }[] = [];
  afterAll(() => held.splice(0).forEach((c) => c.release()));

  it("answers 503 with Retry-After on tRPC, health, export and upload, never 500; and recovers", async () => {
    const { caller } = await callerFor(team.users.analyst.id);
    // Every connection of the pool is taken and kept.
    for (let i = 0; i < 3; i++) held.push(await pool().connect());

    const calls = {
      // The session is read before any procedure runs.
      rpcQuery: trpc.GET(
        request(`/api/trpc/briefing.get?input=${encodeURIComponent(JSON.stringify({ json: { id: briefingId } }))}`, {
          cookie,
        }),
      ),
      rpcMutation: rpc("briefing.create", { workspaceId: team.workspace.id, title: "Waits" }, cookie),
      nodeRpcQuery: fetch(
        `${nodeBase}/api/trpc/briefing.get?input=${encodeURIComponent(JSON.stringify({ json: { id: briefingId } }))}`,
        { headers: { cookie } },
      ),
      nodeRpcMutation: fetch(`${nodeBase}/api/trpc/briefing.create`, {
        method: "POST",
        headers: { cookie, "content-type": "application/json" },
        body: JSON.stringify({ json: { workspaceId: team.workspace.id, title: "Waits" } }),
      }),
      health: health.GET(),
      export: exportRoute.GET(request(`/api/briefings/${briefingId}/export?format=md&version=working`, { cookie }), {
        params: Promise.resolve({ id: briefingId }),
      }),
      upload: extract.POST(
        request(`/api/w/${team.workspace.id}/sources/extract`, {
          method: "POST",
          body: new Blob(["--x--\r\n"]),
          cookie,
          type: "multipart/form-data; boundary=x",
        }),
        { params: Promise.resolve({ workspaceId: team.workspace.id }) },
      ),
    };
    const responses = Object.fromEntries(
      await Promise.all(Object.entries(calls).map(async ([k, p]) => [k, await p] as const)),
    );
    for (const [name, res] of Object.entries(responses)) {
      expect([name, res.status, res.headers.get("retry-after")]).toEqual([name, 503, "5"]);
    }
    expect(await responses.rpcQuery!.json()).toMatchObject({
      error: {
        json: {
          message: expect.stringMatching(/database is not available right now/),
          data: { code: "SERVICE_UNAVAILABLE", httpStatus: 503 },
        },
      },
    });
    expect(await responses.nodeRpcMutation!.json()).toMatchObject({
      error: { json: { data: { code: "SERVICE_UNAVAILABLE", httpStatus: 503 } } },
    });
    expect(await responses.export!.json()).toEqual({
      error: "The database is not available right now. Please try again in a few seconds.",
    });

    // Inside procedures too (the session was read before the pool filled up): a query and a transaction.
    await expect(caller.event.list({ workspaceId: team.workspace.id })).rejects.toMatchObject({
      code: "SERVICE_UNAVAILABLE",
    });
    await expect(
      caller.event.create({
        workspaceId: team.workspace.id,
        title: "Refused",
        summary: "",
        date: { start: { year: 2015 } },
      }),
    ).rejects.toMatchObject({ code: "SERVICE_UNAVAILABLE" });

    held.splice(0).forEach((c) => c.release());
    expect((await health.GET()).status).toBe(200);
    expect((await rpc("briefing.create", { workspaceId: team.workspace.id, title: "After" }, cookie)).status).toBe(200);
    expect(await db.event.count({ where: { title: "Refused" } })).toBe(0);
    expect(await db.briefing.count({ where: { title: { in: ["Waits", "After"] } } })).toBe(1);
  });
});
