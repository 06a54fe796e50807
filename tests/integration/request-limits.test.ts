import type { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";

import { TRPC_ERROR_CODES_BY_KEY, type TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { NextRequest as Req } from "next/server";
import * as auth from "../../app/api/auth/[...nextauth]/route.ts";
import * as trpc from "../../app/api/trpc/[trpc]/route.ts";
import * as extract from "../../app/api/w/[workspaceId]/sources/extract/route.ts";
import { db } from "../../server/db/client.ts";
import { MAX_BATCH_CALLS, MAX_RPC_BODY_BYTES } from "../../server/http/rpc-limits.ts";
import { createSession } from "../../server/services/auth/index.ts";
import { sessionCookie } from "../helpers/app-client.ts";
import { callerFor } from "../helpers/caller.ts";
import { makeTeam } from "../helpers/factories.ts";

/**
 * What one client can make the server hold: bodies are counted as they
 * stream in and cut at the limit (a chunked body declares no length), and
 * RPC batches are capped as a whole. (The connection pool: pool-exhaustion.test.ts.)
 */

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

/** tRPC's error envelope (superjson), as the app's client reads it. */
const refusal = (httpStatus: number, code: TRPC_ERROR_CODE_KEY, message: string) => ({
  error: { json: { message, code: TRPC_ERROR_CODES_BY_KEY[code], data: { code, httpStatus, fieldErrors: null } } },
});

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
    expect(await res.json()).toEqual(refusal(413, "PAYLOAD_TOO_LARGE", "Requests can be at most 16 MB."));
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
    expect(await res.json()).toEqual(
      refusal(
        400,
        "BAD_REQUEST",
        `This request batches ${n} calls; at most ${MAX_BATCH_CALLS} may be sent together. Send them in smaller batches.`,
      ),
    );
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
