import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { db } from "../../server/db/client.ts";
import { ENTRY_HEADER } from "../../server/import/dossier.ts";
import { ARTICLE_HTML, ARTICLE_PDF, ARTICLE_TXT } from "../fixtures/importer/article-pdf.ts";
import { ARTICLE_EVENTS, ARTICLE_PUB_DATE, ARTICLE_TRAPS } from "../fixtures/importer/expected.ts";
import { curationTeam } from "../helpers/curation.ts";
import { allCandidates, base64, importAndWait } from "../helpers/import-run.ts";
import { scoreCandidates } from "../helpers/import-quality.ts";
import { textlessPdf } from "../helpers/pdf.ts";

type Team = Awaited<ReturnType<typeof curationTeam>>;
type Caller = Team["analyst"];

const DOSSIER = new URL("../fixtures/importer/dossier.txt", import.meta.url);
const fileOf = (url: URL) => ({
  fileName: url.pathname.split("/").pop()!,
  contentBase64: base64(new Uint8Array(readFileSync(url))),
});

type Candidate = Awaited<ReturnType<typeof allCandidates>>[number];
const telling = (cs: Candidate[], words: string) => cs.find((c) => c.passages.some((p) => p.text.includes(words)))!;

const importArticle = (t: Team, extra: Partial<Parameters<Caller["import"]["start"]>[0]> = {}) =>
  importAndWait(t.analyst, {
    workspaceId: t.ws,
    title: "Border diplomacy",
    publisherName: "The Northern Review",
    pubDate: ARTICLE_PUB_DATE,
    file: fileOf(ARTICLE_TXT),
    ...extra,
  });

describe("importing the fixture dossier", () => {
  it("proposes one candidate per dated entry, with its date and the addresses above it, each address block a source", async () => {
    const t = await curationTeam();
    const text = readFileSync(DOSSIER, "utf8");
    const { job, candidates } = await importAndWait(t.analyst, { workspaceId: t.ws, file: fileOf(DOSSIER) });
    expect(job).toMatchObject({ status: "DONE", mode: "dossier", pubDateText: "14 March 2020" });
    expect(job.sources).toHaveLength(6);
    const entries = candidates.filter((c) => ENTRY_HEADER.test(c.passages[0]!.text));
    expect(entries.map((c) => [c.dateText, c.source.urls[0]])).toEqual([
      ["4 Jun 2007", "https://news.example.org/2007/06/border-shipments"],
      ["19 Feb 2009", "https://www.example.com/analysis/2009/delegations"],
      ["2 Mar 2009", "https://www.example.com/analysis/2009/delegations"],
      ["11 Sep 2012", "https://www.example.info/reports/2012/training-camps"],
      ["18 May 2015", "https://radio.example.org/2015/05/tehran-visit"],
      ["20 May 2015", "https://radio.example.org/2015/05/tehran-visit"],
      ["21 May 2016", "https://monitor.example.com/2016/05/drone-strike"],
    ]);
    expect(entries[0]!.source.urls).toHaveLength(2);
    // Each block's text is stored as written, so every passage points at its exact characters.
    const sources = await db.source.findMany({ where: { workspaceId: t.ws }, select: { id: true, text: true } });
    expect(sources).toHaveLength(6);
    for (const c of candidates)
      for (const p of c.passages) {
        const source = sources.find((s) => s.id === p.sourceId)!;
        expect(source.text.slice(p.startOffset, p.endOffset)).toBe(p.text);
        expect(text).toContain(source.text);
      }
    // The prose block without entries still gives its dated sentence.
    expect(candidates.some((c) => c.dateText === "December 2016")).toBe(true);
  });

  it("offers the existing sources on a second import, then, read again, points each candidate at the event made the first time", async () => {
    const t = await curationTeam();
    const first = await importAndWait(t.analyst, { workspaceId: t.ws, file: fileOf(DOSSIER) });
    const accepted = first.candidates.filter((c) => ENTRY_HEADER.test(c.passages[0]!.text)).slice(0, 3);
    const events: { eventId: string }[] = [];
    for (const c of accepted) events.push(await t.analyst.import.accept({ candidateId: c.id, version: c.version }));
    const sourcesBefore = await db.source.count({ where: { workspaceId: t.ws } });

    const again = await t.analyst.import.start({ workspaceId: t.ws, file: fileOf(DOSSIER) });
    expect(again).toMatchObject({ status: "duplicate", duplicates: 6, existing: { matchedOn: "url" } });

    const second = await importAndWait(t.analyst, { workspaceId: t.ws, file: fileOf(DOSSIER), reuseExisting: true });
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

describe("importing the fixture article", () => {
  it("finds its events and none of its traps, from the text and from the PDF alike", async () => {
    const t = await curationTeam();
    const fromText = await importArticle(t);
    const scored = (cs: Candidate[]) => cs.map((c) => ({ date: c.date, passages: c.passages.map((p) => p.text) }));
    expect(scoreCandidates(scored(fromText.candidates), ARTICLE_EVENTS, ARTICLE_TRAPS)).toMatchObject({
      recall: 1,
      falseCandidates: 0,
      trapped: 0,
      repeats: 0,
    });
    // In a workspace of its own: its text is the text's, which the first workspace would offer as already there.
    const other = await curationTeam();
    const fromPdf = await importArticle(other, { file: fileOf(ARTICLE_PDF) });
    const shape = (cs: Candidate[]) => cs.map((c) => [c.title, c.dateText, c.date, c.passages.length]);
    expect(shape(fromPdf.candidates)).toEqual(shape(fromText.candidates));
  });

  it("recognises the same article as a web page or a PDF, offers the source already there, and adds it as new only when asked", async () => {
    const t = await curationTeam();
    const { job } = await importArticle(t);
    const [existing] = job.sources;
    const html = await t.analyst.import.start({
      workspaceId: t.ws,
      file: fileOf(ARTICLE_HTML),
      pubDate: ARTICLE_PUB_DATE,
    });
    expect(html).toMatchObject({
      status: "duplicate",
      existing: { id: existing!.id, matchedOn: "similar-text", similarity: expect.any(Number) },
    });
    // The PDF reads back as the very same text: an exact copy.
    const pdf = await t.analyst.import.start({
      workspaceId: t.ws,
      file: fileOf(ARTICLE_PDF),
      pubDate: ARTICLE_PUB_DATE,
    });
    expect(pdf).toMatchObject({ status: "duplicate", existing: { id: existing!.id, matchedOn: "text" } });
    expect(await db.source.count({ where: { workspaceId: t.ws } })).toBe(1);
    // Read again from the source already there: no new source.
    const reread = await importAndWait(t.analyst, {
      workspaceId: t.ws,
      file: fileOf(ARTICLE_HTML),
      pubDate: ARTICLE_PUB_DATE,
      reuseExisting: true,
    });
    expect(reread.job.sources).toEqual([expect.objectContaining({ id: existing!.id, reused: true })]);
    // Adding a source by hand is offered the same way.
    const pdfText = (await db.source.findUniqueOrThrow({ where: { id: existing!.id }, select: { text: true } })).text;
    const byHand = await t.analyst.source.create({
      workspaceId: t.ws,
      kind: "NEWS_REPORT",
      title: "Border diplomacy (print)",
      text: `${pdfText}\n\nPrinted edition.`,
    });
    expect(byHand).toMatchObject({ status: "duplicate", existing: { id: existing!.id, matchedOn: "similar-text" } });
    const added = await t.analyst.source.create({
      workspaceId: t.ws,
      kind: "NEWS_REPORT",
      title: "Border diplomacy (print)",
      text: `${pdfText}\n\nPrinted edition.`,
      allowSimilar: true,
    });
    expect(added.status).toBe("created");
    const asNew = await importArticle(t, { file: fileOf(ARTICLE_HTML), addAsNew: true });
    expect(asNew.job.sources[0]!.reused).toBe(false);
    expect(await db.source.count({ where: { workspaceId: t.ws } })).toBe(3);
    // A different text is not offered.
    const other = await t.analyst.source.create({
      workspaceId: t.ws,
      kind: "NEWS_REPORT",
      title: "Water talks",
      text:
        "Engineers from both countries met in Zaranj to measure the flow of the Helmand at the dam. ".repeat(3) +
        "They disagreed about the figures for the dry season and agreed to meet again before the harvest began.",
    });
    expect(other.status).toBe("created");
  });

  it("links names however they are written, says why, and never offers a known name as new", async () => {
    const t = await curationTeam();
    const entity = (kind: "PERSON" | "PLACE" | "ORGANIZATION", name: string, aliases: string[] = []) =>
      t.admin.entity.create({ workspaceId: t.ws, kind, name, aliases });
    const mansour = await entity("PERSON", "Mullah Akhtar Muhammad Mansour");
    const baluch = await entity("PLACE", "Baluchestan");
    const iskp = await entity("ORGANIZATION", "Islamic State Khorasan Province", ["ISIS-K"]);
    const { candidates } = await importArticle(t);

    const killing = telling(candidates, "drone strike");
    expect(killing.entities).toContainEqual(
      expect.objectContaining({ entityId: mansour.id, why: "its name in the workspace" }),
    );
    expect(killing.entities).toContainEqual(
      expect.objectContaining({
        entityId: baluch.id,
        why: expect.stringMatching(
          /^“Baluchistan”: spelled like “Baluchestan” \(\d+% alike\)$|^“Balochistan”: spelled like “Baluchestan” \(\d+% alike\)$/,
        ),
      }),
    );
    const successor = telling(candidates, "successor");
    expect(successor.entities).toContainEqual(
      expect.objectContaining({
        entityId: mansour.id,
        why: "“Mansour”: the family name of “Mullah Akhtar Muhammad Mansour”, and no one else in the workspace has it",
      }),
    );
    expect(telling(candidates, "welcomed").entities).toContainEqual(
      expect.objectContaining({ entityId: iskp.id, why: "“ISIS-K”: an alias of “Islamic State Khorasan Province”" }),
    );
    for (const c of candidates) {
      const fresh = c.entities.filter((e) => !e.entityId).map((e) => e.name);
      for (const known of ["Mansour", "Akhtar Mansour", "Baluchistan", "Balochistan", "ISIS-K", "Head", "Western"])
        expect(fresh, c.title).not.toContain(known);
    }
    // Names are read in the whole passage: the second sentence of the delegation's passage names Mashhad.
    expect(telling(candidates, "three days of talks").entities.map((e) => e.name)).toContain("Mashhad");
  });

  it("offers an event the workspace already has, in another precision, and merging cites every telling", async () => {
    const t = await curationTeam();
    const mansour = await t.admin.entity.create({
      workspaceId: t.ws,
      kind: "PERSON",
      name: "Mullah Akhtar Muhammad Mansour",
      aliases: [],
    });
    const existing = await t.analyst.event.create({
      workspaceId: t.ws,
      title: "Taliban leader Mansour killed by a US drone in Baluchistan",
      date: { start: { year: 2016, month: 5 } },
      entities: [{ entityId: mansour.id, role: "ACTOR" }],
    });
    const { candidates } = await importArticle(t);
    const killing = telling(candidates, "drone strike");
    expect(killing.similarEvent).toMatchObject({ id: existing.id, dateText: "May 2016" });
    expect(killing.passages).toHaveLength(2);
    // Other events of the article are not taken for it.
    expect(candidates.filter((c) => c.similarEvent?.id === existing.id)).toHaveLength(1);

    await t.analyst.import.merge({ candidateId: killing.id, version: killing.version });
    const cited = await t.analyst.citation.forEvent({ eventId: existing.id });
    expect(cited.citations.map((c) => c.quote).sort()).toEqual(killing.passages.map((p) => p.text).sort());
  });
});

describe("deciding on candidates", () => {
  it("accepts as a draft event citing every passage, accepts as edited, merges, dismisses, and accepts many at once", async () => {
    const t = await curationTeam();
    const { job, candidates } = await importArticle(t);
    const killing = telling(candidates, "drone strike");
    const visit = telling(candidates, "three days of talks");
    const [c, d, e, f] = candidates.filter((x) => x !== killing && x !== visit);

    const accepted = await t.analyst.import.accept({ candidateId: killing.id, version: killing.version });
    expect(await t.analyst.event.get({ eventId: accepted.eventId })).toMatchObject({
      title: killing.title,
      status: "DRAFT",
      dateText: "21 May 2016",
    });
    const cites = await t.analyst.citation.forEvent({ eventId: accepted.eventId });
    expect(cites.citations.map((x) => [x.quote, x.startOffset])).toEqual(
      expect.arrayContaining(killing.passages.map((p) => [p.text, p.startOffset])),
    );
    expect(cites.citations).toHaveLength(2);

    const edited = await t.analyst.import.accept({
      candidateId: visit.id,
      version: visit.version,
      event: {
        title: "Delegation in Tehran asks for missiles",
        summary: "Checked against the article.",
        date: { start: { year: 2015, month: 5 }, qualifier: "CIRCA" },
      },
    });
    expect(await t.analyst.event.get({ eventId: edited.eventId })).toMatchObject({
      title: "Delegation in Tehran asks for missiles",
      dateText: "c. May 2015",
    });
    expect((await t.analyst.citation.forEvent({ eventId: edited.eventId })).citations[0]!.quote).toContain(
      "anti-aircraft missiles",
    );
    await expect(
      t.analyst.import.accept({
        candidateId: c!.id,
        version: c!.version,
        event: { title: "", date: { start: { year: 2007 } } },
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });

    await t.analyst.import.merge({ candidateId: c!.id, version: c!.version, eventId: accepted.eventId });
    expect((await t.analyst.citation.forEvent({ eventId: accepted.eventId })).citations).toHaveLength(3);
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

  it("asks for the date of an unanchored candidate before accepting it, alone or among many", async () => {
    const t = await curationTeam();
    const { job, candidates } = await importArticle(t, { pubDate: null });
    const undated = candidates.find((c) => c.dateText === "Last October")!;
    expect(undated).toMatchObject({ date: null, unanchored: true, parsedDateText: null });
    await expect(t.analyst.import.accept({ candidateId: undated.id, version: undated.version })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/set the date/i),
    });
    const [many] = await t.analyst.import.acceptMany({
      jobId: job.id,
      items: [{ candidateId: undated.id, version: undated.version }],
    });
    expect(many).toMatchObject({ ok: false, code: "BAD_REQUEST" });
    const dated = await t.analyst.import.accept({
      candidateId: undated.id,
      version: undated.version,
      event: { title: undated.title, date: { start: { year: 2019, month: 10 } } },
    });
    expect(await t.analyst.event.get({ eventId: dated.eventId })).toMatchObject({ dateText: "October 2019" });
  });

  it("refuses a decision on a version someone else moved on, and leaves no event behind when the citation is refused", async () => {
    const t = await curationTeam();
    const { job, candidates } = await importArticle(t);
    const [a, b] = candidates.filter((c) => c.passages.length === 1);
    await t.reviewer.import.dismiss({ candidateId: a!.id, version: a!.version });
    await expect(t.analyst.import.accept({ candidateId: a!.id, version: a!.version })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(t.analyst.import.accept({ candidateId: b!.id, version: b!.version + 1 })).rejects.toMatchObject({
      code: "CONFLICT",
    });

    // Merging a passage the event already cites: refused, and the candidate stays open.
    const target = await t.analyst.event.create({
      workspaceId: t.ws,
      title: "Talks between Iran and the Taliban",
      date: { start: { year: 2015 } },
    });
    const p = b!.passages[0]!;
    await t.analyst.citation.create({
      eventId: target.id,
      sourceId: p.sourceId,
      stance: "SUPPORTS",
      quote: p.text,
      startOffset: p.startOffset,
      endOffset: p.endOffset,
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
