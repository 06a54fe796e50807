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

  it("reads a report whose references point at objects the bundle does not hold, and leaves a citation of a missing source out", () => {
    const report = `report--${ID}`;
    const bundle = JSON.stringify({
      type: "bundle",
      id: `bundle--${ID}`,
      objects: [
        {
          type: "report",
          spec_version: "2.1",
          id: report,
          created: "2024-05-01T00:00:00.000Z",
          modified: "2024-05-01T00:00:00.000Z",
          name: "Harbour pilots end their strike",
          published: "2024-04-30T00:00:00.000Z",
          object_refs: [
            "identity--0b9f2c44-5d1e-4a7b-9c3d-2e1f0a9b8c7d",
            "location--1f2e3d4c-5b6a-4978-8877-665544332211",
          ],
        },
        {
          type: "relationship",
          spec_version: "2.1",
          id: "relationship--7e6d5c4b-3a29-4181-8f7e-6d5c4b3a2918",
          created: "2024-05-01T00:00:00.000Z",
          modified: "2024-05-01T00:00:00.000Z",
          relationship_type: "related-to",
          source_ref: report,
          target_ref: "report--2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d",
          x_dossier_quote: "pilots went back to work",
        },
      ],
    });
    const read = readStixBundle(bundle, 10 * MB);
    expect(read.candidates.map((c) => [c.title, c.citations.length])).toEqual([["Harbour pilots end their strike", 0]]);
    expect(read.entities.size).toBe(0);
    expect(read.skipped).toBe(1);
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

  it("reads Dossier's citations, sources with their text and entities, and not the exporting workspace", () => {
    const id = (type: string, n: number) => `${type}--${ID.slice(0, -1)}${n}`;
    const bundle = {
      type: "bundle",
      id: `bundle--${ID}`,
      objects: [
        {
          type: "identity",
          id: id("identity", 1),
          name: "Ridge desk",
          identity_class: "group",
          x_dossier_workspace: true,
        },
        {
          type: "identity",
          id: id("identity", 2),
          name: "River Council",
          identity_class: "organization",
          description: "Manages the weir.",
          x_dossier_kind: "ORGANIZATION",
          x_dossier_aliases: ["RC"],
        },
        {
          type: "report",
          id: id("report", 3),
          name: "Weir log",
          report_types: ["source"],
          published: "2020-01-01T00:00:00.000Z",
          object_refs: [id("identity", 2)],
          x_dossier_source_kind: "REPORT",
          x_dossier_text: "  The weir gates opened at dawn.",
          x_dossier_language: "en",
        },
        {
          type: "report",
          id: id("report", 4),
          name: "Weir gates opened",
          report_types: ["event"],
          published: "2020-01-02T00:00:00.000Z",
          object_refs: [id("identity", 2), id("report", 3)],
          labels: ["water", " "],
        },
        ...[
          // A Dossier citation; one whose offsets make no sense; one to a source the bundle does not bring.
          { n: 5, start: 2, end: 32, target: id("report", 3) },
          { n: 6, start: 9, end: 3, target: id("report", 3) },
          { n: 7, start: 2, end: 32, target: id("report", 9) },
        ].map((r) => ({
          type: "relationship",
          id: id("relationship", r.n),
          relationship_type: "related-to",
          source_ref: id("report", 4),
          target_ref: r.target,
          x_dossier_stance: "contradicts",
          x_dossier_quote: "The weir gates opened at dawn.",
          x_dossier_start_offset: r.start,
          x_dossier_end_offset: r.end,
        })),
      ],
    };
    const read = readStixBundle(JSON.stringify(bundle), MB);
    expect([...read.entities.values()]).toEqual([
      {
        stixId: id("identity", 2),
        name: "River Council",
        aliases: ["RC"],
        kind: "ORGANIZATION",
        description: "Manages the weir.",
        dossier: true,
      },
    ]);
    expect(read.sources.get(id("report", 3))).toMatchObject({
      text: "  The weir gates opened at dawn.",
      language: "en",
    });
    const [event] = read.candidates;
    expect(event!.tags).toEqual(["water"]);
    expect(event!.citations).toEqual([
      {
        sourceStixId: id("report", 3),
        stance: "CONTRADICTS",
        quote: "The weir gates opened at dawn.",
        startOffset: 2,
        endOffset: 32,
      },
    ]);
    // The workspace and the two citations Dossier could not have written.
    expect(read.skipped).toBe(3);
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
