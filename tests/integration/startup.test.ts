import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile, appendFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_WORKSPACE, seedDemo } from "../../prisma/seed.ts";
import { MIGRATIONS_DIR, migrate } from "../../server/db/migrate.ts";
import { MigrationError } from "../../server/db/migration-plan.ts";
import { prepareDatabase } from "../../server/db/prepare.ts";
import { createTempDatabase, queryAt, type TempDatabase } from "../helpers/temp-database.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function freshDatabase(): Promise<TempDatabase> {
  const db = await createTempDatabase();
  cleanups.push(db.drop);
  return db;
}

/** A private copy of prisma/migrations that a test may edit. */
async function copyOfMigrations(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "dossier-migrations-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  await cp(MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

async function migrationNames(dir = MIGRATIONS_DIR): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

type HistoryRow = {
  id: string;
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
};
const history = (url: string) =>
  queryAt<HistoryRow>(
    url,
    `SELECT id, migration_name, checksum, finished_at, rolled_back_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
  );
const tableExists = async (url: string, table: string) =>
  (await queryAt<{ t: string | null }>(url, `SELECT to_regclass($1)::text AS t`, [`public."${table}"`]))[0]!.t !== null;

const rejection = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a rejection");
    },
    (e: unknown) => e as Error,
  );

describe("migration runner", () => {
  it("applies every migration on an empty database and records it as Prisma does", async () => {
    const db = await freshDatabase();
    const names = await migrationNames();
    expect(names.length).toBeGreaterThan(0);

    const result = await migrate(db.url, { dir: MIGRATIONS_DIR });
    expect(result).toEqual({ applied: names, unknown: [] });

    const rows = await history(db.url);
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    for (const row of rows) {
      const bytes = await readFile(path.join(MIGRATIONS_DIR, row.migration_name, "migration.sql"));
      expect(row.checksum, row.migration_name).toBe(createHash("sha256").update(bytes).digest("hex"));
      expect(row.finished_at, row.migration_name).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
    expect(await tableExists(db.url, "User")).toBe(true);
    expect(await tableExists(db.url, "rate_limits")).toBe(true);
  });

  it("applies nothing the second time and leaves the history untouched", async () => {
    const db = await freshDatabase();
    await migrate(db.url);
    const before = await history(db.url);
    const lines: string[] = [];
    expect(await migrate(db.url, { log: (l) => lines.push(l) })).toEqual({ applied: [], unknown: [] });
    expect(await history(db.url)).toEqual(before);
    expect(lines).toEqual([]);
  });

  it("refuses to start when an applied migration file was edited, naming it", async () => {
    const db = await freshDatabase();
    await migrate(db.url);
    const dir = await copyOfMigrations();
    const [first] = await migrationNames(dir);
    await appendFile(path.join(dir, first!, "migration.sql"), "\n-- an innocent-looking edit\n");

    const err = await rejection(migrate(db.url, { dir }));
    expect(err).toBeInstanceOf(MigrationError);
    expect(err.message).toContain(first);
    expect(err.message).toMatch(/modified/);
    // The recorded checksum is still the original one.
    expect((await history(db.url))[0]!.checksum).toBe(
      createHash("sha256")
        .update(await readFile(path.join(MIGRATIONS_DIR, first!, "migration.sql")))
        .digest("hex"),
    );
  });

  it("rolls a failing migration back completely: no history row, no half-made table; fixed, it applies", async () => {
    const db = await freshDatabase();
    const dir = await copyOfMigrations();
    const broken = "29990101000000_broken";
    await mkdir(path.join(dir, broken));
    await writeFile(
      path.join(dir, broken, "migration.sql"),
      `CREATE TABLE "HalfMade" ("id" TEXT NOT NULL);\nINSERT INTO "NoSuchTable" VALUES (1);\n`,
    );

    const err = await rejection(migrate(db.url, { dir }));
    expect(err.message).toContain(broken);
    expect(err.message).toMatch(/rolled back/);
    // The migrations before it were committed; the broken one left nothing behind.
    expect((await history(db.url)).map((r) => r.migration_name)).toEqual(await migrationNames());
    expect(await tableExists(db.url, "HalfMade")).toBe(false);

    await writeFile(path.join(dir, broken, "migration.sql"), `CREATE TABLE "HalfMade" ("id" TEXT NOT NULL);\n`);
    expect((await migrate(db.url, { dir })).applied).toEqual([broken]);
    expect(await tableExists(db.url, "HalfMade")).toBe(true);
  });

  it("refuses to start while a migration is recorded as started but unfinished", async () => {
    const db = await freshDatabase();
    await migrate(db.url);
    const [first] = await migrationNames();
    await queryAt(db.url, `UPDATE "_prisma_migrations" SET finished_at = NULL WHERE migration_name = $1`, [first]);
    const err = await rejection(migrate(db.url));
    expect(err).toBeInstanceOf(MigrationError);
    expect(err.message).toContain(first);
  });

  it("refuses, changing nothing, a database migrated by a newer build, naming what this build lacks", async () => {
    const db = await freshDatabase();
    await migrate(db.url);
    const before = await history(db.url);
    const dir = await copyOfMigrations();
    const names = await migrationNames();
    const newest = names.at(-1)!;
    // An older build: the same migrations, less the newest one.
    await rm(path.join(dir, newest), { recursive: true });
    const err = await rejection(migrate(db.url, { dir }));
    expect(err).toBeInstanceOf(MigrationError);
    expect(err.message).toContain(newest);
    expect(err.message).toMatch(/newer version of Dossier/);
    expect(err.message).toMatch(/Nothing was changed/);
    expect(await history(db.url)).toEqual(before);
  });

  it("applies each migration once when two runners start together in one process", async () => {
    const db = await freshDatabase();
    const results = await Promise.all([migrate(db.url), migrate(db.url)]);
    const names = await migrationNames();
    expect(results.map((r) => r.applied.length).sort()).toEqual([0, names.length]);
    expect((await history(db.url)).map((r) => r.migration_name)).toEqual(names);
  });
});

type ProcessResult = { code: number | null; stdout: string; stderr: string };

/** Starts tests/helpers/prepare-once.ts as its own Node process, like a second app instance. */
function startInstance(url: string): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "tests/helpers/prepare-once.ts")], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: url,
        NEXTAUTH_SECRET: "test-secret-that-is-at-least-32-characters-long",
        NODE_ENV: "test",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("first start of two instances at once", () => {
  it("migrates once and seeds exactly one demo workspace", async () => {
    const db = await freshDatabase();
    const names = await migrationNames();

    // Both processes are started in the same tick, against one empty database.
    const [a, b] = await Promise.all([startInstance(db.url), startInstance(db.url)]);
    for (const r of [a, b]) expect(r.code, r.stderr).toBe(0);

    const results = [a, b].map(
      (r) => JSON.parse(r.stdout.trim().split("\n").at(-1)!) as { applied: string[]; seeded: boolean },
    );
    expect(results.map((r) => r.applied.length).sort()).toEqual([0, names.length]);
    expect(results.map((r) => r.seeded).sort()).toEqual([false, true]);

    expect((await history(db.url)).map((r) => r.migration_name)).toEqual(names);
    const workspaces = await queryAt<{ id: string; slug: string }>(db.url, `SELECT id, slug FROM "Workspace"`);
    expect(workspaces.map((w) => w.slug)).toEqual([DEMO_WORKSPACE.slug]);
    const members = await queryAt<{ email: string; role: string }>(
      db.url,
      `SELECT u.email, m.role::text AS role FROM "Membership" m JOIN "User" u ON u.id = m."userId" WHERE m."workspaceId" = $1`,
      [workspaces[0]!.id],
    );
    const byEmail = (x: { email: string }, y: { email: string }) => (x.email < y.email ? -1 : 1);
    expect(members.sort(byEmail)).toEqual(DEMO_ACCOUNTS.map((a) => ({ email: a.email, role: a.role })).sort(byEmail));
    const users = await queryAt<{ email: string }>(db.url, `SELECT email FROM "User"`);
    expect(users.map((u) => u.email).sort()).toEqual(DEMO_ACCOUNTS.map((a) => a.email).sort());
  });

  it("seeds the database it was given, not whatever DATABASE_URL names", async () => {
    const db = await freshDatabase();
    expect(db.url).not.toBe(process.env.DATABASE_URL);
    const result = await prepareDatabase({ url: db.url, seedIfEmpty: ({ db: target }) => seedDemo({ db: target }) });
    expect(result.seeded).toBe(true);
    expect(await queryAt(db.url, `SELECT 1 FROM "Workspace" WHERE slug = $1`, [DEMO_WORKSPACE.slug])).toHaveLength(1);
  });
});
