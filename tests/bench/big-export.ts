import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { signInCookie, startApp } from "./app-process.ts";
import { percentile, sampleRss, treeAppRssKb, type BenchRow } from "./bench-kit.ts";

/**
 * Exports on the big workspace, over HTTP, from `npm start`'s production
 * server (build, launcher, Next for the download routes) against the curation
 * bench's generated workspace (100,000 events, 200,000 citations):
 * - the chronology as CSV and JSON, streamed: time to the last byte, bytes,
 *   and the web server's resident memory sampled every 50 ms while it runs,
 *   against its memory at rest just before. A filtered export of about a
 *   tenth of the events runs first, so the peaks of ~10,000 and 100,000
 *   events can be compared: flat memory means the peak stays near the rest
 *   figure whatever the size. The export worker started by the first
 *   download is shown on its own row;
 * - the server's memory after start, and again once the export workers
 *   (PDF compilers, Markdown converters, the chronology writer) have been
 *   idle long enough to be stopped;
 * - a published briefing citing 500 of those events, to PDF: the first export
 *   after start (cold: the Markdown and Typst workers are started and load
 *   their fonts on first use) and then repeated runs with the workers warm.
 *   The PDF engine here is Typst in a worker pool (server/export/worker-pool.ts);
 *   a warm pool is to it what a warm Chromium is to a browser-printing stack.
 * Measures and prints; asserts nothing.
 */

const PORT = Number(process.env.BENCH_EXPORT_PORT ?? 3331);
const PDF_RUNS = Number(process.env.BENCH_EXPORT_PDF_RUNS ?? 10);
/** The app's EXPORT_WORKER_IDLE_MS for this run (10 minutes by default). */
const WORKER_IDLE_MS = 90_000;
const mb = (kb: number) => `${Math.round(kb / 1024)} MB`;
const fmtMs = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ");

export async function bigExportBench(root: string): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const { openBenchDatabase, prepareBigWorkspace } = await import("./curation.ts");
  const database = await openBenchDatabase();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "dossier-bench-export-"));
  try {
    const { generated, generateMs } = await prepareBigWorkspace(database.url);
    rows.push({
      metric: `export (big workspace): generate ${generated.counts.events.toLocaleString("en")} events, ${generated.counts.citations.toLocaleString("en")} citations`,
      value: fmtMs(generateMs),
      target: "",
    });
    const briefingId = await publishBriefingCiting(generated.workspaceId, 500);
    const { closeDb } = await import("../../server/db/client.ts");
    await closeDb();

    const app = await startApp({
      cwd: root,
      port: PORT,
      dataDir,
      // Longer than the exports below take, so no worker is stopped while one is measured.
      env: { DATABASE_URL: database.url, LOG_LEVEL: "warn", EXPORT_WORKER_IDLE_MS: String(WORKER_IDLE_MS) },
    });
    try {
      const base = `http://127.0.0.1:${PORT}`;
      const cookie = await signInCookie(base, "analyst@dossier.local", "dossier-demo");
      const pid = app.child.pid!;
      await new Promise((r) => setTimeout(r, 1500));
      rows.push({ metric: "export: web server RSS after start and sign-in", value: mb(restingRss(pid)), target: "" });

      // ---- PDF first: the first export after start meets cold workers.
      const pdfOnce = async () => {
        const started = performance.now();
        const res = await fetch(`${base}/api/briefings/${briefingId}/export?format=pdf`, { headers: { cookie } });
        const bytes = (await res.arrayBuffer()).byteLength;
        if (res.status !== 200) throw new Error(`PDF export answered ${res.status}`);
        return { ms: performance.now() - started, bytes };
      };
      const pdfLoad = load();
      const cold = await pdfOnce();
      const warm: number[] = [];
      let pdfBytes = cold.bytes;
      for (let i = 0; i < PDF_RUNS; i++) {
        const r = await pdfOnce();
        warm.push(r.ms);
        pdfBytes = r.bytes;
      }
      rows.push({
        metric: `export: briefing citing 500 events → PDF (${Math.round(pdfBytes / 1024)} KB), first after start (cold Typst workers)`,
        value: fmtMs(cold.ms),
        target: "",
      });
      rows.push({
        metric: `  then with the Typst worker pool warm (the "warm Chromium" of a browser stack): p50 / p95 of ${PDF_RUNS}`,
        value: `${fmtMs(percentile(warm, 0.5))} / ${fmtMs(percentile(warm, 0.95))}`,
        target: "",
      });
      rows.push({ metric: "  load average (1 / 5 / 15 min) before", value: pdfLoad, target: "" });

      // ---- The chronology, streamed. A small export first warms the route's code and starts the
      // export worker (server/export/chronology-exporter.ts); what that worker costs is shown apart.
      await new Promise((r) => setTimeout(r, 1500));
      const beforeWorker = restingRss(pid);
      await drain(
        await fetch(`${base}/api/w/${generated.workspaceId}/events/export?format=csv&from=2024`, {
          headers: { cookie },
        }),
      );
      await new Promise((r) => setTimeout(r, 1500));
      rows.push({
        metric: "export: web server RSS before → after the first (small) export, which starts the export worker",
        value: `${mb(beforeWorker)} → ${mb(restingRss(pid))}`,
        target: "",
      });
      const cases: { label: string; query: string }[] = [
        { label: "about 10,000 events (2001–2003)", query: "from=2001&to=2003" },
        { label: "all events", query: "" },
      ];
      for (const format of ["csv", "json"] as const) {
        for (const c of cases) {
          await new Promise((r) => setTimeout(r, 1500));
          global.gc?.();
          const rest = restingRss(pid);
          const rss = sampleRss(pid, 50);
          const loadBefore = load();
          const started = performance.now();
          const res = await fetch(
            `${base}/api/w/${generated.workspaceId}/events/export?format=${format}${c.query ? `&${c.query}` : ""}`,
            { headers: { cookie } },
          );
          if (res.status !== 200) throw new Error(`${format} export answered ${res.status}: ${await res.text()}`);
          const { bytes, events, complete } = await drain(res, format);
          const ms = performance.now() - started;
          const mem = rss.stop();
          rows.push({
            metric: `export: chronology ${format.toUpperCase()}, ${c.label}: ${events.toLocaleString("en")} events, ${(bytes / 2 ** 20).toFixed(1)} MB${complete ? "" : " (INCOMPLETE)"}`,
            value: fmtMs(ms),
            target: "",
          });
          rows.push({
            metric: "  web server RSS at rest → peak during the export (+ difference)",
            value: `${mb(rest)} → ${mb(mem.peakKb)} (+${mb(mem.peakKb - rest)})`,
            target: "flat",
          });
          rows.push({
            metric: "  throughput; load average (1 / 5 / 15 min) before",
            value: `${Math.round(events / (ms / 1000)).toLocaleString("en")} events/s; ${loadBefore}`,
            target: "",
          });
        }
      }

      // ---- Memory at rest again, once the export workers have been idle long enough to be stopped.
      await new Promise((r) => setTimeout(r, WORKER_IDLE_MS + 5000));
      rows.push({
        metric: `export: web server RSS once the export workers have been idle ${WORKER_IDLE_MS / 1000} s (and stopped)`,
        value: mb(restingRss(pid)),
        target: "",
      });
    } finally {
      await app.stop();
    }
  } finally {
    try {
      const { closeDb } = await import("../../server/db/client.ts");
      await closeDb();
    } finally {
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  return rows;
}

/** The web server's memory when idle: the median of a second of samples. */
function restingRss(pid: number): number {
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) samples.push(treeAppRssKb(pid).largest);
  return percentile(samples, 0.5);
}

/**
 * Reads a download to its end without keeping it, line by line: bytes, and
 * the events in it (CSV: records ending in the id, version and revision id
 * columns; JSON: the objects opening the "events" array's items). A transfer
 * cut by the server makes read() throw, so reaching the end means complete;
 * for JSON the closing brace is checked as well.
 */
async function drain(res: Response, format: "csv" | "json" = "csv") {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let bytes = 0;
  let events = 0;
  let pending = "";
  let section = "";
  let last = "";
  const line = (l: string) => {
    if (l.trim()) last = l;
    if (format === "csv") {
      if (/,[A-Za-z0-9_-]{6,},\d+,\d*\r$/.test(l)) events++;
      return;
    }
    const key = /^ {2}"(\w+)": /.exec(l);
    if (key) section = key[1]!;
    else if (section === "events" && l === "    {") events++;
  };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    const lines = (pending + decoder.decode(value, { stream: true })).split("\n");
    pending = lines.pop()!;
    lines.forEach(line);
  }
  if (pending) line(pending);
  return { bytes, events, complete: format === "csv" || last === "}" };
}

/** A published briefing citing `count` published events of the workspace that have quotes, one paragraph each. */
async function publishBriefingCiting(workspaceId: string, count: number): Promise<string> {
  const { db } = await import("../../server/db/client.ts");
  const { citedIdsOf, loadCitedMaterial, contentHash } = await import("../../server/services/briefing/index.ts");
  const { PUBLISHED_VIEW } = await import("../../server/services/vote/index.ts");
  const analyst = await db.user.findFirstOrThrow({ where: { email: "analyst@dossier.local" }, select: { id: true } });
  const reviewer = await db.user.findFirstOrThrow({ where: { email: "reviewer@dossier.local" }, select: { id: true } });
  const events = await db.$queryRaw<{ id: string; title: string }[]>`
    SELECT e.id, e.title FROM "Event" e
    WHERE e."workspaceId" = ${workspaceId} AND e.status = 'PUBLISHED' AND e."deletedAt" IS NULL
      AND EXISTS (SELECT 1 FROM "Citation" c WHERE c."eventId" = e.id AND NOT c."proposedAdd")
    ORDER BY e."dateSortKey", e.id LIMIT ${count}`;
  const paragraphs = events.map(
    (e, i) =>
      `${i % 25 === 0 ? `## Part ${i / 25 + 1}\n\n` : ""}Reporting on this period keeps returning to the same contacts [@event:${e.id}]. ` +
      "Officials on both sides described the talks as practical; analysts read them as hedging rather than alignment.",
  );
  const content = {
    title: "Five hundred meetings: the record in order (benchmark)",
    marking: "TLP:AMBER" as const,
    summary: `The record opens with a first reported contact [@event:${events[0]!.id}].`,
    body: paragraphs.join("\n\n"),
    keyJudgments: [
      {
        id: "kj1",
        statement: "Direct channels will stay open.",
        probability: "LIKELY" as const,
        confidence: "MODERATE" as const,
        eventIds: events.slice(0, 3).map((e) => e.id),
        sourceIds: [],
      },
    ],
  };
  const briefing = await db.briefing.create({
    data: {
      workspaceId,
      ...content,
      status: "PUBLISHED",
      version: 1,
      authorIds: [analyst.id],
      createdById: analyst.id,
      updatedById: analyst.id,
      publishedAt: new Date(),
    },
    select: { id: true },
  });
  const { material } = await loadCitedMaterial(db, workspaceId, citedIdsOf(content), PUBLISHED_VIEW);
  await db.briefingPublication.create({
    data: {
      briefingId: briefing.id,
      workspaceId,
      version: 1,
      content,
      cited: material,
      authorIds: [analyst.id],
      reviewerIds: [reviewer.id],
      contentHash: contentHash(content, material),
    },
  });
  return briefing.id;
}
