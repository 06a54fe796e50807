import type { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { POST as trpcPost } from "../../app/api/trpc/[trpc]/route.ts";
import { POST as uploadPost } from "../../app/api/w/[workspaceId]/sources/extract/route.ts";
import { db } from "../../server/db/client.ts";
import { makeUser } from "../helpers/factories.ts";

/**
 * The cross-site check on the routes that change state, with this file's
 * environment: no proxy in front (TRUST_PROXY_HOPS unset, so 0). A page on
 * another site that adds X-Forwarded-Host naming itself must not pass as the
 * app's own page. (security-headers.test.ts checks the same over HTTP, and the
 * trusted-proxy case.)
 */
const app = "http://localhost:3000";

function request(url: string, headers: Record<string, string>, body: BodyInit) {
  return new Request(url, { method: "POST", headers, body }) as unknown as NextRequest;
}

describe("same-origin check without a trusted proxy", () => {
  it("refuses a tRPC mutation whose Origin is another site, whatever X-Forwarded-Host says", async () => {
    const user = await makeUser();
    const before = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { name: true } });
    const forged = await trpcPost(
      request(
        `${app}/api/trpc/me.updateProfile`,
        {
          "content-type": "application/json",
          host: "localhost:3000",
          origin: "https://evil.example",
          "x-forwarded-host": "evil.example",
          "x-forwarded-proto": "https",
        },
        JSON.stringify({ json: { name: "Renamed from afar" } }),
      ),
    );
    expect(forged.status).toBe(403);
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { name: true } })).toEqual(before);
  });

  it("still lets the app's own page through when a forwarded host is present but not trusted", async () => {
    const res = await trpcPost(
      request(
        `${app}/api/trpc/me.updateProfile`,
        {
          "content-type": "application/json",
          host: "localhost:3000",
          origin: app,
          "x-forwarded-host": "somewhere-else.example",
        },
        JSON.stringify({ json: { name: "Renamed here" } }),
      ),
    );
    // Past the check, the procedure itself asks for a session.
    expect(res.status).toBe(401);
  });

  it("refuses an upload from another site naming itself in X-Forwarded-Host", async () => {
    const form = new FormData();
    form.set("file", new File(["Some words."], "note.txt", { type: "text/plain" }));
    const res = await uploadPost(
      request(
        `${app}/api/w/any/sources/extract`,
        { host: "localhost:3000", origin: "https://evil.example", "x-forwarded-host": "evil.example" },
        form,
      ),
      { params: Promise.resolve({ workspaceId: "any" }) },
    );
    expect(res.status).toBe(403);
    expect((await res.json()) as unknown).toEqual({ error: "Cross-site requests are not allowed." });
  });
});
