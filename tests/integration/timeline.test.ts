import { describe, expect, it } from "vitest";
import { db } from "../../server/db/client.ts";
import { toDateColumns } from "../../server/lib/event-date-columns.ts";
import { eventDateSchema } from "../../server/schemas/partial-date.ts";
import { TIMELINE_EVENT_CAP } from "../../server/schemas/timeline.ts";
import { curationTeam, eventInput, outcome, publish, refusal, type CurationTeam } from "../helpers/curation.ts";
import { makeTeam } from "../helpers/factories.ts";

/**
 * The timeline procedure: events of the window one by one with the date as
 * written, or density bands counted by the database when the window holds more
 * than can be drawn; the chronology's visibility rule and filters; bad windows.
 */

const utc = (y: number, m = 1, d = 1) => new Date(Date.UTC(y, m - 1, d));

/** Many events at once, straight into the table (the API would take minutes for hundreds). */
async function bulkEvents(t: CurationTeam, n: number, status: "DRAFT" | "PUBLISHED", tags: (i: number) => string[]) {
  await db.event.createMany({
    data: Array.from({ length: n }, (_, i) => ({
      workspaceId: t.ws,
      title: `Bulk ${status} ${i}`,
      status,
      tags: tags(i),
      createdById: t.users.analyst.id,
      updatedById: t.users.analyst.id,
      ...toDateColumns(eventDateSchema.parse({ start: { year: 2001 + (i % 10), month: 1 + (i % 12) } })),
    })),
  });
}

describe("timeline events", () => {
  it("returns each event with its date as written, fitting the window to them, and lanes by status", async () => {
    const t = await curationTeam();
    const day = await t.analyst.event.create({
      workspaceId: t.ws,
      ...eventInput("Day", { year: 2011, month: 3, day: 14 }),
    });
    const about = await t.analyst.event.create({
      workspaceId: t.ws,
      title: "About",
      date: { start: { year: 2009 }, qualifier: "CIRCA" },
    });
    await publish(t, day.id);

    const r = await t.analyst.event.timeline({ workspaceId: t.ws, lane: "status" });
    expect(r.mode).toBe("events");
    expect(r.total).toBe(2);
    // "c. 2009" reaches back into 2008; the window shows all of it.
    expect(r.domain[0].getTime()).toBeLessThan(utc(2008).getTime());
    expect(r.domain[1].getTime()).toBeGreaterThan(utc(2011, 3, 15).getTime());
    const byTitle = Object.fromEntries(r.events.map((e) => [e.title, e]));
    expect(byTitle.About!.date).toEqual({
      start: { year: 2009, month: null, day: null },
      end: null,
      qualifier: "CIRCA",
    });
    expect(byTitle.About!.dateText).toBe("c. 2009");
    expect(byTitle.About!.credibility).toBeNull();
    expect(byTitle.Day!.lanes).toEqual(["PUBLISHED"]);
    expect(byTitle.About!.lanes).toEqual(["DRAFT"]);
    expect(r.lanes.map((l) => l.label).sort()).toEqual(["Draft", "Published"]);
    expect(r.events.find((e) => e.id === about.id)).toBeDefined();
  });

  it("shows viewers published events only, and other workspaces nothing", async () => {
    const t = await curationTeam();
    const pub = await t.analyst.event.create({ workspaceId: t.ws, ...eventInput("Published one", { year: 2012 }) });
    await t.analyst.event.create({ workspaceId: t.ws, ...eventInput("Draft one", { year: 2012 }) });
    await publish(t, pub.id);

    const seen = await t.viewer.event.timeline({ workspaceId: t.ws });
    expect(seen.events.map((e) => e.title)).toEqual(["Published one"]);
    expect(seen.total).toBe(1);
    // Asking for drafts by status is no way around it.
    expect((await t.viewer.event.timeline({ workspaceId: t.ws, status: "DRAFT" })).events).toEqual([]);

    expect(await outcome(t.outsider.event.timeline({ workspaceId: t.ws }))).toBe("NOT_FOUND");
    const other = await makeTeam();
    expect(await outcome(t.analyst.event.timeline({ workspaceId: other.workspace.id }))).toBe("NOT_FOUND");
  });

  it("applies the chronology's filters (tag, when)", async () => {
    const t = await curationTeam();
    await t.analyst.event.create({ workspaceId: t.ws, ...eventInput("Tagged", { year: 2014 }, { tags: ["ports"] }) });
    await t.analyst.event.create({ workspaceId: t.ws, ...eventInput("Untagged", { year: 2016 }) });
    expect((await t.analyst.event.timeline({ workspaceId: t.ws, tag: "ports" })).events.map((e) => e.title)).toEqual([
      "Tagged",
    ]);
    expect((await t.analyst.event.timeline({ workspaceId: t.ws, when: "2016" })).events.map((e) => e.title)).toEqual([
      "Untagged",
    ]);
    expect((await refusal(t.analyst.event.timeline({ workspaceId: t.ws, when: "soon-ish" }))).code).toBe("BAD_REQUEST");
  });
});

describe("density bands", () => {
  it("counts per bucket and lane in the database once the window holds more than the cap", async () => {
    const t = await curationTeam();
    const n = TIMELINE_EVENT_CAP + 100;
    await bulkEvents(t, n, "PUBLISHED", (i) => (i % 2 ? ["even"] : ["odd"]));
    await bulkEvents(t, 50, "DRAFT", () => []);

    const window = { start: utc(2000), end: utc(2012) };
    const r = await t.analyst.event.timeline({ workspaceId: t.ws, ...window, buckets: 12, lane: "tag" });
    expect(r.mode).toBe("bands");
    expect(r.total).toBe(n + 50);
    expect(r.events).toEqual([]);
    expect(r.bands.reduce((s, b) => s + b.count, 0)).toBe(n + 50);
    expect(r.lanes.map((l) => l.label)).toEqual(expect.arrayContaining(["#even", "#odd", "No tag"]));
    // Twelve one-year buckets (leap days aside): the first, for 2000, is empty.
    for (const b of r.bands) expect(b.start.getTime()).toBeGreaterThanOrEqual(utc(2000, 12, 1).getTime());

    // A viewer's bands count published events only.
    const v = await t.viewer.event.timeline({ workspaceId: t.ws, ...window, buckets: 12 });
    expect(v.mode).toBe("bands");
    expect(v.bands.reduce((s, b) => s + b.count, 0)).toBe(n);
    expect(v.lanes).toEqual([{ key: "all", label: "All events" }]);

    // Zoomed into one month, the same workspace is drawn event by event.
    const month = await t.analyst.event.timeline({ workspaceId: t.ws, start: utc(2004, 4), end: utc(2004, 4, 30) });
    expect(month.mode).toBe("events");
    expect(month.events.length).toBeGreaterThan(0);
    for (const e of month.events) expect(e.dateText).toBe("April 2004");
  });

  it("refuses windows it cannot draw", async () => {
    const t = await curationTeam();
    const bad = [
      { start: utc(2012), end: utc(2011) },
      { start: utc(2012) },
      { start: new Date(Number.NaN), end: utc(2011) },
      { start: utc(2011), end: new Date(Date.UTC(2011, 0, 1, 0, 5)) },
    ];
    for (const w of bad) {
      expect((await refusal(t.analyst.event.timeline({ workspaceId: t.ws, ...w }))).code, JSON.stringify(w)).toBe(
        "BAD_REQUEST",
      );
    }
    expect(
      (
        await refusal(
          t.analyst.event.timeline({ workspaceId: t.ws, start: utc(2011), end: utc(2012), buckets: 100_000 }),
        )
      ).code,
    ).toBe("BAD_REQUEST");
  });
});

describe("the briefing's timeline figure", () => {
  it("is a setting edited like the content (stale saves refused), frozen with the publication", async () => {
    const t = await curationTeam();
    const day = await t.analyst.event.create({
      workspaceId: t.ws,
      ...eventInput("Crossing reopened", { year: 2011, month: 3, day: 14 }),
    });
    const about = await t.analyst.event.create({
      workspaceId: t.ws,
      title: "نشست مرزی",
      date: { start: { year: 2009 }, qualifier: "CIRCA" },
    });
    await publish(t, day.id, about.id);
    const b = await t.analyst.briefing.create({ workspaceId: t.ws, title: "Crossings" });
    const saved = await t.analyst.briefing.update({
      id: b.id,
      version: b.version,
      body: `Reopened [@event:${day.id}] after talks [@event:${about.id}].`,
    });
    const on = await t.analyst.briefing.setFigures({
      id: b.id,
      version: saved.version,
      figures: { timeline: true, network: false },
    });
    expect(on.version).toBe(saved.version + 1);
    expect(
      (
        await refusal(
          t.analyst.briefing.setFigures({
            id: b.id,
            version: saved.version,
            figures: { timeline: false, network: false },
          }),
        )
      ).code,
    ).toBe("CONFLICT");
    expect(
      await outcome(
        t.viewer.briefing.setFigures({ id: b.id, version: on.version, figures: { timeline: false, network: false } }),
      ),
    ).toBe("NOT_FOUND");

    const { round } = await t.analyst.briefing.submit({ id: b.id, version: on.version });
    await t.reviewer.briefing.decide({ id: b.id, round, decision: "APPROVE" });
    const published = await t.analyst.briefing.get({ id: b.id });
    await t.analyst.briefing.setFigures({
      id: b.id,
      version: published.version,
      figures: { timeline: false, network: false },
    });

    const { loadBriefingForExport } = await import("../../server/services/briefing/index.ts");
    const { buildPdfData } = await import("../../server/export/pdf-data.ts");
    const approved = await loadBriefingForExport({ userId: t.users.viewer.id }, b.id, "published");
    expect(approved.doc.figures).toEqual({ timeline: true, network: false });
    const figures = buildPdfData(approved.doc).figures;
    expect(figures).toHaveLength(1);
    // Drawn from the frozen dates as written: the day a point, "about 2009" a core with faded ends.
    expect(figures[0]!.svg).toContain('data-shape="point"');
    expect(figures[0]!.svg).toContain('data-shape="about"');
    expect(figures[0]!.svg).toContain("نشست مرزی");
    const working = await loadBriefingForExport({ userId: t.users.analyst.id }, b.id, "working");
    expect(buildPdfData(working.doc).figures).toEqual([]);
  });
});
