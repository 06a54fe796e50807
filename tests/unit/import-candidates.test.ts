import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { extractCandidates, type DraftCandidate } from "../../server/import/candidates.ts";
import { scanDates } from "../../server/import/date-finder.ts";
import { dossierBlocks, dossierEntries, looksLikeDossier } from "../../server/import/dossier.ts";
import { entityMatcher, newNames, skeleton } from "../../server/import/entities.ts";
import {
  isAboutTheDocument,
  isBiography,
  isDocumentLine,
  isHypothetical,
  isPeriodHeading,
} from "../../server/import/non-events.ts";
import { sentenceSpans } from "../../server/import/sentences.ts";
import { proposeTitle } from "../../server/import/title.ts";
import { extractSourceText } from "../../server/lib/source-text/index.ts";
import { ARTICLE_HTML, ARTICLE_PDF, ARTICLE_TXT } from "../fixtures/importer/article-pdf.ts";
import { ARTICLE_EVENTS, ARTICLE_PUB_DATE, ARTICLE_TRAPS } from "../fixtures/importer/expected.ts";
import { scoreCandidates } from "../helpers/import-quality.ts";

const read = async (file: URL) =>
  (await extractSourceText({ fileName: file.pathname, bytes: new Uint8Array(readFileSync(file)) })).text;
const scored = (cs: DraftCandidate[]) => cs.map((c) => ({ date: c.date, passages: c.passages.map((p) => p.text) }));
/** What an analyst sees of a candidate, whatever the offsets in its format's text. */
const seen = (cs: DraftCandidate[]) =>
  cs.map((c) => ({
    title: c.title,
    dateText: c.dateText,
    date: c.date,
    unanchored: c.unanchored,
    passages: c.passages.map((p) => p.text.replace(/\s+/g, " ")),
  }));

describe("the fixture article", async () => {
  const [txt, html, pdf] = await Promise.all([read(ARTICLE_TXT), read(ARTICLE_HTML), read(ARTICLE_PDF)]);
  const fromTxt = extractCandidates(txt, "document", ARTICLE_PUB_DATE);

  it("gives every event it reports, and nothing else", () => {
    expect(scoreCandidates(scored(fromTxt), ARTICLE_EVENTS, ARTICLE_TRAPS)).toMatchObject({
      recall: 1,
      falseCandidates: 0,
      trapped: 0,
      repeats: 0,
      missingPassages: 0,
    });
    expect(fromTxt).toHaveLength(ARTICLE_EVENTS.length);
  });

  it("gives the same candidates from its PDF and its web page as from its text", () => {
    expect(seen(extractCandidates(pdf, "document", ARTICLE_PUB_DATE))).toEqual(seen(fromTxt));
    expect(seen(extractCandidates(html, "document", ARTICLE_PUB_DATE))).toEqual(seen(fromTxt));
  });

  it("proposes no event for a byline, a heading that names a period, the author's life, the publication line or a hypothetical future", () => {
    for (const trap of ARTICLE_TRAPS)
      expect(
        fromTxt.filter((c) => c.passages.some((p) => p.text.includes(trap.key))),
        trap.id,
      ).toEqual([]);
  });

  it("keeps the sentence that says what the delegation asked for in its passage, and states the event in the title", () => {
    const visit = fromTxt.find((c) => c.dateText === "18 May 2015")!;
    expect(visit.passages[0]!.text).toMatch(/three days of talks\. It asked the Revolutionary Guards/);
    expect(visit.title).toBe(
      "A delegation from the movement's political office arrived in Tehran and asked the Revolutionary Guards for anti-aircraft missiles",
    );
  });

  it("makes one candidate of an event told twice, dated by the more precise telling, citing both", () => {
    const killing = fromTxt.filter((c) => c.passages.some((p) => /Balochistan|Baluchistan/.test(p.text)));
    expect(killing).toHaveLength(1);
    expect(killing[0]).toMatchObject({
      dateText: "21 May 2016",
      date: { start: { year: 2016, month: 5, day: 21 } },
      title: "The killing of Mullah Akhtar Muhammad Mansour in a drone strike in Balochistan",
    });
    expect(killing[0]!.passages.map((p) => p.dateText)).toEqual(["21 May 2016", "May 2016"]);
    for (const p of killing[0]!.passages) expect(txt.slice(p.startOffset, p.endOffset)).toBe(p.text);
  });

  it("reads careless punctuation, 9/11 and a photo caption's date", () => {
    expect(fromTxt.find((c) => c.passages[0]!.text.includes("Islam Qala"))).toMatchObject({
      dateText: "3 ,September. 2018",
      date: { start: { year: 2018, month: 9, day: 3 } },
    });
    expect(fromTxt.find((c) => c.dateText === "9/11")).toMatchObject({
      date: { start: { year: 2001, month: 9, day: 11 } },
      title:
        "Envoys from Tehran met anti-Taliban commanders in Dushanbe to coordinate their opposition to the movement",
    });
    expect(fromTxt.find((c) => c.passages[0]!.text.startsWith("Photo:"))).toMatchObject({
      date: { start: { year: 1998, month: 9, day: 18 } },
    });
  });

  it("leaves a relative date unanchored, and flagged, when there is no publication date to count from", () => {
    const undated = extractCandidates(txt, "document", null);
    expect(undated.find((c) => c.dateText === "Last October")).toMatchObject({ date: null, unanchored: true });
    expect(fromTxt.find((c) => c.dateText === "Last October")).toMatchObject({
      date: { start: { year: 2019, month: 10 } },
      unanchored: false,
    });
    // Counted from another date of the story, never from the publication.
    expect(scanDates("Two days later the envoy left Kabul.", ARTICLE_PUB_DATE)).toEqual([
      { index: 0, text: "Two days later", precision: "DAY", unanchored: true },
    ]);
  });

  it("does not take a name for a date: “the 9/11 Commission” names a body", () => {
    expect(scanDates("The 9/11 Commission met in 2004.", null).map((d) => d.text)).toEqual(["in 2004"]);
  });
});

describe("the fixture dossier", () => {
  const text = readFileSync(new URL("../fixtures/importer/dossier.txt", import.meta.url), "utf8");

  it("is recognised as a dossier; its address blocks carry their entries", () => {
    expect(looksLikeDossier(text)).toBe(true);
    const blocks = dossierBlocks(text);
    expect(blocks).toHaveLength(6);
    expect(blocks[0]!.urls).toEqual([
      "https://news.example.org/2007/06/border-shipments",
      "https://archive.example.net/wire/2007-06-04-shipments",
    ]);
    // An address without a scheme still heads its block.
    expect(blocks.some((b) => b.urls.includes("https://www.example.info/reports/2012/training-camps"))).toBe(true);
    expect(blocks.flatMap((b) => dossierEntries(text.slice(b.start, b.end)))).toHaveLength(7);
  });

  it("gives one candidate per entry, dated by its header, its passage the entry itself", () => {
    const candidates = dossierBlocks(text).flatMap((b) =>
      extractCandidates(text.slice(b.start, b.end), "dossier-block"),
    );
    const entries = candidates.filter((c) => c.passages[0]!.text.startsWith(`${c.dateText}:`));
    expect(entries.map((c) => c.dateText)).toEqual([
      "4 Jun 2007",
      "19 Feb 2009",
      "2 Mar 2009",
      "11 Sep 2012",
      "18 May 2015",
      "20 May 2015",
      "21 May 2016",
    ]);
    expect(entries[0]).toMatchObject({
      date: { start: { year: 2007, month: 6, day: 4 }, end: null, qualifier: "EXACT" },
      title: "Customs officers at the Islam Qala crossing stopped two lorries carrying mortar rounds bound for Herat",
    });
    expect(entries[0]!.passages[0]!.text).toContain("trading company in Mashhad");
    // A block of prose without entries still gives its dated sentence.
    expect(candidates.some((c) => c.dateText === "December 2016")).toBe(true);
  });
});

describe("titles", () => {
  it("state the event: no opening date, attribution or scene-setting clause, no trailing attribution", () => {
    const sentence =
      "According to a report published on June 11, 2015, after weeks of rumours, the ministry opened an office for the group in Zahedan.";
    expect(proposeTitle(sentence, { index: sentence.indexOf("June 11, 2015"), text: "June 11, 2015" })).toBe(
      "The ministry opened an office for the group in Zahedan",
    );
    expect(
      proposeTitle("On December 12, 2016, the ambassador met the envoy in Kabul, officials said.", {
        index: 3,
        text: "December 12, 2016",
      }),
    ).toBe("The ambassador met the envoy in Kabul");
    const nominal = "The arrest of the smuggler in Nimroz on 3 May 2012 showed how far the network reached.";
    expect(proposeTitle(nominal, { index: nominal.indexOf("3 May 2012"), text: "3 May 2012" })).toBe(
      "The arrest of the smuggler in Nimroz",
    );
  });
});

describe("sentences", () => {
  it("are not cut after abbreviations", () => {
    const text = "Brig. Gen. Ruth Alder spoke on Oct. 21 in Kabul. The U.N. said nothing.";
    expect(sentenceSpans(text).map((s) => text.slice(s.start, s.end))).toEqual([
      "Brig. Gen. Ruth Alder spoke on Oct. 21 in Kabul.",
      "The U.N. said nothing.",
    ]);
  });
});

describe("names", () => {
  const matcher = entityMatcher([
    { id: "irgc", name: "Islamic Revolutionary Guard Corps", kind: "ORGANIZATION", aliases: ["IRGC", "Sepah", "سپاه"] },
    { id: "iran", name: "Iran", kind: "PLACE", aliases: [] },
    { id: "mansour", name: "Mullah Akhtar Muhammad Mansour", kind: "PERSON", aliases: [] },
    { id: "iskp", name: "Islamic State Khorasan Province", kind: "ORGANIZATION", aliases: ["ISIS-K"] },
    { id: "tayyab", name: "Tayyab Agha", kind: "PERSON", aliases: ["طیب آغا"] },
  ]);
  const ids = (text: string) => matcher.match(text).map((e) => e.entityId);
  const why = (text: string, id: string) => matcher.match(text).find((e) => e.entityId === id)?.why;

  it("finds known names and aliases case-insensitively, on whole words only, Persian included", () => {
    expect(ids("The irgc and Tayyab Agha (طیب آغا) met Iranian officials")).toEqual(["irgc", "tayyab"]);
    expect(ids("Iran’s envoy and سپاه")).toEqual(["iran", "irgc"]);
    expect(why("ISIS K fighters", "iskp")).toBe("“ISIS K”: an alias of “Islamic State Khorasan Province”");
  });

  it("links a name however it is written, and says why", () => {
    expect(why("When Akhtar Mansour was killed", "mansour")).toBe(
      "“Akhtar Mansour”: 2 of the 3 words of “Mullah Akhtar Muhammad Mansour”",
    );
    expect(why("Mansour's successor sent a delegation", "mansour")).toBe(
      "“Mansour”: the family name of “Mullah Akhtar Muhammad Mansour”, and no one else in the workspace has it",
    );
    expect(why("Mullah Akhtar Mohammad Mansoor was seen in Quetta", "mansour")).toBe(
      "“Mullah Akhtar Mohammad Mansoor”: spelled like “Mullah Akhtar Muhammad Mansour”",
    );
    expect(why("Fighters of the ISKP attacked", "iskp")).toBe(
      "“ISKP”: the initials of “Islamic State Khorasan Province”",
    );
    // Part of a body's name may be another body.
    expect(ids("The Islamic State claimed the attack")).toEqual([]);
    expect(skeleton("Balochistan")).toBe(skeleton("Baluchistan"));
    expect(skeleton("Muhammad")).toBe(skeleton("Mohammed"));
  });

  it("offers new names that are names, and never a known one", () => {
    const text =
      "Head of Security Farid Nazari, a Western diplomat and the Islamic Republic's envoy met Akhtar Mansour and Ghulam Rasul Karimi at the Caspian Policy Forum in Zaranj.";
    const known = matcher.match(text);
    const offered = newNames(text, known, 8, matcher.knows);
    const fresh = offered.map((f) => f.name);
    expect(offered).toContainEqual({ name: "Farid Nazari", kind: "PERSON" });
    expect(offered).toContainEqual({ name: "Ghulam Rasul Karimi", kind: "PERSON" });
    expect(fresh).toContain("Caspian Policy Forum");
    for (const word of ["Head", "Security", "Western", "Islamic Republic", "Akhtar Mansour", "Mansour"])
      expect(fresh).not.toContain(word);
    // A name told two ways in one passage is known both ways.
    const twice = "Mullah Akhtar Muhammad Mansour arrived; later Akhtar Mansour left for Quetta.";
    expect(newNames(twice, matcher.match(twice), 8, matcher.knows).map((f) => f.name)).not.toContain("Akhtar Mansour");
  });
});

describe("dated text that is no event", () => {
  it("is told apart by what it is, not by where it stands", () => {
    expect(isDocumentLine("Published: 4 March 2017, 10:00")).toBe(true);
    expect(isDocumentLine("By Jane Roe, Kabul correspondent")).toBe(true);
    expect(isDocumentLine("By March 2017 the talks had stalled in Doha and both sides blamed the other.")).toBe(false);
    expect(isAboutTheDocument("An earlier version of this story appeared on 3 May 2016.")).toBe(true);
    expect(isAboutTheDocument("The ministry published its report on 3 May 2016.")).toBe(false);
    expect(isBiography("The author covered Kabul from 2009 to 2014.")).toBe(true);
    expect(isBiography("The authorities closed the border in 2012.")).toBe(false);
    expect(isPeriodHeading("Years of exile, 2001–2005", { precision: "YEAR", isRange: true })).toBe(true);
    expect(isPeriodHeading("Photo: talks in Doha, 2019", { precision: "YEAR", isRange: false })).toBe(false);
    expect(isHypothetical("If the truce holds until 2021, the envoys would meet again.", false)).toBe(true);
    expect(isHypothetical("Talks are expected to resume in 2021.", true)).toBe(true);
    expect(isHypothetical("Talks resumed in 2018.", false)).toBe(false);
  });
});
