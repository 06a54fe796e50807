import { beforeAll, describe, expect, it } from "vitest";
import { HIGHLIGHT_END, HIGHLIGHT_START } from "../../server/schemas/search.ts";
import { curationTeam, eventInput, outcome, passage, publish, type CurationTeam } from "./curation.ts";

/**
 * One search box over events, sources (full text), entities and quotes, on
 * four whole articles: weighted (title over body), English stemming next
 * to the language-neutral configuration so Persian words match as written,
 * the last word as a prefix, highlighted snippets, drafts hidden from viewers.
 * Run on the fixtures (tests/integration/search.test.ts) and on the real
 * articles when they are at hand (tests/seeds/search.test.ts).
 */

const ARTICLES = ["opinion", "dossier", "report", "derived"] as const;
type ArticleKey = (typeof ARTICLES)[number];

export type SearchedArticles = Record<ArticleKey, { title: string; text: string }> & {
  /** A Persian passage of the dossier with "مشهد" in it, after "طالبان در". */
  persianQuote: string;
  /** A passage of the news report. */
  draftQuote: string;
  words: {
    /** In the news report's title, and in passing in the dossier, nowhere else. */
    inReportTitle: string;
    /** In the titles of the opinion piece and the derived report. */
    inOpinionTitle: string;
    inDerivedTitle: string;
    /** In the opinion piece alone. */
    onlyInOpinion: string;
    /** The official the news report quotes, in it alone, and the English stem of the name, a prefix of common words. */
    official: string;
    officialStem: string;
    /** Words of the draft quote. */
    inDraftQuote: string;
  };
};

export function searchChecks(articles: SearchedArticles) {
  const { persianQuote, draftQuote, words } = articles;
  const TITLES = Object.fromEntries(ARTICLES.map((key) => [key, articles[key].title])) as Record<ArticleKey, string>;
  const OTHER_TITLE = `${words.inReportTitle} ${words.inReportTitle} ${words.inReportTitle}`;

  let t: CurationTeam;
  let ids: Record<ArticleKey, string>;
  let published: { id: string };
  let draft: { id: string };
  let trashed: { id: string };
  let mashhad: { id: string };

  beforeAll(async () => {
    t = await curationTeam();
    ids = {} as typeof ids;
    for (const key of ARTICLES) {
      const r = await t.analyst.source.create({
        workspaceId: t.ws,
        kind: "NEWS_REPORT",
        title: TITLES[key],
        text: articles[key].text,
        language: "en",
      });
      if (r.status !== "created") throw new Error("expected a new source");
      ids[key] = r.source.id;
    }
    mashhad = await t.analyst.entity.create({
      workspaceId: t.ws,
      kind: "PLACE",
      name: "Mashhad",
      aliases: ["مشهد", "Mashad"],
    });
    published = await t.analyst.event.create({
      workspaceId: t.ws,
      ...eventInput(
        "Taliban delegation visits Tehran",
        { year: 2015, month: 5 },
        { summary: "Talks with Iranian officials about refugees and the Islamic world." },
      ),
    });
    draft = await t.analyst.event.create({
      workspaceId: t.ws,
      ...eventInput(
        "Secret meeting in Mashhad",
        { year: 2016 },
        {
          summary: "A shura of Taliban commanders met in the city.",
          entities: [{ entityId: mashhad.id, role: "PLACE" }],
        },
      ),
    });
    trashed = await t.analyst.event.create({
      workspaceId: t.ws,
      ...eventInput("Deleted meeting about nothing", { year: 2016 }),
    });
    await t.analyst.event.delete({ eventId: trashed.id, version: 1 });

    const dossier = (await t.analyst.source.get({ sourceId: ids.dossier })).text;
    const report = (await t.analyst.source.get({ sourceId: ids.report })).text;
    await t.analyst.citation.create({
      eventId: published.id,
      sourceId: ids.dossier,
      stance: "SUPPORTS",
      ...passage(dossier, persianQuote),
    });
    await t.analyst.citation.create({
      eventId: draft.id,
      sourceId: ids.report,
      stance: "MENTIONS",
      ...passage(report, draftQuote),
    });
    await publish(t, published.id);

    // Another workspace's material never shows up here.
    await t.outsider.source.create({
      workspaceId: t.other.id,
      kind: "NEWS_REPORT",
      title: OTHER_TITLE,
      text: `Mashhad ${words.inReportTitle} meetings`,
    });
  });

  const search = (q: string, more: Record<string, unknown> = {}, who: "analyst" | "viewer" = "analyst") =>
    t[who].search.query({ workspaceId: t.ws, q, ...more });
  const sourceTitles = (r: { sources: { title: string }[] }) => r.sources.map((s) => s.title);

  describe("ranking", () => {
    it("ranks the article whose title has the word first, ahead of one that mentions it in passing", async () => {
      expect(sourceTitles(await search(words.inReportTitle, { kinds: ["sources"] }))).toEqual([
        TITLES.report,
        TITLES.dossier,
      ]);
      expect(sourceTitles(await search(words.inOpinionTitle, { kinds: ["sources"] }))[0]).toBe(TITLES.opinion);
      expect(sourceTitles(await search(words.inDerivedTitle, { kinds: ["sources"] }))[0]).toBe(TITLES.derived);
      expect(sourceTitles(await search("al Qaeda", { kinds: ["sources"] }))[0]).toBe(TITLES.report);
      // Words in the body only: the article that says it is found, others are not.
      expect(sourceTitles(await search(words.onlyInOpinion))).toEqual([TITLES.opinion]);
      const ranks = (await search(words.inReportTitle, { kinds: ["sources"] })).sources.map((s) => s.rank);
      expect(ranks[0]).toBeGreaterThan(ranks[1]!);
    });

    it("matches every word, not any", async () => {
      expect(sourceTitles(await search(`${words.official} ${words.onlyInOpinion}`))).toEqual([]);
      expect(sourceTitles(await search(`${words.official} ${words.inReportTitle}`))).toEqual([TITLES.report]);
    });
  });

  describe("languages, stems and prefixes", () => {
    it("finds a Persian word from an article as written, in the source, the quote and the entity alias", async () => {
      const r = await search("مشهد");
      // The dossier has the word as written; the entity's other names widen the search to the rest.
      const dossier = r.sources.find((s) => s.title === TITLES.dossier)!;
      // Its snippet marks the word, or the entity's other name when that is what the passage shown holds.
      expect(
        dossier.snippet.includes(`${HIGHLIGHT_START}مشهد${HIGHLIGHT_END}`) ||
          dossier.snippet.includes(`${HIGHLIGHT_START}Mashhad${HIGHLIGHT_END}`),
        dossier.snippet,
      ).toBe(true);
      for (const other of r.sources.filter((s) => s.title !== TITLES.dossier)) expect(other.via).not.toBeNull();
      expect(r.quotes.map((q) => [q.eventId, q.sourceId])).toContainEqual([published.id, ids.dossier]);
      expect(r.entities.map((e) => e.id)).toEqual([mashhad.id]);
      // Several Persian words, the last as a prefix: "طالبان در مشه…".
      expect(sourceTitles(await search("طالبان در مشه"))).toEqual([TITLES.dossier]);
    });

    it("matches the last word as a prefix while typing: 'Mashh' finds Mashhad", async () => {
      const r = await search("Mashh");
      expect(sourceTitles(r)).toContain(TITLES.dossier);
      expect(r.events.map((e) => e.id)).toEqual([draft.id]);
      expect(r.entities.map((e) => e.id)).toEqual([mashhad.id]);
      // Only the last word is a prefix.
      expect((await search("Mashh Taliban")).events).toEqual([]);
    });

    it("stems English words: 'meetings' finds an event titled 'meeting', 'talked' finds 'talks'", async () => {
      expect((await search("meetings")).events.map((e) => e.id)).toEqual([draft.id]);
      expect((await search("meetings commanders")).events.map((e) => e.id)).toEqual([draft.id]);
      expect((await search("talked Iranian")).events.map((e) => e.id)).toEqual([published.id]);
    });

    it(`never uses a stem as a prefix: '${words.official}' (stem '${words.officialStem}') does not find every '${words.officialStem}…'`, async () => {
      expect(sourceTitles(await search(words.official, { kinds: ["sources"] }))).toEqual([TITLES.report]);
      expect(sourceTitles(await search(`${words.inReportTitle} ${words.official}`, { kinds: ["sources"] }))).toEqual([
        TITLES.report,
      ]);
    });

    it("keeps Persian words written with a zero-width non-joiner, Arabic vowel signs and dotted abbreviations whole", async () => {
      const r = await t.analyst.source.create({
        workspaceId: t.ws,
        kind: "SOCIAL_POST",
        title: "Post",
        text: "او می‌گوید که مُحَمَّد با مقامات U.S. دیدار کرد.",
      });
      if (r.status !== "created") throw new Error("expected a new source");
      for (const q of ["می‌گوید", "مُحَمَّد", "مقامات U.S."]) {
        expect(sourceTitles(await search(q, { kinds: ["sources"] })), q).toEqual(["Post"]);
      }
      // The news report writes "U.S." too.
      expect(sourceTitles(await search("u.s", { kinds: ["sources"] }))).toEqual(
        expect.arrayContaining(["Post", TITLES.report]),
      );
    });
  });

  describe("results", () => {
    it("finds events and quotes, with highlighted snippets", async () => {
      const r = await search("refugees");
      expect(r.events).toHaveLength(1);
      expect(r.events[0]).toMatchObject({
        id: published.id,
        title: "Taliban delegation visits Tehran",
        dateText: "May 2015",
        status: "PUBLISHED",
      });
      expect(r.events[0]!.snippet).toContain(`${HIGHLIGHT_START}refugees${HIGHLIGHT_END}`);
      expect((await search("delegation")).events[0]!.titleHit).toBe(
        `Taliban ${HIGHLIGHT_START}delegation${HIGHLIGHT_END} visits Tehran`,
      );

      const quotes = (await search(words.inDraftQuote)).quotes;
      expect(quotes).toHaveLength(1);
      expect(quotes[0]).toMatchObject({
        eventId: draft.id,
        sourceId: ids.report,
        eventTitle: "Secret meeting in Mashhad",
        sourceTitle: TITLES.report,
        stance: "MENTIONS",
      });
      expect(quotes[0]!.snippet).toContain(HIGHLIGHT_START);

      const source = (await search(words.inReportTitle, { kinds: ["sources"] })).sources[0]!;
      expect(source.snippet).toContain(`${HIGHLIGHT_START}${words.inReportTitle}${HIGHLIGHT_END}`);
      expect(source.titleHit).toContain(`${HIGHLIGHT_START}${words.inReportTitle}${HIGHLIGHT_END}`);
    });

    it("finds events through a misspelt name of an entity they are linked to", async () => {
      // "Mashad" is not in the event's text, but close to the place it is linked to.
      expect((await search("Mashad")).events.map((e) => e.id)).toEqual([draft.id]);
    });

    it("returns only the kinds asked for", async () => {
      const r = await search("Mashhad", { kinds: ["entities"] });
      expect(r.entities.map((e) => e.id)).toEqual([mashhad.id]);
      expect([r.events, r.sources, r.quotes]).toEqual([[], [], []]);
    });

    it("answers a query of pure punctuation or query syntax with nothing, not an error", async () => {
      for (const q of ["!!!", "& | ! ( ) : * ' \\", "<-> <=> ~", "'':*", "…"]) {
        const r = await search(q);
        expect(r, q).toEqual({ events: [], sources: [], entities: [], quotes: [] });
      }
      // Syntax around real words is ignored, not interpreted.
      expect((await search("'Mashhad:*' | !meeting")).events.map((e) => e.id)).toEqual([draft.id]);
      expect(
        (await search(`(${words.inReportTitle}) & !${words.official}`, { kinds: ["sources"] })).sources.map(
          (s) => s.id,
        ),
      ).toEqual([ids.report]);
    });

    it("filters events by date, status and citation like the chronology", async () => {
      expect((await search("Taliban", { kinds: ["events"], from: "2016" })).events.map((e) => e.id)).toEqual([
        draft.id,
      ]);
      expect((await search("Taliban", { kinds: ["events"], to: "2015-05" })).events.map((e) => e.id)).toEqual([
        published.id,
      ]);
      expect((await search("Taliban", { kinds: ["events"], status: "DRAFT" })).events.map((e) => e.id)).toEqual([
        draft.id,
      ]);
      expect((await search("Taliban", { kinds: ["events"], hasCitation: "no" })).events).toEqual([]);
    });

    it("never shows events in the trash", async () => {
      expect((await search("nothing")).events.map((e) => e.id)).not.toContain(trashed.id);
      expect((await t.admin.search.query({ workspaceId: t.ws, q: "Deleted meeting" })).events).toEqual([]);
    });
  });

  describe("what viewers see", () => {
    it("shows viewers published events and quotes on them only, and every source and entity", async () => {
      const r = await search("meeting", {}, "viewer");
      expect(r.events).toEqual([]);
      expect((await search("Mashhad", {}, "viewer")).events).toEqual([]);
      expect((await search(words.inDraftQuote, {}, "viewer")).quotes).toEqual([]);
      expect((await search("Mashhad", { status: "DRAFT" }, "viewer")).events).toEqual([]);

      expect((await search("refugees", {}, "viewer")).events.map((e) => e.id)).toEqual([published.id]);
      expect((await search("مشهد", {}, "viewer")).quotes.map((q) => q.eventId)).toEqual([published.id]);
      expect(sourceTitles(await search(words.inReportTitle, {}, "viewer"))[0]).toBe(TITLES.report);
      expect((await search("Mashad", {}, "viewer")).entities.map((e) => e.id)).toEqual([mashhad.id]);
      // Nor through an entity the draft is linked to.
      expect((await search("Mashad", {}, "viewer")).events).toEqual([]);
    });

    it("refuses outsiders, whose own workspace is searched on its own", async () => {
      expect(await outcome(t.outsider.search.query({ workspaceId: t.ws, q: words.inReportTitle }))).toBe("NOT_FOUND");
      const theirs = await t.outsider.search.query({ workspaceId: t.other.id, q: words.inReportTitle });
      expect(sourceTitles(theirs)).toEqual([OTHER_TITLE]);
    });
  });
}
