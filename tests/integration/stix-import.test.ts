import { readFileSync } from "node:fs";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { POST } from "../../app/api/w/[workspaceId]/stix/route.ts";
import { authSecret } from "../../server/auth.ts";
import { db } from "../../server/db/client.ts";
import { exportStixChronology, importStixBundle } from "../../server/services/stix/index.ts";
import { callerFor } from "../helpers/caller.ts";
import { curationTeam, eventInput, publish, type CurationTeam } from "../helpers/curation.ts";
import { allCandidates } from "../helpers/import-run.ts";

/**
 * Importing STIX 2.1 bundles: OpenCTI- and MISP-shaped bundles become
 * candidates (nothing is published), entities are matched by name and alias,
 * references become sources; hostile or malformed bundles are refused with a
 * 400 that says why and change nothing; a Dossier export imported back is
 * matched to its events instead of duplicating them.
 */

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "../fixtures/stix", name), "utf8");
const OPENCTI = fixture("opencti-report.json");
const MISP = fixture("misp-event.json");

let t: CurationTeam;
beforeAll(async () => {
  t = await curationTeam();
  await t.analyst.entity.create({ workspaceId: t.ws, kind: "PLACE", name: "Port Alder" });
  await t.analyst.entity.create({
    workspaceId: t.ws,
    kind: "ORGANIZATION",
    name: "Alder Harbour Board",
    aliases: ["APA"],
  });
  await t.analyst.entity.create({ workspaceId: t.ws, kind: "PLACE", name: "Mashhad", aliases: ["Mashad"] });
});

const as = (userId: string) => ({ userId });
const counts = async (workspaceId: string) => ({
  events: await db.event.count({ where: { workspaceId } }),
  sources: await db.source.count({ where: { workspaceId } }),
  jobs: await db.importJob.count({ where: { workspaceId } }),
  entities: await db.entity.count({ where: { workspaceId } }),
});

describe("an OpenCTI-shaped bundle", () => {
  it("becomes candidates with the bundle's dates, matched and new entities, and sources; nothing is published", async () => {
    const before = await counts(t.ws);
    const result = await importStixBundle(as(t.users.analyst.id), {
      workspaceId: t.ws,
      fileName: "opencti-report.json",
      text: OPENCTI,
    });
    expect(result).toMatchObject({ candidates: 2, matched: 0, alreadyPending: 0, skipped: 3 }); // the marking, the indicator and the relationship
    const after = await counts(t.ws);
    expect(after.events).toBe(before.events);
    // The publishers named by the references, as any source's publisher; the bundle's actors wait for the analyst.
    expect(after.entities).toBe(before.entities + 2);
    expect(
      await db.entity.count({ where: { workspaceId: t.ws, name: { in: ["Harbour Gazette", "Shoal tracker"] } } }),
    ).toBe(2);
    // The bundle's own text, and the two addresses among its references.
    expect(after.sources).toBe(before.sources + 3);

    const job = await t.analyst.import.job({ jobId: result.jobId });
    expect(job).toMatchObject({ status: "DONE", mode: "stix" });
    expect(job.sources.flatMap((s) => s.urls).sort()).toEqual([
      "https://gazette.example.net/port-alder-outage",
      "https://tracker.example.org/lantern-shoal",
    ]);
    const [outage, shoal] = await allCandidates(t.analyst, result.jobId);
    expect(outage!.title).toBe("Grey Gull Collective disrupts the Port Alder booking system");
    expect(outage!.date).toMatchObject({ start: { year: 2025, month: 2, day: 3 } });
    expect(outage!.passages[0]!.text).toContain("Booking terminals at the port were unavailable");
    const byName = new Map(outage!.entities.map((e) => [e.written ?? e.name, e]));
    expect(byName.get("Port Alder")).toMatchObject({ kind: "PLACE", entityId: expect.any(String) });
    expect(byName.get("Alder Port Authority")).toMatchObject({
      name: "Alder Harbour Board",
      entityId: expect.any(String),
    });
    expect(byName.get("Grey Gull Collective")).toMatchObject({ kind: "ORGANIZATION" });
    expect(byName.get("Grey Gull Collective")!.entityId).toBeUndefined();
    expect(shoal!.entities).toEqual([expect.objectContaining({ name: "Lantern Shoal", kind: "ORGANIZATION" })]);

    // Accepting makes a draft event citing the passage, with the new entity when the analyst confirms it.
    const accepted = await t.analyst.import.accept({
      candidateId: outage!.id,
      version: outage!.version,
      createEntities: ["Grey Gull Collective"],
    });
    const event = await db.event.findUniqueOrThrow({
      where: { id: accepted.eventId },
      select: {
        status: true,
        citations: { select: { quote: true } },
        entities: { select: { entity: { select: { name: true } } } },
      },
    });
    expect(event.status).toBe("DRAFT");
    expect(event.citations[0]!.quote).toContain("Grey Gull Collective disrupts");
    expect(event.entities.map((e) => e.entity.name).sort()).toEqual([
      "Alder Harbour Board",
      "Grey Gull Collective",
      "Port Alder",
    ]);
  });

  it("imported again offers nothing twice: the accepted report is unchanged, the other still waiting", async () => {
    const before = await counts(t.ws);
    await expect(
      importStixBundle(as(t.users.analyst.id), { workspaceId: t.ws, fileName: "opencti-report.json", text: OPENCTI }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/1 unchanged, 1 waiting for review/),
    });
    expect(await counts(t.ws)).toEqual(before);
  });
});

describe("a MISP-shaped bundle", () => {
  it("imports its report and note, matches a place by alias and leaves indicators and custom objects out", async () => {
    const result = await importStixBundle(as(t.users.analyst.id), {
      workspaceId: t.ws,
      fileName: "misp-event.json",
      text: MISP,
    });
    expect(result).toMatchObject({ candidates: 2, skipped: 4 });
    const job = await t.analyst.import.job({ jobId: result.jobId });
    expect(job.message).toMatch(/4 objects/);
    const [report, note] = await allCandidates(t.analyst, result.jobId);
    expect(report).toMatchObject({
      title: "Phishing wave impersonating the ferry operator",
      date: { start: { year: 2024, month: 10, day: 28 } },
    });
    expect(note!.title).toMatch(/^Second round of messages/);
    expect(note!.entities).toEqual([
      expect.objectContaining({ name: "Mashhad", written: "Mashad", entityId: expect.any(String) }),
    ]);
  });
});

describe("refused bundles change nothing", () => {
  const big = JSON.stringify({
    type: "bundle",
    id: "bundle--6d3c5b0a-1f2e-4d3c-8b4a-5f6e7d8c9b0a",
    objects: [],
  }).replace("[]", `[${" ".repeat(11 * 1024 * 1024)}]`);
  const deep = `{"type":"bundle","id":"bundle--6d3c5b0a-1f2e-4d3c-8b4a-5f6e7d8c9b0a","objects":[${"[".repeat(100_000)}${"]".repeat(100_000)}]}`;
  const withObject = (o: object) =>
    JSON.stringify({ type: "bundle", id: "bundle--6d3c5b0a-1f2e-4d3c-8b4a-5f6e7d8c9b0a", objects: [o] });
  const cases: [string, string, RegExp][] = [
    ["text that is not JSON", "this is not json {", /not JSON/],
    ["JSON that is not a bundle", JSON.stringify({ type: "report" }), /not a STIX bundle/],
    ["a bundle with a bad id", JSON.stringify({ type: "bundle", id: "bundle--1", objects: [] }), /bundle--<uuid>/],
    [
      "objects that are not a list",
      JSON.stringify({ type: "bundle", id: "bundle--6d3c5b0a-1f2e-4d3c-8b4a-5f6e7d8c9b0a", objects: 3 }),
      /must be a list/,
    ],
    ["more than 10 MB", big, /at most 10 MB/],
    ["deep nesting", deep, /nests deeper than 32/],
    [
      "a report with an id of another type",
      withObject({
        type: "report",
        id: "note--6d3c5b0a-1f2e-4d3c-8b4a-5f6e7d8c9b0a",
        name: "x",
        published: "2020-01-01T00:00:00Z",
      }),
      /Object 1 .* id must look like "report--<uuid>"/,
    ],
    [
      "a report without a published time",
      withObject({ type: "report", id: "report--6d3c5b0a-1f2e-4d3c-8b4a-5f6e7d8c9b0a", name: "x" }),
      /published time/,
    ],
    [
      "only unknown types",
      withObject({ type: "x-gadget", id: "x-gadget--6d3c5b0a-1f2e-4d3c-8b4a-5f6e7d8c9b0a" }),
      /nothing to propose/,
    ],
  ];
  it.each(cases)("%s", async (_name, text, message) => {
    const before = await counts(t.ws);
    await expect(
      importStixBundle(as(t.users.analyst.id), { workspaceId: t.ws, fileName: "bad.json", text }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(message),
    });
    expect(await counts(t.ws)).toEqual(before);
  });

  it("from a viewer or an outsider", async () => {
    await expect(
      importStixBundle(as(t.users.viewer.id), { workspaceId: t.ws, fileName: "x.json", text: OPENCTI }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      importStixBundle(as(t.users.outsider.id), { workspaceId: t.ws, fileName: "x.json", text: OPENCTI }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("a Dossier export imported back", () => {
  it("is unchanged as exported, and a changed report updates its event through review", async () => {
    const home = await curationTeam();
    const dated = await home.analyst.event.create({
      workspaceId: home.ws,
      ...eventInput("Ferry service suspended", { year: 2019 }),
      date: { start: { year: 2019, month: 4 }, end: { year: 2019, month: 7 }, qualifier: "CIRCA" },
    });
    await publish(home, dated.id);
    const { bundle } = await exportStixChronology(as(home.users.analyst.id), home.ws);
    const before = await counts(home.ws);
    await expect(
      importStixBundle(as(home.users.analyst.id), {
        workspaceId: home.ws,
        fileName: "dossier.stix.json",
        text: JSON.stringify(bundle),
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/1 unchanged/) });
    expect(await counts(home.ws)).toEqual(before);

    // The same report, renamed elsewhere: offered as an update of the event it is, keeping its dates.
    const renamed = {
      ...bundle,
      objects: bundle.objects.map((o) =>
        o.name === "Ferry service suspended" ? { ...o, name: "Ferry service suspended for the summer" } : o,
      ),
    };
    const result = await importStixBundle(as(home.users.analyst.id), {
      workspaceId: home.ws,
      fileName: "dossier.stix.json",
      text: JSON.stringify(renamed),
    });
    expect(result).toMatchObject({ candidates: 1, matched: 1, updates: 1, unchanged: 0 });
    const [candidate] = await allCandidates(home.analyst, result.jobId);
    expect(candidate!.similarEvent?.id).toBe(dated.id);
    expect(candidate!.date).toEqual({
      start: { year: 2019, month: 4, day: null },
      end: { year: 2019, month: 7, day: null },
      qualifier: "CIRCA",
    });
    await home.analyst.import.accept({ candidateId: candidate!.id, version: candidate!.version });
    // Accepting changed no event's count and published nothing: the new title waits for review as a proposal.
    expect((await counts(home.ws)).events).toBe(before.events);
    const event = await db.event.findUniqueOrThrow({
      where: { id: dated.id },
      select: { title: true, status: true, proposal: { select: { snapshot: true } } },
    });
    expect(event).toMatchObject({
      title: "Ferry service suspended",
      status: "PUBLISHED",
      proposal: { snapshot: expect.objectContaining({ title: "Ferry service suspended for the summer" }) },
    });
  });
});

describe("POST /api/w/{workspaceId}/stix", () => {
  async function post(userId: string | null, body: FormData | string, type?: string) {
    const headers = new Headers({ origin: "http://localhost" });
    if (type) headers.set("content-type", type);
    if (userId) {
      const { sessionId } = await callerFor(userId);
      const token = await encode({ token: { sid: sessionId, sub: userId }, secret: authSecret() });
      headers.set("cookie", `next-auth.session-token=${token}`);
    }
    const req = new NextRequest(`http://localhost/api/w/${t.ws}/stix`, { method: "POST", headers, body });
    return POST(req, { params: Promise.resolve({ workspaceId: t.ws }) });
  }
  const form = (text: string | ArrayBuffer, name = "bundle.json") => {
    const f = new FormData();
    f.set("file", new File([text], name, { type: "application/json" }));
    return f;
  };

  it("imports an upload and answers every refusal with a 4xx", async () => {
    const fresh = JSON.stringify({
      type: "bundle",
      id: "bundle--0b9f2c44-5d1e-4a7b-9c3d-2e1f0a9b8c7d",
      objects: [
        {
          type: "report",
          spec_version: "2.1",
          id: "report--7e6d5c4b-3a29-4181-8f7e-6d5c4b3a2918",
          created: "2024-05-01T00:00:00.000Z",
          modified: "2024-05-01T00:00:00.000Z",
          name: "Lighthouse keepers strike for a day",
          published: "2024-04-30T00:00:00.000Z",
          object_refs: ["identity--1f2e3d4c-5b6a-4978-8877-665544332211"],
        },
      ],
    });
    const ok = await post(t.users.analyst.id, form(fresh));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ jobId: expect.any(String) });
    const bad = await post(t.users.analyst.id, form("<html>not json</html>"));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/not JSON/);
    expect((await post(t.users.analyst.id, form(new Uint8Array([0xff, 0xfe, 0x00, 0xc3]).buffer))).status).toBe(400);
    expect((await post(t.users.analyst.id, "plain text", "text/plain")).status).toBe(400);
    expect((await post(null, form(MISP))).status).toBe(401);
    expect((await post(t.users.viewer.id, form(MISP))).status).toBe(403);
  });

  it("refuses a 100 MB upload with 413 as it streams in, and changes nothing", async () => {
    const before = await counts(t.ws);
    const huge = new Uint8Array(100 * 1024 * 1024).fill(0x20);
    const res = await post(t.users.analyst.id, form(huge.buffer));
    expect(res.status).toBe(413);
    expect((await res.json()).error).toMatch(/at most 10 MB/);
    expect(await counts(t.ws)).toEqual(before);
  });
});

describe("sources that copy one another", () => {
  it("keep what they copy (two copies of one original too), and a chain that loops back on itself is left out", async () => {
    const home = await curationTeam();
    const bundle = JSON.parse(OPENCTI) as { objects: Record<string, unknown>[] };
    const source = (n: number, title: string, derivedFrom?: number) => ({
      type: "report",
      spec_version: "2.1",
      id: `report--00000000-0000-4000-8000-00000000000${n}`,
      created: "2025-03-14T09:26:53.589Z",
      modified: "2025-03-14T09:26:53.589Z",
      name: title,
      report_types: ["source"],
      published: "2025-02-03T00:00:00.000Z",
      object_refs: ["identity--cb5a2a41-0275-511c-ae6e-2696e334fbf6"],
      x_dossier_source_kind: "NEWS_REPORT",
      x_dossier_text: `${title}: the harbour board's statement as it was printed.`,
      ...(derivedFrom ? { x_dossier_derived_from: `report--00000000-0000-4000-8000-00000000000${derivedFrom}` } : {}),
    });
    bundle.objects.push(
      source(1, "Wire story on the outage"),
      source(2, "Reprint of the wire story", 1),
      source(3, "Copy of the fourth", 4),
      source(4, "Copy of the third", 3),
      source(5, "Second reprint of the wire story", 1),
    );
    await importStixBundle(as(home.users.analyst.id), {
      workspaceId: home.ws,
      fileName: "copies.json",
      text: JSON.stringify(bundle),
    });
    const rows = await db.source.findMany({
      where: { workspaceId: home.ws, stixId: { startsWith: "report--00000000" } },
      select: { title: true, derivedFrom: { select: { title: true } } },
      orderBy: { title: "asc" },
    });
    expect(rows).toEqual([
      { title: "Copy of the fourth", derivedFrom: null },
      { title: "Copy of the third", derivedFrom: null },
      { title: "Reprint of the wire story", derivedFrom: { title: "Wire story on the outage" } },
      { title: "Second reprint of the wire story", derivedFrom: { title: "Wire story on the outage" } },
      { title: "Wire story on the outage", derivedFrom: null },
    ]);
  });
});
