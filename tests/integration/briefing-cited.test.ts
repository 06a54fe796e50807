import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../server/db/client.ts";
import { citedIdsOf, loadCitedMaterial } from "../../server/services/briefing/index.ts";
import { PUBLISHED_VIEW } from "../../server/services/vote/index.ts";
import { curationTeam, eventInput, passage, publish, type CurationTeam } from "../helpers/curation.ts";

/**
 * What a briefing cites, resolved for preview, submission, freezing and export:
 * events in date order with their consensus rating, the date as written, their
 * quotes and history row; sources with publisher and origin reliability; and
 * every reference that cannot be cited reported with its reason.
 */

const PERSIAN = "محمدجواد ظریف با هیئت طالبان در تهران دیدار کرد";

let fx: {
  t: CurationTeam;
  reuters: { id: string; text: string };
  irna: { id: string; text: string };
  uncited: { id: string };
  events: { late: string; early: string; undated: string; draft: string; deleted: string; foreign: string };
  foreignSource: string;
  deletedSource: string;
};

async function source(t: CurationTeam, ws: string, title: string, publisherName: string, text: string, as = t.analyst) {
  const r = await as.source.create({
    workspaceId: ws,
    kind: "NEWS_REPORT",
    title,
    text,
    publisherName,
    url: `https://example.org/${encodeURIComponent(title)}`,
    pubDate: { year: 2015, month: 5, day: 18 },
  });
  if (r.status !== "created") throw new Error("expected a new source");
  return { id: r.source.id, text };
}

beforeAll(async () => {
  const t = await curationTeam();
  const reuters = await source(
    t,
    t.ws,
    "Taliban envoys in Tehran",
    "Reuters",
    "Taliban envoys met Iranian officials in Tehran on Monday.",
  );
  const irna = await source(t, t.ws, "گزارش ایرنا", "IRNA", `خبرگزاری گزارش داد: ${PERSIAN}.`);
  const uncited = await source(t, t.ws, "Background piece", "Reuters", "A background piece nobody quotes.");
  const deletedSource = await source(t, t.ws, "Withdrawn report", "Blog", "A report later withdrawn.");
  await db.source.update({ where: { id: deletedSource.id }, data: { deletedAt: new Date() } });
  const foreignSource = await source(t, t.other.id, "Elsewhere", "Reuters", "Another workspace's report.", t.outsider);

  const late = await t.analyst.event.create({
    workspaceId: t.ws,
    ...eventInput("Delegation visits Tehran", { year: 2015, month: 5, day: 18 }),
  });
  const early = await t.analyst.event.create({
    workspaceId: t.ws,
    ...eventInput("Contacts begin", { year: 1998 }),
    date: { start: { year: 1998 }, qualifier: "CIRCA" },
  });
  const undated = await t.analyst.event.create({ workspaceId: t.ws, ...eventInput("Undated meeting") });
  // Imported events may have no date; the form always asks for one.
  await db.event.update({
    where: { id: undated.id },
    data: {
      dateStartYear: null,
      dateStartMonth: null,
      dateStartDay: null,
      dateEarliest: null,
      dateLatest: null,
      dateSortKey: null,
    },
  });
  const draft = await t.analyst.event.create({
    workspaceId: t.ws,
    ...eventInput("Rumoured visit", { year: 2016, month: 3 }),
  });
  const deleted = await t.analyst.event.create({ workspaceId: t.ws, ...eventInput("Mistaken entry") });
  const foreign = await t.outsider.event.create({ workspaceId: t.other.id, ...eventInput("Other workspace event") });
  // Evidence is cited while the events are drafts: on a published event a new citation is only proposed.
  await t.analyst.citation.create({
    eventId: late.id,
    sourceId: reuters.id,
    stance: "SUPPORTS",
    ...passage(reuters.text, "Taliban envoys met Iranian officials"),
  });
  await t.analyst.citation.create({
    eventId: late.id,
    sourceId: irna.id,
    stance: "SUPPORTS",
    ...passage(irna.text, PERSIAN),
  });
  await publish(t, late.id, early.id, undated.id, deleted.id);
  await db.event.update({ where: { id: deleted.id }, data: { deletedAt: new Date() } });
  // Proposed after publication and not yet reviewed: readers, and so briefings, do not see it.
  const proposed = await t.analyst.citation.create({
    eventId: late.id,
    sourceId: uncited.id,
    stance: "SUPPORTS",
    ...passage(uncited.text, "A background piece"),
  });
  expect(proposed.proposedAdd).toBe(true);

  const reutersOrigin = (await t.analyst.source.get({ sourceId: reuters.id })).publisher!.id;
  await t.analyst.vote.cast({ entityId: reutersOrigin, grade: "B", rationale: "Track record" });
  await t.reviewer.vote.cast({ entityId: reutersOrigin, grade: "B", rationale: "Track record" });
  await t.analyst.vote.cast({ eventId: late.id, grade: "2", rationale: "Two reports" });

  fx = {
    t,
    reuters,
    irna,
    uncited,
    events: {
      late: late.id,
      early: early.id,
      undated: undated.id,
      draft: draft.id,
      deleted: deleted.id,
      foreign: foreign.id,
    },
    foreignSource: foreignSource.id,
    deletedSource: deletedSource.id,
  };
});

describe("citedIdsOf", () => {
  it("collects references from the summary, key judgments and body, first appearance first, without repeats", () => {
    const refs = citedIdsOf({
      summary: "See [@event:e1].",
      keyJudgments: [
        {
          id: "k1",
          statement: "Likely [@source:s2]",
          probability: "LIKELY",
          confidence: "HIGH",
          eventIds: ["e2", "e1"],
          sourceIds: ["s1"],
        },
      ],
      body: "Text [@event:e3] and [@source:s1] and [@event:e1] and [@ event:bad] [@event:]",
    });
    expect(refs).toEqual({ eventIds: ["e1", "e2", "e3"], sourceIds: ["s2", "s1"] });
  });
});

describe("loadCitedMaterial", () => {
  it("resolves events in date order with ratings, dates as written, quotes and revision ids", async () => {
    const { late, early, undated, draft } = fx.events;
    const { material, problems } = await loadCitedMaterial(
      db,
      fx.t.ws,
      {
        eventIds: [undated, late, draft, early],
        sourceIds: [],
      },
      PUBLISHED_VIEW,
    );
    expect(material.events.map((e) => e.id)).toEqual([early, late, draft, undated]);
    const [e1, e2, e3, e4] = material.events;
    expect(e1).toMatchObject({ title: "Contacts begin", dateText: "c. 1998", rating: null, status: "PUBLISHED" });
    expect(e2).toMatchObject({
      title: "Delegation visits Tehran",
      dateText: "18 May 2015",
      rating: "B2",
      contested: false,
      version: 1,
    });
    expect(e2!.quotes.map((q) => q.quote).sort()).toEqual([PERSIAN, "Taliban envoys met Iranian officials"].sort());
    expect(e3).toMatchObject({ status: "DRAFT", dateText: "March 2016" });
    expect(e4).toMatchObject({ dateText: "Undated", sortKey: null });

    const rev = await db.revision.findFirst({
      where: { targetType: "event", targetId: late },
      orderBy: { id: "desc" },
    });
    expect(e2!.revisionId).toBe(rev!.id.toString());
    // The draft event is kept for the preview but reported, so submission refuses it.
    expect(problems).toEqual([{ kind: "event", id: draft, reason: "unpublished" }]);
  });

  it("lists directly cited sources first, then the sources the events quote, with publisher and origin reliability", async () => {
    const { material } = await loadCitedMaterial(
      db,
      fx.t.ws,
      {
        eventIds: [fx.events.late],
        sourceIds: [fx.uncited.id],
      },
      PUBLISHED_VIEW,
    );
    expect(material.sources.map((s) => s.id)).toEqual([fx.uncited.id, ...[fx.reuters.id, fx.irna.id].sort()]);
    const reuters = material.sources.find((s) => s.id === fx.reuters.id)!;
    expect(reuters).toMatchObject({
      title: "Taliban envoys in Tehran",
      publisher: "Reuters",
      dateText: "18 May 2015",
      reliability: "B",
      kind: "NEWS_REPORT",
    });
    expect(reuters.url).toMatch(/^https:\/\/example\.org\//);
    expect(reuters.revisionId).toMatch(/^\d+$/);
    // Same origin as Reuters: the publisher's consensus.
    expect(material.sources.find((s) => s.id === fx.uncited.id)!.reliability).toBe("B");
    expect(material.sources.find((s) => s.id === fx.irna.id)!.reliability).toBeNull();
  });

  it("reports missing and deleted references and leaves them out, another workspace's read as missing", async () => {
    const { material, problems } = await loadCitedMaterial(
      db,
      fx.t.ws,
      {
        eventIds: [fx.events.deleted, fx.events.foreign, "no-such-event", fx.events.early],
        sourceIds: [fx.deletedSource, fx.foreignSource, "no-such-source"],
      },
      PUBLISHED_VIEW,
    );
    expect(material.events.map((e) => e.id)).toEqual([fx.events.early]);
    expect(material.sources).toEqual([]);
    expect(problems).toEqual([
      { kind: "event", id: fx.events.deleted, reason: "deleted" },
      { kind: "event", id: fx.events.foreign, reason: "missing" },
      { kind: "event", id: "no-such-event", reason: "missing" },
      { kind: "source", id: fx.deletedSource, reason: "deleted" },
      { kind: "source", id: fx.foreignSource, reason: "missing" },
      { kind: "source", id: "no-such-source", reason: "missing" },
    ]);
  });

  it("reads inside a transaction, and answers nothing with nothing", async () => {
    const inTx = await db.$transaction((tx) =>
      loadCitedMaterial(tx, fx.t.ws, { eventIds: [fx.events.late], sourceIds: [] }, PUBLISHED_VIEW),
    );
    expect(inTx.material.events[0]!.rating).toBe("B2");
    expect(await loadCitedMaterial(db, fx.t.ws, { eventIds: [], sourceIds: [] }, PUBLISHED_VIEW)).toEqual({
      material: { events: [], sources: [] },
      problems: [],
    });
  });
});
