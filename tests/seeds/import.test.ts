import { describe, expect, it } from "vitest";
import { db } from "../../server/db/client.ts";
import { ENTRY_HEADER } from "../../server/import/dossier.ts";
import { curationTeam } from "../helpers/curation.ts";
import { base64, importAndWait } from "../helpers/import-run.ts";
import { readSeed, readSeedBytes, SEED_FILES, seedsDir } from "../helpers/seeds.ts";

const fileOf = (name: string) => ({ fileName: name, contentBase64: base64(readSeedBytes(name)) });

/** The importer through its procedures on the real articles, when they are at hand (DOSSIER_SEEDS_DIR or ../shared/seeds). */

/** Each "DD Mon YYYY:" entry of the dossier with the address lines just above it, read straight from the file. */
function dossierEntriesOf(text: string) {
  const lines = text.split("\n");
  const entries: { header: string; urls: string[] }[] = [];
  let urls: string[] = [];
  let lastWasUrl = false;
  for (const raw of lines) {
    const line = raw.trim();
    if (/^(https?:\/\/|www\.)\S+$/.test(line)) {
      urls = lastWasUrl ? [...urls, line] : [line];
      lastWasUrl = true;
      continue;
    }
    if (line) lastWasUrl = false;
    const header = ENTRY_HEADER.exec(line);
    if (header && /^\d{1,2} [A-Z][a-z]+ \d{4}$/.test(header[1]!))
      entries.push({ header: header[1]!, urls: urls.map((u) => (u.startsWith("www.") ? `https://${u}` : u)) });
  }
  return entries;
}

const MONTHS: Record<string, number> = {
  Jan: 1,
  Feb: 2,
  Mar: 3,
  Apr: 4,
  May: 5,
  Jun: 6,
  Jul: 7,
  Aug: 8,
  Sep: 9,
  Oct: 10,
  Nov: 11,
  Dec: 12,
};

describe.skipIf(!seedsDir())("importing the real timeline dossier", () => {
  it("proposes one candidate per dated entry, with its date and the addresses above it, each address block a source", async () => {
    const t = await curationTeam();
    const text = readSeed(SEED_FILES.timeline);
    const expected = dossierEntriesOf(text);
    const regexCount = text.match(/^\d{1,2} [A-Z][a-z]+ \d{4}:/gm)!.length;
    expect(expected.length).toBe(regexCount);
    expect(regexCount).toBeGreaterThanOrEqual(30);

    const { job, candidates } = await importAndWait(t.analyst, {
      workspaceId: t.ws,
      file: fileOf(SEED_FILES.timeline),
    });
    expect(job.status).toBe("DONE");
    expect(job.mode).toBe("dossier");
    expect(job.pubDateText).toBe("9 December 2016");
    const entries = candidates.filter((c) => c.passages[0]!.text.startsWith(`${c.dateText}:`));
    expect(entries).toHaveLength(regexCount);
    entries.forEach((c, i) => {
      const [day, month, year] = expected[i]!.header.split(" ");
      expect(c.dateText).toBe(expected[i]!.header);
      expect(c.date).toEqual({
        start: { year: Number(year), month: MONTHS[month!.slice(0, 3)], day: Number(day) },
        end: null,
        qualifier: "EXACT",
      });
      expect(c.source.urls).toEqual(expected[i]!.urls);
    });
    // One source per address block, its first address as its URL, the block's text stored so citations point into it.
    const sources = await db.source.findMany({
      where: { workspaceId: t.ws },
      select: { id: true, url: true, text: true },
    });
    expect(sources).toHaveLength(job.sources.length);
    for (const c of candidates)
      for (const p of c.passages) {
        const source = sources.find((s) => s.id === p.sourceId)!;
        expect(source.text.slice(p.startOffset, p.endOffset)).toBe(p.text);
      }
    // Persian kept intact.
    expect(sources.some((s) => s.text.includes("طیب آغا"))).toBe(true);
    // Prose blocks without entries still give candidates (e.g. the Wall Street Journal report of 11 June 2015).
    expect(candidates.some((c) => c.dateText === "June 11, 2015")).toBe(true);
  });

  it("offers the existing source on a second import, then, when asked to read it again, points each candidate at the event made the first time", async () => {
    const t = await curationTeam();
    const first = await importAndWait(t.analyst, { workspaceId: t.ws, file: fileOf(SEED_FILES.timeline) });
    const accepted = first.candidates.filter((c) => c.passages[0]!.text.startsWith(`${c.dateText}:`)).slice(0, 3);
    const events: { eventId: string }[] = [];
    for (const c of accepted) events.push(await t.analyst.import.accept({ candidateId: c.id, version: c.version }));
    const sourcesBefore = await db.source.count({ where: { workspaceId: t.ws } });
    const jobsBefore = await db.importJob.count({ where: { workspaceId: t.ws } });

    const again = await t.analyst.import.start({ workspaceId: t.ws, file: fileOf(SEED_FILES.timeline) });
    expect(again.status).toBe("duplicate");
    if (again.status !== "duplicate") return;
    expect(first.job.sources.map((s) => s.id)).toContain(again.existing.id);
    expect(again.duplicates).toBe(first.job.sources.length);
    expect(await db.source.count({ where: { workspaceId: t.ws } })).toBe(sourcesBefore);
    expect(await db.importJob.count({ where: { workspaceId: t.ws } })).toBe(jobsBefore);

    const second = await importAndWait(t.analyst, {
      workspaceId: t.ws,
      file: fileOf(SEED_FILES.timeline),
      reuseExisting: true,
    });
    expect(second.job.sources.every((s) => s.reused)).toBe(true);
    expect(await db.source.count({ where: { workspaceId: t.ws } })).toBe(sourcesBefore);
    accepted.forEach((c, i) => {
      const same = second.candidates.find(
        (s) => s.source.id === c.source.id && s.passages[0]!.startOffset === c.passages[0]!.startOffset,
      )!;
      expect(same.similarEvent?.id).toBe(events[i]!.eventId);
      expect(same.similarity).toBe(1);
    });
  });
});

describe.skipIf(!seedsDir())("importing the real articles", () => {
  it("finds the June meeting in Mashhad in the Reuters article, to the month, from the article's date", async () => {
    const t = await curationTeam();
    const mashhad = await t.admin.entity.create({
      workspaceId: t.ws,
      kind: "PLACE",
      name: "Mashhad",
      aliases: ["Mashad", "مشهد"],
    });
    const { candidates } = await importAndWait(t.analyst, {
      workspaceId: t.ws,
      title: "Iran talks to Taliban, unsure of al Qaeda: Germany",
      publisherName: "Reuters",
      pubDate: { year: 2007, month: 9, day: 20 },
      file: fileOf(SEED_FILES.reuters),
    });
    const meeting = candidates.find((c) => c.passages.some((p) => p.text.includes("June meeting in Mashhad")));
    expect(meeting).toBeDefined();
    expect(meeting!.date).toEqual({ start: { year: 2007, month: 6 }, end: null, qualifier: "EXACT" });
    expect(meeting!.dateText).toBe("June");
    expect(meeting!.entities).toContainEqual(
      expect.objectContaining({ entityId: mashhad.id, name: "Mashhad", kind: "PLACE" }),
    );
    expect(meeting!.title).toMatch(/meeting in Mashhad/);
    // "August Hanning" is a German official, not a month.
    expect(candidates.some((c) => c.dateText === "August")).toBe(false);
  });

  it("reads weekdays and month-days of the CEMO and Asharq Al-Awsat pieces against their publication dates", async () => {
    const t = await curationTeam();
    const cemo = await importAndWait(t.analyst, {
      workspaceId: t.ws,
      pubDate: { year: 2021, month: 8, day: 17 },
      file: fileOf(SEED_FILES.cemo),
    });
    const video = cemo.candidates.find((c) => c.passages.some((p) => p.text.includes("video recording")));
    expect(video?.date?.start).toEqual({ year: 2021, month: 8, day: 14 });
    expect(video?.entities.some((e) => e.name.includes("Ahmadinejad"))).toBe(true);
    expect(
      cemo.candidates.some((c) => c.date?.start.year === 2001 && c.date.start.month === 9 && c.date.start.day === 11),
    ).toBe(true);

    const asharq = await importAndWait(t.analyst, {
      workspaceId: t.ws,
      pubDate: { year: 2017, month: 4 },
      file: fileOf(SEED_FILES.asharq),
    });
    const briefing = asharq.candidates.find((c) => c.passages.some((p) => p.text.includes("Pentagon reporters")));
    // A month-day without a year in an article of April 2017: the latest October before it, no more precise than the article's date.
    expect(briefing?.date?.start).toEqual({ year: 2016, month: 10 });
  });
});
