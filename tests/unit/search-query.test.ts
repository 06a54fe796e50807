import { describe, expect, it } from "vitest";
import { searchTerms, tsQuery } from "../../server/lib/search-query.ts";

/**
 * What a person types becomes a to_tsquery expression made of words, "&" and
 * a final ":*" only: no character typed is ever read as query syntax.
 */

describe("tsQuery", () => {
  it("joins words with AND and makes the last one a prefix", () => {
    expect(tsQuery("Taliban delegation Tehran")).toBe("Taliban & delegation & Tehran:*");
    expect(tsQuery("Mashh")).toBe("Mashh:*");
    expect(tsQuery("  spaced   out  ")).toBe("spaced & out:*");
  });

  it("leaves the prefix off when asked", () => {
    expect(tsQuery("Taliban meetings", { prefix: false })).toBe("Taliban & meetings");
  });

  it("returns null when nothing searchable is left", () => {
    expect(tsQuery("")).toBeNull();
    expect(tsQuery("   ")).toBeNull();
    expect(tsQuery("!!! ??? …")).toBeNull();
    expect(tsQuery("& | ! ( ) : * ' \\")).toBeNull();
    expect(tsQuery("<-> <2")).toBe("2:*");
    expect(tsQuery("\u200C\u064E")).toBeNull();
  });

  it("neutralises every tsquery syntax character between and inside words", () => {
    for (const ch of ["&", "|", "!", "(", ")", ":", "*", "'", "\\", "<", ">", "-", '"']) {
      const q = tsQuery(`Iran${ch}Taliban`)!;
      expect(q, ch).toBe("Iran & Taliban:*");
    }
    expect(tsQuery("'Mashhad:*' | !meeting & (Iran)")).toBe("Mashhad & meeting & Iran:*");
    expect(tsQuery("a:*b")).toBe("a & b:*");
    expect(tsQuery("it's")).toBe("it & s:*");
    // Whatever comes in, the output holds words, " & " and a final ":*" only.
    const out = tsQuery(`x'y\\z|w!v(u)t:s*r<q>p&o"n`)!;
    expect(
      out
        .replace(/:\*$/, "")
        .split(" & ")
        .every((w) => /^[\p{L}\p{N}\p{M}.\u200C\u200D]+$/u.test(w)),
    ).toBe(true);
  });

  it("keeps Persian and Arabic words whole, with their joiners and vowel signs", () => {
    expect(tsQuery("طالبان در مشهد")).toBe("طالبان & در & مشهد:*");
    expect(tsQuery("می‌گوید")).toBe("می‌گوید:*");
    expect(tsQuery("مُحَمَّد")).toBe("مُحَمَّد:*");
    expect(tsQuery("«مشهد»، تهران؟")).toBe("مشهد & تهران:*");
    // Arabic presentation forms are folded to ordinary letters (NFKC).
    expect(tsQuery("\uFEFB")).toBe("\u0644\u0627:*");
  });

  it("keeps inner dots, as the text-search parser does, but not trailing ones", () => {
    expect(tsQuery("U.S. strike")).toBe("U.S & strike:*");
    expect(tsQuery("Taliban.")).toBe("Taliban:*");
  });

  it("caps the number of words", () => {
    const q = tsQuery(Array.from({ length: 30 }, (_, i) => `w${i}`).join(" "))!;
    expect(q.split(" & ")).toHaveLength(12);
  });
});

describe("searchTerms", () => {
  it("gives the stems no prefix and the typed words a prefix on the last", () => {
    expect(searchTerms("meetings Mashh")).toEqual({ stemmed: "meetings & Mashh", typed: "meetings & Mashh:*" });
    expect(searchTerms("?!")).toBeNull();
  });
});
