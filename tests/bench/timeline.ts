import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { signInCookie, startApp } from "./app-process.ts";
import { sampleTimings, type BenchRow } from "./bench-kit.ts";
import { browserTimings } from "./browser-timings.ts";

/**
 * `BENCH_ONLY=timeline`: the timeline on the curation bench's generated
 * workspace (100,000 events; BENCH_CURATION_SCALE shrinks it):
 * - event.timeline in-process as the demo analyst, at the zooms an analyst
 *   goes through: everything (density bands counted in SQL), a decade, a
 *   year, and a month (events one by one), with lanes by status and by tag;
 * - the density query's plan, to show it is answered from the index alone;
 * - in Chromium, against `npm start`'s server, the time from navigation to
 *   a drawn timeline on the timeline page, and where that time went in the
 *   median visit (the HTML, scripts, styles, each API call).
 * Measures and prints; asserts nothing.
 */

const PORT = Number(process.env.BENCH_TIMELINE_PORT ?? 3335);
const RUNS = 30;
const fmtMs = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
const utc = (y: number, m = 1) => new Date(Date.UTC(y, m - 1, 1));

const time = (fn: () => Promise<unknown>) => sampleTimings(fn, RUNS, 3);

export async function timelineBench(root: string): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const { openBenchDatabase, prepareBigWorkspace } = await import("./curation.ts");
  const database = await openBenchDatabase();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "dossier-bench-timeline-"));
  try {
    const { generated: g, generateMs } = await prepareBigWorkspace(database.url);
    rows.push({
      metric: `timeline: generate ${g.counts.events.toLocaleString("en")} events`,
      value: fmtMs(generateMs),
      target: "",
    });

    const { db, pool, closeDb } = await import("../../server/db/client.ts");
    const { createCaller } = await import("../../server/root.ts");
    const { createContext } = await import("../../server/trpc.ts");
    const { createSession } = await import("../../server/services/auth/index.ts");
    const analyst = await db.user.findUniqueOrThrow({
      where: { email: "analyst@dossier.local" },
      select: { id: true },
    });
    const sessionId = await createSession(db, analyst.id, { ip: "203.0.113.9", userAgent: "bench" });
    const caller = async () => createCaller(await createContext({ sessionId, ip: "203.0.113.9" }));
    const workspaceId = g.workspaceId;
    const { slug } = await db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { slug: true } });

    const whole = await (await caller()).event.timeline({ workspaceId, buckets: 200 });
    const span = `${whole.domain[0].getUTCFullYear()}–${whole.domain[1].getUTCFullYear()}`;
    const cases: { label: string; input: Record<string, unknown> }[] = [
      { label: `everything (${span}, fitted), 200 bands`, input: { buckets: 200 } },
      { label: "everything, lanes by status", input: { buckets: 200, lane: "status" } },
      { label: "everything, lanes by tag", input: { buckets: 200, lane: "tag" } },
      { label: "a decade (2001–2011)", input: { start: utc(2001), end: utc(2011), buckets: 200 } },
      { label: "one year (2005)", input: { start: utc(2005), end: utc(2006), buckets: 200 } },
      { label: "one month (March 2005)", input: { start: utc(2005, 3), end: utc(2005, 4), buckets: 200 } },
    ];
    console.log(
      `timeline: load average before measuring ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" / ")}`,
    );
    for (const c of cases) {
      const sample = await (await caller()).event.timeline({ workspaceId, ...c.input });
      const what =
        sample.mode === "bands"
          ? `${sample.total.toLocaleString("en")} events as ${sample.bands.length} bands`
          : `${sample.events.length} events drawn`;
      const t = await time(async () => (await caller()).event.timeline({ workspaceId, ...c.input }));
      rows.push({
        metric: `event.timeline ${c.label} → ${what}: p50 / p95`,
        value: `${t.p50.toFixed(1)} / ${t.p95.toFixed(1)} ms`,
        target: "p95 ≤ 100 ms",
      });
    }

    // The density query as the service sends it (one lane), explained.
    const lo = whole.domain[0].getTime() / 1000;
    const hi = whole.domain[1].getTime() / 1000;
    const plan = await pool().query<{ "QUERY PLAN": string }>(
      `EXPLAIN (ANALYZE, BUFFERS) SELECT width_bucket(extract(epoch FROM e."dateSortKey")::float8, $2::float8, $3::float8, 200) AS b, count(*)
       FROM "Event" e WHERE e."workspaceId" = $1 AND e."deletedAt" IS NULL AND e."dateSortKey" IS NOT NULL
         AND e."dateSortKey" >= to_timestamp($2) AT TIME ZONE 'UTC' AND e."dateSortKey" < to_timestamp($3) AT TIME ZONE 'UTC'
       GROUP BY 1`,
      [workspaceId, lo, hi],
    );
    const lines = plan.rows.map((r) => r["QUERY PLAN"]);
    const scan =
      lines
        .find((l) => /Scan/.test(l))
        ?.trim()
        .replace(/\s+\(cost.*$/, "") ?? "?";
    const exec = lines.find((l) => /Execution Time/.test(l))?.trim() ?? "";
    rows.push({ metric: `  density query plan: ${scan}`, value: exec.replace("Execution Time: ", ""), target: "" });
    await closeDb();

    const app = await startApp({
      cwd: root,
      port: PORT,
      dataDir,
      env: { DATABASE_URL: database.url, LOG_LEVEL: "warn" },
    });
    try {
      const base = `http://127.0.0.1:${PORT}`;
      const cookie = await signInCookie(base, "analyst@dossier.local", "dossier-demo");
      rows.push({
        metric: `timeline page over HTTP (${g.counts.events.toLocaleString("en")} events)`,
        value: "",
        target: "",
      });
      rows.push(
        ...(
          await browserTimings(base, cookie, [
            // Usable: the drawing is in the page, with its bands or marks.
            { name: "timeline page", path: `/w/${slug}/timeline`, ready: '[data-testid="timeline"]', breakdown: true },
          ])
        ).map((r) => (r.target ? { ...r, target: "≤ 1 s" } : r)),
      );
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
