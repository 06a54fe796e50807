import { describe, expect, it } from "vitest";
import { db } from "../../server/db/client.ts";
import { addEvent, addSource, citationChecks } from "../helpers/citation-checks.ts";
import { curationTeam, eventInput, outcome, passage, refusal, type CurationTeam } from "../helpers/curation.ts";
import { FIXTURES, readFixture } from "../helpers/fixtures.ts";

/**
 * Citations: a passage of a source's stored text, located by offsets and
 * checked word for word, on an event; grouped per event with the number of
 * supporting sources and of independent origins behind them.
 */

// tests/seeds/citations.test.ts runs the same checks on the real articles.
citationChecks({
  report: {
    title: "Northgate",
    text: readFixture(FIXTURES.wire),
    quote: "I have no doubt that Tehran talks to the Taliban",
    note: "Denning to Northgate",
    eventTitle: "European official: Iran talks to the Taliban",
    aside: "like coins in a drawer",
    other: "small change",
  },
  derived: {
    title: "Gulf Monitor",
    text: readFixture(FIXTURES.derived),
    spokesman: "Abdul Qadir Sahil, who speaks on behalf of the movement’s office in Doha",
    misspelt: "Abdul Qadir Sahil, who speaks on behalf of the movement’s office in Doja",
    denial: "He denied, however, that the movement had named a permanent envoy in Tehran.",
    denialEvent: {
      title: "Taliban deny a permanent envoy in Tehran",
      date: { year: 2017, month: 4 },
      dateText: "April 2017",
    },
  },
  persian: {
    title: "Old enemies, useful friends: Iran & the Taliban",
    text: readFixture(FIXTURES.dossier),
    quote: "آب هیرمند و بازگشت پناهجویان",
    contextEnd: "گفت\u200Cوگو درباره ",
  },
});

describe("citing a passage", () => {
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
