import { describe, expect, it } from "vitest";
import { db } from "../../server/db/client.ts";
import { CONTEXT_CHARS } from "../../server/services/citation/index.ts";
import { curationTeam, eventInput, outcome, passage, publish, refusal, type CurationTeam } from "./curation.ts";

/**
 * Citing passages of whole articles, whichever articles they are: the
 * fixtures (tests/integration/citations.test.ts) or the real ones when they
 * are at hand (tests/seeds/citations.test.ts).
 */
export type CitedArticles = {
  /** A news report with a quoted official. */
  report: {
    title: string;
    text: string;
    /** The official's words, the note an analyst adds, and the event they support. */
    quote: string;
    note: string;
    eventTitle: string;
    /** Two more short passages, each found once. */
    aside: string;
    other: string;
  };
  /** A report built on another outlet's interview with a spokesman. */
  derived: {
    title: string;
    text: string;
    /** The spokesman named, and the same words with one letter changed. */
    spokesman: string;
    misspelt: string;
    /** A denial, and the event an analyst makes of it. */
    denial: string;
    denialEvent: { title: string; date: { year: number; month: number }; dateText: string };
  };
  /** An article with Persian passages: one to quote, and how the Persian text just before it ends. */
  persian: { title: string; text: string; quote: string; contextEnd: string };
};

export async function addSource(
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

export async function addEvent(t: CurationTeam, title = "Taliban office in Mashhad") {
  return t.analyst.event.create({ workspaceId: t.ws, ...eventInput(title, { year: 2016 }) });
}

export function citationChecks({ report, derived, persian }: CitedArticles) {
  describe("citing a passage", () => {
    it("stores the quote with its offsets and the context either side", async () => {
      const t = await curationTeam();
      const source = await addSource(t, report.title, report.text);
      const event = await addEvent(t, report.eventTitle);
      const p = passage(source.text, report.quote);
      const c = await t.analyst.citation.create({
        eventId: event.id,
        sourceId: source.id,
        stance: "SUPPORTS",
        note: report.note,
        ...p,
      });
      expect(c).toMatchObject({ stance: "SUPPORTS", quote: p.quote, source: { title: report.title } });

      const row = await db.citation.findUniqueOrThrow({ where: { id: c.id } });
      expect(row).toMatchObject({
        startOffset: p.startOffset,
        endOffset: p.endOffset,
        quote: p.quote,
        note: report.note,
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
          note: report.note,
          source: { id: source.id, title: report.title },
          createdBy: { name: "Analyst" },
        },
      ]);
      expect((await t.analyst.event.get({ eventId: event.id })).citationCount).toBe(1);
    });

    it("refuses offsets that do not point at exactly the quoted words", async () => {
      const t = await curationTeam();
      const source = await addSource(t, derived.title, derived.text);
      const event = await addEvent(t);
      const p = passage(source.text, derived.spokesman);
      const cite = (over: object) =>
        t.analyst.citation.create({ eventId: event.id, sourceId: source.id, stance: "SUPPORTS", ...p, ...over });

      for (const wrong of [
        { startOffset: p.startOffset + 1 },
        { endOffset: p.endOffset - 1 },
        { quote: derived.misspelt },
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

    it("cites a Persian passage by its offsets", async () => {
      const t = await curationTeam();
      const source = await addSource(t, persian.title, persian.text);
      const event = await addEvent(t);
      const p = passage(source.text, persian.quote);
      const c = await t.analyst.citation.create({ eventId: event.id, sourceId: source.id, stance: "SUPPORTS", ...p });
      const row = await db.citation.findUniqueOrThrow({ where: { id: c.id } });
      expect(row.quote).toBe(persian.quote);
      expect(source.text.slice(row.startOffset, row.endOffset)).toBe(row.quote);
      expect(row.contextBefore.endsWith(persian.contextEnd)).toBe(true);
      // The reader highlights it at the same offsets.
      expect((await t.analyst.source.get({ sourceId: source.id })).citations).toMatchObject([
        { id: c.id, startOffset: p.startOffset, endOffset: p.endOffset, quote: p.quote },
      ]);
    });
  });

  describe("citing on a new event", () => {
    it("creates a draft event and the citation together, with both in the event's history", async () => {
      const t = await curationTeam();
      const source = await addSource(t, derived.title, derived.text);
      const p = passage(source.text, derived.denial);
      const r = await t.analyst.citation.createWithEvent({
        sourceId: source.id,
        stance: "SUPPORTS",
        ...p,
        event: eventInput(derived.denialEvent.title, derived.denialEvent.date),
      });
      expect(r.event).toMatchObject({
        title: derived.denialEvent.title,
        status: "DRAFT",
        dateText: derived.denialEvent.dateText,
      });
      expect(r.citation.quote).toBe(p.quote);
      expect((await t.analyst.citation.forEvent({ eventId: r.event.id })).citations.map((c) => c.id)).toEqual([
        r.citation.id,
      ]);
      expect(
        (await t.analyst.history.list({ targetType: "event", targetId: r.event.id })).map((h) => h.action),
      ).toEqual(["created", "citation_added"]);
    });

    it("leaves no event, revision or audit row behind when the citation is refused", async () => {
      const t = await curationTeam();
      const source = await addSource(t, derived.title, derived.text);
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
      const foreignEntity = await t.outsider.entity.create({
        workspaceId: t.other.id,
        kind: "PLACE",
        name: "Elsewhere",
      });
      const p = passage(source.text, derived.spokesman);
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
      const source = await addSource(t, report.title, report.text);
      const event = await addEvent(t);
      const c = await t.analyst.citation.create({
        eventId: event.id,
        sourceId: source.id,
        stance: "MENTIONS",
        ...passage(source.text, report.aside),
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
        sourceTitle: report.title,
        quote: report.aside,
        stance: "MENTIONS",
      });
    });
  });

  describe("what viewers see", () => {
    it("shows citations on published events only, in the event and in the source", async () => {
      const t = await curationTeam();
      const source = await addSource(t, report.title, report.text);
      const published = await addEvent(t, "Published event");
      const draft = await addEvent(t, "Draft event");
      await t.analyst.citation.create({
        eventId: published.id,
        sourceId: source.id,
        stance: "SUPPORTS",
        ...passage(source.text, report.other),
      });
      await t.analyst.citation.create({
        eventId: draft.id,
        sourceId: source.id,
        stance: "SUPPORTS",
        ...passage(source.text, report.aside),
      });
      await publish(t, published.id);

      expect((await t.viewer.citation.forEvent({ eventId: published.id })).citations.map((c) => c.quote)).toEqual([
        report.other,
      ]);
      expect((await t.viewer.citation.forEvent({ eventId: published.id })).canCite).toBe(false);
      expect(await outcome(t.viewer.citation.forEvent({ eventId: draft.id }))).toBe("NOT_FOUND");
      expect(
        (await t.viewer.source.get({ sourceId: source.id })).citations.map((c) => [c.quote, c.event.title]),
      ).toEqual([[report.other, "Published event"]]);
      expect((await t.analyst.source.get({ sourceId: source.id })).citations.map((c) => c.quote).sort()).toEqual(
        [report.aside, report.other].sort(),
      );
      expect(await outcome(t.outsider.citation.forEvent({ eventId: published.id }))).toBe("NOT_FOUND");
    });

    it("hides the citations of an event in the trash from everyone but admins", async () => {
      const t = await curationTeam();
      const source = await addSource(t, report.title, report.text);
      const event = await addEvent(t);
      await t.analyst.citation.create({
        eventId: event.id,
        sourceId: source.id,
        stance: "SUPPORTS",
        ...passage(source.text, report.other),
      });
      await publish(t, event.id);
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
            ...passage(source.text, report.aside),
          }),
        ),
      ).toBe("NOT_FOUND");
    });
  });
}
