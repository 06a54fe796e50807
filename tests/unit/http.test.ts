import { describe, expect, it } from "vitest";
import { DomainError } from "../../server/errors.ts";
import { clientIp } from "../../server/http/client-ip.ts";
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

  it("allows a same-origin browser request", () => {
    expect(
      isCrossSite(
        h({ "sec-fetch-site": "same-origin", origin: "https://dossier.example", host: "dossier.example" }),
        url,
      ),
    ).toBe(false);
  });

  it("allows a request the user started directly (Sec-Fetch-Site: none)", () => {
    expect(isCrossSite(h({ "sec-fetch-site": "none" }), url)).toBe(false);
  });

  it("refuses cross-site and same-site requests by Sec-Fetch-Site, whatever Origin says", () => {
    expect(isCrossSite(h({ "sec-fetch-site": "cross-site" }), url)).toBe(true);
    expect(
      isCrossSite(
        h({ "sec-fetch-site": "cross-site", origin: "https://dossier.example", host: "dossier.example" }),
        url,
      ),
    ).toBe(true);
    // A sibling subdomain is another site for our purposes.
    expect(isCrossSite(h({ "sec-fetch-site": "same-site", origin: "https://blog.dossier.example" }), url)).toBe(true);
  });

  it("refuses an Origin that does not match the host (older browsers without Sec-Fetch-Site)", () => {
    expect(isCrossSite(h({ origin: "https://evil.example", host: "dossier.example" }), url)).toBe(true);
    expect(isCrossSite(h({ origin: "https://dossier.example:8443", host: "dossier.example" }), url)).toBe(true);
  });

  it('refuses Origin "null" (sandboxed frames, data: URLs)', () => {
    expect(isCrossSite(h({ origin: "null", host: "dossier.example" }), url)).toBe(true);
  });

  it("refuses an Origin that is not a URL", () => {
    expect(isCrossSite(h({ origin: "not a url", host: "dossier.example" }), url)).toBe(true);
  });

  it("compares with X-Forwarded-Host behind a proxy, and with the request URL when no Host is given", () => {
    expect(
      isCrossSite(
        h({ origin: "https://dossier.example", host: "10.0.0.5:3000", "x-forwarded-host": "dossier.example" }),
        url,
      ),
    ).toBe(false);
    expect(
      isCrossSite(
        h({ origin: "https://evil.example", host: "10.0.0.5:3000", "x-forwarded-host": "dossier.example" }),
        url,
      ),
    ).toBe(true);
    expect(isCrossSite(h({ origin: "https://dossier.example" }), url)).toBe(false);
    expect(isCrossSite(h({ origin: "https://evil.example" }), url)).toBe(true);
  });

  it("allows requests without Origin or Sec-Fetch-Site (non-browser clients carry no victim's cookies)", () => {
    expect(isCrossSite(new Headers(), url)).toBe(false);
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
