import type { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { POST, GET } from "../../app/api/trpc/[trpc]/route.ts";

/**
 * The tRPC route as the browser reaches it. The briefing preview sends a whole
 * text as a query's input, too long for a URL, so queries may come as POST;
 * a GET must still never run a mutation (a link or an image could send one).
 */
const origin = "http://localhost:3000";
const request = (path: string, init: RequestInit & { input?: unknown } = {}) => {
  const { input, ...rest } = init;
  const url =
    rest.method === "GET" || !rest.method
      ? `${origin}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`
      : `${origin}/api/trpc/${path}`;
  const body = rest.method === "POST" ? JSON.stringify({ json: input }) : undefined;
  return new Request(url, {
    ...rest,
    body,
    headers: { "content-type": "application/json", origin, host: "localhost:3000", "sec-fetch-site": "same-origin" },
  }) as unknown as NextRequest;
};

describe("tRPC transport", () => {
  it("accepts a long query input as POST (reaching the procedure, which asks for a session)", async () => {
    const body = "A long briefing. ".repeat(20_000);
    const res = await POST(request("briefing.resolveRefs", { method: "POST", input: { workspaceId: "w1", body } }));
    expect(res.status).toBe(401);
  });

  it("refuses a mutation sent as GET", async () => {
    const res = await GET(request("briefing.create", { method: "GET", input: { workspaceId: "w1", title: "x" } }));
    expect(res.status).toBe(405);
  });
});
