import { describe, expect, it } from "vitest";
import { parseCookieHeader } from "../../server/http/session-from-request.ts";
import { isRpcRequest } from "../../server/http/trpc-node.ts";

describe("which requests the app's own server answers as RPC", () => {
  it("takes the endpoint, its procedures and its query strings", () => {
    for (const target of ["/api/trpc", "/api/trpc/me.get", "/api/trpc/a,b?batch=1", "/api/trpc?x=1"])
      expect(isRpcRequest(target), target).toBe(true);
  });

  it("leaves everything else to Next, look-alike paths included", () => {
    for (const target of [undefined, "/", "/api/trpcx", "/api/trpc-other/x", "/api/auth/session", "/w/api/trpc"])
      expect(isRpcRequest(target), String(target)).toBe(false);
  });
});

describe("cookies of a Node request", () => {
  it("reads names and values as browsers send them, the first of a repeated name winning", () => {
    const jar = parseCookieHeader('a=1; next-auth.session-token=abc.def; q="quoted"; enc=%7Bx%7D; a=2');
    expect(Object.fromEntries(jar)).toEqual({ a: "1", "next-auth.session-token": "abc.def", q: "quoted", enc: "{x}" });
  });

  it("ignores what is not a cookie and keeps a value it cannot decode as sent", () => {
    expect(Object.fromEntries(parseCookieHeader(undefined))).toEqual({});
    expect(Object.fromEntries(parseCookieHeader("; =x; novalue; bad=%E0%A4%A"))).toEqual({ bad: "%E0%A4%A" });
  });
});
