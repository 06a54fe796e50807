import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { GET } from "../../app/api/w/[workspaceId]/stix/route.ts";
import { authSecret } from "../../server/auth.ts";
import type { StixBundle, StixObject } from "../../server/lib/stix/build-bundle.ts";
import { exportStixBriefing, exportStixChronology } from "../../server/services/stix/index.ts";
import { callerFor } from "../helpers/caller.ts";
import { curationTeam, eventInput, passage, publish, type CurationTeam } from "../helpers/curation.ts";
import { assertValidStix } from "../helpers/stix-validate.ts";

/**
 * STIX exports from the database: every scope passes the validator, exporting
 * twice gives the same bundle, and each reader gets only what the app shows
 * them (a viewer: published events; a contributor still blind to an event's
 * votes: none of them).
 */

let t: CurationTeam;
const ids = { visit: "", border: "", draft: "", briefing: "", source: "" };

beforeAll(async () => {
  t = await curationTeam();
  const text =
    "Envoys from the river council met the valley authority at the weir. Trade across the border resumed in spring.";
  const src = await t.analyst.source.create({
    workspaceId: t.ws,
    kind: "NEWS_REPORT",
    title: "Council envoys at the weir",
    text,
    publisherName: "Valley Courier",
    url: "https://news.example.org/council-envoys",
    pubDate: { year: 2015, month: 5, day: 19 },
  });
  if (src.status !== "created") throw new Error("expected a new source");
  ids.source = src.source.id;
  const entity = await t.analyst.entity.create({
    workspaceId: t.ws,
    kind: "ORGANIZATION",
    name: "River Council",
    aliases: ["RC"],
  });
  const visit = await t.analyst.event.create({
    workspaceId: t.ws,
    ...eventInput("Council envoys visit the weir", { year: 2015, month: 5, day: 18 }),
    entities: [{ entityId: entity.id, role: "ACTOR" }],
  });
  const border = await t.analyst.event.create({
    workspaceId: t.ws,
    ...eventInput("Border trade resumes", { year: 2016 }),
    date: { start: { year: 2016, month: 3 }, end: { year: 2016, month: 6 } },
  });
  const draft = await t.analyst.event.create({ workspaceId: t.ws, ...eventInput("Unreviewed rumour", { year: 2017 }) });
  await t.analyst.citation.create({
    eventId: visit.id,
    sourceId: src.source.id,
    stance: "SUPPORTS",
    ...passage(text, "Envoys from the river council met the valley authority"),
  });
  await t.analyst.citation.create({
    eventId: border.id,
    sourceId: src.source.id,
    stance: "MENTIONS",
    ...passage(text, "Trade across the border resumed"),
  });
  await publish(t, visit.id, border.id);
  await t.analyst.vote.cast({ eventId: visit.id, grade: "2", rationale: "One paper, well placed" });
  await t.reviewer.vote.cast({ eventId: visit.id, grade: "3", rationale: "" });

  const b = await t.analyst.briefing.create({ workspaceId: t.ws, title: "Council and authority" });
  const saved = await t.analyst.briefing.update({
    id: b.id,
    version: b.version,
    marking: "TLP:GREEN",
    summary: `Contacts continue [@event:${visit.id}].`,
    body: `Trade resumed [@event:${border.id}] [@source:${src.source.id}].`,
    keyJudgments: [
      {
        id: "kj1",
        statement: "Contacts will continue.",
        probability: "LIKELY",
        confidence: "MODERATE",
        eventIds: [visit.id],
        sourceIds: [],
      },
    ],
  });
  const { round } = await t.analyst.briefing.submit({ id: b.id, version: saved.version });
  await t.reviewer.briefing.decide({ id: b.id, round, decision: "APPROVE" });
  Object.assign(ids, { visit: visit.id, border: border.id, draft: draft.id, briefing: b.id });
});

const as = (userId: string) => ({ userId });
const reports = (b: StixBundle, kind: string) =>
  b.objects.filter((o) => o.type === "report" && (o.report_types as string[])[0] === kind);
const named = (b: StixBundle, name: string) => b.objects.find((o) => o.name === name) as StixObject | undefined;

describe("workspace export", () => {
  it("is valid STIX 2.1 and the same on a second export", async () => {
    const first = await exportStixChronology(as(t.users.analyst.id), t.ws);
    assertValidStix(first.bundle);
    const second = await exportStixChronology(as(t.users.analyst.id), t.ws);
    expect(JSON.stringify(second.bundle)).toBe(JSON.stringify(first.bundle));
    expect(first.fileName).toMatch(/\.stix\.json$/);
    // A contributor sees drafts, in the app and in the export.
    expect(reports(first.bundle, "event").map((r) => r.name)).toEqual([
      "Council envoys visit the weir",
      "Border trade resumes",
      "Unreviewed rumour",
    ]);
    const border = named(first.bundle, "Border trade resumes")!;
    expect(border.x_dossier_date).toEqual({
      start: { year: 2016, month: 3 },
      end: { year: 2016, month: 6 },
      qualifier: "EXACT",
    });
    expect(border.x_dossier_date_text).toBe("March–June 2016");
    const stance = first.bundle.objects.find((o) => o.type === "relationship" && o.source_ref === border.id)!;
    expect(stance).toMatchObject({ x_dossier_stance: "mentions", x_dossier_quote: "Trade across the border resumed" });
    expect(named(first.bundle, "River Council")).toMatchObject({
      type: "identity",
      identity_class: "organization",
      x_dossier_aliases: ["RC"],
    });
    const visit = named(first.bundle, "Council envoys visit the weir")!;
    expect(visit.x_dossier_origin_count).toBe(1);
    // The analyst voted, so they see both votes and the consensus.
    const opinions = first.bundle.objects.filter((o) => o.type === "opinion");
    expect(opinions.map((o) => o.x_dossier_grade).sort()).toEqual(["2", "3"]);
    expect(visit.x_dossier_consensus).toMatchObject({ hidden: false, votes: 2 });
  });

  it("gives a viewer published events only, with the votes they can read", async () => {
    const { bundle } = await exportStixChronology(as(t.users.viewer.id), t.ws);
    assertValidStix(bundle);
    expect(
      reports(bundle, "event")
        .map((r) => r.name)
        .sort(),
    ).toEqual(["Border trade resumes", "Council envoys visit the weir"]);
    expect(JSON.stringify(bundle)).not.toContain("Unreviewed rumour");
    expect(bundle.objects.filter((o) => o.type === "opinion")).toHaveLength(2);
  });

  it("gives a contributor who has not voted none of the votes (blind voting)", async () => {
    const { bundle } = await exportStixChronology(as(t.users.admin.id), t.ws);
    assertValidStix(bundle);
    expect(bundle.objects.filter((o) => o.type === "opinion")).toEqual([]);
    expect(named(bundle, "Council envoys visit the weir")!.x_dossier_consensus).toMatchObject({
      hidden: true,
      credibility: null,
    });
  });

  it("answers NOT_FOUND to someone outside the workspace", async () => {
    await expect(exportStixChronology(as(t.users.outsider.id), t.ws)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("filtered chronology export", () => {
  it("holds the events the chronology lists for the same filters, and only what they cite", async () => {
    const { bundle, fileName } = await exportStixChronology(as(t.users.analyst.id), t.ws, { from: "2016" });
    assertValidStix(bundle);
    expect(fileName).toMatch(/-chronology\.stix\.json$/);
    expect(reports(bundle, "event").map((r) => r.name)).toEqual(["Border trade resumes", "Unreviewed rumour"]);
    expect(named(bundle, "River Council")).toBeUndefined();
    expect(reports(bundle, "source")).toHaveLength(1);
    const again = await exportStixChronology(as(t.users.analyst.id), t.ws, { from: "2016" });
    expect(again.bundle).toEqual(bundle);
    const whole = await exportStixChronology(as(t.users.analyst.id), t.ws);
    // The same event has the same id whatever the scope, and the bundles differ.
    expect(named(whole.bundle, "Border trade resumes")!.id).toBe(named(bundle, "Border trade resumes")!.id);
    expect(whole.bundle.id).not.toBe(bundle.id);
  });
});

describe("briefing export", () => {
  it("is the approved version as a report referring to what it cites, with key judgments as notes", async () => {
    const { bundle } = await exportStixBriefing(as(t.users.viewer.id), ids.briefing, t.ws);
    assertValidStix(bundle);
    const [briefing] = reports(bundle, "briefing");
    expect(briefing).toMatchObject({ name: "Council and authority" });
    const note = bundle.objects.find((o) => o.type === "note")!;
    expect(note).toMatchObject({ content: "Contacts will continue.", x_dossier_probability: "LIKELY" });
    expect(briefing!.object_refs).toEqual(
      expect.arrayContaining([note.id, ...reports(bundle, "event").map((e) => e.id)]),
    );
    expect(bundle.objects.find((o) => o.type === "marking-definition")!.name).toBe("TLP:GREEN");
    const again = await exportStixBriefing(as(t.users.analyst.id), ids.briefing, t.ws);
    expect(again.bundle.objects.map((o) => o.id)).toEqual(bundle.objects.map((o) => o.id));
  });

  it("is NOT_FOUND from another workspace's address", async () => {
    const other = await t.admin.workspace.create({ name: "Elsewhere" });
    await expect(exportStixBriefing(as(t.users.admin.id), ids.briefing, other.id)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("GET /api/w/{workspaceId}/stix", () => {
  async function get(userId: string | null, query: string) {
    const headers = new Headers();
    if (userId) {
      const { sessionId } = await callerFor(userId);
      const token = await encode({ token: { sid: sessionId, sub: userId }, secret: authSecret() });
      headers.set("cookie", `next-auth.session-token=${token}`);
    }
    const req = new NextRequest(`http://localhost/api/w/${t.ws}/stix${query}`, { headers });
    return GET(req, { params: Promise.resolve({ workspaceId: t.ws }) });
  }

  it("sends the bundle as an attachment to a member, and refuses others", async () => {
    const res = await get(t.users.viewer.id, "?scope=chronology&from=2016");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/stix+json;version=2.1");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename=".*-chronology\.stix\.json"$/);
    expect(res.headers.get("cache-control")).toContain("no-store");
    assertValidStix(await res.json());
    expect((await get(null, "")).status).toBe(401);
    expect((await get(t.users.outsider.id, "")).status).toBe(404);
    expect((await get(t.users.viewer.id, "?scope=briefing")).status).toBe(400);
    expect((await get(t.users.viewer.id, "?scope=everything")).status).toBe(400);
    expect((await get(t.users.viewer.id, "?scope=chronology&from=not%20a%20date")).status).toBe(400);
    const briefing = await get(t.users.viewer.id, `?scope=briefing&briefingId=${ids.briefing}`);
    expect(briefing.status).toBe(200);
    assertValidStix(await briefing.json());
  });
});
