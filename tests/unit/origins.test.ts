import { describe, expect, it } from "vitest";
import { countIndependentOrigins, type OriginNode } from "../../server/schemas/origins.ts";

/**
 * Independent origins: how many separate places the support for an event
 * really comes from. Same publisher = one origin; a copy and what it was
 * derived from = one origin, along the whole chain.
 */

const src = (id: string, publisherId: string | null = null, derivedFromId: string | null = null): OriginNode => ({
  id,
  publisherId,
  derivedFromId,
});

describe("countIndependentOrigins", () => {
  it("counts nothing cited as no origin", () => {
    expect(countIndependentOrigins([])).toBe(0);
  });

  it("counts sources of one publisher as one origin", () => {
    expect(countIndependentOrigins([src("a", "tasnim"), src("b", "tasnim"), src("c", "tasnim")])).toBe(1);
  });

  it("counts distinct publishers as one origin each", () => {
    expect(countIndependentOrigins([src("a", "tasnim"), src("b", "bbc"), src("c", "reuters")])).toBe(3);
    expect(countIndependentOrigins([src("a", "tasnim"), src("b", "bbc"), src("c", "tasnim")])).toBe(2);
  });

  it("counts sources without a publisher each on their own", () => {
    expect(countIndependentOrigins([src("a"), src("b"), src("c")])).toBe(3);
    expect(countIndependentOrigins([src("a"), src("b", "bbc")])).toBe(2);
  });

  it("counts a derived-from chain as one origin, given the ancestors", () => {
    // blog copies paper, which copies the wire; only the two copies are cited.
    const wire = src("wire");
    const paper = src("paper", null, "wire");
    const blog = src("blog", null, "paper");
    expect(countIndependentOrigins([paper, blog], [wire, paper])).toBe(1);
    expect(countIndependentOrigins([wire, blog], [paper])).toBe(1);
    expect(countIndependentOrigins([wire, paper, blog])).toBe(1);
  });

  it("joins a copy to the origin of the source it derives from, even under another publisher", () => {
    const reuters = src("r1", "reuters");
    const copy = src("g1", "guardian", "r1");
    expect(countIndependentOrigins([reuters, copy])).toBe(1);
    // Another Reuters story is the same origin as the copy of the first one.
    expect(countIndependentOrigins([copy, src("r2", "reuters")], [reuters])).toBe(1);
    // And an unrelated publisher stays separate.
    expect(countIndependentOrigins([copy, src("x", "asharq")], [reuters])).toBe(2);
  });

  it("counts a source cited twice once, and survives a loop of derivations", () => {
    expect(countIndependentOrigins([src("a", "p"), src("a", "p")])).toBe(1);
    expect(countIndependentOrigins([src("a", null, "b"), src("b", null, "a")])).toBe(1);
    expect(countIndependentOrigins([src("a", null, "a"), src("c")])).toBe(2);
  });

  it("does not count ancestors that were not cited", () => {
    expect(
      countIndependentOrigins([src("copy", "guardian", "wire")], [src("wire", "reuters"), src("other", "bbc")]),
    ).toBe(1);
  });
});
