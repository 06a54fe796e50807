import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { BenchRow } from "./bench-kit.ts";
import { withDemoDatabase } from "./bench-kit.ts";
import { generateWorkspace } from "./curation.ts";

/**
 * `BENCH_ONLY=backup`: `db:backup` and `db:restore` on the demo database, then on the curation bench's
 * generated workspace (BENCH_CURATION_SCALE=1: 100,000 events, 30,000
 * sources of ~5 KB, 200,000 citations; smaller scales shrink it). Times a
 * backup at gzip level 6 (the default) and 1, the restore of it into a new
 * database, and pg_dump/pg_restore for comparison when a pg_dump of the
 * server's major version is on the PATH (pg_dump refuses newer servers).
 */
export async function backupBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const out = await mkdtemp(path.join(os.tmpdir(), "dossier-bench-backup-"));
  try {
    await withDemoDatabase("backup", async (url) => {
      const { takeBackup, formatBytes, formatMs } = await import("../../server/backup/backup.ts");
      const { restoreBackup } = await import("../../server/backup/restore.ts");
      const measure = async (label: string, levels: number[]) => {
        for (const level of levels) {
          const dir = path.join(out, `${label}-level-${level}`);
          const { manifest, ms } = await takeBackup({ url, out: dir, level });
          rows.push({
            metric: `db:backup ${label}, gzip ${level}: time / size (${manifest.totals.rows} rows)`,
            value: `${formatMs(ms)} / ${formatBytes(manifest.totals.bytes)}`,
            target: "",
          });
        }
        const target = await emptyDatabase(url, `dossier_restored_${label}`);
        const restored = await restoreBackup({ url: target, dir: path.join(out, `${label}-level-${levels[0]}`) });
        rows.push({
          metric: `db:restore ${label} into an empty database (verify, load, index, analyze)`,
          value: formatMs(restored.ms),
          target: "",
        });
        rows.push({ metric: `database size ${label}`, value: await databaseSize(url), target: "" });
      };
      // The demo workspace alone, as a first start leaves it.
      await measure("demo", [6]);
      const generated = await generateWorkspace(url);
      rows.push({
        metric: `backup: generated workspace (${generated.counts.events} events, ${generated.counts.sources} sources, ${generated.counts.citations} citations)`,
        value: generated.size,
        target: "",
      });
      await measure("generated", [6, 1]);
      rows.push(...pgDumpRows(url, out, formatBytes, formatMs));
    });
  } finally {
    await rm(out, { recursive: true, force: true });
  }
  return rows;
}

async function emptyDatabase(url: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
}

async function databaseSize(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ size: string }>(
      "SELECT pg_size_pretty(pg_database_size(current_database())) AS size",
    );
    return rows[0]!.size;
  } finally {
    await client.end();
  }
}

function pgDumpRows(
  url: string,
  out: string,
  formatBytes: (n: number) => string,
  formatMs: (ms: number) => string,
): BenchRow[] {
  const version = spawnSync("pg_dump", ["--version"], { encoding: "utf8" });
  if (version.status !== 0) return [{ metric: "pg_dump -Fc", value: "no pg_dump on the PATH", target: "" }];
  const file = path.join(out, "dump.pgc");
  const t0 = performance.now();
  const dump = spawnSync("pg_dump", ["-Fc", "-f", file, url], { encoding: "utf8" });
  if (dump.status !== 0) {
    const why =
      dump.stderr.split("\n").find((l) => l.includes("version mismatch")) ?? dump.stderr.trim().split("\n")[0];
    return [{ metric: `pg_dump -Fc (${version.stdout.trim()})`, value: `refused: ${why}`, target: "" }];
  }
  const ms = performance.now() - t0;
  const size = Number(spawnSync("stat", ["-c", "%s", file], { encoding: "utf8" }).stdout);
  return [{ metric: "pg_dump -Fc: time / size", value: `${formatMs(ms)} / ${formatBytes(size)}`, target: "" }];
}
