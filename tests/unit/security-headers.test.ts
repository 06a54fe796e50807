import { describe, expect, it } from "vitest";
import {
  API_CONTENT_SECURITY_POLICY,
  API_HEADERS,
  COMMON_HEADERS,
  newNonce,
  nextConfigHeaders,
  pageContentSecurityPolicy,
  pageHeaders,
} from "../../server/http/security-headers.mjs";

const directives = (csp: string) =>
  new Map(
    csp.split(";").map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values];
    }),
  );

describe("newNonce", () => {
  it("is 128 random bits in base64, different every time", () => {
    const nonces = new Set(Array.from({ length: 1000 }, () => newNonce()));
    expect(nonces.size).toBe(1000);
    for (const n of nonces) expect(n).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});

describe("a page's Content-Security-Policy", () => {
  const csp = directives(pageContentSecurityPolicy("abc123=="));

  it("runs only scripts with the nonce (and what they load), never inline code or eval", () => {
    expect(csp.get("script-src")).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(csp.get("style-src")).toEqual(["'self'", "'nonce-abc123=='"]);
    // Style attributes (the live editor's cursor colours), never <style> elements without the nonce.
    expect(csp.get("style-src-attr")).toEqual(["'unsafe-inline'"]);
  });

  it("cannot be framed, embed plugins, or have its base or forms pointed elsewhere", () => {
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'self'"]);
    expect(csp.get("form-action")).toEqual(["'self'"]);
    expect(csp.get("default-src")).toEqual(["'self'"]);
    expect(csp.get("connect-src")).toEqual(["'self'"]);
  });

  it("upgrades insecure requests only when the page was served over HTTPS", () => {
    expect(csp.has("upgrade-insecure-requests")).toBe(false);
    expect(directives(pageContentSecurityPolicy("n", { https: true })).has("upgrade-insecure-requests")).toBe(true);
  });

  it("relaxes eval and inline styles for `next dev` only", () => {
    const dev = directives(pageContentSecurityPolicy("n", { dev: true }));
    expect(dev.get("script-src")).toContain("'unsafe-eval'");
    expect(dev.get("script-src")).not.toContain("'unsafe-inline'");
    expect(dev.get("style-src")).toContain("'unsafe-inline'");
  });

  it("comes with Strict-Transport-Security over HTTPS only", () => {
    expect(pageHeaders({ nonce: "n" })).not.toHaveProperty("Strict-Transport-Security");
    expect(pageHeaders({ nonce: "n", https: true })["Strict-Transport-Security"]).toMatch(/^max-age=\d+$/);
  });
});

describe("headers for every route", () => {
  const names = (headers: readonly { key: string }[]) => headers.map((h) => h.key.toLowerCase());

  it("sets the common headers everywhere and the API's under /api", () => {
    const rules = nextConfigHeaders();
    expect(rules.find((r) => r.source === "/:path*")?.headers).toEqual([...COMMON_HEADERS]);
    expect(rules.find((r) => r.source === "/api/:path*")?.headers).toEqual([...API_HEADERS]);
    expect(names(COMMON_HEADERS)).toEqual(
      expect.arrayContaining([
        "x-content-type-options",
        "referrer-policy",
        "permissions-policy",
        "cross-origin-opener-policy",
        "x-frame-options",
      ]),
    );
    // A page's policy needs its own nonce: it never comes from the static rules.
    expect(names(COMMON_HEADERS)).not.toContain("content-security-policy");
  });

  it("lets API responses be stored nowhere and run nothing", () => {
    expect(API_HEADERS).toContainEqual({ key: "Cache-Control", value: "no-store" });
    const api = directives(API_CONTENT_SECURITY_POLICY);
    expect(api.get("default-src")).toEqual(["'none'"]);
    expect(api.get("frame-ancestors")).toEqual(["'none'"]);
  });
});
