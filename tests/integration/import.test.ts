import { describe, expect, it } from "vitest";
import { db } from "../../server/db/client.ts";
import { ENTRY_HEADER } from "../../server/import/dossier.ts";
import { importSettled } from "../../server/services/import/index.ts";
import { curationTeam } from "../helpers/curation.ts";
import { textlessPdf } from "../helpers/pdf.ts";
import { readSeed, readSeedBytes, SEED_FILES } from "../helpers/seeds.ts";

type Team = Awaited<ReturnType<typeof curationTeam>>;
type Caller = Team["analyst"];

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");
const fileOf = (name: string) => ({ fileName: name, contentBase64: base64(readSeedBytes(name)) });

async function importAndWait(caller: Caller, input: Parameters<Caller["import"]["start"]>[0]) {
  const started = await caller.import.start(input);
  if (started.status !== "started")
    throw new Error(`expected a new import, got a duplicate of ${started.existing.title}`);
  await importSettled(started.jobId);
  const job = await caller.import.job({ jobId: started.jobId });
  return { job, candidates: await allCandidates(caller, started.jobId) };
}

async function allCandidates(caller: Caller, jobId: string) {
  const items = [];
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<Caller["import"]["candidates"]>> = await caller.import.candidates({
      jobId,
      cursor,
      limit: 100,
    });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

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

describe("importing the timeline dossier", () => {
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
    const entries = candidates.filter((c) => c.passage.startsWith(`${c.dateText}:`));
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
    for (const c of candidates) {
      const source = sources.find((s) => s.id === c.source.id)!;
      expect(source.text.slice(c.startOffset, c.endOffset)).toBe(c.passage);
    }
    // Persian kept intact.
    expect(sources.some((s) => s.text.includes("طیب آغا"))).toBe(true);
    // Prose blocks without entries still give candidates (e.g. the Wall Street Journal report of 11 June 2015).
    expect(candidates.some((c) => c.dateText === "June 11, 2015")).toBe(true);
  });

  it("offers the existing source on a second import, then, when asked to read it again, points each candidate at the event made the first time", async () => {
    const t = await curationTeam();
    const first = await importAndWait(t.analyst, { workspaceId: t.ws, file: fileOf(SEED_FILES.timeline) });
    const accepted = first.candidates.filter((c) => c.passage.startsWith(`${c.dateText}:`)).slice(0, 3);
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
      const same = second.candidates.find((s) => s.source.id === c.source.id && s.startOffset === c.startOffset)!;
      expect(same.similarEvent?.id).toBe(events[i]!.eventId);
      expect(same.similarity).toBe(1);
    });
  });
});

describe("importing articles", () => {
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
    const meeting = candidates.find((c) => c.passage.includes("June meeting in Mashhad"));
    expect(meeting).toBeDefined();
    expect(meeting!.date).toEqual({ start: { year: 2007, month: 6 }, end: null, qualifier: "EXACT" });
    expect(meeting!.dateText).toBe("June");
    expect(meeting!.entities).toContainEqual({ entityId: mashhad.id, name: "Mashhad", kind: "PLACE" });
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
    const video = cemo.candidates.find((c) => c.passage.includes("video recording"));
    expect(video?.date.start).toEqual({ year: 2021, month: 8, day: 14 });
    expect(video?.entities.some((e) => e.name.includes("Ahmadinejad"))).toBe(true);
    expect(
      cemo.candidates.some((c) => c.date.start.year === 2001 && c.date.start.month === 9 && c.date.start.day === 11),
    ).toBe(true);

    const asharq = await importAndWait(t.analyst, {
      workspaceId: t.ws,
      pubDate: { year: 2017, month: 4 },
      file: fileOf(SEED_FILES.asharq),
    });
    const briefing = asharq.candidates.find((c) => c.passage.includes("Pentagon reporters"));
    // A month-day without a year in an article of April 2017: the latest October before it, no more precise than the article's date.
    expect(briefing?.date.start).toEqual({ year: 2016, month: 10 });
  });
});

describe("deciding on candidates", () => {
  async function reutersImport(t: Team) {
    return importAndWait(t.analyst, {
      workspaceId: t.ws,
      title: "Reuters on Iran and the Taliban",
      pubDate: { year: 2007, month: 9, day: 20 },
      file: fileOf(SEED_FILES.reuters),
    });
  }

  it("accepts as a draft event citing the passage, accepts as edited, merges into an event, dismisses, and accepts many at once", async () => {
    const t = await curationTeam();
    const { job, candidates } = await reutersImport(t);
    expect(candidates.length).toBeGreaterThanOrEqual(5);
    const [a, b, c, d, e, f] = candidates;

    const accepted = await t.analyst.import.accept({ candidateId: a!.id, version: a!.version });
    const event = await t.analyst.event.get({ eventId: accepted.eventId });
    expect(event).toMatchObject({ title: a!.title, status: "DRAFT" });
    const cites = await t.analyst.citation.forEvent({ eventId: accepted.eventId });
    expect(cites.citations).toHaveLength(1);
    expect(cites.citations[0]).toMatchObject({ quote: a!.passage, startOffset: a!.startOffset, stance: "SUPPORTS" });

    const edited = await t.analyst.import.accept({
      candidateId: b!.id,
      version: b!.version,
      event: {
        title: "Edited title",
        summary: "Checked against the article.",
        date: { start: { year: 2007, month: 6 }, qualifier: "CIRCA" },
      },
    });
    expect(await t.analyst.event.get({ eventId: edited.eventId })).toMatchObject({
      title: "Edited title",
      dateText: "c. June 2007",
    });
    await expect(
      t.analyst.import.accept({
        candidateId: c!.id,
        version: c!.version,
        event: { title: "", date: { start: { year: 2007 } } },
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });

    await t.analyst.import.merge({ candidateId: c!.id, version: c!.version, eventId: accepted.eventId });
    expect((await t.analyst.citation.forEvent({ eventId: accepted.eventId })).citations).toHaveLength(2);
    await t.analyst.import.dismiss({ candidateId: d!.id, version: d!.version });

    const many = await t.analyst.import.acceptMany({
      jobId: job.id,
      items: [
        { candidateId: e!.id, version: e!.version },
        { candidateId: f!.id, version: f!.version },
        { candidateId: d!.id, version: d!.version },
      ],
    });
    expect(many.map((r) => r.ok)).toEqual([true, true, false]);
    expect(many[2]).toMatchObject({ code: "CONFLICT" });

    const after = await t.analyst.import.job({ jobId: job.id });
    expect(after.counts).toMatchObject({ ACCEPTED: 4, MERGED: 1, DISMISSED: 1 });
    const statuses = await allCandidates(t.analyst, job.id);
    expect(statuses.find((x) => x.id === c!.id)).toMatchObject({ status: "MERGED", event: { id: accepted.eventId } });

    const audit = await db.auditLog.findMany({
      where: { workspaceId: t.ws, action: { startsWith: "import." } },
      select: { action: true },
    });
    expect(audit.map((r) => r.action).sort()).toEqual([
      "import.candidate_accepted",
      "import.candidate_accepted",
      "import.candidate_accepted",
      "import.candidate_accepted",
      "import.candidate_dismissed",
      "import.candidate_merged",
      "import.started",
    ]);
  });

  it("refuses a decision on a version someone else moved on, and leaves no event behind when the citation is refused", async () => {
    const t = await curationTeam();
    const { job, candidates } = await reutersImport(t);
    const [a, b] = candidates;
    await t.reviewer.import.dismiss({ candidateId: a!.id, version: a!.version });
    await expect(t.analyst.import.accept({ candidateId: a!.id, version: a!.version })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(t.analyst.import.accept({ candidateId: b!.id, version: b!.version + 1 })).rejects.toMatchObject({
      code: "CONFLICT",
    });

    // Merging the same passage twice into one event: the second citation is refused and the candidate stays open.
    const target = await t.analyst.event.create({
      workspaceId: t.ws,
      title: "Talks between Iran and the Taliban",
      date: { start: { year: 2007 } },
    });
    await t.analyst.citation.create({
      eventId: target.id,
      sourceId: b!.source.id,
      stance: "SUPPORTS",
      quote: b!.passage,
      startOffset: b!.startOffset,
      endOffset: b!.endOffset,
    });
    await expect(
      t.analyst.import.merge({ candidateId: b!.id, version: b!.version, eventId: target.id }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await allCandidates(t.analyst, job.id)).find((x) => x.id === b!.id)?.status).toBe("PENDING");
    expect(await db.event.count({ where: { workspaceId: t.ws } })).toBe(1);
  });
});

describe("who may import", () => {
  it("lets contributors import; viewers are refused and non-members learn nothing", async () => {
    const t = await curationTeam();
    const input = { workspaceId: t.ws, text: "On 22 May 2015 a Taliban delegation visited Tehran for talks." };
    await expect(t.viewer.import.start(input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(t.outsider.import.start(input)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const { job, candidates } = await importAndWait(t.reviewer, input);
    expect(job.status).toBe("DONE");
    await expect(t.viewer.import.candidates({ jobId: job.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(t.outsider.import.job({ jobId: job.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(t.outsider.import.accept({ candidateId: candidates[0]!.id, version: 1 })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(t.viewer.import.dismiss({ candidateId: candidates[0]!.id, version: 1 })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect((await t.admin.import.jobs({ workspaceId: t.ws })).items.map((j) => j.id)).toEqual([job.id]);
  });
});

describe("bad input", () => {
  async function nothingCreated(t: Team, call: () => Promise<unknown>, message: RegExp) {
    const before = await Promise.all([
      db.source.count({ where: { workspaceId: t.ws } }),
      db.importJob.count({ where: { workspaceId: t.ws } }),
    ]);
    await expect(call()).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(message) });
    const after = await Promise.all([
      db.source.count({ where: { workspaceId: t.ws } }),
      db.importJob.count({ where: { workspaceId: t.ws } }),
    ]);
    expect(after).toEqual(before);
  }

  it("explains empty, binary, oversized and text-less files, and creates nothing", async () => {
    const t = await curationTeam();
    const start = (file: { fileName: string; bytes: Uint8Array }) => () =>
      t.analyst.import.start({
        workspaceId: t.ws,
        file: { fileName: file.fileName, contentBase64: base64(file.bytes) },
      });
    await nothingCreated(t, () => t.analyst.import.start({ workspaceId: t.ws, text: "   \n " }), /paste the text/i);
    await nothingCreated(t, start({ fileName: "empty.txt", bytes: new Uint8Array() }), /empty/i);
    await nothingCreated(
      t,
      start({ fileName: "photo.txt", bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0, 1, 2, 0, 255]) }),
      /not text/i,
    );
    await nothingCreated(t, start({ fileName: "scan.pdf", bytes: textlessPdf() }), /no text layer/i);
    // 10 MB of text: within the upload limit, but far longer than a source may be.
    const tenMegabytes = new TextEncoder().encode(
      "Iran and the Taliban met again. ".repeat(Math.floor((10 * 1024 * 1024) / 32)),
    );
    await nothingCreated(t, start({ fileName: "huge.txt", bytes: tenMegabytes }), /longer than 2,000,000 characters/i);
    const overLimit = new Uint8Array(10 * 1024 * 1024 + 1).fill(0x61);
    await nothingCreated(t, start({ fileName: "over.txt", bytes: overLimit }), /at most 10 MB/i);
  });

  it("finishes a document without dates with no candidates and says why", async () => {
    const t = await curationTeam();
    const { job, candidates } = await importAndWait(t.analyst, {
      workspaceId: t.ws,
      title: "Undated note",
      text: "The Taliban and Iran keep talking. Nobody says when they met or where.",
    });
    expect(job.status).toBe("DONE");
    expect(candidates).toHaveLength(0);
    expect(job.message).toMatch(/no dated events/i);
    expect(job.sources).toHaveLength(1);
  });
});
