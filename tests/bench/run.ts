import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { signInCookie, startApp } from "./app-process.ts";
import { backupBench } from "./backup.ts";
import { treeCpuMs, type BenchRow } from "./bench-kit.ts";
import { curationBench } from "./curation.ts";
import { bigExportBench } from "./big-export.ts";
import { collabBench } from "./collab.ts";
import { exportBench } from "./export.ts";
import { exportHeapBench } from "./export-heap.ts";
import { importBench } from "./import.ts";
import { networkBench } from "./network.ts";
import { jsPerPageBench } from "./js-per-page.ts";
import { reviewBench, reviewQueueBench } from "./review.ts";
import { timelineBench } from "./timeline.ts";

/**
 * `npm run bench`: measures, prints a table, asserts nothing.
 *   BENCH_ONLY=cold|api|curation|network|timeline|votes|review|export|export-big|export-heap|js|import|backup|collab   run one part
 * "cold" clones this repository's HEAD into a temp dir and times
 * `npm install` + `npm start` (build included) until /api/health is ok, then a
 * restart on the existing data. "api" loads an authenticated tRPC query with
 * 50 concurrent clients against the production server, answered through
 * Next's route handler and through the app's own Node server in turn. "curation" times the
 * curation procedures in-process on a large generated workspace (curation.ts). "collab" has
 * 20 authors type one briefing together over the live editing WebSocket (collab.ts).
 */
const rows: BenchRow[] = [];
const only = process.env.BENCH_ONLY;
const root = process.cwd();

function fmtMs(ms: number) {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

async function coldStart() {
  const dir = await mkdtemp(path.join(os.tmpdir(), "dossier-bench-clone-"));
  try {
    execFileSync("git", ["clone", "--quiet", root, dir]);
    const t0 = performance.now();
    const install = spawnSync("npm", ["install", "--no-audit", "--no-fund"], { cwd: dir, stdio: "ignore" });
    if (install.status !== 0) throw new Error("npm install failed in the clone");
    const installMs = performance.now() - t0;
    const first = await startApp({ cwd: dir, port: 3291, dataDir: path.join(dir, ".data") });
    await first.stop();
    const second = await startApp({ cwd: dir, port: 3291, dataDir: path.join(dir, ".data") });
    await second.stop();
    rows.push({ metric: "npm install (fresh clone)", value: fmtMs(installMs), target: "" });
    rows.push({
      metric: "npm start → healthy (build, new database, seed)",
      value: fmtMs(first.msToHealthy),
      target: "",
    });
    rows.push({
      metric: "fresh clone → healthy, total",
      value: fmtMs(installMs + first.msToHealthy),
      target: "≤ 5 min",
    });
    rows.push({ metric: "restart on existing data → healthy", value: fmtMs(second.msToHealthy), target: "≤ 15 s" });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ");

/**
 * The same authenticated query through both ways the server can answer
 * `/api/trpc`: Next's route handler (DOSSIER_RPC_SERVER=next, the way every
 * call went before) and the app's own Node server with tRPC's Node adapter
 * (the default), one after the other on the same data, in the same run.
 */
async function apiThroughput() {
  const dataDir = path.resolve(".data/bench");
  await rm(dataDir, { recursive: true, force: true });
  const port = Number(process.env.BENCH_API_PORT ?? 3292);
  const results: Record<
    "next" | "node",
    { closed: autocannon.Result; open: autocannon.Result; load: string; cpuMsPerRequest: number }
  > = {} as never;
  const rate = Number(process.env.BENCH_RATE ?? 200);
  try {
    for (const via of ["next", "node"] as const) {
      const app = await startApp({ cwd: root, port, dataDir, env: { DOSSIER_RPC_SERVER: via } });
      try {
        const base = `http://127.0.0.1:${port}`;
        const cookie = await signInCookie(base, "analyst@dossier.local", "dossier-demo");
        const url = `${base}/api/trpc/workspace.list`;
        const probe = await fetch(url, { headers: { cookie } });
        if (!probe.ok) throw new Error(`Authenticated probe failed: ${probe.status}`);
        // Warm-up, then a closed loop (each of 50 clients sends its next request
        // as soon as the last one answers: the server's ceiling), then an open
        // loop at a fixed offered rate (latency at a load the server can carry).
        await autocannon({ url, connections: 50, duration: 3, headers: { cookie } });
        const load = loadAverage();
        // CPU time the server (launcher, web server, database) spent per answered request: on a
        // shared machine req/s says how busy the neighbours were, this says what a request costs.
        const cpuBefore = treeCpuMs(app.child.pid!);
        const closed = await autocannon({ url, connections: 50, duration: 15, headers: { cookie } });
        const cpuAfter = treeCpuMs(app.child.pid!);
        const cpuMsPerRequest =
          (cpuAfter.app + cpuAfter.db - cpuBefore.app - cpuBefore.db) / Math.max(1, closed.requests.total);
        const open = await autocannon({ url, connections: 50, duration: 10, overallRate: rate, headers: { cookie } });
        results[via] = { closed, open, load, cpuMsPerRequest };
      } finally {
        await app.stop();
      }
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  const p95 = (r: autocannon.Result) => (r.latency as unknown as Record<string, number>).p95 ?? r.latency.p97_5;
  const errors = (r: autocannon.Result) => String(r.errors + r.non2xx + r.timeouts);
  const lat = (r: autocannon.Result) => `${r.latency.p50} / ${p95(r)} / ${r.latency.p99} ms`;
  for (const via of ["next", "node"] as const) {
    const { closed, open, load, cpuMsPerRequest } = results[via];
    const label = via === "next" ? "through Next's route handler (before)" : "tRPC Node adapter in the app's server";
    rows.push({
      metric: `tRPC workspace.list ${label}, 50 clients, closed loop: req/s`,
      value: closed.requests.average.toFixed(0),
      target: via === "node" ? "≥ 600" : "",
    });
    rows.push({
      metric: "  latency p50 / p95 / p99",
      value: lat(closed),
      target: via === "node" ? "p95 ≤ 100 ms" : "",
    });
    rows.push({ metric: "  errors / non-2xx", value: errors(closed), target: "0" });
    rows.push({
      metric: "  server CPU per request (web server + database) → req/s per core",
      value: `${cpuMsPerRequest.toFixed(2)} ms → ${(1000 / cpuMsPerRequest).toFixed(0)}`,
      target: "",
    });
    rows.push({ metric: "  load average (1 / 5 / 15 min) before", value: load, target: "" });
    rows.push({
      metric: `  open loop at ${rate} req/s offered: req/s`,
      value: open.requests.average.toFixed(0),
      target: "",
    });
    rows.push({ metric: "    latency p50 / p95 / p99", value: lat(open), target: "" });
    rows.push({ metric: "    errors / non-2xx", value: errors(open), target: "0" });
  }
  const ratio = results.node.closed.requests.average / Math.max(1, results.next.closed.requests.average);
  rows.push({
    metric: "tRPC throughput, Node adapter ÷ through Next (same run)",
    value: `${ratio.toFixed(2)}×`,
    target: "≥ 2×",
  });
}

if (!existsSync(path.join(root, ".git"))) throw new Error("Run from the repository root.");
console.log(`Machine: ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
if (!only || only === "cold") await coldStart();
if (!only || only === "api") await apiThroughput();
if (!only || only === "curation") rows.push(...(await curationBench()));
// The network of entities on the same generated workspace (network.ts).
if (!only || only === "network") rows.push(...(await networkBench()));
if (!only || only === "votes") rows.push(...(await reviewBench(root)));
if (!only || only === "review") rows.push(...(await reviewQueueBench()));
if (!only || only === "export") rows.push(...(await exportBench()));
// The big workspace's exports over HTTP (BENCH_ONLY=export-big runs them alone).
if (!only || only === "export" || only === "export-big") rows.push(...(await bigExportBench(root)));
if (only === "export-heap") rows.push(...(await exportHeapBench()));
if (only === "js") rows.push(...(await jsPerPageBench(root)));
if (!only || only === "import") rows.push(...(await importBench(root)));
if (!only || only === "backup") rows.push(...(await backupBench()));
if (!only || only === "timeline") rows.push(...(await timelineBench(root)));
// Twenty authors typing one briefing together over the live editing WebSocket (collab.ts).
if (!only || only === "collab") rows.push(...(await collabBench()));

const w = Math.max(...rows.map((r) => r.metric.length));
console.log(`\n${"metric".padEnd(w)} | ${"value".padStart(10)} | target`);
console.log(`${"-".repeat(w)}-|-${"-".repeat(10)}-|-------`);
for (const r of rows) console.log(`${r.metric.padEnd(w)} | ${r.value.padStart(10)} | ${r.target}`);
