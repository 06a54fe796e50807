import { describe, expect, it } from "vitest";
import { extractCandidates } from "../../server/import/candidates.ts";
import { dossierBlocks, dossierEntries, looksLikeDossier } from "../../server/import/dossier.ts";
import { sentenceSpans } from "../../server/import/sentences.ts";
import { proposeTitle } from "../../server/import/title.ts";
import { readSeed, SEED_FILES, seedsDir, SEEDS_MISSING } from "../helpers/seeds.ts";

/** The importer on the real articles, when they are at hand (DOSSIER_SEEDS_DIR or ../shared/seeds). */
describe.skipIf(!seedsDir())(`the importer on the real articles (${SEEDS_MISSING.split(":")[0]} otherwise)`, () => {
  describe("the timeline dossier", () => {
    const text = seedsDir() ? readSeed(SEED_FILES.timeline) : "";
    const entryCount = text.match(/^\d{1,2} [A-Z][a-z]+ \d{4}:/gm)?.length ?? 0;

    it("is recognised as a dossier; its address blocks carry their entries", () => {
      expect(looksLikeDossier(text)).toBe(true);
      const blocks = dossierBlocks(text);
      const entries = blocks.flatMap((b) => dossierEntries(text.slice(b.start, b.end)));
      expect(entryCount).toBeGreaterThanOrEqual(30);
      expect(entries).toHaveLength(entryCount);
      // The block holding the 22 May 2007 entry is headed by the two addresses above it.
      const may2007 = blocks.find((b) => text.slice(b.start, b.end).includes("22 May 2007:"))!;
      expect(may2007.urls).toEqual([
        "http://news.bbc.co.uk/1/hi/world/south_asia/6750785.stm",
        "http://www.telegraph.co.uk/news/worldnews/1552311/Taliban-use-Iranian-missiles-on-UK-troops.html",
      ]);
      // An address without a scheme still heads its block.
      expect(
        blocks.some((b) => b.urls.includes("https://www.wsj.com/articles/SB10000872396390444130304577560241242267700")),
      ).toBe(true);
    });

    it("gives one candidate per entry, dated by its header, its passage the entry itself", () => {
      const candidates = dossierBlocks(text).flatMap((b) =>
        extractCandidates(text.slice(b.start, b.end), "dossier-block"),
      );
      const entries = candidates.filter((c) => c.passages[0]!.text.startsWith(`${c.dateText}:`));
      expect(entries).toHaveLength(entryCount);
      expect(entries[0]).toMatchObject({
        dateText: "22 May 2007",
        date: { start: { year: 2007, month: 5, day: 22 }, end: null, qualifier: "EXACT" },
      });
      expect(entries[0]!.title).toMatch(/^British troops in Afghanistan are being targeted/);
      expect(entries.find((c) => c.dateText === "22 May 2015")!.passages[0]!.text).toContain("Tayyab Agha");
      // Persian kept as written.
      expect(entries.find((c) => c.dateText === "19 Apr 2016")!.passages[0]!.text).toContain("طیب آغا");
    });

    it("states the event in a title, not the attribution before it", () => {
      const sentence = sentenceSpans(text)
        .map((s) => text.slice(s.start, s.end))
        .find((s) => s.includes("formalized"))!;
      const date = "June 11, 2015";
      expect(proposeTitle(sentence, { index: sentence.indexOf(date), text: date })).toMatch(/^Tehran “formalized”/);
    });
  });

  describe("articles", () => {
    it("Reuters: the June meeting in Mashhad, to the month of the article's year", () => {
      const candidates = extractCandidates(readSeed(SEED_FILES.reuters), "document", { year: 2007, month: 9, day: 20 });
      const meeting = candidates.find((c) => c.passages.some((p) => p.text.includes("June meeting in Mashhad")))!;
      expect(meeting).toMatchObject({
        dateText: "June",
        precision: "MONTH",
        date: { start: { year: 2007, month: 6 }, end: null, qualifier: "EXACT" },
      });
      expect(meeting.title).toMatch(/meeting in Mashhad/);
      const invasion = candidates.find((c) => c.passages.some((p) => p.text.includes("Saif al-Adel")))!;
      expect(invasion.date?.start).toEqual({ year: 2001 });
      // "August Hanning" is a German official, not a month.
      expect(candidates.some((c) => c.dateText === "August")).toBe(false);
    });

    it("CEMO: a weekday with its month-day, in the article's year", () => {
      const candidates = extractCandidates(readSeed(SEED_FILES.cemo), "document", { year: 2021, month: 8, day: 17 });
      expect(candidates.find((c) => c.passages.some((p) => p.text.includes("video recording")))).toMatchObject({
        precision: "DAY",
        date: { start: { year: 2021, month: 8, day: 14 } },
      });
      expect(candidates.find((c) => c.passages.some((p) => p.text.includes("Soleimani")))).toMatchObject({
        date: { start: { year: 2020, month: 1 } },
      });
    });

    it("Asharq Al-Awsat: “October 21” in an article of April 2017 is October 2016", () => {
      const candidates = extractCandidates(readSeed(SEED_FILES.asharq), "document", { year: 2017, month: 4 });
      expect(candidates.find((c) => c.passages.some((p) => p.text.includes("Pentagon reporters")))).toMatchObject({
        precision: "MONTH",
        date: { start: { year: 2016, month: 10 } },
      });
    });
  });
});
