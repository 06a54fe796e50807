import { describe, expect, it } from "vitest";
import { extractCandidates } from "../../server/import/candidates.ts";
import { dossierBlocks, dossierEntries, looksLikeDossier } from "../../server/import/dossier.ts";
import { entityMatcher, newNames } from "../../server/import/entities.ts";
import { sentenceSpans } from "../../server/import/sentences.ts";
import { proposeTitle } from "../../server/import/title.ts";
import { readSeed, SEED_FILES } from "../helpers/seeds.ts";

describe("the timeline dossier", () => {
  const text = readSeed(SEED_FILES.timeline);
  const entryCount = text.match(/^\d{1,2} [A-Z][a-z]+ \d{4}:/gm)!.length;

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
    const entries = candidates.filter((c) => c.passage.startsWith(`${c.dateText}:`));
    expect(entries).toHaveLength(entryCount);
    const first = entries[0]!;
    expect(first).toMatchObject({
      dateText: "22 May 2007",
      date: { start: { year: 2007, month: 5, day: 22 }, end: null, qualifier: "EXACT" },
    });
    expect(first.title).toMatch(/^British troops in Afghanistan are being targeted/);
    expect(entries.find((c) => c.dateText === "22 May 2015")!.passage).toContain("Tayyab Agha");
    // Persian kept as written.
    expect(entries.find((c) => c.dateText === "19 Apr 2016")!.passage).toContain("طیب آغا");
  });
});

describe("articles", () => {
  it("Reuters: the June meeting in Mashhad, to the month of the article's year", () => {
    const candidates = extractCandidates(readSeed(SEED_FILES.reuters), "document", { year: 2007, month: 9, day: 20 });
    const meeting = candidates.find((c) => c.passage.includes("June meeting in Mashhad"))!;
    expect(meeting).toMatchObject({
      dateText: "June",
      precision: "MONTH",
      date: { start: { year: 2007, month: 6 }, end: null, qualifier: "EXACT" },
    });
    expect(meeting.title).toBe("One source said a June meeting in Mashhad, near the Afghan border");
    const invasion = candidates.find((c) => c.passage.includes("Saif al-Adel"))!;
    expect(invasion.date.start).toEqual({ year: 2001 });
  });

  it("CEMO: a weekday with its month-day, in the article's year", () => {
    const candidates = extractCandidates(readSeed(SEED_FILES.cemo), "document", { year: 2021, month: 8, day: 17 });
    expect(candidates.find((c) => c.passage.includes("video recording"))).toMatchObject({
      precision: "DAY",
      date: { start: { year: 2021, month: 8, day: 14 } },
    });
    expect(candidates.find((c) => c.passage.includes("Soleimani"))).toMatchObject({
      date: { start: { year: 2020, month: 1 } },
    });
  });

  it("Asharq Al-Awsat: “October 21” in an article of April 2017 is October 2016", () => {
    const candidates = extractCandidates(readSeed(SEED_FILES.asharq), "document", { year: 2017, month: 4 });
    expect(candidates.find((c) => c.passage.includes("Pentagon reporters"))).toMatchObject({
      precision: "MONTH",
      date: { start: { year: 2016, month: 10 } },
    });
  });

  it("skips datelines that report nothing", () => {
    expect(
      extractCandidates("Friday, December 09, 2016\n\nLove-hate relationship: Taliban & Iran", "document"),
    ).toEqual([]);
  });
});

describe("titles", () => {
  it("drop the opening date and attribution, and stop at a clause when long", () => {
    const sentence =
      "According to a report published by Wall Street Journal on June 11, 2015, Tehran “formalized” its partnership with the Taliban in early 2014, when it opened an office for the terrorist group in Iran.";
    expect(proposeTitle(sentence, { index: sentence.indexOf("June 11, 2015"), text: "June 11, 2015" })).toBe(
      "Tehran “formalized” its partnership with the Taliban in early 2014",
    );
    expect(
      proposeTitle("On December 12, 2016, Iran’s ambassador spoke.", { index: 3, text: "December 12, 2016" }),
    ).toBe("Iran’s ambassador spoke");
  });
});

describe("sentences", () => {
  it("are not cut after abbreviations", () => {
    const text = "Brig. Gen. Charles Cleveland spoke on Oct. 21 in Kabul. The U.S. said nothing.";
    expect(sentenceSpans(text).map((s) => text.slice(s.start, s.end))).toEqual([
      "Brig. Gen. Charles Cleveland spoke on Oct. 21 in Kabul.",
      "The U.S. said nothing.",
    ]);
  });
});

describe("entities", () => {
  const match = entityMatcher([
    { id: "irgc", name: "Islamic Revolutionary Guard Corps", kind: "ORGANIZATION", aliases: ["IRGC", "Sepah", "سپاه"] },
    { id: "iran", name: "Iran", kind: "PLACE", aliases: [] },
    { id: "tayyab", name: "Tayyab Agha", kind: "PERSON", aliases: ["Tayyib Agha", "طیب آغا"] },
  ]);

  it("finds known names and aliases case-insensitively, on whole words only, Persian included", () => {
    expect(match("The irgc and Tayyib Agha (طیب آغا) met Iranian officials").map((e) => e.entityId)).toEqual([
      "irgc",
      "tayyab",
    ]);
    expect(match("Iran’s envoy and سپاه").map((e) => e.entityId)).toEqual(["iran", "irgc"]);
  });

  it("offers new names not already known", () => {
    const known = match("Iran’s ambassador to Kabul, Mohammad Reza Behrami, told Tasnim News that Iran keeps contacts");
    const fresh = newNames(
      "Iran’s ambassador to Kabul, Mohammad Reza Behrami, told Tasnim News that Iran keeps contacts",
      known,
    );
    expect(fresh).toContainEqual({ name: "Mohammad Reza Behrami", kind: "PERSON" });
    expect(fresh).toContainEqual({ name: "Tasnim News", kind: "ORGANIZATION" });
    expect(fresh.map((f) => f.name)).not.toContain("Iran");
  });
});
