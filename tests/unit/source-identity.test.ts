import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DomainError } from "../../server/errors.ts";
import { isValidHttpUrl, normalizeUrl, textHash } from "../../server/lib/source-identity.ts";

describe("normalizeUrl", () => {
  it.each([
    // scheme and host
    ["HTTPS://Example.COM/Path", "https://example.com/Path"],
    ["http://example.com/a", "https://example.com/a"],
    ["http://www.example.com/a", "https://example.com/a"],
    ["https://WWW.Example.com/a", "https://example.com/a"],
    ["https://www2.example.com/a", "https://www2.example.com/a"],
    ["https://news.www.example.com/a", "https://news.www.example.com/a"],
    ["https://example.com./a", "https://example.com/a"],
    ["https://user:secret@example.com/a", "https://example.com/a"],
    // ports
    ["http://example.com:80/a", "https://example.com/a"],
    ["https://example.com:443/a", "https://example.com/a"],
    ["http://example.com:443/a", "https://example.com/a"],
    ["https://example.com:8443/a", "https://example.com:8443/a"],
    // fragment
    ["https://example.com/a#section-2", "https://example.com/a"],
    ["https://example.com/#top", "https://example.com/"],
    // trailing slash
    ["https://example.com/", "https://example.com/"],
    ["https://example.com", "https://example.com/"],
    ["https://example.com/news/", "https://example.com/news"],
    ["https://example.com/news//", "https://example.com/news"],
    ["https://example.com/news/?id=3", "https://example.com/news?id=3"],
    // path case is meaningful; escape case is not
    ["https://example.com/News/Item", "https://example.com/News/Item"],
    ["https://example.com/a%7eb", "https://example.com/a%7Eb"],
    // tracking parameters
    ["https://example.com/a?utm_source=x&utm_medium=y&UTM_Campaign=z", "https://example.com/a"],
    ["https://example.com/a?id=7&fbclid=abc", "https://example.com/a?id=7"],
    ["https://example.com/a?gclid=1&msclkid=2&igshid=3&mc_cid=4&_ga=5&id=7", "https://example.com/a?id=7"],
    ["https://example.com/a?utm_source=x#frag", "https://example.com/a"],
    // query order and encoding
    ["https://example.com/a?b=2&a=1", "https://example.com/a?a=1&b=2"],
    ["https://example.com/a?tag=y&page=1&tag=x", "https://example.com/a?page=1&tag=y&tag=x"],
    ["https://example.com/a?q=a%20b&flag", "https://example.com/a?flag&q=a%20b"],
    ["https://example.com/a?&&id=1&", "https://example.com/a?id=1"],
    ["https://example.com/a?", "https://example.com/a"],
    // whitespace around a pasted link
    ["  https://example.com/a \n", "https://example.com/a"],
  ])("%s → %s", (input, expected) => {
    expect(normalizeUrl(input)).toBe(expected);
  });

  it("gives one key for the variants a shared link typically arrives in", () => {
    const variants = [
      "https://www.example.com/world/iran-taliban-talks/",
      "http://example.com/world/iran-taliban-talks?utm_source=twitter&utm_medium=social",
      "HTTPS://EXAMPLE.COM:443/world/iran-taliban-talks#comments",
      "https://example.com/world/iran-taliban-talks?fbclid=IwAR0abc",
    ];
    expect(new Set(variants.map(normalizeUrl))).toEqual(new Set(["https://example.com/world/iran-taliban-talks"]));
  });

  it("keeps a non-Latin host in its ASCII (punycode) form so both spellings match", () => {
    expect(normalizeUrl("https://مثال.ایران/خبر")).toBe(
      normalizeUrl("https://xn--mgbh0fb.xn--mgba3a4f16a/%D8%AE%D8%A8%D8%B1"),
    );
  });

  it.each([
    "",
    "not a url",
    "ftp://example.com/file",
    "javascript:alert(1)",
    "mailto:a@example.com",
    "https://exa mple.com/",
    "/relative/path",
  ])("refuses %j as a bad request", (input) => {
    expect(() => normalizeUrl(input)).toThrowError(DomainError);
    try {
      normalizeUrl(input);
    } catch (error) {
      expect((error as DomainError).code).toBe("BAD_REQUEST");
    }
  });
});

describe("isValidHttpUrl", () => {
  it.each([
    "https://example.com",
    "http://example.com/a?b=c#d",
    "https://localhost:3000/x",
    "https://192.0.2.1/",
    "  https://example.com/  ",
  ])("accepts %j", (input) => expect(isValidHttpUrl(input)).toBe(true));

  it.each([
    "",
    "example.com",
    "www.example.com/a",
    "ftp://example.com",
    "file:///etc/passwd",
    "javascript:alert(1)",
    "https://",
    "https://exa mple.com",
    "https://example.com/a b",
    "http://[::1",
  ])("rejects %j", (input) => expect(isValidHttpUrl(input)).toBe(false));
});

describe("textHash", () => {
  const sha256 = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");

  it("is the sha256 hex of the canonical text", () => {
    expect(textHash("hello world")).toBe(sha256("hello world"));
    expect(textHash("hello world")).toMatch(/^[0-9a-f]{64}$/);
  });

  it("is the same whatever the whitespace", () => {
    const variants = [
      "Iran talks to the Taliban.\nTehran denies it.",
      "Iran talks to the Taliban. Tehran denies it.",
      "  Iran  talks to the Taliban.\r\n\r\nTehran\tdenies it.  \n",
      "Iran\u00A0talks to the Taliban.\n\n\nTehran denies it.",
    ];
    expect(new Set(variants.map(textHash)).size).toBe(1);
    expect(textHash(variants[0]!)).toBe(sha256("Iran talks to the Taliban. Tehran denies it."));
  });

  it("is the same for composed and decomposed characters (NFC)", () => {
    const composed = "caf\u00E9 r\u00E9sum\u00E9";
    const decomposed = "cafe\u0301 re\u0301sume\u0301";
    expect(composed).not.toBe(decomposed);
    expect(textHash(decomposed)).toBe(textHash(composed));
  });

  it("differs for different text", () => {
    expect(textHash("Iran talks to the Taliban.")).not.toBe(textHash("Iran talks to the Taliban!"));
    expect(textHash("Iran")).not.toBe(textHash("iran"));
    expect(textHash("a b")).not.toBe(textHash("ab"));
  });

  it("keeps the zero-width non-joiner, which changes a Persian word", () => {
    const withZwnj = "گفت\u200Cوگو";
    const withoutZwnj = "گفتوگو";
    expect(textHash(withZwnj)).not.toBe(textHash(withoutZwnj));
    expect(textHash(` ${withZwnj}\n`)).toBe(textHash(withZwnj));
  });

  it.each(["", " ", "\n\t \r\n", "\u00A0"])("is null for empty text %j", (input) => {
    expect(textHash(input)).toBeNull();
  });
});
