import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../prisma/seed.ts";
import { MANIFEST_FILE, type Manifest } from "../../server/backup/format.ts";
import { createDbClient } from "../../server/db/client.ts";
import { startEmbeddedPostgres, type EmbeddedServer } from "../../server/db/embedded.ts";
import { migrate } from "../../server/db/migrate.ts";
import { tableContents } from "../helpers/table-contents.ts";
import { createTempDatabase, queryAt, type TempDatabase } from "../helpers/temp-database.ts";

/**
 * Moving from the embedded database to another PostgreSQL server, as README
 * tells it: `npm run db:backup` beside the running app (no DATABASE_URL: the
 * embedded database of its data folder), then `npm run db:restore` with
 * DATABASE_URL naming the new server's empty database. The commands run as
 * the operator runs them, in processes of their own.
 */

const SLOW = 300_000;
let dataDir: string;
let scratch: string;
let embedded: EmbeddedServer;
let source: string;
const cleanups: (() => Promise<void>)[] = [];

type Run = { code: number | null; out: string };

function runCli(script: string, args: string[], env: Record<string, string | undefined>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete childEnv[k];
    const child = spawn(process.execPath, ["--import", "tsx", path.join("server/cli", script), ...args], {
      env: childEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, out }));
  });
}

const embeddedEnv = () => ({ DOSSIER_DATA_DIR: dataDir, DATABASE_URL: undefined });

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "dossier-embedded-"));
  scratch = await mkdtemp(path.join(os.tmpdir(), "dossier-backups-"));
  // The app's embedded database, up and serving, with the demo workspace in it.
  embedded = await startEmbeddedPostgres({ dataDir, port: 0 });
  await embedded.ensureDatabase("dossier");
  source = embedded.url("dossier");
  await migrate(source);
  const client = createDbClient(source);
  try {
    await seedDemo({ db: client.db });
  } finally {
    await client.close();
  }
}, SLOW);

afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => {});
  await embedded?.stop();
  await rm(dataDir, { recursive: true, force: true });
  await rm(scratch, { recursive: true, force: true });
});

async function target(): Promise<TempDatabase> {
  const d = await createTempDatabase();
  cleanups.push(d.drop);
  return d;
}

describe("from the embedded database to another server, in two commands", () => {
  let backupDir: string;

  it(
    "backs up the running embedded database and restores it into an empty database on another server",
    { timeout: SLOW },
    async () => {
      backupDir = path.join(scratch, "move");
      const backup = await runCli("backup.ts", ["--out", backupDir], embeddedEnv());
      expect(backup.out).toMatch(/served by the running app/);
      expect(backup.code, backup.out).toBe(0);
      expect(backup.out).toContain(`Backup written to ${backupDir}`);
      const manifest = JSON.parse(await readFile(path.join(backupDir, MANIFEST_FILE), "utf8")) as Manifest;
      expect(manifest.totals.rows).toBeGreaterThan(100);

      const managed = await target();
      const restore = await runCli("restore.ts", [backupDir], { DATABASE_URL: managed.url });
      expect(restore.code, restore.out).toBe(0);
      expect(restore.out).toMatch(/\(DATABASE_URL\)/);
      expect(restore.out).toMatch(/Restored [\d,]+ rows/);

      // The backup noted itself in the embedded database after its snapshot; everything else is the same.
      const except = ["BackupRecord"];
      expect(await tableContents(managed.url, { except })).toEqual(await tableContents(source, { except }));
      // The restored database is ready for the app: fully migrated.
      const [history] = await queryAt<{ n: number }>(
        managed.url,
        `SELECT count(*)::int AS n FROM "_prisma_migrations"`,
      );
      const [live] = await queryAt<{ n: number }>(source, `SELECT count(*)::int AS n FROM "_prisma_migrations"`);
      expect(history!.n).toBe(live!.n);
    },
  );

  it("refuses, with a non-zero exit, to restore over a database that holds data", { timeout: SLOW }, async () => {
    const managed = await target();
    await queryAt(managed.url, `CREATE TABLE "Keep" (id int); INSERT INTO "Keep" VALUES (1)`);
    const restore = await runCli("restore.ts", [backupDir], { DATABASE_URL: managed.url });
    expect(restore.code).toBe(1);
    expect(restore.out).toMatch(/target database is not empty/);
    expect(await queryAt(managed.url, `SELECT id FROM "Keep"`)).toEqual([{ id: 1 }]);
  });

  it("refuses a tampered backup before touching any database", { timeout: SLOW }, async () => {
    const manifestFile = path.join(backupDir, MANIFEST_FILE);
    const manifest = JSON.parse(await readFile(manifestFile, "utf8")) as Manifest;
    const part = path.join(backupDir, manifest.tables.find((t) => t.rows > 0)!.file);
    const original = await readFile(part);
    const changed = Buffer.from(original);
    const at = changed.length - 5;
    changed.writeUInt8(changed.readUInt8(at) ^ 0xff, at);
    await writeFile(part, changed);
    try {
      const managed = await target();
      const restore = await runCli("restore.ts", [backupDir], { DATABASE_URL: managed.url });
      expect(restore.code).toBe(1);
      expect(restore.out).toMatch(/failed its integrity check/);
      const [tables] = await queryAt<{ n: number }>(
        managed.url,
        `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`,
      );
      expect(tables!.n).toBe(0);
    } finally {
      await writeFile(part, original);
    }
  });
});
