import { stringify } from "csv-stringify/sync";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as exportChronologyRoute } from "../../app/api/w/[workspaceId]/events/export/route.ts";
import { authSecret } from "../../server/auth.ts";
import { db } from "../../server/db/client.ts";
import {
  MAX_CHRONOLOGY_EXPORTS,
  MAX_CHRONOLOGY_EXPORTS_PER_USER,
  stopChronologyExporter,
} from "../../server/export/chronology-exporter.ts";
import { renderExport } from "../../server/export/export-file.ts";
import { metricsResponse } from "../../server/http/metrics-endpoint.ts";
import { toDateColumns } from "../../server/lib/event-date-columns.ts";
import type { BriefingDocument, FrozenEvent, FrozenSource } from "../../server/schemas/briefing-document.ts";
import { loadCitedMaterial } from "../../server/services/briefing/index.ts";
import { EXPORT_PAGE_SIZE } from "../../server/services/event/index.ts";
import { lensFor } from "../../server/services/vote/index.ts";
import { callerFor } from "../helpers/caller.ts";
import { curationTeam, eventInput, passage, publish, type CurationTeam } from "../helpers/curation.ts";

/**
 * The chronology as a CSV or JSON download, written while it is read: the
 * rows are those of a briefing's CSV and the objects those of its JSON, in
 * the chronology's order, over several pages of reads; viewers get published
 * events only; strangers and other workspaces get NOT_FOUND; bad options are
 * refused before the download starts; a membership removed during a
 * download cuts it. The briefing's CSV and JSON, now written in chunks, are
 * byte for byte what they were when built whole.
 */

const PERSIAN_QUOTE = "هیئت طالبان برای گفت‌وگو درباره مرز به تهران آمد";

// The whole-file exports as they were written before they streamed: the reference the streamed files must equal.
const FORMULA = /^[=+\-@\t\r]/;
const safe = (v: string) => (FORMULA.test(v) ? `'${v}` : v);
function wholeFileCsv(events: FrozenEvent[], sourceList: FrozenSource[]): string {
  const sources = new Map(sourceList.map((s) => [s.id, s]));
  const rows = events.map((e) => {
    const quoted = [...new Set(e.quotes.map((q) => q.sourceId))].map((id) => {
      const s = sources.get(id);
      return s ? (s.publisher ? `${s.publisher}: ${s.title}` : s.title) : id;
    });
    return [
      e.dateText,
      e.title,
      e.rating ?? "",
      e.contested ? "yes" : "no",
      e.status,
      quoted.join("; "),
      e.summary,
      e.id,
      String(e.version),
      e.revisionId ?? "",
    ].map(safe);
  });
  return `\uFEFF${stringify([["Date", "Event", "Rating", "Contested", "Status", "Sources", "Summary", "Event id", "Version", "Revision id"], ...rows], { record_delimiter: "\r\n" })}`;
}
function wholeFileJson(doc: BriefingDocument, revisionId: string | null): string {
  const { cited } = doc;
  return `${JSON.stringify(
    {
      briefing: {
        id: doc.briefingId,
        title: doc.title,
        marking: doc.marking,
        workspace: doc.workspaceName,
        versionNumber: doc.versionNumber,
        version: doc.version,
        revisionId,
        published: doc.published,
        publishedAt: doc.publishedAt,
        exportedAt: doc.exportedAt,
        authors: doc.authors,
        reviewers: doc.reviewers,
        contentHash: doc.contentHash,
      },
      events: cited.events,
      sources: cited.sources,
    },
    null,
    2,
  )}\n`;
}

let t: CurationTeam;
let fx: { quoted: string; formula: string; draft: string; published: number; drafts: number };

beforeAll(async () => {
  t = await curationTeam();
  const text = `Officials met at the border crossing. ${PERSIAN_QUOTE}. A spokesman denied any agreement.`;
  const src = await t.analyst.source.create({
    workspaceId: t.ws,
    kind: "NEWS_REPORT",
    title: "Delegation at the border",
    text,
    publisherName: "Tolo News",
    pubDate: { year: 2016, month: 3, day: 2 },
  });
  if (src.status !== "created") throw new Error("expected a new source");
  const quoted = await t.analyst.event.create({
    workspaceId: t.ws,
    ...eventInput("Delegation crosses into Iran", { year: 2016, month: 3, day: 1 }, { tags: ["border"] }),
  });
  const formula = await t.analyst.event.create({
    workspaceId: t.ws,
    ...eventInput(
      '=HYPERLINK("x") left in a title',
      { year: 2016, month: 3, day: 1 },
      { summary: '+1 and, "quoted"\nover two lines' },
    ),
  });
  const draft = await t.analyst.event.create({
    workspaceId: t.ws,
    ...eventInput("A draft nobody reviewed yet", { year: 2016, month: 3, day: 1 }, { tags: ["border"] }),
  });
  await t.analyst.citation.create({
    eventId: quoted.id,
    sourceId: src.source.id,
    stance: "SUPPORTS",
    ...passage(text, PERSIAN_QUOTE),
  });
  await t.analyst.citation.create({
    eventId: quoted.id,
    sourceId: src.source.id,
    stance: "CONTRADICTS",
    ...passage(text, "A spokesman denied any agreement"),
  });
  await publish(t, quoted.id, formula.id);
  await t.analyst.vote.cast({ eventId: quoted.id, grade: "2", rationale: "Two reports agree" });
  await t.reviewer.vote.cast({ eventId: quoted.id, grade: "3", rationale: "One of them is thin" });

  // Enough more events for the export to read several pages: dated over 30 years, some undated, a fifth drafts.
  const bulk = Array.from({ length: 2 * EXPORT_PAGE_SIZE + 137 }, (_, i) => ({
    id: `bulk-${String(i).padStart(5, "0")}`,
    workspaceId: t.ws,
    title: `Meeting ${i + 1} of the border commission`,
    summary: i % 7 === 0 ? "" : `Minutes ${i + 1}, read from the commission's notes.`,
    status: i % 5 === 0 ? ("DRAFT" as const) : ("PUBLISHED" as const),
    tags: i % 3 === 0 ? ["border"] : ["trade"],
    createdById: t.users.analyst.id,
    updatedById: t.users.analyst.id,
    // Several events on one day: the keyset cursor must order ties by id across page boundaries.
    ...(i % 50 === 49
      ? {}
      : toDateColumns({
          start: { year: 1990 + (i % 30), month: 1 + (i % 12), day: i % 4 === 0 ? null : 1 + (i % 3) },
          end: null,
          qualifier: i % 11 === 0 ? "CIRCA" : "EXACT",
        })),
  }));
  await db.event.createMany({ data: bulk });
  const all = await db.event.groupBy({ by: ["status"], where: { workspaceId: t.ws }, _count: { _all: true } });
  const count = (s: string) => all.find((g) => g.status === s)?._count._all ?? 0;
  fx = {
    quoted: quoted.id,
    formula: formula.id,
    draft: draft.id,
    published: count("PUBLISHED"),
    drafts: all.reduce((n, g) => n + g._count._all, 0) - count("PUBLISHED"),
  };
}, 120_000);

async function cookieOf(userId: string) {
  const { sessionId } = await callerFor(userId);
  return `next-auth.session-token=${await encode({ token: { sid: sessionId, sub: userId }, secret: authSecret() })}`;
}

async function download(userId: string | null, workspaceId: string, query: string) {
  const headers = new Headers();
  if (userId) headers.set("cookie", await cookieOf(userId));
  const req = new NextRequest(`http://localhost/api/w/${workspaceId}/events/export${query}`, { headers });
  return exportChronologyRoute(req, { params: Promise.resolve({ workspaceId }) });
}

/** Every event of the chronology as the list shows it to this user, page after page. */
async function listed(userId: string, filters: Record<string, string> = {}) {
  const { caller } = await callerFor(userId);
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await caller.event.list({ workspaceId: t.ws, limit: 100, order: "chronological", cursor, ...filters });
    ids.push(...page.items.map((e) => e.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}

/** What a briefing citing these events would put in its CSV and JSON, for this reader. */
async function resolved(userId: string, role: "ANALYST" | "VIEWER", ids: string[]) {
  const { material } = await loadCitedMaterial(db, t.ws, { eventIds: ids, sourceIds: [] }, lensFor({ userId }, role));
  const byId = new Map(material.events.map((e) => [e.id, e]));
  return { events: ids.map((id) => byId.get(id)!), sources: material.sources };
}

type ChronologyJson = {
  workspace: { id: string; name: string; exportedAt: string; filters: Record<string, string> };
  events: FrozenEvent[];
  sources: FrozenSource[];
};

describe("chronology export", () => {
  it("writes the CSV of a briefing's cited events for every event of the chronology, in its order, over several pages", async () => {
    const res = await download(t.users.analyst.id, t.ws, "?format=csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="[a-z0-9-]+-chronology-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(res.headers.get("cache-control")).toContain("no-store");
    // Read as bytes: Response.text() would drop the byte-order mark the file starts with.
    const csv = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer());
    expect(csv.startsWith("\uFEFFDate,Event,")).toBe(true);

    const ids = await listed(t.users.analyst.id);
    expect(ids.length).toBe(fx.published + fx.drafts);
    expect(ids.length).toBeGreaterThan(2 * EXPORT_PAGE_SIZE);
    const expected = await resolved(t.users.analyst.id, "ANALYST", ids);
    expect(csv).toBe(wholeFileCsv(expected.events, expected.sources));

    const lines = csv.split("\r\n");
    const quotedRow = lines.find((l) => l.includes(fx.quoted))!;
    expect(quotedRow).toMatch(
      /^1 March 2016,Delegation crosses into Iran,[^,]*,(yes|no),PUBLISHED,Tolo News: Delegation at the border,/,
    );
    // A formula is defused and a line break stays inside its quoted cell.
    expect(csv).toContain(`'=HYPERLINK(""x"") left in a title`);
    expect(csv).toContain(`"'+1 and, ""quoted""\nover two lines"`);
  }, 120_000);

  it("writes the JSON objects of a briefing's export, each quoted source once, and says which filters it was made with", async () => {
    const res = await download(t.users.analyst.id, t.ws, "?format=json&tag=border");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const text = await res.text();
    const body = JSON.parse(text) as ChronologyJson;
    expect(body.workspace).toMatchObject({ id: t.ws, filters: { tag: "border" } });

    const ids = await listed(t.users.analyst.id, { tag: "border" });
    expect(ids).toContain(fx.quoted);
    expect(ids).toContain(fx.draft);
    const expected = await resolved(t.users.analyst.id, "ANALYST", ids);
    expect(body.events).toEqual(expected.events);
    expect(body.sources).toEqual(expected.sources);
    expect(body.sources).toHaveLength(1);
    // Laid out as JSON.stringify(…, null, 2) lays it out, as the briefing's JSON always was.
    expect(text).toBe(`${JSON.stringify(body, null, 2)}\n`);
    const quoted = body.events.find((e) => e.id === fx.quoted)!;
    expect(quoted.quotes.map((q) => q.quote)).toContain(PERSIAN_QUOTE);
  }, 120_000);

  it("gives a viewer the published events only", async () => {
    const res = await download(t.users.viewer.id, t.ws, "?format=json");
    expect(res.status).toBe(200);
    const body = (await res.json()) as ChronologyJson;
    expect(body.events).toHaveLength(fx.published);
    expect(body.events.every((e) => e.status === "PUBLISHED")).toBe(true);
    expect(body.events.map((e) => e.id)).not.toContain(fx.draft);
    expect(body.events.map((e) => e.id)).toEqual(await listed(t.users.viewer.id));

    // Asking for drafts by status changes nothing for a viewer: the list answers nothing, and so does the file.
    const drafts = await download(t.users.viewer.id, t.ws, "?format=csv&status=DRAFT");
    expect((await drafts.text()).trim().split("\r\n")).toHaveLength(1);
  }, 120_000);

  it("answers NOT_FOUND for a workspace the user is not a member of, and refuses bad options before the download starts", async () => {
    const cases: [string | null, string, string, number][] = [
      [null, t.ws, "?format=csv", 401],
      [t.users.outsider.id, t.ws, "?format=csv", 404],
      // A member of this workspace asking for another one.
      [t.users.admin.id, t.other.id, "?format=json", 404],
      [t.users.analyst.id, "no-such-workspace", "?format=csv", 404],
      [t.users.analyst.id, t.ws, "", 400],
      [t.users.analyst.id, t.ws, "?format=xlsx", 400],
      [t.users.analyst.id, t.ws, "?format=csv&from=the%20day%20after%20never", 400],
      [t.users.analyst.id, t.ws, "?format=csv&status=SOMETIMES", 400],
    ];
    for (const [user, ws, query, status] of cases) {
      const res = await download(user, ws, query);
      expect(res.status, `${query || "(no options)"} as ${user ?? "nobody"} in ${ws}`).toBe(status);
      expect(res.headers.get("content-type")).toContain("application/json");
      expect(((await res.json()) as { error: string }).error.length).toBeGreaterThan(5);
    }
  }, 120_000);

  it("cuts the download, rather than ending it as if complete, when the member is removed while it runs", async () => {
    const res = await download(t.users.viewer.id, t.ws, "?format=csv");
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toContain("Date,Event,Rating");
    const membershipId = t.memberships.viewer.id;
    const versionOf = async () =>
      (await db.membership.findUniqueOrThrow({ where: { id: membershipId }, select: { version: true } })).version;
    await t.admin.member.setActive({ membershipId, active: false, version: await versionOf() });
    try {
      const drain = async () => {
        for (;;) if ((await reader.read()).done) return "ended";
      };
      await expect(drain()).rejects.toThrow();
    } finally {
      await t.admin.member.setActive({ membershipId, active: true, version: await versionOf() });
    }
  }, 120_000);
});

describe("chronology export, written in a worker thread of its own", () => {
  const csvOf = async (res: Response) => new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer());

  it("cuts the downloads a stopped worker was writing, and the next export starts a new worker and completes", async () => {
    const res = await download(t.users.analyst.id, t.ws, "?format=csv");
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain("Date,Event,Rating");
    await stopChronologyExporter();
    const drain = async () => {
      for (;;) if ((await reader.read()).done) return "ended";
    };
    await expect(drain()).rejects.toThrow(/export/i);

    const again = await download(t.users.analyst.id, t.ws, "?format=csv");
    expect(again.status).toBe(200);
    const ids = await listed(t.users.analyst.id);
    const expected = await resolved(t.users.analyst.id, "ANALYST", ids);
    expect(await csvOf(again)).toBe(wholeFileCsv(expected.events, expected.sources));
  }, 120_000);

  it("refuses with 429 beyond the downloads one person, then one server, writes at once, and a download the client left frees its place", async () => {
    const running: Response[] = [];
    const start = async (userId: string, query = "?format=json") => {
      const res = await download(userId, t.ws, query);
      expect(res.status).toBe(200);
      running.push(res);
      return res;
    };
    for (let i = 0; i < MAX_CHRONOLOGY_EXPORTS_PER_USER; i++) await start(t.users.analyst.id);
    const mine = await download(t.users.analyst.id, t.ws, "?format=csv");
    expect(mine.status).toBe(429);
    expect(((await mine.json()) as { error: string }).error).toMatch(/You already have 3 chronology downloads running/);

    // Others still get places, up to the server's limit.
    const others = [t.users.reviewer.id, t.users.admin.id, t.users.viewer.id];
    for (let i = 0; running.length < MAX_CHRONOLOGY_EXPORTS; i++) await start(others[i % others.length]!);
    const full = await download(t.users.reviewer.id, t.ws, "?format=csv");
    expect(full.status).toBe(429);
    expect(((await full.json()) as { error: string }).error).toMatch(/already being written on this server/);

    // The client goes away from one of the analyst's downloads: the analyst's place is free at once.
    await running.shift()!.body!.cancel();
    const next = await download(t.users.analyst.id, t.ws, "?format=csv&tag=border");
    expect(next.status).toBe(200);
    const lines = (await csvOf(next)).trim().split("\r\n");
    expect(lines.length).toBe((await listed(t.users.analyst.id, { tag: "border" })).length + 1);
    // The others still run to their end, complete: each reader's own events.
    for (const res of running) expect(((await res.json()) as ChronologyJson).events.length).toBeGreaterThan(0);
  }, 120_000);
});

describe("chronology downloads in /api/metrics", () => {
  const TOKEN = "a-metrics-token-of-some-length";
  /** How many downloads each format and outcome counts so far. */
  async function counts() {
    const text = await (await metricsResponse(`Bearer ${TOKEN}`, TOKEN)).text();
    const out: Record<string, number> = {};
    for (const [, labels, n] of text.matchAll(/^dossier_chronology_export_duration_seconds_count\{(.*)\} (\d+)$/gm)) {
      const format = /format="([^"]*)"/.exec(labels!)![1];
      const outcome = /outcome="([^"]*)"/.exec(labels!)![1];
      out[`${format} ${outcome}`] = Number(n);
    }
    return out;
  }

  it("are counted by format and outcome: ok, refused, failed and cancelled", async () => {
    const before = await counts();
    await (await download(t.users.analyst.id, t.ws, "?format=csv&tag=border")).arrayBuffer();
    expect((await download(t.users.outsider.id, t.ws, "?format=json")).status).toBe(404);
    expect((await download(t.users.analyst.id, t.ws, "?format=xlsx")).status).toBe(400);
    await (await download(t.users.analyst.id, t.ws, "?format=json")).body!.cancel();
    const cut = (await download(t.users.analyst.id, t.ws, "?format=csv")).body!.getReader();
    await cut.read();
    await stopChronologyExporter();
    await expect(
      (async () => {
        for (;;) if ((await cut.read()).done) return;
      })(),
    ).rejects.toThrow();

    const after = await counts();
    const delta = (key: string) => (after[key] ?? 0) - (before[key] ?? 0);
    expect({
      ok: delta("csv ok"),
      refused: delta("json refused"),
      other: delta("other refused"),
      cancelled: delta("json cancelled"),
      // A download left while its first chunk was being written is cancelled, and only that.
      cancelledAsFailed: delta("json failed"),
      failed: delta("csv failed"),
    }).toEqual({ ok: 1, refused: 1, other: 1, cancelled: 1, cancelledAsFailed: 0, failed: 1 });
  }, 120_000);
});

describe("briefing CSV and JSON, written in chunks", () => {
  it("are byte for byte the files built whole, for a briefing citing more events than one chunk holds", async () => {
    const ids = await listed(t.users.analyst.id);
    const { events, sources } = await resolved(t.users.analyst.id, "ANALYST", ids.slice(0, 450));
    const doc: BriefingDocument = {
      briefingId: "b1",
      figures: { timeline: false, network: false },
      title: "Border commission: thirty years of meetings",
      marking: "TLP:AMBER",
      summary: "",
      body: "",
      keyJudgments: [],
      workspaceName: "Workspace",
      version: 3,
      versionNumber: 1,
      published: true,
      authors: ["Analyst"],
      reviewers: ["Reviewer"],
      publishedAt: "2026-11-20T09:30:00.000Z",
      exportedAt: "2026-11-21T10:00:00.000Z",
      cited: { events, sources },
      contentHash: "0".repeat(64),
    };
    const collect = async (body: unknown) => {
      let out = "";
      for await (const chunk of body as AsyncIterable<string>) out += chunk;
      return out;
    };
    expect(await collect((await renderExport(doc, "42", "csv")).body)).toBe(wholeFileCsv(events, sources));
    expect(await collect((await renderExport(doc, "42", "json")).body)).toBe(wholeFileJson(doc, "42"));
    const empty = { ...doc, cited: { events: [], sources: [] } };
    expect(await collect((await renderExport(empty, null, "csv")).body)).toBe(wholeFileCsv([], []));
    expect(await collect((await renderExport(empty, null, "json")).body)).toBe(wholeFileJson(empty, null));
  }, 120_000);
});
