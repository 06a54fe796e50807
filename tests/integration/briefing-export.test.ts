import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { GET } from "../../app/api/briefings/[id]/export/route.ts";
import { db } from "../../server/db/client.ts";
import { authSecret } from "../../server/auth.ts";
import { renderExport } from "../../server/export/export-file.ts";
import type { BriefingContent } from "../../server/schemas/briefing.ts";
import { citedIdsOf, loadCitedMaterial } from "../../server/services/briefing/index.ts";
import { PUBLISHED_VIEW } from "../../server/services/vote/index.ts";
import type { ExportQuery } from "../../server/schemas/briefing-procedures.ts";
import { contentHash, loadBriefingForExport } from "../../server/services/briefing/index.ts";
import { callerFor } from "../helpers/caller.ts";
import { curationTeam, eventInput, passage, publish, type CurationTeam } from "../helpers/curation.ts";
import { pdfPages, plain } from "../helpers/pdf-text.ts";

/**
 * Exporting briefings from the database: a publication exports exactly what
 * was approved (content, events and ratings frozen, with revision ids), a
 * draft is marked on every page, and the download answers only those who may
 * read the briefing, with the right status and headers.
 */

const PERSIAN_NAME = "محمدجواد ظریف";
const PERSIAN_QUOTE = `${PERSIAN_NAME} گفت که گفت‌وگو با هیئت طالبان در تهران ادامه دارد`;

let fx: {
  t: CurationTeam;
  published: string;
  draft: string;
  deleted: string;
  events: { visit: string; talks: string; border: string };
  publicationHash: string;
};

/** A briefing the analyst writes in the app: created, then saved with all its content. */
async function writeBriefing(t: CurationTeam, content: BriefingContent) {
  const b = await t.analyst.briefing.create({ workspaceId: t.ws, title: content.title });
  const { marking, summary, body, keyJudgments } = content;
  const saved = await t.analyst.briefing.update({ id: b.id, version: b.version, marking, summary, body, keyJudgments });
  return { id: b.id, version: saved.version };
}

/** The moment of approval, so that file names and title blocks have a known date. */
const APPROVED_AT = new Date("2026-11-20T09:30:00Z");

/**
 * Submitted by the analyst and approved by the reviewer, which freezes the
 * content and everything it cites; returns the hash of what was approved.
 */
async function approve(t: CurationTeam, briefing: { id: string; version: number }, content: BriefingContent) {
  const { round } = await t.analyst.briefing.submit(briefing);
  vi.setSystemTime(APPROVED_AT);
  try {
    expect(await t.reviewer.briefing.decide({ id: briefing.id, round, decision: "APPROVE" })).toMatchObject({
      status: "PUBLISHED",
    });
  } finally {
    vi.useRealTimers();
  }
  const { material } = await loadCitedMaterial(db, t.ws, citedIdsOf(content), PUBLISHED_VIEW);
  const hash = contentHash(content, material);
  const publication = await db.briefingPublication.findFirstOrThrow({
    where: { briefingId: briefing.id },
    select: { contentHash: true, version: true, approvedAt: true },
  });
  expect(publication).toEqual({ contentHash: hash, version: briefing.version, approvedAt: APPROVED_AT });
  return hash;
}

beforeAll(async () => {
  const t = await curationTeam();
  const text = `Reuters reported that Taliban envoys met Iranian officials in Tehran. ${PERSIAN_QUOTE}. Border trade was also discussed.`;
  const src = await t.analyst.source.create({
    workspaceId: t.ws,
    kind: "NEWS_REPORT",
    title: "Taliban delegation in Tehran",
    text,
    publisherName: "Reuters",
    url: "https://www.reuters.com/world/taliban-delegation-tehran",
    pubDate: { year: 2015, month: 5, day: 19 },
  });
  if (src.status !== "created") throw new Error("expected a new source");
  const visit = await t.analyst.event.create({
    workspaceId: t.ws,
    ...eventInput("Taliban delegation visits Tehran", { year: 2015, month: 5, day: 18 }),
  });
  const talks = await t.analyst.event.create({
    workspaceId: t.ws,
    ...eventInput("First reported contacts", { year: 1998 }),
    date: { start: { year: 1998 }, qualifier: "CIRCA" },
  });
  const border = await t.analyst.event.create({
    workspaceId: t.ws,
    ...eventInput("Border trade talks", { year: 2016, month: 3 }),
  });
  // Evidence is cited while the events are drafts: on a published event a new citation is only proposed.
  await t.analyst.citation.create({
    eventId: visit.id,
    sourceId: src.source.id,
    stance: "SUPPORTS",
    ...passage(text, PERSIAN_QUOTE),
  });
  await t.analyst.citation.create({
    eventId: border.id,
    sourceId: src.source.id,
    stance: "SUPPORTS",
    ...passage(text, "Border trade was also discussed"),
  });
  await publish(t, visit.id, talks.id, border.id);
  const origin = (await t.analyst.source.get({ sourceId: src.source.id })).publisher!.id;
  await t.analyst.vote.cast({ entityId: origin, grade: "B", rationale: "Track record" });
  // A second voter: for the analyst, their own vote alone would be no consensus.
  await t.reviewer.vote.cast({ entityId: origin, grade: "B", rationale: "Agreed" });
  await t.analyst.vote.cast({ eventId: visit.id, grade: "2", rationale: "Reported by Reuters" });

  const paragraphs = Array.from(
    { length: 40 },
    (_, i) =>
      `Paragraph ${i + 1} on how contacts developed over the years, and why Tehran kept channels open while distrusting the movement.`,
  ).join("\n\n");
  const content: BriefingContent = {
    title: "Iran and the Taliban: contacts since 1998",
    marking: "TLP:AMBER",
    summary: `Tehran has kept working contacts with the Taliban [@event:${talks.id}].`,
    body: `## The 2015 visit\n\nA delegation came to Tehran [@event:${visit.id}], as Reuters reported [@source:${src.source.id}].\n\n${paragraphs}\n\nTrade followed [@event:${border.id}].`,
    keyJudgments: [
      {
        id: "kj1",
        statement: "Tehran will keep direct channels open.",
        probability: "LIKELY",
        confidence: "MODERATE",
        eventIds: [visit.id],
        sourceIds: [],
      },
    ],
  };
  const written = await writeBriefing(t, content);
  const publicationHash = await approve(t, written, content);
  const published = written.id;

  const draft = (await writeBriefing(t, { ...content, title: "Working notes on the border", marking: "TLP:RED" })).id;
  const deleted = await writeBriefing(t, { ...content, title: "Deleted briefing" });
  await t.analyst.briefing.delete(deleted);

  fx = {
    t,
    published,
    draft,
    deleted: deleted.id,
    events: { visit: visit.id, talks: talks.id, border: border.id },
    publicationHash,
  };
});

const actor = (userId: string) => ({ userId });

async function pdfOf(userId: string, briefingId: string, version?: ExportQuery["version"]) {
  const { doc, revisionId } = await loadBriefingForExport(actor(userId), briefingId, version);
  const file = await renderExport(doc, revisionId, "pdf");
  return { doc, file, pages: pdfPages(file.body as Uint8Array).map(plain) };
}

describe("PDF of a published briefing", () => {
  it("has the marking on every page, the footnotes, the chronology, the Persian quote in logical order and the manifest", async () => {
    const { doc, file, pages } = await pdfOf(fx.t.users.viewer.id, fx.published);
    expect(doc.published).toBe(true);
    expect(file.fileName).toBe("iran-and-the-taliban-contacts-since-1998-2026-11-20.pdf");
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const [i, page] of pages.entries()) {
      expect(page, `page ${i + 1}`).toMatch(/TLP:AMBER[\s\S]*TLP:AMBER/); // header and footer
      expect(page, `page ${i + 1}`).toMatch(new RegExp(`\\b${i + 1}\\s*/\\s*${pages.length}\\b`));
      expect(page).not.toContain("DRAFT");
    }
    const all = pages.join("\n");
    // Title block.
    for (const s of [
      "Iran and the Taliban: contacts since 1998",
      "Analyst",
      "Reviewed by",
      "Reviewer",
      "Published",
      "20 November 2026",
      "Version",
      "Contents",
    ])
      expect(all).toContain(s);
    expect(all).toMatch(/Likely \(55–80 %\) · Moderate confidence/);
    // Footnotes: event title, date as written, consensus rating; source title, publisher, date, URL.
    expect(all).toMatch(/¹\s*Event: First reported contacts\. c\. 1998\. Rating not rated\./);
    expect(all).toMatch(/²\s*Event: Taliban delegation visits Tehran\. 18 May 2015\. Rating B2\./);
    expect(all).toMatch(
      /³\s*Source: Taliban delegation in Tehran, Reuters\. 19 May 2015\. Reliability B \(Usually reliable\)\./,
    );
    expect(all).toContain("https://www.reuters.com/world/taliban-delegation-tehran");
    // Chronology in date order with ratings.
    const chronology = all.slice(all.lastIndexOf("Chronology of cited events"));
    const order = ["c. 1998", "18 May 2015", "March 2016"].map((d) => chronology.indexOf(d));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(chronology).toMatch(/18 May 2015\s+Taliban delegation visits Tehran\s+B2/);
    // The Persian name, in logical (reading) order.
    expect(all).toContain(PERSIAN_NAME);
    // Sources with reliability, then the manifest.
    expect(all).toMatch(/Reliability\s+of\s+the\s+origin:\s+B\s+\(Usually\s+reliable\)/);
    const manifest = all.slice(all.lastIndexOf("Manifest"));
    expect(manifest).toContain(fx.published);
    expect(manifest).toContain(`sha256:${fx.publicationHash}`);
    expect(manifest).toContain("Approved publication");
    // The version people know (the first publication), and the save it was taken at only in the manifest.
    expect(all.slice(0, all.indexOf("Contents"))).toMatch(/Version\s+1\s/);
    expect(manifest).toMatch(/Version\s+1, save \d+ — Approved publication/);
    const revisions = await db.revision.findMany({
      where: { targetId: { in: Object.values(fx.events) }, targetType: "event" },
      select: { id: true, targetId: true },
    });
    for (const id of Object.values(fx.events)) {
      expect(manifest).toContain(id);
      const latest = revisions
        .filter((r) => r.targetId === id)
        .map((r) => r.id)
        .sort((a, b) => Number(b - a))[0]!;
      expect(manifest).toContain(`rev ${latest.toString()}`);
    }
  }, 60_000);

  it("stays frozen to what was approved when events and ratings change afterwards", async () => {
    await db.event.update({ where: { id: fx.events.visit }, data: { title: "Renamed after approval" } });
    await fx.t.reviewer.vote.cast({ eventId: fx.events.visit, grade: "5", rationale: "Doubts" });
    await fx.t.admin.vote.cast({ eventId: fx.events.visit, grade: "5", rationale: "Doubts" });
    try {
      const published = (await pdfOf(fx.t.users.analyst.id, fx.published)).pages.join("\n");
      expect(published).toContain("Taliban delegation visits Tehran. 18 May 2015. Rating B2.");
      expect(published).not.toContain("Renamed after approval");
      const working = await pdfOf(fx.t.users.analyst.id, fx.published, "working");
      expect(working.doc.published).toBe(false);
      const w = working.pages.join("\n");
      expect(w).toContain("Event: Renamed after approval. 18 May 2015. Rating B5");
    } finally {
      await db.event.update({ where: { id: fx.events.visit }, data: { title: "Taliban delegation visits Tehran" } });
      await fx.t.reviewer.vote.withdraw({ eventId: fx.events.visit });
      await fx.t.admin.vote.withdraw({ eventId: fx.events.visit });
    }
  }, 60_000);
});

describe("drafts and who may export", () => {
  it("marks a draft “DRAFT — not reviewed” on every page", async () => {
    const { doc, pages } = await pdfOf(fx.t.users.analyst.id, fx.draft);
    expect(doc.published).toBe(false);
    for (const [i, page] of pages.entries()) {
      expect(page, `page ${i + 1}`).toContain("DRAFT — not reviewed");
      expect(page, `page ${i + 1}`).toContain("TLP:RED");
    }
    expect(pages.join("\n")).toContain("Working draft — not reviewed");
  }, 60_000);

  it("lets a viewer download only published briefings; non-members and unknown or deleted ones are NOT_FOUND", async () => {
    const code = (p: Promise<unknown>) =>
      p.then(
        () => "ok",
        (e: { code?: string }) => e.code ?? String(e),
      );
    const { viewer, outsider, analyst, reviewer } = fx.t.users;
    expect(await code(loadBriefingForExport(actor(viewer.id), fx.published, undefined))).toBe("ok");
    expect(await code(loadBriefingForExport(actor(viewer.id), fx.published, "published"))).toBe("ok");
    expect(await code(loadBriefingForExport(actor(viewer.id), fx.draft, undefined))).toBe("NOT_FOUND");
    expect(await code(loadBriefingForExport(actor(viewer.id), fx.draft, "working"))).toBe("NOT_FOUND");
    expect(await code(loadBriefingForExport(actor(viewer.id), fx.published, "working"))).toBe("FORBIDDEN");
    expect(await code(loadBriefingForExport(actor(outsider.id), fx.published, undefined))).toBe("NOT_FOUND");
    expect(await code(loadBriefingForExport(actor(analyst.id), fx.deleted, undefined))).toBe("NOT_FOUND");
    expect(await code(loadBriefingForExport(actor(analyst.id), "no-such-briefing", undefined))).toBe("NOT_FOUND");
    expect(await code(loadBriefingForExport(actor(reviewer.id), fx.draft, "working"))).toBe("ok");
    expect(await code(loadBriefingForExport(actor(analyst.id), fx.draft, "published"))).toBe("NOT_FOUND");
  });
});

describe("GET /api/briefings/{id}/export", () => {
  async function get(userId: string | null, id: string, query: string) {
    const headers = new Headers();
    if (userId) {
      const { sessionId } = await callerFor(userId);
      const token = await encode({ token: { sid: sessionId, sub: userId }, secret: authSecret() });
      headers.set("cookie", `next-auth.session-token=${token}`);
    }
    const req = new NextRequest(`http://localhost/api/briefings/${id}/export${query}`, { headers });
    return GET(req, { params: Promise.resolve({ id }) });
  }

  it("sends the PDF as an attachment named after the title and date", async () => {
    const res = await get(fx.t.users.viewer.id, fx.published, "?format=pdf");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toBe(
      'attachment; filename="iran-and-the-taliban-contacts-since-1998-2026-11-20.pdf"',
    );
    expect(res.headers.get("cache-control")).toContain("no-store");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe("%PDF-");
    expect(pdfPages(bytes).map(plain).join("\n")).toContain(PERSIAN_NAME);
  }, 60_000);

  it("exports Markdown, and the cited events as CSV and JSON", async () => {
    const md = await get(fx.t.users.viewer.id, fx.published, "?format=md");
    expect(md.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(md.headers.get("content-disposition")).toContain(
      'filename="iran-and-the-taliban-contacts-since-1998-2026-11-20.md"',
    );
    const text = await md.text();
    expect(text).toContain("# Iran and the Taliban: contacts since 1998");
    expect(text).toContain("A delegation came to Tehran [^2], as Reuters reported [^3].");
    expect(text).toContain("[^2]: Event: Taliban delegation visits Tehran. 18 May 2015. Rating B2.");

    const csv = await get(fx.t.users.viewer.id, fx.published, "?format=csv");
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const rows = (await csv.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(rows).toHaveLength(4);
    expect(rows[2]).toMatch(
      /^18 May 2015,Taliban delegation visits Tehran,B2,no,PUBLISHED,Reuters: Taliban delegation in Tehran,/,
    );

    const json = await get(fx.t.users.viewer.id, fx.published, "?format=json");
    expect(json.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const body = (await json.json()) as {
      briefing: { id: string; contentHash: string };
      events: { id: string; quotes: { quote: string }[] }[];
      sources: unknown[];
    };
    expect(body.briefing).toMatchObject({ id: fx.published, contentHash: fx.publicationHash });
    expect(body.events.map((e) => e.id)).toEqual([fx.events.talks, fx.events.visit, fx.events.border]);
    expect(body.events[1]!.quotes[0]!.quote).toBe(PERSIAN_QUOTE);
    expect(body.sources).toHaveLength(1);
  }, 60_000);

  it("answers errors as JSON: 401 signed out, 400 bad options, 404 for drafts a viewer may not see and for outsiders, 403 for a viewer asking for the working copy", async () => {
    const cases: [string | null, string, string, number][] = [
      [null, fx.published, "", 401],
      [fx.t.users.viewer.id, fx.published, "?format=docx", 400],
      [fx.t.users.viewer.id, fx.published, "?version=latest", 400],
      [fx.t.users.viewer.id, fx.draft, "", 404],
      [fx.t.users.outsider.id, fx.published, "", 404],
      [fx.t.users.analyst.id, "no-such-briefing", "", 404],
      [fx.t.users.viewer.id, fx.published, "?version=working", 403],
    ];
    for (const [user, id, query, status] of cases) {
      const res = await get(user, id, query);
      expect(res.status, `${query || "(default)"} as ${user ?? "nobody"}`).toBe(status);
      expect(res.headers.get("content-type")).toContain("application/json");
      expect(((await res.json()) as { error: string }).error.length).toBeGreaterThan(5);
    }
  }, 60_000);
});
