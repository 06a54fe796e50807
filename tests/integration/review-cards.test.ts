import { describe, expect, it } from "vitest";
import { curationTeam, eventInput, passage, type CurationTeam } from "../helpers/curation.ts";

/**
 * What a reviewer reads without leaving the queue or the event: each card's
 * cited passages with stance, source, publisher and the source's reliability,
 * the independent-origin count; changes named by entity, place, tag and
 * quote (in the queue, the proposal box and the history); briefings numbered
 * by publication, not by save.
 */

async function source(t: CurationTeam, title: string, publisherName: string, derivedFromId?: string) {
  const text = `${title}: envoys of the Taliban met Iranian officials in Mashhad, two officials said.`;
  const r = await t.analyst.source.create({
    workspaceId: t.ws,
    kind: "NEWS_REPORT",
    title,
    text,
    publisherName,
    derivedFromId,
  });
  if (r.status !== "created") throw new Error("expected a new source");
  return { id: r.source.id, text };
}

async function cite(
  t: CurationTeam,
  eventId: string,
  s: { id: string; text: string },
  stance: "SUPPORTS" | "CONTRADICTS" = "SUPPORTS",
) {
  await t.analyst.citation.create({
    eventId,
    sourceId: s.id,
    stance,
    ...passage(s.text, "envoys of the Taliban met Iranian officials"),
  });
}

describe("review queue cards", () => {
  it("carry every cited passage with its stance, source and reliability, and count independent origins", async () => {
    const t = await curationTeam();
    const e = await t.analyst.event.create({
      workspaceId: t.ws,
      ...eventInput("Envoys meet in Mashhad", { year: 2015 }),
    });
    const wire = await source(t, "Envoys in Mashhad", "Frontier Wire");
    const copy = await source(t, "Envoys in Mashhad, again", "Frontier Wire");
    const daily = await source(t, "A meeting in the east", "Eastern Daily");
    const derived = await source(t, "As the wire reported", "Weekly Digest", daily.id);
    const denial = await source(t, "No meeting took place", "Official Gazette");
    for (const s of [wire, copy, daily, derived]) await cite(t, e.id, s);
    await cite(t, e.id, denial, "CONTRADICTS");
    await t.analyst.review.submit({ eventId: e.id });

    const [item] = (await t.reviewer.review.queue({ workspaceId: t.ws })).items;
    expect(item!.evidence.citations).toHaveLength(5);
    // Four supporting sources; two share a publisher and one is derived from another: two origins.
    expect(item!.evidence.supportingSources).toBe(4);
    expect(item!.evidence.independentOrigins).toBe(2);
    const against = item!.evidence.citations.find((c) => c.stance === "CONTRADICTS")!;
    expect(against).toMatchObject({
      quote: "envoys of the Taliban met Iranian officials",
      proposed: null,
      source: { title: "No meeting took place", publisher: "Official Gazette" },
    });
    // No votes yet on the publisher: a reliability with no grade, not hidden.
    expect(against.source.reliability).toEqual({ grade: null, hidden: false, contested: false });
    // A generous bound, not a speed check: five sources and five citations on a shared machine.
  }, 180_000);
});

describe("changes are named", () => {
  it("in the proposal box (every proposed field, the added place too), the queue and the history", async () => {
    const t = await curationTeam();
    const agha = await t.analyst.entity.create({ workspaceId: t.ws, kind: "PERSON", name: "Tayyab Agha" });
    const zahedan = await t.analyst.entity.create({ workspaceId: t.ws, kind: "PLACE", name: "Zahedan" });
    const e = await t.analyst.event.create({
      workspaceId: t.ws,
      ...eventInput(
        "Envoys meet",
        { year: 2015 },
        { tags: ["talks"], entities: [{ entityId: agha.id, role: "ACTOR" }] },
      ),
    });
    const { round } = await t.analyst.review.submit({ eventId: e.id });
    await t.reviewer.review.decide({ eventId: e.id, round, decision: "APPROVE" });

    const f = await t.analyst.event.getForEdit({ eventId: e.id });
    await t.analyst.event.update({
      eventId: e.id,
      version: f.version,
      title: f.title,
      summary: f.summary,
      date: f.date,
      tags: ["talks", "border"],
      entities: [{ entityId: zahedan.id, role: "PLACE", placePrecision: "CITY" }],
    });
    const wire = await source(t, "Envoys in Zahedan", "Frontier Wire");
    await cite(t, e.id, wire);
    await t.analyst.review.submit({ eventId: e.id });

    const expected = [
      { kind: "set", field: "entities", added: [], removed: ["Tayyab Agha (actor)"], kept: [] },
      { kind: "set", field: "places", added: ["Zahedan (city)"], removed: [], kept: [] },
      { kind: "set", field: "tags", added: ["border"], removed: [], kept: ["talks"] },
      {
        kind: "citations",
        field: "citations",
        added: [
          {
            sourceTitle: "Envoys in Zahedan",
            stance: "SUPPORTS",
            quote: "envoys of the Taliban met Iranian officials",
          },
        ],
        removed: [],
      },
    ];
    const state = await t.reviewer.review.state({ eventId: e.id });
    expect(state.proposal!.changes).toEqual(expected);
    const [item] = (await t.reviewer.review.queue({ workspaceId: t.ws })).items;
    expect(item!.changes).toEqual(expected);
    // The proposed citation is on the card, marked as proposed.
    expect(item!.evidence.citations).toMatchObject([{ proposed: "add", source: { title: "Envoys in Zahedan" } }]);

    // The history names the linked entities of each version.
    const history = await t.reviewer.history.list({ targetType: "event", targetId: e.id });
    const names = history.flatMap((r) =>
      ((r.snapshot as { entities?: { name?: string }[] }).entities ?? []).map((x) => x.name),
    );
    expect(names).toContain("Tayyab Agha");
    expect(names).toContain("Zahedan");
  });
});

describe("briefing version numbers", () => {
  it("count publications, not saves: published twice after many saves reads version 2", async () => {
    const t = await curationTeam();
    const b = await t.analyst.briefing.create({ workspaceId: t.ws, title: "Where the talks stand" });
    let version = b.version;
    for (const body of ["One.", "One. Two.", "One. Two. Three."])
      version = (await t.analyst.briefing.update({ id: b.id, version, body })).version;
    expect((await t.analyst.briefing.get({ id: b.id })).versionNumber).toBe(1);
    let { round } = await t.analyst.briefing.submit({ id: b.id, version });
    expect((await t.reviewer.briefing.queue({ workspaceId: t.ws })).items[0]).toMatchObject({ edition: 1, round });
    await t.reviewer.briefing.decide({ id: b.id, round, decision: "APPROVE" });
    const first = await t.viewer.briefing.get({ id: b.id });
    expect(first.published).toMatchObject({ number: 1 });

    // An afternoon of autosaves, then a second publication.
    for (const body of ["A.", "A. B.", "A. B. C.", "A. B. C. D.", "A. B. C. D. E."])
      version = (await t.analyst.briefing.update({ id: b.id, version, body })).version;
    const working = await t.analyst.briefing.get({ id: b.id });
    expect(working.versionNumber).toBe(2);
    expect(working.published).toMatchObject({ number: 1 });
    ({ round } = await t.analyst.briefing.submit({ id: b.id, version }));
    expect((await t.reviewer.briefing.queue({ workspaceId: t.ws })).items[0]).toMatchObject({ edition: 2 });
    await t.reviewer.briefing.decide({ id: b.id, round, decision: "APPROVE" });
    const second = await t.viewer.briefing.get({ id: b.id });
    expect(second.published).toMatchObject({ number: 2 });
    expect(second.versionNumber).toBe(2);
    expect(version).toBeGreaterThan(5);
    // The diff names publications by their number and saves as saves.
    const diff = await t.analyst.briefing.diff({ id: b.id, from: "published", to: "working" });
    expect(diff.from.label).toBe("Published version 2");
  });
});
