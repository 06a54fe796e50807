import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { jsonDepth, readStixBundle, StixReadError } from "@/server/lib/stix/read-bundle";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "../fixtures/stix", name), "utf8");
const MB = 1024 * 1024;
const ID = "6d3c5b0a-1f2e-4d3c-8b4a-5f6e7d8c9b0a";

describe("reading STIX bundles", () => {
  it("counts nesting without parsing, ignoring brackets inside strings", () => {
    expect(jsonDepth('{"a":[1,{"b":"[[[[{{{{"}]}', 100)).toBe(3);
    expect(jsonDepth('{"a":"\\"[["}', 100)).toBe(1);
    expect(jsonDepth("[".repeat(1000), 32)).toBe(33);
  });

  it("reads an OpenCTI-shaped bundle: reports, the entities they name, references", () => {
    const read = readStixBundle(fixture("opencti-report.json"), 10 * MB);
    expect(read.candidates.map((c) => c.title)).toEqual([
      "Grey Gull Collective disrupts the Port Alder booking system",
      "Lantern Shoal infrastructure reused against shipping firms",
    ]);
    // A timestamp says no more about when something happened than its day.
    expect(read.candidates[1]!.date).toMatchObject({ start: { year: 2025, month: 2, day: 20 }, qualifier: "EXACT" });
    expect([...read.entities.values()].map((e) => [e.name, e.kind])).toEqual([
      ["Harbour Watch Analysis Desk", "ORGANIZATION"],
      ["Grey Gull Collective", "ORGANIZATION"],
      ["Lantern Shoal", "ORGANIZATION"],
      ["Port Alder", "PLACE"],
      ["Alder Port Authority", "ORGANIZATION"],
    ]);
    expect(read.candidates[0]!.references[0]).toMatchObject({ url: "https://gazette.example.net/port-alder-outage" });
    expect(read.skipped).toBe(3);
  });

  it("keeps Dossier's own date with its precision, qualifier and range", () => {
    const bundle = {
      type: "bundle",
      id: `bundle--${ID}`,
      objects: [
        {
          type: "report",
          id: `report--${ID}`,
          name: "Drought declared",
          published: "2011-01-01T00:00:00.000Z",
          object_refs: [`identity--${ID}`],
          x_dossier_date: { start: { year: 2011 }, end: { year: 2012 }, qualifier: "CIRCA" },
        },
      ],
    };
    const [c] = readStixBundle(JSON.stringify(bundle), MB).candidates;
    expect(c!.date).toEqual({
      start: { year: 2011, month: null, day: null },
      end: { year: 2012, month: null, day: null },
      qualifier: "CIRCA",
    });
  });

  it.each([
    ["not JSON", "{", /not JSON/],
    ["too big", "x".repeat(2 * MB), /at most 1 MB/],
    ["too deep", `{"type":"bundle","objects":${"[".repeat(40)}${"]".repeat(40)}}`, /nests deeper/],
    ["not a bundle", "[]", /not a STIX bundle/],
    [
      "an entity without a name",
      JSON.stringify({ type: "bundle", id: `bundle--${ID}`, objects: [{ type: "identity", id: `identity--${ID}` }] }),
      /needs a name/,
    ],
  ])("refuses %s", (_name, text, message) => {
    expect(() => readStixBundle(text, MB)).toThrow(StixReadError);
    expect(() => readStixBundle(text, MB)).toThrow(message);
  });
});
