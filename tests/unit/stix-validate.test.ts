import { describe, expect, it } from "vitest";
import { buildStixBundle, type StixExportInput, type StixObject } from "@/server/lib/stix/build-bundle";
import { stixId, stixTime } from "@/server/lib/stix/ids";
import { tlpMarking } from "@/server/lib/stix/tlp";
import { validateStixBundle } from "../helpers/stix-validate";

const t = (iso: string) => new Date(iso);

/** A small workspace in plain data: two entities, a source, an event citing it, a vote and a briefing. */
function input(): StixExportInput {
  return {
    workspace: { id: "ws1", name: "River basin watch", createdAt: t("2024-01-02T03:04:05.006Z"), marking: "TLP:GREEN" },
    scope: "workspace",
    entities: [
      {
        id: "en1",
        kind: "ORGANIZATION",
        name: "Upstream Water Authority",
        aliases: ["UWA"],
        description: "",
        createdAt: t("2024-01-03T00:00:00Z"),
        updatedAt: t("2024-01-04T00:00:00Z"),
      },
      {
        id: "en2",
        kind: "PLACE",
        name: "Lower Weir",
        aliases: [],
        description: "A gauging station",
        createdAt: t("2024-01-03T00:00:00Z"),
        updatedAt: t("2024-01-03T00:00:00Z"),
      },
    ],
    sources: [
      {
        id: "so1",
        kind: "NEWS_REPORT",
        title: "Sluice gates opened early",
        url: "https://example.org/sluice",
        publisher: "Valley Courier",
        author: "",
        pubDate: { year: 2023, month: 5 },
        createdAt: t("2024-01-05T00:00:00Z"),
        updatedAt: t("2024-01-05T00:00:00Z"),
      },
    ],
    events: [
      {
        id: "ev1",
        title: "Sluice gates opened ahead of schedule",
        summary: "The authority opened the gates two weeks early.",
        status: "PUBLISHED",
        date: { start: { year: 2023, month: 5, day: null }, end: null, qualifier: "CIRCA" },
        dateText: "c. May 2023",
        sortKey: t("2023-05-01T00:00:00Z"),
        tags: ["water"],
        entityIds: ["en1", "en2"],
        citations: [
          {
            id: "ci1",
            sourceId: "so1",
            stance: "SUPPORTS",
            quote: "the gates were opened in early May",
            startOffset: 10,
            endOffset: 44,
            createdAt: t("2024-01-06T00:00:00Z"),
          },
        ],
        votes: [
          {
            voterId: "u1",
            voterName: "Ana Analyst",
            grade: "2",
            rationale: "One local paper",
            createdAt: t("2024-01-07T00:00:00Z"),
            updatedAt: t("2024-01-08T00:00:00Z"),
          },
        ],
        consensus: { credibility: "2", reliability: "B", contested: false, votes: 1, hidden: false },
        originCount: 1,
        createdAt: t("2024-01-06T00:00:00Z"),
        updatedAt: t("2024-01-09T00:00:00Z"),
      },
    ],
    briefing: {
      id: "br1",
      version: 3,
      versionNumber: 1,
      title: "Weir operations",
      summary: "Early release is likely to continue.",
      body: "Body text.",
      marking: "TLP:AMBER",
      authors: ["Ana Analyst"],
      reviewers: ["Rea Reviewer"],
      approvedAt: t("2024-02-01T00:00:00Z"),
      createdAt: t("2024-01-20T00:00:00Z"),
      judgments: [
        {
          id: "kj1",
          statement: "Releases will continue",
          probability: "LIKELY",
          confidence: "MODERATE",
          eventIds: ["ev1"],
          sourceIds: [],
        },
      ],
    },
  };
}

const valid = () => buildStixBundle(input()) as unknown as { type: string; id: string; objects: StixObject[] };
const find = (b: ReturnType<typeof valid>, type: string, pred: (o: StixObject) => boolean = () => true) =>
  b.objects.find((o) => o.type === type && pred(o))!;
const messages = (b: unknown) => validateStixBundle(b).map((i) => i.message);

describe("STIX bundle built from Dossier material", () => {
  it("passes the validator and maps each kind of record", () => {
    const b = valid();
    expect(validateStixBundle(b)).toEqual([]);
    const types = b.objects.map((o) => o.type);
    for (const t of ["marking-definition", "identity", "location", "report", "relationship", "opinion", "note"])
      expect(types).toContain(t);
    const event = find(b, "report", (o) => (o.report_types as string[])[0] === "event");
    expect(event.x_dossier_date).toEqual({ start: { year: 2023, month: 5 }, qualifier: "CIRCA" });
    expect(event.published).toBe("2023-05-01T00:00:00.000Z");
    const rel = find(b, "relationship");
    expect(rel).toMatchObject({ x_dossier_stance: "supports", x_dossier_start_offset: 10, x_dossier_end_offset: 44 });
    expect(find(b, "opinion")).toMatchObject({ opinion: "agree", x_dossier_grade: "2", object_refs: [event.id] });
    // The briefing's marking covers the whole bundle.
    expect(find(b, "marking-definition").name).toBe("TLP:AMBER");
  });

  it("gives the same ids and content every time", () => {
    expect(JSON.stringify(valid())).toBe(JSON.stringify(valid()));
    expect(find(valid(), "report", (o) => o.name === "Sluice gates opened ahead of schedule").id).toBe(
      stixId("report", "dossier/ws1/event/ev1"),
    );
  });

  it("uses the official TLP 2.0 marking ids", () => {
    expect(tlpMarking("TLP:CLEAR").id).toBe("marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487");
    expect(tlpMarking("TLP:RED").id).toBe("marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1");
    expect(stixTime(t("2020-01-01T00:00:00Z"))).toBe("2020-01-01T00:00:00.000Z");
  });
});

describe("the validator refuses", () => {
  type Bundle = ReturnType<typeof valid>;
  const cases: [string, (b: Bundle) => unknown, RegExp][] = [
    ["a bundle of the wrong type", (b) => ({ ...b, type: "collection" }), /type must be "bundle"/],
    ["a bundle with a spec_version", (b) => ({ ...b, spec_version: "2.1" }), /has no spec_version/],
    ["a bundle id that is not a uuid", (b) => ({ ...b, id: "bundle--123" }), /bundle--<uuid>/],
    ["objects that are not a list", (b) => ({ ...b, objects: {} }), /objects must be a list/],
    [
      "an id of another type",
      (b) => {
        find(b, "note").id = "report--" + find(b, "note").id.split("--")[1];
        return b;
      },
      /id must be note--<uuid>/,
    ],
    ["a malformed uuid", (b) => ((find(b, "opinion").id = "opinion--not-a-uuid"), b), /id must be opinion--<uuid>/],
    [
      "a spec_version other than 2.1",
      (b) => ((find(b, "identity").spec_version = "2.0"), b),
      /spec_version must be "2.1"/,
    ],
    ["a missing modified", (b) => (delete find(b, "opinion").modified, b), /modified must be a timestamp/],
    [
      "a timestamp with an offset",
      (b) => ((find(b, "note").created = "2024-02-01T00:00:00.000+01:00"), b),
      /created must be a timestamp/,
    ],
    [
      "seconds-only created",
      (b) => ((find(b, "note").created = "2024-02-01T00:00:00Z"), b),
      /precise to the millisecond/,
    ],
    [
      "an impossible date",
      (b) => ((find(b, "report").published = "2024-02-30T00:00:00.000Z"), b),
      /published must be a timestamp/,
    ],
    [
      "modified before created",
      (b) => ((find(b, "opinion").modified = "2000-01-01T00:00:00.000Z"), b),
      /modified must not be earlier than created/,
    ],
    ["a report without published", (b) => (delete find(b, "report").published, b), /report requires published/],
    ["a note without object_refs", (b) => (delete find(b, "note").object_refs, b), /note requires object_refs/],
    [
      "an opinion outside the enumeration",
      (b) => ((find(b, "opinion").opinion = "maybe"), b),
      /opinion must be one of/,
    ],
    ["a location with nothing to place it", (b) => (delete find(b, "location").region, b), /a location needs a region/],
    [
      "a relationship type the specification does not define for the pair",
      (b) => ((find(b, "relationship").relationship_type = "targets"), b),
      /targets is not a relationship the specification defines from report to report/,
    ],
    [
      "a relationship to an id not in the bundle",
      (b) => ((find(b, "relationship").target_ref = stixId("report", "elsewhere")), b),
      /target_ref .* is not in the bundle/,
    ],
    [
      "object_refs naming what is not in the bundle",
      (b) => ((find(b, "opinion").object_refs = [stixId("report", "missing")]), b),
      /object_refs names .* which is not in the bundle/,
    ],
    [
      "a marking that is not in the bundle",
      (b) => ({ ...b, objects: b.objects.filter((o) => o.type !== "marking-definition") }),
      /The marking .* is not in the bundle/,
    ],
    [
      "a marking ref that is not a marking definition",
      (b) => ((find(b, "note").object_marking_refs = [find(b, "identity").id]), b),
      /must name marking definitions/,
    ],
    [
      "created_by_ref that is not an identity",
      (b) => ((find(b, "note").created_by_ref = find(b, "location").id), b),
      /created_by_ref must be an identity id/,
    ],
    [
      "an external reference with only a name",
      (b) => ((find(b, "report").external_references = [{ source_name: "x" }]), b),
      /needs a description, url or external_id/,
    ],
    [
      "a custom property without the x_ prefix",
      (b) => ((find(b, "note").dossier_extra = 1), b),
      /dossier_extra is not a note property/,
    ],
    [
      "a custom property with capitals",
      (b) => ((find(b, "note").x_Dossier = 1), b),
      /x_Dossier is not a note property/,
    ],
    ["confidence above 100", (b) => ((find(b, "note").confidence = 101), b), /confidence must be an integer/],
    [
      "sightings whose where_sighted_refs are missing",
      (b) => {
        b.objects.push({
          type: "sighting",
          spec_version: "2.1",
          id: stixId("relationship", "s").replace("relationship", "sighting"),
          created: "2024-01-01T00:00:00.000Z",
          modified: "2024-01-01T00:00:00.000Z",
          sighting_of_ref: find(b, "report").id,
          where_sighted_refs: [stixId("identity", "nobody")],
        });
        return b;
      },
      /where_sighted_refs names .* which is not in the bundle/,
    ],
    [
      "an unknown object type",
      (b) => (
        b.objects.push({ ...find(b, "note"), type: "gadget", id: "gadget--" + find(b, "note").id.split("--")[1] }),
        b
      ),
      /gadget is not a STIX 2.1 object type/,
    ],
    [
      "two versions of an object with the same modified time",
      (b) => (b.objects.push({ ...find(b, "note") }), b),
      /share this id and modified time/,
    ],
  ];
  it.each(cases)("%s", (_name, breakIt, expected) => {
    const broken = breakIt(valid());
    expect(
      messages(broken).some((m) => expected.test(m)),
      messages(broken).join("\n"),
    ).toBe(true);
  });

  it("anything that is not a bundle object", () => {
    expect(messages(null)).toEqual(["A bundle is a JSON object"]);
    expect(messages([])).toEqual(["A bundle is a JSON object"]);
  });
});
