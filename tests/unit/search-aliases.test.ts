import { describe, expect, it } from "vitest";
import { expandTyped } from "../../server/lib/search-query.ts";
import { groupCopies, matchedAlias } from "../../server/lib/search-results.ts";
import { HIGHLIGHT_END as E, HIGHLIGHT_START as S } from "../../server/schemas/search.ts";

describe("alias expansion", () => {
  it("widens a word that names an entity with its other names", () => {
    expect(expandTyped("Mashad", [{ typed: "mashad", alternates: ["Mashhad", "Meshed", "مشهد"] }])).toBe(
      "(Mashad:* | (Mashhad) | (Meshed) | (مشهد))",
    );
  });

  it("widens only the word that is a name in a longer query", () => {
    expect(expandTyped("Mashad meeting", [{ typed: "mashad", alternates: ["Mashhad"] }])).toBe(
      "(Mashad | (Mashhad)) & meeting:*",
    );
  });

  it("widens a whole multi-word name as a whole", () => {
    expect(expandTyped("Tayyab Agha", [{ typed: "tayyab agha", alternates: ["Tayeb Agha", "طیب آغا"] }])).toBe(
      "((Tayyab & Agha:*) | (Tayeb & Agha) | (طیب & آغا))",
    );
  });

  it("leaves a query without names as it was", () => {
    expect(expandTyped("border talks", [])).toBe("border & talks:*");
  });
});

describe("which name matched", () => {
  const named = [{ name: "Mashhad", typed: "mashad", names: ["Mashhad", "Meshed", "مشهد"] }];

  it("names the alias the database highlighted", () => {
    expect(matchedAlias(named, "Mashad", [`Talks in ${S}Mashhad${E} went on`])).toEqual({
      alias: "Mashhad",
      entity: "Mashhad",
    });
    expect(matchedAlias(named, "Mashad", [`هیات در ${S}مشهد${E} ماند`])).toEqual({ alias: "مشهد", entity: "Mashhad" });
  });

  it("says nothing when the hit matched what was typed", () => {
    expect(matchedAlias(named, "Mashad", [`Talks in ${S}Mashad${E}`])).toBeNull();
    expect(matchedAlias([], "Mashad", [`${S}Mashhad${E}`])).toBeNull();
  });
});

describe("copies of one article", () => {
  const hit = (id: string, title: string, publisher: string | null) => ({
    id,
    title,
    publisher: publisher ? { id: publisher, name: publisher } : null,
    pubDateText: "12 May 2015",
  });

  it("groups the same title from the same publisher under the best-ranked copy", () => {
    const grouped = groupCopies([
      hit("a", "Envoy reaches Mashhad", "p1"),
      hit("b", "Another story", "p1"),
      hit("c", "Envoy  reaches mashhad", "p1"),
      hit("d", "Envoy reaches Mashhad", "p2"),
    ]);
    expect(grouped.map((g) => g.id)).toEqual(["a", "b", "d"]);
    expect(grouped[0]!.copies.map((c) => c.id)).toEqual(["c"]);
  });

  it("never groups sources with no publisher", () => {
    expect(groupCopies([hit("a", "Same", null), hit("b", "Same", null)])).toHaveLength(2);
  });
});
