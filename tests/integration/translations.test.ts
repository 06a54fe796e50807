import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../server/db/client.ts";
import { renderExport } from "../../server/export/export-file.ts";
import type { ExportQuery } from "../../server/schemas/briefing-procedures.ts";
import { loadBriefingForExport } from "../../server/services/briefing/index.ts";
import { callerFor } from "../helpers/caller.ts";
import {
  curationTeam,
  eventInput,
  outcome,
  passage,
  publish,
  refusal,
  type CurationTeam,
} from "../helpers/curation.ts";
import { addMember, makeUser } from "../helpers/factories.ts";
import { pdfPages, plain } from "../helpers/pdf-text.ts";

/**
 * Quotes keep the passage as the source has it and a translation beside it:
 * who made it (a member, or a machine named by whoever pasted it), whether a
 * second member checked it, found by search in either language, and printed
 * in exports as each briefing chooses (original, translation or both).
 */

// Written for this test: a Persian sentence and an English rendering of it.
const ORIGINAL = "وزیر خارجه گفت که مذاکرات در کابل ادامه خواهد یافت";
const PERSIAN_WORD = "مذاکرات";
const TRANSLATION = "The foreign minister said the negotiations would continue in Kabul.";
const ENGLISH_ONLY = "negotiations";

type Caller = CurationTeam["analyst"];
let t: CurationTeam;
let second: { id: string; caller: Caller };
let eventId: string;
let sourceId: string;

/** A fresh citation of the Persian passage on a new draft event. */
async function newCitation(title: string) {
  const ev = await t.analyst.event.create({ workspaceId: t.ws, ...eventInput(title, { year: 2021, month: 8 }) });
  const src = await t.analyst.source.get({ sourceId });
  await t.analyst.citation.create({ eventId: ev.id, sourceId, stance: "SUPPORTS", ...passage(src.text, ORIGINAL) });
  const { citations } = await t.analyst.citation.forEvent({ eventId: ev.id });
  return { eventId: ev.id, citation: citations[0]! };
}

const machine = (engine = "Engine Nine") => ({ kind: "MACHINE" as const, engine });

beforeAll(async () => {
  t = await curationTeam();
  const user = await makeUser({ name: "Bo" });
  await addMember(t.ws, user.id, "ANALYST");
  second = { id: user.id, caller: (await callerFor(user.id)).caller };
  const text = `Press conference, Tehran. ${ORIGINAL}. Nothing more was said.`;
  const src = await t.analyst.source.create({
    workspaceId: t.ws,
    kind: "NEWS_REPORT",
    title: "Statement on the Kabul talks",
    text,
    language: "fa",
    pubDate: { year: 2021, month: 8, day: 3 },
  });
  if (src.status !== "created") throw new Error("expected a new source");
  sourceId = src.source.id;
  eventId = (await newCitation("Talks to continue in Kabul")).eventId;
});

describe("saving a translation", () => {
  it("keeps the original and the translation, with who translated it, and audits the change", async () => {
    const { citation } = await newCitation("Pair saved");
    expect(citation.translation).toMatchObject({ version: 1, text: null, checkedBy: null });
    const saved = await t.analyst.citation.setTranslation({
      citationId: citation.id,
      version: 1,
      translation: {
        text: `  ${TRANSLATION} `,
        language: "EN",
        translator: { kind: "MEMBER", userId: t.users.analyst.id },
      },
    });
    expect(saved).toEqual({ version: 2 });
    const listed = (await t.analyst.citation.forEvent({ eventId: (await citationEvent(citation.id)).eventId }))
      .citations[0]!;
    expect(listed.quote).toBe(ORIGINAL);
    expect(listed.translation).toMatchObject({
      version: 2,
      text: TRANSLATION,
      language: "en",
      kind: "MEMBER",
      translator: { id: t.users.analyst.id, name: "Analyst" },
      engine: null,
      enteredBy: { id: t.users.analyst.id, name: "Analyst" },
      checkedBy: null,
    });
    const audit = await db.auditLog.findFirst({
      where: { targetId: citation.id, action: "citation.translation_saved" },
      select: { actorId: true },
    });
    expect(audit?.actorId).toBe(t.users.analyst.id);

    // Removing it leaves the original as it was.
    await t.analyst.citation.setTranslation({ citationId: citation.id, version: 2, translation: null });
    const after = (await t.analyst.citation.forEvent({ eventId: (await citationEvent(citation.id)).eventId }))
      .citations[0]!;
    expect(after.quote).toBe(ORIGINAL);
    expect(after.translation).toMatchObject({ version: 3, text: null, kind: null, translator: null });
  });

  it("refuses an edit based on a stale version with CONFLICT, and keeps the newer text", async () => {
    const { citation } = await newCitation("Stale edit");
    await t.analyst.citation.setTranslation({
      citationId: citation.id,
      version: 1,
      translation: { text: "First rendering", language: "en", translator: machine() },
    });
    const stale = await refusal(
      second.caller.citation.setTranslation({
        citationId: citation.id,
        version: 1,
        translation: { text: "Second rendering", language: "en", translator: { kind: "MEMBER", userId: second.id } },
      }),
    );
    expect(stale.code).toBe("CONFLICT");
    expect(stale.message).toContain("Analyst changed this translation");
    const row = await db.citation.findUniqueOrThrow({ where: { id: citation.id }, select: { translation: true } });
    expect(row.translation).toBe("First rendering");
  });

  it("refuses bad input with a clear 4xx: unstorable text, over-long text, bad language, missing engine, a translator from outside", async () => {
    const { citation } = await newCitation("Bad input");
    const base = { citationId: citation.id, version: 1 };
    const bad = async (translation: unknown) =>
      refusal(t.analyst.citation.setTranslation({ ...base, translation } as never));
    expect((await bad({ text: "a\u0000b", language: "en", translator: machine() })).code).toBe("BAD_REQUEST");
    expect((await bad({ text: "half \uD800 pair", language: "en", translator: machine() })).code).toBe("BAD_REQUEST");
    expect((await bad({ text: "x".repeat(10_001), language: "en", translator: machine() })).code).toBe("BAD_REQUEST");
    expect((await bad({ text: "   ", language: "en", translator: machine() })).code).toBe("BAD_REQUEST");
    expect((await bad({ text: "ok", language: "English!", translator: machine() })).code).toBe("BAD_REQUEST");
    expect((await bad({ text: "ok", language: "en", translator: machine("  ") })).code).toBe("BAD_REQUEST");
    expect((await bad({ text: "ok", language: "en", translator: machine("e".repeat(101)) })).code).toBe("BAD_REQUEST");
    expect((await bad({ text: "ok", language: "en", translator: { kind: "ROBOT" } })).code).toBe("BAD_REQUEST");
    // Someone of another workspace cannot be named as the translator here.
    const outside = await bad({
      text: "ok",
      language: "en",
      translator: { kind: "MEMBER", userId: t.users.outsider.id },
    });
    expect(outside).toMatchObject({
      code: "BAD_REQUEST",
      message: "Choose a member of this workspace as the translator.",
    });
    const row = await db.citation.findUniqueOrThrow({
      where: { id: citation.id },
      select: { translation: true, translationVersion: true },
    });
    expect(row).toEqual({ translation: null, translationVersion: 1 });
  });

  it("lets no viewer edit, and answers another workspace's member and unknown ids with NOT_FOUND", async () => {
    const { citation } = await newCitation("Who may edit");
    const input = {
      citationId: citation.id,
      version: 1,
      translation: { text: "A rendering", language: "en", translator: machine() },
    };
    expect(await outcome(t.viewer.citation.setTranslation(input))).toBe("FORBIDDEN");
    expect(await outcome(t.viewer.citation.checkTranslation({ citationId: citation.id, version: 1 }))).toBe(
      "FORBIDDEN",
    );
    expect(await outcome(t.outsider.citation.setTranslation(input))).toBe("NOT_FOUND");
    expect(await outcome(t.outsider.citation.checkTranslation({ citationId: citation.id, version: 1 }))).toBe(
      "NOT_FOUND",
    );
    expect(await outcome(t.analyst.citation.setTranslation({ ...input, citationId: "no-such-citation" }))).toBe(
      "NOT_FOUND",
    );
  });
});

/** The event a citation belongs to (the tests' own look-up). */
const citationEvent = (id: string) => db.citation.findUniqueOrThrow({ where: { id }, select: { eventId: true } });

describe("checking a translation", () => {
  it("is refused to the translator and to whoever entered a machine translation, and done by a second analyst", async () => {
    const { citation, eventId: ev } = await newCitation("Checked pair");
    await t.analyst.citation.setTranslation({
      citationId: citation.id,
      version: 1,
      translation: { text: TRANSLATION, language: "en", translator: { kind: "MEMBER", userId: t.users.analyst.id } },
    });
    const own = await refusal(t.analyst.citation.checkTranslation({ citationId: citation.id, version: 2 }));
    expect(own.code).toBe("FORBIDDEN");
    expect(own.message).toContain("another analyst has to check it");

    // Bo translated, the analyst entered it: neither may check it.
    await t.analyst.citation.setTranslation({
      citationId: citation.id,
      version: 2,
      translation: { text: TRANSLATION, language: "en", translator: { kind: "MEMBER", userId: second.id } },
    });
    expect(await outcome(second.caller.citation.checkTranslation({ citationId: citation.id, version: 3 }))).toBe(
      "FORBIDDEN",
    );
    expect(await outcome(t.analyst.citation.checkTranslation({ citationId: citation.id, version: 3 }))).toBe(
      "FORBIDDEN",
    );
    expect(await t.reviewer.citation.checkTranslation({ citationId: citation.id, version: 3 })).toEqual({ version: 4 });
    let listed = (await t.analyst.citation.forEvent({ eventId: ev })).citations[0]!.translation;
    expect(listed).toMatchObject({
      translator: { name: "Bo" },
      enteredBy: { name: "Analyst" },
      checkedBy: { id: t.users.reviewer.id, name: "Reviewer" },
    });
    expect(listed.checkedAt).toBeInstanceOf(Date);
    expect(await db.auditLog.count({ where: { targetId: citation.id, action: "citation.translation_checked" } })).toBe(
      1,
    );

    // A check based on a stale version is a CONFLICT; a changed text is no longer checked.
    expect(await outcome(second.caller.citation.checkTranslation({ citationId: citation.id, version: 3 }))).toBe(
      "CONFLICT",
    );
    await t.analyst.citation.setTranslation({
      citationId: citation.id,
      version: 4,
      translation: {
        text: `${TRANSLATION} (revised)`,
        language: "en",
        translator: { kind: "MEMBER", userId: second.id },
      },
    });
    listed = (await t.analyst.citation.forEvent({ eventId: ev })).citations[0]!.translation;
    expect(listed).toMatchObject({ version: 5, checkedBy: null, checkedAt: null });
  });

  it("lets a second analyst check a machine translation that another pasted", async () => {
    const { citation, eventId: ev } = await newCitation("Machine pair");
    await t.analyst.citation.setTranslation({
      citationId: citation.id,
      version: 1,
      translation: { text: TRANSLATION, language: "en", translator: machine() },
    });
    expect(await outcome(t.analyst.citation.checkTranslation({ citationId: citation.id, version: 2 }))).toBe(
      "FORBIDDEN",
    );
    await second.caller.citation.checkTranslation({ citationId: citation.id, version: 2 });
    const listed = (await t.analyst.citation.forEvent({ eventId: ev })).citations[0]!.translation;
    expect(listed).toMatchObject({
      kind: "MACHINE",
      engine: "Engine Nine",
      translator: null,
      checkedBy: { name: "Bo" },
    });
  });

  it("has nothing to check when there is no translation (CONFLICT)", async () => {
    const { citation } = await newCitation("Nothing to check");
    expect(await outcome(second.caller.citation.checkTranslation({ citationId: citation.id, version: 1 }))).toBe(
      "CONFLICT",
    );
  });
});

describe("search", () => {
  it("finds a quote, and its event, by the original and by the translation", async () => {
    const { citation, eventId: ev } = await newCitation("Found both ways");
    await t.analyst.citation.setTranslation({
      citationId: citation.id,
      version: 1,
      translation: { text: TRANSLATION, language: "en", translator: machine() },
    });
    const byOriginal = await t.analyst.search.query({ workspaceId: t.ws, q: PERSIAN_WORD, kinds: ["quotes"] });
    const hitO = byOriginal.quotes.find((q) => q.id === citation.id);
    expect(hitO).toMatchObject({ eventId: ev, inTranslation: false });
    expect(hitO!.snippet).toContain(PERSIAN_WORD);

    const byTranslation = await t.analyst.search.query({ workspaceId: t.ws, q: ENGLISH_ONLY, kinds: ["quotes"] });
    const hitT = byTranslation.quotes.find((q) => q.id === citation.id);
    expect(hitT).toMatchObject({ eventId: ev, eventTitle: "Found both ways", inTranslation: true });
    expect(hitT!.snippet).toContain("negotiations");
    // A quote without a translation is not found by the English word.
    expect(byTranslation.quotes.some((q) => q.eventId === eventId)).toBe(false);
  });
});

describe("exports", () => {
  let briefing: { id: string; version: number };

  /** Markdown and PDF text of the briefing as the analyst exports it. */
  async function exported(version: ExportQuery["version"], pdf: boolean) {
    const { doc, revisionId } = await loadBriefingForExport({ userId: t.users.analyst.id }, briefing.id, version);
    const md = String((await renderExport(doc, revisionId, "md")).body);
    const pages = pdf ? pdfPages((await renderExport(doc, revisionId, "pdf")).body as Uint8Array).map(plain) : [];
    return { md, pdf: pages.join("\n") };
  }

  async function setMode(quoteLanguage: "ORIGINAL" | "TRANSLATION" | "BOTH") {
    const current = await t.analyst.briefing.get({ id: briefing.id });
    const r = await t.analyst.briefing.setQuoteLanguage({ id: briefing.id, version: current.version, quoteLanguage });
    briefing = { id: briefing.id, version: r.version };
  }

  beforeAll(async () => {
    const { citation, eventId: ev } = await newCitation("Talks in Kabul to go on");
    await publish(t, ev);
    // A published event's citation gets its translation directly: it is an aid to reading, not a change of evidence.
    await t.analyst.citation.setTranslation({
      citationId: citation.id,
      version: 1,
      translation: { text: TRANSLATION, language: "en", translator: { kind: "MEMBER", userId: t.users.analyst.id } },
    });
    await second.caller.citation.checkTranslation({ citationId: citation.id, version: 2 });
    const b = await t.analyst.briefing.create({ workspaceId: t.ws, title: "Kabul talks" });
    const saved = await t.analyst.briefing.update({
      id: b.id,
      version: b.version,
      marking: "TLP:GREEN",
      summary: `The talks go on [@event:${ev}].`,
      body: "",
      keyJudgments: [],
    });
    briefing = { id: b.id, version: saved.version };
  });

  it("prints the original, the translation or both, as the briefing chooses, in Markdown and PDF", async () => {
    expect((await t.analyst.briefing.get({ id: briefing.id })).quoteLanguage).toBe("ORIGINAL");
    const original = await exported("working", true);
    expect(original.md).toContain(`> ${ORIGINAL}`);
    expect(original.md).not.toContain(TRANSLATION);
    expect(original.pdf).toContain(PERSIAN_WORD);
    expect(original.pdf).not.toContain("Kabul.");

    await setMode("TRANSLATION");
    const translated = await exported("working", true);
    expect(translated.md).toContain(`> ${TRANSLATION}`);
    expect(translated.md).toContain("Translated into English by Analyst, checked by Bo");
    expect(translated.md).not.toContain(ORIGINAL);
    expect(translated.pdf).toContain("negotiations would continue in Kabul");
    expect(translated.pdf).toContain("checked by Bo");
    expect(translated.pdf).not.toContain(PERSIAN_WORD);

    await setMode("BOTH");
    const both = await exported("working", true);
    // The original first, then its translation.
    expect(both.md.indexOf(ORIGINAL)).toBeGreaterThan(-1);
    expect(both.md.indexOf(TRANSLATION)).toBeGreaterThan(both.md.indexOf(ORIGINAL));
    expect(both.pdf).toContain(PERSIAN_WORD);
    expect(both.pdf).toContain("negotiations would continue in Kabul");

    // Stale setting edits are refused like any briefing edit.
    expect(
      await outcome(t.analyst.briefing.setQuoteLanguage({ id: briefing.id, version: 1, quoteLanguage: "ORIGINAL" })),
    ).toBe("CONFLICT");
    expect(
      await outcome(
        t.viewer.briefing.setQuoteLanguage({ id: briefing.id, version: briefing.version, quoteLanguage: "ORIGINAL" }),
      ),
    ).toBe("NOT_FOUND");
  }, 120_000);

  it("freezes the setting with the publication: a later change alters only the working copy", async () => {
    await setMode("TRANSLATION");
    const { round } = await t.analyst.briefing.submit(briefing);
    await t.reviewer.briefing.decide({ id: briefing.id, round, decision: "APPROVE" });
    const published = await t.analyst.briefing.get({ id: briefing.id });
    expect(published.published?.quoteLanguage).toBe("TRANSLATION");

    await setMode("ORIGINAL");
    const after = await t.analyst.briefing.get({ id: briefing.id });
    expect(after).toMatchObject({
      status: "DRAFT",
      quoteLanguage: "ORIGINAL",
      published: { quoteLanguage: "TRANSLATION" },
    });
    const pub = await exported("published", false);
    expect(pub.md).toContain(`> ${TRANSLATION}`);
    expect(pub.md).not.toContain(ORIGINAL);
    const working = await exported("working", false);
    expect(working.md).toContain(`> ${ORIGINAL}`);
    expect(working.md).not.toContain(TRANSLATION);
  }, 60_000);
});
