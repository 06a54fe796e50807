import { describe, expect, it } from "vitest";
import { cleanAliases, entityChanges, sourceChanges, type SourceDetails } from "../../server/lib/record-changes.ts";

/** The diff reviewers read for a proposed change to a source or an entity. */

const source: SourceDetails = {
  kind: "NEWS_REPORT",
  title: "Guards meet envoys at the border",
  publisherName: "Frontier Wire",
  author: "",
  pubDate: { year: 2015, month: 6, day: null },
  url: "https://wire.example.org/border",
  language: "en",
  derivedFromId: null,
};

describe("sourceChanges", () => {
  it("lists only the fields that differ, as readers see them", () => {
    expect(sourceChanges(source, source, () => undefined)).toEqual([]);
    const after = {
      ...source,
      kind: "REPORT" as const,
      url: "https://login.example.net/verify",
      pubDate: { year: 2015, month: 6, day: 18 },
      derivedFromId: "src-original",
    };
    expect(sourceChanges(source, after, (id) => (id === "src-original" ? "The original report" : undefined))).toEqual([
      { field: "kind", label: "Kind", before: "News report", after: "Report" },
      { field: "pubDate", label: "Published", before: "June 2015", after: "18 June 2015" },
      {
        field: "url",
        label: "Web address",
        before: "https://wire.example.org/border",
        after: "https://login.example.net/verify",
      },
      { field: "derivedFromId", label: "Derived from", before: "", after: "The original report" },
    ]);
  });

  it("names a derivation it cannot resolve without showing an id", () => {
    const [change] = sourceChanges(source, { ...source, derivedFromId: "gone" }, () => undefined);
    expect(change).toEqual({ field: "derivedFromId", label: "Derived from", before: "", after: "another source" });
  });
});

describe("entityChanges", () => {
  const entity = { kind: "ORGANIZATION" as const, name: "IRGC", description: "", aliases: ["Sepah", "Pasdaran"] };

  it("treats aliases as a set: a new order is no change, a new name is", () => {
    expect(entityChanges(entity, { ...entity, aliases: ["Pasdaran", "Sepah"] })).toEqual([]);
    expect(entityChanges(entity, { ...entity, aliases: ["Pasdaran", "Sepah", "سپاه"] })).toEqual([
      { field: "aliases", label: "Aliases", before: "Pasdaran, Sepah", after: "Pasdaran, Sepah, سپاه" },
    ]);
  });

  it("shows kind labels and names", () => {
    expect(entityChanges(entity, { ...entity, kind: "OTHER", name: "Revolutionary Guards" })).toEqual([
      { field: "kind", label: "Kind", before: "Organisation", after: "Other" },
      { field: "name", label: "Name", before: "IRGC", after: "Revolutionary Guards" },
    ]);
  });
});

describe("cleanAliases", () => {
  it("trims, drops blanks, the name itself and repeats, whatever the case", () => {
    expect(cleanAliases("IRGC", [" Sepah ", "irgc", "", "sepah", "Pasdaran"])).toEqual(["Sepah", "Pasdaran"]);
  });
});
