import { describe, expect, it } from "vitest";
import { db } from "../../server/db/client.ts";
import { CONTEXT_CHARS } from "../../server/services/citation/index.ts";
import {
  curationTeam,
  eventInput,
  outcome,
  passage,
  publish,
  refusal,
  SEEDS,
  seedText,
  type CurationTeam,
} from "../helpers/curation.ts";

/**
 * Citations: a passage of a source's stored text, located by offsets and
 * checked word for word, on an event; grouped per event with the number of
 * supporting sources and of independent origins behind them.
 */

async function addSource(
  t: CurationTeam,
  title: string,
  text: string,
  more: { publisherName?: string; derivedFromId?: string; workspaceId?: string } = {},
) {
  const caller = more.workspaceId ? t.outsider : t.analyst;
  const r = await caller.source.create({ workspaceId: t.ws, kind: "NEWS_REPORT", title, text, ...more });
  if (r.status !== "created") throw new Error(`expected a new source, got a duplicate of ${r.existing.title}`);
  const stored = await caller.source.get({ sourceId: r.source.id });
  return { id: r.source.id, text: stored.text };
}

async function addEvent(t: CurationTeam, title = "Taliban office in Mashhad") {
  return t.analyst.event.create({ workspaceId: t.ws, ...eventInput(title, { year: 2016 }) });
}

describe("citing a passage", () => {
  it("stores the quote with its offsets and the context either side", async () => {
    const t = await curationTeam();
    const source = await addSource(t, "Reuters", seedText(SEEDS.reuters));
    const event = await addEvent(t, "Germany: Iran talks to the Taliban");
    const p = passage(source.text, "I certainly believe the Iranians are conducting talks with the Taliban");
    const c = await t.analyst.citation.create({
      eventId: event.id,
      sourceId: source.id,
      stance: "SUPPORTS",
      note: "Hanning to Reuters",
      ...p,
    });
    expect(c).toMatchObject({ stance: "SUPPORTS", quote: p.quote, source: { title: "Reuters" } });

    const row = await db.citation.findUniqueOrThrow({ where: { id: c.id } });
    expect(row).toMatchObject({
      startOffset: p.startOffset,
      endOffset: p.endOffset,
      quote: p.quote,
      note: "Hanning to Reuters",
      workspaceId: t.ws,
    });
    expect(row.contextBefore).toBe(source.text.slice(p.startOffset - CONTEXT_CHARS, p.startOffset));
    expect(row.contextAfter).toBe(source.text.slice(p.endOffset, p.endOffset + CONTEXT_CHARS));

    const listed = await t.analyst.citation.forEvent({ eventId: event.id });
    expect(listed).toMatchObject({ supportingSources: 1, independentOrigins: 1, canCite: true });
    expect(listed.citations).toMatchObject([
      {
        id: c.id,
        quote: p.quote,
        note: "Hanning to Reuters",
        source: { id: source.id, title: "Reuters" },
        createdBy: { name: "Analyst" },
      },
    ]);
    expect((await t.analyst.event.get({ eventId: event.id })).citationCount).toBe(1);
  });

  it("refuses offsets that do not point at exactly the quoted words", async () => {
    const t = await curationTeam();
    const source = await addSource(t, "Asharq", seedText(SEEDS.asharq));
    const event = await addEvent(t);
    const p = passage(source.text, "Zabihullah Mujahid, the Taliban spokesman");
    const cite = (over: object) =>
      t.analyst.citation.create({ eventId: event.id, sourceId: source.id, stance: "SUPPORTS", ...p, ...over });

    for (const wrong of [
      { startOffset: p.startOffset + 1 },
      { endOffset: p.endOffset - 1 },
      { quote: "Zabihullah Mujahid, the Taliban spokesmen" },
      { startOffset: source.text.length, endOffset: source.text.length + p.quote.length },
    ]) {
      expect((await refusal(cite(wrong))).code, JSON.stringify(wrong)).toBe("BAD_REQUEST");
    }
    // Only spaces selected.
    const gap = source.text.indexOf("  ") >= 0 ? source.text.indexOf("  ") : source.text.indexOf(" ");
    const spaces = source.text.slice(gap, gap + 1);
    expect(await outcome(cite({ startOffset: gap, endOffset: gap + 1, quote: spaces }))).toBe("BAD_REQUEST");
    // Backwards offsets are refused by the schema, on the field.
    expect((await refusal(cite({ startOffset: 10, endOffset: 5 }))).fieldErrors).toEqual({
      endOffset: "Select a passage first",
    });
    expect(await db.citation.count({ where: { workspaceId: t.ws } })).toBe(0);
  });

  it("refuses the same passage twice on one event, but not the same words elsewhere in the text or on another event", async () => {
    const t = await curationTeam();
    const text = "The Taliban met Iranian officials. Later, the Taliban met Iranian officials again.";
    const source = await addSource(t, "Repeated", text);
    const event = await addEvent(t);
    const first = passage(text, "The Taliban met Iranian officials");
    await t.analyst.citation.create({ eventId: event.id, sourceId: source.id, stance: "SUPPORTS", ...first });
    const again = await refusal(
      t.reviewer.citation.create({ eventId: event.id, sourceId: source.id, stance: "MENTIONS", ...first }),
    );
    expect(again.code).toBe("CONFLICT");

    const second = passage(text, "Taliban met Iranian officials", first.endOffset);
    expect(
      await outcome(
        t.analyst.citation.create({ eventId: event.id, sourceId: source.id, stance: "SUPPORTS", ...second }),
      ),
    ).toBe("ok");
    const other = await addEvent(t, "Another event");
    expect(
      await outcome(
        t.analyst.citation.create({ eventId: other.id, sourceId: source.id, stance: "SUPPORTS", ...first }),
      ),
    ).toBe("ok");
    expect(await db.citation.count({ where: { eventId: event.id } })).toBe(2);
  });

  it("cites a Persian passage from a seed by its offsets", async () => {
    const t = await curationTeam();
    const source = await addSource(t, "Love-hate relationship: Taliban & Iran", seedText(SEEDS.timeline));
    const event = await addEvent(t);
    const p = passage(source.text, "ظاهرا دفتر طالبان در مشهد بوده");
    const c = await t.analyst.citation.create({ eventId: event.id, sourceId: source.id, stance: "SUPPORTS", ...p });
    const row = await db.citation.findUniqueOrThrow({ where: { id: c.id } });
    expect(row.quote).toBe("ظاهرا دفتر طالبان در مشهد بوده");
    expect(source.text.slice(row.startOffset, row.endOffset)).toBe(row.quote);
    expect(row.contextBefore.endsWith("روابط دارند. ")).toBe(true);
    // The reader highlights it at the same offsets.
    expect((await t.analyst.source.get({ sourceId: source.id })).citations).toMatchObject([
      { id: c.id, startOffset: p.startOffset, endOffset: p.endOffset, quote: p.quote },
    ]);
  });

  it("cites only within one workspace, and never tells an outsider whether a passage matches", async () => {
    const t = await curationTeam();
    const source = await addSource(t, "Ours", "Our source text, which outsiders must not probe.");
    const event = await addEvent(t);
    const theirs = await addSource(t, "Theirs", "Their source text.", { workspaceId: t.other.id });
    const right = passage(source.text, "Our source text");
    const wrong = { startOffset: 0, endOffset: 5, quote: "Guess" };

    // An outsider learns nothing: a right and a wrong guess both look like a missing source.
    expect(
      await outcome(
        t.outsider.citation.create({ eventId: event.id, sourceId: source.id, stance: "SUPPORTS", ...right }),
      ),
    ).toBe("NOT_FOUND");
    expect(
      await outcome(
        t.outsider.citation.create({ eventId: event.id, sourceId: source.id, stance: "SUPPORTS", ...wrong }),
      ),
    ).toBe("NOT_FOUND");
    expect(
      await outcome(
        t.outsider.citation.createWithEvent({
          sourceId: source.id,
          stance: "SUPPORTS",
          ...wrong,
          event: eventInput("Probe"),
        }),
      ),
    ).toBe("NOT_FOUND");
    expect(
      await outcome(t.viewer.citation.create({ eventId: event.id, sourceId: source.id, stance: "SUPPORTS", ...wrong })),
    ).toBe("FORBIDDEN");
    // A source of another workspace cannot be cited on our event.
    expect(
      await outcome(
        t.analyst.citation.create({
          eventId: event.id,
          sourceId: theirs.id,
          stance: "SUPPORTS",
          ...passage(theirs.text, "Their"),
        }),
      ),
    ).toBe("NOT_FOUND");
    expect(await db.citation.count({ where: { workspaceId: { in: [t.ws, t.other.id] } } })).toBe(0);
  });
});

describe("citing on a new event", () => {
  it("creates a draft event and the citation together, with both in the event's history", async () => {
    const t = await curationTeam();
    const source = await addSource(t, "Asharq", seedText(SEEDS.asharq));
    const p = passage(source.text, "he denied reports that the Taliban has appointed a representative in Iran");
    const r = await t.analyst.citation.createWithEvent({
      sourceId: source.id,
      stance: "SUPPORTS",
      ...p,
      event: eventInput("Taliban deny a representative in Iran", { year: 2015, month: 4 }),
    });
    expect(r.event).toMatchObject({
      title: "Taliban deny a representative in Iran",
      status: "DRAFT",
      dateText: "April 2015",
    });
    expect(r.citation.quote).toBe(p.quote);
    expect((await t.analyst.citation.forEvent({ eventId: r.event.id })).citations.map((c) => c.id)).toEqual([
      r.citation.id,
    ]);
    expect((await t.analyst.history.list({ targetType: "event", targetId: r.event.id })).map((h) => h.action)).toEqual([
      "created",
      "citation_added",
    ]);
  });

  it("leaves no event, revision or audit row behind when the citation is refused", async () => {
    const t = await curationTeam();
    const source = await addSource(t, "Asharq", seedText(SEEDS.asharq));
    const before = {
      events: await db.event.count({ where: { workspaceId: t.ws } }),
      revisions: await db.revision.count({ where: { workspaceId: t.ws } }),
      audit: await db.auditLog.count({ where: { workspaceId: t.ws } }),
    };
    const mismatch = { startOffset: 0, endOffset: 6, quote: "Not it" };
    expect(
      await outcome(
        t.analyst.citation.createWithEvent({
          sourceId: source.id,
          stance: "SUPPORTS",
          ...mismatch,
          event: eventInput("Orphan"),
        }),
      ),
    ).toBe("BAD_REQUEST");
    const foreignEntity = await t.outsider.entity.create({ workspaceId: t.other.id, kind: "PLACE", name: "Elsewhere" });
    const p = passage(source.text, "Zabihullah Mujahid");
    expect(
      await outcome(
        t.analyst.citation.createWithEvent({
          sourceId: source.id,
          stance: "SUPPORTS",
          ...p,
          event: eventInput("Orphan", { year: 2015 }, { entities: [{ entityId: foreignEntity.id, role: "PLACE" }] }),
        }),
      ),
    ).toBe("BAD_REQUEST");
    expect(
      await outcome(
        t.viewer.citation.createWithEvent({
          sourceId: source.id,
          stance: "SUPPORTS",
          ...p,
          event: eventInput("Orphan"),
        }),
      ),
    ).toBe("FORBIDDEN");
    expect({
      events: await db.event.count({ where: { workspaceId: t.ws } }),
      revisions: await db.revision.count({ where: { workspaceId: t.ws } }),
      audit: await db.auditLog.count({ where: { workspaceId: t.ws } }),
    }).toEqual(before);
  });
});

describe("removing a citation", () => {
  it("removes it and records the removal; viewers cannot", async () => {
    const t = await curationTeam();
    const source = await addSource(t, "Reuters", seedText(SEEDS.reuters));
    const event = await addEvent(t);
    const c = await t.analyst.citation.create({
      eventId: event.id,
      sourceId: source.id,
      stance: "MENTIONS",
      ...passage(source.text, "bargaining chip"),
    });
    expect(await outcome(t.viewer.citation.delete({ citationId: c.id }))).toBe("FORBIDDEN");
    expect(await outcome(t.outsider.citation.delete({ citationId: c.id }))).toBe("NOT_FOUND");
    expect(await t.reviewer.citation.delete({ citationId: c.id })).toEqual({ ok: true, proposed: false });
    expect(await outcome(t.reviewer.citation.delete({ citationId: c.id }))).toBe("NOT_FOUND");
    expect((await t.analyst.citation.forEvent({ eventId: event.id })).citations).toEqual([]);
    const history = await t.analyst.history.list({ targetType: "event", targetId: event.id });
    expect(history.map((h) => [h.action, h.actor.name])).toEqual([
      ["created", "Analyst"],
      ["citation_added", "Analyst"],
      ["citation_removed", "Reviewer"],
    ]);
    expect(history[2]!.snapshot).toMatchObject({
      citationId: c.id,
      sourceTitle: "Reuters",
      quote: "bargaining chip",
      stance: "MENTIONS",
    });
  });
});

describe("independent origins", () => {
  async function originsOf(
    t: CurationTeam,
    sources: { id: string; text: string }[],
    stances: ("SUPPORTS" | "CONTRADICTS" | "MENTIONS")[] = [],
  ) {
    const event = await addEvent(t, `Event ${Math.random()}`);
    for (const [i, s] of sources.entries()) {
      await t.analyst.citation.create({
        eventId: event.id,
        sourceId: s.id,
        stance: stances[i] ?? "SUPPORTS",
        ...passage(s.text, s.text.slice(0, 10)),
      });
    }
    const r = await t.analyst.citation.forEvent({ eventId: event.id });
    return { sources: r.supportingSources, origins: r.independentOrigins };
  }

  it("counts sources of one publisher as one origin, and different publishers as several", async () => {
    const t = await curationTeam();
    const a = await addSource(t, "Tasnim 1", "Tasnim reports a delegation.", { publisherName: "Tasnim News" });
    const b = await addSource(t, "Tasnim 2", "Tasnim reports it again.", { publisherName: "tasnim news" });
    const c = await addSource(t, "BBC Persian", "BBC Persian reports the same visit.", {
      publisherName: "BBC Persian",
    });
    expect(await originsOf(t, [a, b])).toEqual({ sources: 2, origins: 1 });
    expect(await originsOf(t, [a, c])).toEqual({ sources: 2, origins: 2 });
    expect(await originsOf(t, [a, b, c])).toEqual({ sources: 3, origins: 2 });
  });

  it("counts a wire copy with the story it was derived from as one origin, along the whole chain", async () => {
    const t = await curationTeam();
    const wire = await addSource(t, "Reuters wire", "Wire: Iran talks to the Taliban.", { publisherName: "Reuters" });
    const copy = await addSource(t, "Paper copy", "Paper: Iran talks to the Taliban.", {
      publisherName: "Daily Paper",
      derivedFromId: wire.id,
    });
    const copyOfCopy = await addSource(t, "Blog copy", "Blog: Iran talks to the Taliban.", { derivedFromId: copy.id });
    const other = await addSource(t, "Own reporting", "Our reporter saw the talks.", {
      publisherName: "Asharq Al-Awsat",
    });
    expect(await originsOf(t, [wire, copy])).toEqual({ sources: 2, origins: 1 });
    // The chain is followed even when the original itself is not cited.
    expect(await originsOf(t, [copy, copyOfCopy])).toEqual({ sources: 2, origins: 1 });
    expect(await originsOf(t, [copyOfCopy, other])).toEqual({ sources: 2, origins: 2 });
  });

  it("counts sources without a publisher each on their own, and only supporting citations", async () => {
    const t = await curationTeam();
    const a = await addSource(t, "Post 1", "An anonymous post.");
    const b = await addSource(t, "Post 2", "Another anonymous post.");
    const c = await addSource(t, "Post 3", "A third anonymous post.");
    expect(await originsOf(t, [a, b])).toEqual({ sources: 2, origins: 2 });
    expect(await originsOf(t, [a, b, c], ["SUPPORTS", "CONTRADICTS", "MENTIONS"])).toEqual({ sources: 1, origins: 1 });
  });
});

describe("what viewers see", () => {
  it("shows citations on published events only, in the event and in the source", async () => {
    const t = await curationTeam();
    const source = await addSource(t, "Reuters", seedText(SEEDS.reuters));
    const published = await addEvent(t, "Published event");
    const draft = await addEvent(t, "Draft event");
    await t.analyst.citation.create({
      eventId: published.id,
      sourceId: source.id,
      stance: "SUPPORTS",
      ...passage(source.text, "very ambivalent"),
    });
    await t.analyst.citation.create({
      eventId: draft.id,
      sourceId: source.id,
      stance: "SUPPORTS",
      ...passage(source.text, "bargaining chip"),
    });
    await publish(published.id);

    expect((await t.viewer.citation.forEvent({ eventId: published.id })).citations.map((c) => c.quote)).toEqual([
      "very ambivalent",
    ]);
    expect((await t.viewer.citation.forEvent({ eventId: published.id })).canCite).toBe(false);
    expect(await outcome(t.viewer.citation.forEvent({ eventId: draft.id }))).toBe("NOT_FOUND");
    expect((await t.viewer.source.get({ sourceId: source.id })).citations.map((c) => [c.quote, c.event.title])).toEqual(
      [["very ambivalent", "Published event"]],
    );
    expect((await t.analyst.source.get({ sourceId: source.id })).citations.map((c) => c.quote).sort()).toEqual([
      "bargaining chip",
      "very ambivalent",
    ]);
    expect(await outcome(t.outsider.citation.forEvent({ eventId: published.id }))).toBe("NOT_FOUND");
  });

  it("hides the citations of an event in the trash from everyone but admins", async () => {
    const t = await curationTeam();
    const source = await addSource(t, "Reuters", seedText(SEEDS.reuters));
    const event = await addEvent(t);
    await t.analyst.citation.create({
      eventId: event.id,
      sourceId: source.id,
      stance: "SUPPORTS",
      ...passage(source.text, "very ambivalent"),
    });
    await publish(event.id);
    // A published event goes to the trash by a reviewer's or an admin's hand.
    await t.reviewer.event.delete({ eventId: event.id, version: 1 });
    expect(await outcome(t.viewer.citation.forEvent({ eventId: event.id }))).toBe("NOT_FOUND");
    expect(await outcome(t.analyst.citation.forEvent({ eventId: event.id }))).toBe("NOT_FOUND");
    expect((await t.admin.citation.forEvent({ eventId: event.id })).citations).toHaveLength(1);
    expect((await t.analyst.source.get({ sourceId: source.id })).citations).toEqual([]);
    // Nothing can be cited on it while it is there.
    expect(
      await outcome(
        t.analyst.citation.create({
          eventId: event.id,
          sourceId: source.id,
          stance: "SUPPORTS",
          ...passage(source.text, "bargaining chip"),
        }),
      ),
    ).toBe("NOT_FOUND");
  });
});
