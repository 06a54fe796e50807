import { describe, expect, it } from "vitest";
import { DomainError } from "../../server/errors.ts";
import { clientIp } from "../../server/http/client-ip.ts";
import { servedOverHttps, trustedForwarded } from "../../server/http/forwarded.ts";
import { isCrossSite } from "../../server/http/same-origin.ts";
import { decodeCursor, decodeDate, encodeCursor } from "../../server/lib/cursor.ts";

// `hops` is always passed explicitly, so env() (process.env) is never read here.
describe("clientIp", () => {
  const xff = (value: string) => new Headers({ "x-forwarded-for": value });

  it("with no proxy (hops 0) takes the right-most entry, the one the app's own server appended", () => {
    expect(clientIp(xff("198.51.100.23"), 0)).toBe("198.51.100.23");
    expect(clientIp(xff("10.9.9.9, 198.51.100.23"), 0)).toBe("198.51.100.23");
  });

  it("ignores entries a client forged on the left", () => {
    // The client sent "X-Forwarded-For: 1.2.3.4, 5.6.7.8" hoping to pick its own rate-limit bucket.
    expect(clientIp(xff("1.2.3.4, 5.6.7.8, 203.0.113.50"), 0)).toBe("203.0.113.50");
    expect(clientIp(xff("1.2.3.4, 5.6.7.8, 203.0.113.50, 10.0.0.2"), 1)).toBe("203.0.113.50");
  });

  it("with one trusted proxy (hops 1) takes the entry the proxy wrote, one left of the app's own", () => {
    expect(clientIp(xff("203.0.113.50, 10.0.0.2"), 1)).toBe("203.0.113.50");
  });

  it("strips the IPv4-mapped IPv6 prefix", () => {
    expect(clientIp(xff("::ffff:192.0.2.17"), 0)).toBe("192.0.2.17");
    expect(clientIp(xff("2001:db8::1"), 0)).toBe("2001:db8::1");
  });

  it("tolerates spaces and empty entries", () => {
    expect(clientIp(xff(" 1.2.3.4 ,, 192.0.2.9 "), 0)).toBe("192.0.2.9");
  });

  it('returns "unknown" when there is no address at all', () => {
    expect(clientIp(new Headers(), 0)).toBe("unknown");
    expect(clientIp(xff(""), 0)).toBe("unknown");
    expect(clientIp({}, 1)).toBe("unknown");
  });

  it("reads Node-style header records too (as next-auth passes them), including repeated headers", () => {
    expect(clientIp({ "x-forwarded-for": "1.2.3.4, 192.0.2.9" }, 0)).toBe("192.0.2.9");
    expect(clientIp({ "x-forwarded-for": ["1.2.3.4", "192.0.2.9"] }, 0)).toBe("192.0.2.9");
    expect(clientIp({ "x-forwarded-for": ["203.0.113.50", "10.0.0.2"] }, 1)).toBe("203.0.113.50");
  });
});

describe("isCrossSite", () => {
  const url = "https://dossier.example/api/trpc/member.changeRole";
  const h = (init: Record<string, string>) => new Headers(init);
  /** Reached directly: no proxy's word is trusted. */
  const direct = (init: Record<string, string>) => isCrossSite(h(init), url, 0);
  /** Behind one trusted reverse proxy. */
  const proxied = (init: Record<string, string>) => isCrossSite(h(init), url, 1);

  it("allows a same-origin browser request", () => {
    expect(
      direct({ "sec-fetch-site": "same-origin", origin: "https://dossier.example", host: "dossier.example" }),
    ).toBe(false);
  });

  it("allows a request the user started directly (Sec-Fetch-Site: none)", () => {
    expect(direct({ "sec-fetch-site": "none" })).toBe(false);
  });

  it("refuses cross-site and same-site requests by Sec-Fetch-Site, whatever Origin says", () => {
    expect(direct({ "sec-fetch-site": "cross-site" })).toBe(true);
    expect(direct({ "sec-fetch-site": "cross-site", origin: "https://dossier.example", host: "dossier.example" })).toBe(
      true,
    );
    // A sibling subdomain is another site for our purposes.
    expect(direct({ "sec-fetch-site": "same-site", origin: "https://blog.dossier.example" })).toBe(true);
  });

  it("refuses an Origin that does not match the host (older browsers without Sec-Fetch-Site)", () => {
    expect(direct({ origin: "https://evil.example", host: "dossier.example" })).toBe(true);
    expect(direct({ origin: "https://dossier.example:8443", host: "dossier.example" })).toBe(true);
    expect(direct({ origin: "https://dossier.example.evil.example", host: "dossier.example" })).toBe(true);
  });

  it('refuses Origin "null" (sandboxed frames, data: URLs)', () => {
    expect(direct({ origin: "null", host: "dossier.example" })).toBe(true);
  });

  it("refuses an Origin that is not a URL", () => {
    expect(direct({ origin: "not a url", host: "dossier.example" })).toBe(true);
  });

  it("compares with the request URL when no Host is given", () => {
    expect(direct({ origin: "https://dossier.example" })).toBe(false);
    expect(direct({ origin: "https://evil.example" })).toBe(true);
  });

  it("reached directly, ignores X-Forwarded-Host and X-Forwarded-Proto: the client wrote them", () => {
    // The attack: a page on evil.example posts to the app and names its own host as the forwarded one.
    expect(
      direct({ origin: "https://evil.example", host: "dossier.example", "x-forwarded-host": "evil.example" }),
    ).toBe(true);
    // And a genuine same-origin request is not refused because of a forwarded host it did not need.
    expect(
      direct({ origin: "https://dossier.example", host: "dossier.example", "x-forwarded-host": "other.example" }),
    ).toBe(false);
    expect(direct({ origin: "http://dossier.example", host: "dossier.example", "x-forwarded-proto": "https" })).toBe(
      false,
    );
  });

  it("behind a trusted proxy, compares with the host and scheme the proxy reports", () => {
    expect(
      proxied({
        origin: "https://dossier.example",
        host: "10.0.0.5:3000",
        "x-forwarded-host": "dossier.example",
        "x-forwarded-proto": "https",
      }),
    ).toBe(false);
    expect(
      proxied({ origin: "https://evil.example", host: "10.0.0.5:3000", "x-forwarded-host": "dossier.example" }),
    ).toBe(true);
    // Same host, other scheme: a page served over plain HTTP is not the app.
    expect(
      proxied({
        origin: "http://dossier.example",
        host: "10.0.0.5:3000",
        "x-forwarded-host": "dossier.example",
        "x-forwarded-proto": "https",
      }),
    ).toBe(true);
    // Without X-Forwarded-Host the proxy kept the Host header.
    expect(proxied({ origin: "https://dossier.example", host: "dossier.example" })).toBe(false);
  });

  it("behind a trusted proxy, reads the entry that proxy wrote, not one the client prepended", () => {
    expect(
      proxied({
        origin: "https://evil.example",
        host: "10.0.0.5:3000",
        "x-forwarded-host": "evil.example, dossier.example",
      }),
    ).toBe(true);
    expect(
      proxied({
        origin: "https://dossier.example",
        host: "10.0.0.5:3000",
        "x-forwarded-host": "evil.example, dossier.example",
      }),
    ).toBe(false);
  });

  it("allows requests without Origin or Sec-Fetch-Site (non-browser clients carry no victim's cookies)", () => {
    expect(isCrossSite(new Headers(), url, 0)).toBe(false);
  });
});

describe("trustedForwarded and servedOverHttps", () => {
  const h = (init: Record<string, string>) => new Headers(init);

  it("reads nothing without a trusted proxy", () => {
    expect(trustedForwarded(h({ "x-forwarded-host": "a.example" }), "x-forwarded-host", 0)).toBeUndefined();
    expect(trustedForwarded(h({ "x-forwarded-proto": "https" }), "x-forwarded-proto", 0)).toBeUndefined();
  });

  it("with N proxies, takes the entry N places from the right", () => {
    const headers = h({ "x-forwarded-proto": "http, HTTPS" });
    expect(trustedForwarded(headers, "x-forwarded-proto", 1)).toBe("https");
    expect(trustedForwarded(headers, "x-forwarded-proto", 2)).toBe("http");
    expect(trustedForwarded(headers, "x-forwarded-proto", 5)).toBe("http");
    expect(trustedForwarded(h({}), "x-forwarded-proto", 1)).toBeUndefined();
  });

  it("is HTTPS when the public address is, or a trusted proxy says so", () => {
    expect(servedOverHttps(h({}), "https://dossier.example", 0)).toBe(true);
    expect(servedOverHttps(h({}), "http://localhost:3000", 0)).toBe(false);
    expect(servedOverHttps(h({ "x-forwarded-proto": "https" }), "http://localhost:3000", 0)).toBe(false);
    expect(servedOverHttps(h({ "x-forwarded-proto": "https" }), "http://localhost:3000", 1)).toBe(true);
    expect(servedOverHttps(h({ "x-forwarded-proto": "http" }), undefined, 1)).toBe(false);
  });
});

describe("cursor", () => {
  it("round-trips dates (to the millisecond) and ids, including non-ASCII text", () => {
    const at = new Date("2026-03-04T05:06:07.089Z");
    const cursor = encodeCursor([at, "ckx1abc", 42, "مشهد"]);
    const [iso, id, n, text] = decodeCursor(cursor, 4);
    expect(decodeDate(iso!).getTime()).toBe(at.getTime());
    expect([id, n, text]).toEqual(["ckx1abc", "42", "مشهد"]);
  });

  it("is opaque and URL-safe", () => {
    const cursor = encodeCursor([new Date(0), "id/with+chars"]);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain("id/with");
  });

  const rejects = (fn: () => unknown) => {
    let caught: unknown;
    try {
      fn();
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect(caught).toMatchObject({ code: "BAD_REQUEST", message: "Invalid page cursor." });
  };

  it("rejects garbage with BAD_REQUEST", () => {
    rejects(() => decodeCursor("!!!not-a-cursor!!!", 2));
    rejects(() => decodeCursor("", 1));
  });

  it("rejects a cursor with the wrong number of parts or an empty part", () => {
    rejects(() => decodeCursor(encodeCursor(["only-one"]), 2));
    rejects(() => decodeCursor(encodeCursor(["a", "b", "c"]), 2));
    rejects(() => decodeCursor(encodeCursor(["", "b"]), 2));
  });

  it("rejects a date part that is not a date", () => {
    const [notADate] = decodeCursor(encodeCursor(["yesterday", "id"]), 2);
    rejects(() => decodeDate(notADate!));
  });
});
