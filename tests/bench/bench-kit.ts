import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

/** One line of the table `npm run bench` prints. */
export type BenchRow = { metric: string; value: string; target: string };

/** The p-th percentile (0 < p ≤ 1) of a non-empty sample, nearest-rank. */
export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
}

/** p50 and p95 of `runs` calls of `fn`, after `warmup` calls that are not counted. */
export async function sampleTimings(
  fn: () => Promise<unknown>,
  runs: number,
  warmup: number,
): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < warmup; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  return { p50: percentile(ms, 0.5), p95: percentile(ms, 0.95) };
}

/**
 * Runs `fn` in-process against a throw-away embedded PostgreSQL, migrated and
 * seeded with the demo workspace as on a first start. The server modules read
 * DATABASE_URL once, on first use, so it is set before any of them loads.
 */
export async function withDemoDatabase<T>(name: string, fn: (url: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `dossier-bench-${name}-`));
  const { startEmbeddedPostgres } = await import("../../server/db/embedded.ts");
  const server = await startEmbeddedPostgres({ dataDir: dir, port: 0 });
  try {
    await server.ensureDatabase("dossier");
    const url = server.url("dossier");
    process.env.DATABASE_URL = url;
    process.env.NEXTAUTH_SECRET ??= "bench-secret-bench-secret-bench-secret-000";
    const { prepareDatabase } = await import("../../server/db/prepare.ts");
    const { seedDemo } = await import("../../prisma/seed.ts");
    await prepareDatabase({ url, seedIfEmpty: ({ db }) => seedDemo({ db }) });
    return await fn(url);
  } finally {
    try {
      const { closeDb } = await import("../../server/db/client.ts");
      await closeDb();
    } finally {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    }
  }
}

type Proc = { pid: number; ppid: number; comm: string; cpuMs: number; rssKb: number };

/** Every process in /proc, with its CPU time so far (children that ended included) and resident memory. */
function processes(): Proc[] {
  const pageKb = 4;
  return readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .flatMap((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        const close = stat.lastIndexOf(")");
        const comm = stat.slice(stat.indexOf("(") + 1, close);
        const f = stat.slice(close + 2).split(" ");
        const ticks = Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
        return [{ pid: Number(pid), ppid: Number(f[1]), comm, cpuMs: ticks * 10, rssKb: Number(f[21]) * pageKb }];
      } catch {
        return []; // exited meanwhile
      }
    });
}

function treeOf(procs: Proc[], rootPid: number): Proc[] {
  const tree = new Set([rootPid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of procs) {
      if (tree.has(p.pid) || !tree.has(p.ppid)) continue;
      tree.add(p.pid);
      grew = true;
    }
  }
  return procs.filter((p) => tree.has(p.pid));
}

/**
 * CPU time (ms) a process and all its descendants have used so far, from
 * /proc: the database's processes apart from the rest (the launcher and the
 * web server). Finished children count through their parent's cutime/cstime.
 * On a shared machine throughput says how busy the others were; CPU time per
 * request says what a request costs, whatever else runs.
 */
export function treeCpuMs(rootPid: number): { db: number; app: number; dbProcesses: number } {
  const total = { db: 0, app: 0, dbProcesses: 0 };
  for (const p of treeOf(processes(), rootPid)) {
    const db = p.comm.startsWith("postgres");
    total[db ? "db" : "app"] += p.cpuMs;
    if (db) total.dbProcesses++;
  }
  return total;
}

/** Resident memory (KB) of the non-database processes under rootPid (the launcher and the web server). */
export function treeAppRssKb(rootPid: number): { total: number; largest: number } {
  const app = treeOf(processes(), rootPid).filter((p) => !p.comm.startsWith("postgres"));
  return { total: app.reduce((s, p) => s + p.rssKb, 0), largest: Math.max(0, ...app.map((p) => p.rssKb)) };
}

/** Samples a process tree's resident memory until stopped: peak and mean of the largest app process. */
export function sampleRss(rootPid: number, everyMs = 250) {
  const samples: number[] = [];
  const timer = setInterval(() => samples.push(treeAppRssKb(rootPid).largest), everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      samples.push(treeAppRssKb(rootPid).largest);
      return { peakKb: Math.max(...samples), meanKb: samples.reduce((a, b) => a + b, 0) / samples.length };
    },
  };
}
