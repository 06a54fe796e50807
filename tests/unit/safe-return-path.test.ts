import { describe, expect, it } from "vitest";
import { HOME_PATH, safeRedirectUrl, safeReturnPath } from "../../server/lib/safe-return-path.ts";

/**
 * Every value here is one a browser could be sent to after signing in. The
 * rule: the value comes back unchanged only if it is a path on this site in
 * every form a browser or a decoder might turn it into; otherwise the home page.
 */

/** Resolves a returned value as a browser would from a page of the app. */
const landsOn = (value: string) => new URL(value, "https://dossier.example/sign-in").origin;

describe("safeReturnPath keeps paths on this site", () => {
  it.each([
    "/",
    "/workspaces",
    "/w/demo",
    "/w/demo/events/ckx1abc?tab=history",
    "/w/demo/search?q=Mashhad#results",
    "/invite/abc123-def_456",
    "/w/demo/search?q=%D9%85%D8%B4%D9%87%D8%AF", // مشهد, encoded
    "/w/demo/search?q=مشهد",
    "/w/demo/search?q=100%25", // a literal "%": decodes once, then is not valid encoding
    "/w/demo/search?q=a%20b",
    "/w/demo/events?from=2011-03&to=2012",
    "/w/demo/events/a:b", // a colon inside a path is not a scheme
    "/javascript:alert(1)", // a path on this site that happens to contain a colon
  ])("keeps %s", (path) => {
    expect(safeReturnPath(path)).toBe(path);
    expect(landsOn(path)).toBe("https://dossier.example");
  });
});

describe("safeReturnPath sends everything else home", () => {
  const hostile: [string, string][] = [
    // Other sites, written plainly.
    ["protocol-relative", "//evil.example"],
    ["protocol-relative with path", "//evil.example/w/demo"],
    ["three slashes", "///evil.example"],
    ["absolute https", "https://evil.example/"],
    ["absolute http", "http://evil.example"],
    ["absolute URL of this very site", "https://dossier.example/w/demo"],
    ["scheme without slashes", "https:evil.example"],
    ["javascript:", "javascript:alert(document.cookie)"],
    ["javascript: with mixed case and spaces", " JaVaScRiPt:alert(1)"],
    ["data:", "data:text/html,<script>alert(1)</script>"],
    ["vbscript:", "vbscript:msgbox(1)"],
    ["a bare host", "evil.example"],
    ["a relative path", "w/demo"],
    ["dot-relative", "./w/demo"],
    ["leading space", " /w/demo"],
    // Backslashes, which browsers read as slashes.
    ["slash backslash", "/\\evil.example/"],
    ["backslash slash", "\\/evil.example"],
    ["two backslashes", "\\\\evil.example"],
    ["backslash later in the path", "/w/demo\\..\\..\\evil"],
    // Whitespace and controls that browsers drop from URLs.
    ["tab between slashes", "/\t/evil.example"],
    ["newline between slashes", "/\n/evil.example"],
    ["carriage return between slashes", "/\r/evil.example"],
    ["NUL", "/\u0000/evil.example"],
    ["header splitting", "/w/demo\r\nSet-Cookie: x=1"],
    ["line separator", "/\u2028/evil.example"],
    // Percent-encoded once.
    ["encoded tab", "/%09/evil.example/"],
    ["encoded newline", "/%0a/evil.example"],
    ["encoded CR LF", "/%0d%0a/evil.example"],
    ["encoded NUL", "/%00/evil.example"],
    ["encoded second slash", "/%2Fevil.example"],
    ["encoded second slash, lower case", "/%2fevil.example"],
    ["encoded backslash", "/%5Cevil.example"],
    ["encoded backslash, lower case", "/%5cevil.example"],
    ["fully encoded protocol-relative", "%2F%2Fevil.example"],
    ["encoded absolute URL", "https%3A%2F%2Fevil.example"],
    ["encoded javascript:", "javascript%3Aalert(1)"],
    ["encoded leading slash then backslash", "%2F%5Cevil.example"],
    // Encoded twice and more.
    ["double-encoded tab", "/%2509/evil.example"],
    ["double-encoded slash", "/%252Fevil.example"],
    ["double-encoded backslash", "/%255Cevil.example"],
    ["double-encoded protocol-relative", "%252F%252Fevil.example"],
    ["triple-encoded slash", "/%25252Fevil.example"],
    ["triple-encoded newline", "/%25250a/evil.example"],
    ["encoded slash in a query only", "/w/demo?next=%2F%5Cevil.example"],
    // Layers beyond what any real link carries.
    ["seven layers of encoding", `/%${"25".repeat(6)}2Fevil.example`],
    ["six layers, even of a harmless path", `/w/%${"25".repeat(5)}41`],
  ];

  it.each(hostile)("%s", (_label, value) => {
    expect(safeReturnPath(value)).toBe(HOME_PATH);
  });

  it("refuses what is not a string, empty, or absurdly long", () => {
    for (const value of [undefined, null, 42, ["/w/demo"], { path: "/w/demo" }, ""]) {
      expect(safeReturnPath(value)).toBe(HOME_PATH);
    }
    expect(safeReturnPath(`/w/${"a".repeat(3000)}`)).toBe(HOME_PATH);
  });

  it("uses the fallback it is given", () => {
    expect(safeReturnPath("//evil.example", "/")).toBe("/");
  });

  it("never returns anything that leaves the site, whatever the value", () => {
    // Every combination of the characters attacks are made of, up to four long, after a slash.
    const alphabet = ["/", "\\", "%", "2", "5", "F", "C", "0", "9", "\t", "\n", ":", "@", "e"];
    const seen = new Set<string>();
    const grow = (prefix: string, depth: number) => {
      for (const c of alphabet) {
        const value = prefix + c;
        seen.add(value);
        if (depth > 1) grow(value, depth - 1);
      }
    };
    grow("/", 4);
    for (const value of seen) {
      const result = safeReturnPath(`${value}evil.example`);
      expect(landsOn(result), JSON.stringify(value)).toBe("https://dossier.example");
      // What comes back survives one more decoding as a path on this site too.
      let decoded = result;
      try {
        decoded = decodeURIComponent(result);
      } catch {
        /* not decodable: a browser leaves it as it is */
      }
      expect(landsOn(decoded.replace(/[\t\n\r]/g, "")), JSON.stringify(value)).toBe("https://dossier.example");
    }
  });
});

describe("safeRedirectUrl (next-auth's redirect callback)", () => {
  const base = "https://dossier.example";

  it("turns a path into an absolute URL on the app", () => {
    expect(safeRedirectUrl("/w/demo", base)).toBe("https://dossier.example/w/demo");
    expect(safeRedirectUrl("/sign-in", `${base}/`)).toBe("https://dossier.example/sign-in");
  });

  it("keeps an absolute URL on the app's own origin, checked as a path", () => {
    expect(safeRedirectUrl("https://dossier.example/w/demo?tab=1", base)).toBe("https://dossier.example/w/demo?tab=1");
    expect(safeRedirectUrl("https://dossier.example", base)).toBe("https://dossier.example/");
    expect(safeRedirectUrl("https://dossier.example/%09/evil.example", base)).toBe(`${base}${HOME_PATH}`);
    expect(safeRedirectUrl("https://dossier.example//evil.example", base)).toBe(`${base}${HOME_PATH}`);
  });

  it("sends other origins and hostile paths home", () => {
    for (const url of [
      "https://evil.example/w/demo",
      "http://dossier.example/w/demo", // same host, other scheme
      "https://dossier.example:8443/w/demo",
      "https://dossier.example.evil.example/",
      "https://dossier.example@evil.example/",
      "//evil.example",
      "/\\evil.example/",
      "/%09/evil.example/",
      "javascript:alert(1)",
      "not a url",
    ]) {
      expect(safeRedirectUrl(url, base), url).toBe(`${base}${HOME_PATH}`);
    }
  });
});
