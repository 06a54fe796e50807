import { describe, expect, it } from "vitest";
import {
  describeEventChanges,
  diffLinks,
  diffSets,
  linkLabel,
  type DescribedEvent,
} from "../../server/schemas/event-changes.ts";

/** How every screen names a change to an event: added and removed, by name and role, never a count. */

const base: DescribedEvent = {
  title: "Envoys meet at the border",
  date: "June 2015",
  summary: "Two envoys met.",
  tags: ["border", "talks"],
  entities: [
    { entityId: "e1", role: "ACTOR", name: "Tayyab Agha" },
    { entityId: "e2", role: "PLACE", placePrecision: "CITY", name: "Mashhad" },
  ],
};

describe("diffSets", () => {
  it("splits what was added, removed and kept, sorted", () => {
    expect(diffSets(["b", "a", "c"], ["c", "d", "a"])).toEqual({ added: ["d"], removed: ["b"], kept: ["a", "c"] });
  });
  it("treats everything as added when there is nothing before", () => {
    expect(diffSets(null, ["x"])).toEqual({ added: ["x"], removed: [], kept: [] });
  });
});

describe("linkLabel", () => {
  it("names actors by role and places by precision", () => {
    expect(linkLabel({ entityId: "1", role: "ACTOR", name: "IRGC" })).toBe("IRGC (actor)");
    expect(linkLabel({ entityId: "1", role: "OTHER", name: "Sepah" })).toBe("Sepah (other)");
    expect(linkLabel({ entityId: "1", role: "PLACE", placePrecision: "COUNTRY", name: "Iran" })).toBe("Iran (country)");
    expect(linkLabel({ entityId: "1", role: "PLACE", name: "Herat" })).toBe("Herat");
  });
});

describe("diffLinks", () => {
  it("keeps places apart from other entities and ignores order", () => {
    const reordered = [...base.entities].reverse();
    expect(diffLinks(base.entities, reordered)).toEqual({
      entities: { added: [], removed: [], kept: ["Tayyab Agha (actor)"] },
      places: { added: [], removed: [], kept: ["Mashhad (city)"] },
    });
  });
  it("reads a changed precision as the old place removed and the new one added", () => {
    const after = [base.entities[0]!, { ...base.entities[1]!, placePrecision: "REGION" }];
    expect(diffLinks(base.entities, after).places).toEqual({
      added: ["Mashhad (region)"],
      removed: ["Mashhad (city)"],
      kept: [],
    });
  });
});

describe("describeEventChanges", () => {
  it("lists nothing when nothing changed", () => {
    expect(describeEventChanges(base, { ...base, tags: ["talks", "border"] })).toEqual([]);
  });

  it("names the added place, the removed actor and the tags, never a count", () => {
    const after: DescribedEvent = {
      ...base,
      tags: ["talks", "diplomacy"],
      entities: [base.entities[1]!, { entityId: "e3", role: "PLACE", placePrecision: "CITY", name: "Zahedan" }],
    };
    const changes = describeEventChanges(base, after);
    expect(changes).toEqual([
      { kind: "set", field: "entities", added: [], removed: ["Tayyab Agha (actor)"], kept: [] },
      { kind: "set", field: "places", added: ["Zahedan (city)"], removed: [], kept: ["Mashhad (city)"] },
      { kind: "set", field: "tags", added: ["diplomacy"], removed: ["border"], kept: ["talks"] },
    ]);
    expect(JSON.stringify(changes)).not.toMatch(/\d+ linked/);
  });

  it("lists every filled field of a new event, and the text changes of an edit as before and after", () => {
    const fresh = describeEventChanges(null, { ...base, tags: [] });
    expect(fresh.map((c) => c.field)).toEqual(["title", "date", "summary", "entities", "places"]);
    expect(fresh[0]).toEqual({ kind: "text", field: "title", before: null, after: base.title });
    expect(describeEventChanges(base, { ...base, date: "18 June 2015" })).toEqual([
      { kind: "text", field: "date", before: "June 2015", after: "18 June 2015" },
    ]);
  });

  it("adds the proposed citations by quote and source", () => {
    const cited = {
      added: [{ sourceTitle: "Frontier Wire", stance: "SUPPORTS", quote: "the envoys met" }],
      removed: [],
    };
    expect(describeEventChanges(base, base, cited)).toEqual([{ kind: "citations", field: "citations", ...cited }]);
  });
});
