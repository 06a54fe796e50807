import type { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * What one client can make the server hold: bodies are counted as they
 * stream in and cut at the limit (a chunked body declares no length), RPC
 * batches are capped as a whole, and a connection pool that stays busy past
 * the wait answers 503 with Retry-After on every route, never 500.
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
const health = await import("../../app/api/health/route.ts");
const exportRoute = await import("../../app/api/briefings/[id]/export/route.ts");
const extract = await import("../../app/api/w/[workspaceId]/sources/extract/route.ts");
const auth = await import("../../app/api/auth/[...nextauth]/route.ts");
const { callerFor } = await import("../helpers/caller.ts");
const { makeTeam } = await import("../helpers/factories.ts");
const { sessionCookie } = await import("../helpers/app-client.ts");
const { MAX_RPC_BODY_BYTES, MAX_BATCH_CALLS } = await import("../../server/http/rpc-limits.ts");

const origin = "http://localhost:3000";
const MB = 1024 * 1024;
const CHUNK = 256 * 1024;

/** A body that never ends, counting what the server pulled from it. */
function endless() {
  const counter = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      counter.pulled += CHUNK;
      controller.enqueue(new Uint8Array(CHUNK).fill(0x20));
    },
  });
  return { stream, counter };
}

function request(
  path: string,
  init: { method?: string; body?: BodyInit | ReadableStream<Uint8Array>; cookie?: string; type?: string } = {},
): NextRequest {
  return new Req(`${origin}${path}`, {
    method: init.method ?? "GET",
    body: init.body as BodyInit | undefined,
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

beforeAll(async () => {
  team = await makeTeam();
  cookie = await sessionCookie(
    await createSession(db, team.users.analyst.id, { ip: "203.0.113.7", userAgent: "vitest" }),
  );
  const { caller } = await callerFor(team.users.analyst.id);
  briefingId = (await caller.briefing.create({ workspaceId: team.workspace.id, title: "Limits" })).id;
});

describe("bodies are counted as they stream", () => {
  it("cuts a chunked tRPC body with no Content-Length at 16 MB, without reading the rest", async () => {
    const { stream, counter } = endless();
    const res = await trpc.POST(request("/api/trpc/briefing.update", { method: "POST", body: stream, cookie }));
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      error: { code: "PAYLOAD_TOO_LARGE", message: "Requests can be at most 16 MB." },
    });
    expect(counter.pulled).toBeGreaterThan(MAX_RPC_BODY_BYTES);
    expect(counter.pulled).toBeLessThanOrEqual(MAX_RPC_BODY_BYTES + 3 * CHUNK);
  });

  it("cuts a chunked upload at 10 MB and the multipart envelope, without reading the rest", async () => {
    const { stream, counter } = endless();
    const res = await extract.POST(
      request(`/api/w/${team.workspace.id}/sources/extract`, {
        method: "POST",
        body: stream,
        cookie,
        type: "multipart/form-data; boundary=x",
      }),
      { params: Promise.resolve({ workspaceId: team.workspace.id }) },
    );
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: "Files can be at most 10 MB." });
    expect(counter.pulled).toBeLessThanOrEqual(10 * MB + 64 * 1024 + 3 * CHUNK);
  });

  it("cuts a chunked sign-in form at 64 KB", async () => {
    const { stream, counter } = endless();
    const res = await auth.POST(request("/api/auth/callback/credentials", { method: "POST", body: stream }), {
      params: Promise.resolve({ nextauth: ["callback", "credentials"] }),
    });
    expect(res.status).toBe(413);
    expect(counter.pulled).toBeLessThanOrEqual(64 * 1024 + 3 * CHUNK);
  });

  it("refuses 10 MB of emphasis as a briefing body by its size, and saves nothing", async () => {
    const body = "*a* ".repeat(2_500_000);
    const res = await rpc("briefing.update", { id: briefingId, version: 1, body }, cookie);
    expect(res.status).toBe(400);
    const err = (await res.json()) as { error: { json: { message: string; data: { fieldErrors: unknown } } } };
    expect(err.error.json.data.fieldErrors).toEqual({ body: "Keep the body under 400,000 characters" });
    expect(await db.briefing.findUniqueOrThrow({ where: { id: briefingId }, select: { body: true } })).toEqual({
      body: "",
    });
  });

  it("refuses a hostile body at save with the shape message, and saves nothing", async () => {
    const res = await rpc("briefing.update", { id: briefingId, version: 1, body: `${"- ".repeat(3000)}list` }, cookie);
    expect(res.status).toBe(400);
    const err = (await res.json()) as { error: { json: { data: { fieldErrors: Record<string, string> } } } };
    expect(err.error.json.data.fieldErrors.body).toMatch(/nested more than 16 levels deep \(line 1\)/);
    expect(await db.briefing.count({ where: { id: briefingId, version: 1, body: "" } })).toBe(1);
  });
});

describe("batches have a maximum length", () => {
  it(`refuses a batch of ${MAX_BATCH_CALLS + 1} calls as a whole: not one of them runs`, async () => {
    const n = MAX_BATCH_CALLS + 1;
    const paths = Array(n).fill("briefing.create").join(",");
    const input = Object.fromEntries(
      Array.from({ length: n }, (_, i) => [i, { json: { workspaceId: team.workspace.id, title: `Batched ${i}` } }]),
    );
    const before = await db.briefing.count();
    const res = await trpc.POST(
      request(`/api/trpc/${paths}?batch=1`, { method: "POST", body: JSON.stringify(input), cookie }),
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: {
        code: "BAD_REQUEST",
        message: `This request batches ${n} calls; at most ${MAX_BATCH_CALLS} may be sent together. Send them in smaller batches.`,
      },
    });
    expect(await db.briefing.count()).toBe(before);
  });

  it(`runs a batch of ${MAX_BATCH_CALLS}`, async () => {
    const paths = Array(MAX_BATCH_CALLS).fill("briefing.get").join(",");
    const input = Object.fromEntries(
      Array.from({ length: MAX_BATCH_CALLS }, (_, i) => [i, { json: { id: briefingId } }]),
    );
    const res = await trpc.GET(
      request(`/api/trpc/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`, { cookie }),
    );
    expect(res.status).toBe(200);
    const results = (await res.json()) as { result?: { data: { json: { id: string } } } }[];
    expect(results).toHaveLength(MAX_BATCH_CALLS);
    expect(results.every((r) => r.result?.data.json.id === briefingId)).toBe(true);
  });
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
