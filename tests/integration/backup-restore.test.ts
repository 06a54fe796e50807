import { mkdtemp, readFile, rm, truncate, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../prisma/seed.ts";
import { takeBackup } from "../../server/backup/backup.ts";
import { BackupError, MANIFEST_FILE, type Manifest } from "../../server/backup/format.ts";
import { restoreBackup, verifyBackup } from "../../server/backup/restore.ts";
import { db } from "../../server/db/client.ts";
import { migrate, readMigrationFiles } from "../../server/db/migrate.ts";
import { callerFor } from "../helpers/caller.ts";
import { eventInput } from "../helpers/curation.ts";
import { makeTeam } from "../helpers/factories.ts";
import { tableContents } from "../helpers/table-contents.ts";
import { createTempDatabase, queryAt, type TempDatabase } from "../helpers/temp-database.ts";

/**
 * `npm run db:backup` / `npm run db:restore` at the level of their functions:
 * a backup taken while the app writes restores to exactly the rows of its
 * snapshot; a damaged backup and a database holding data are refused before
 * anything is written; a backup older than the code is migrated forward.
 * (The command-line path from the embedded database to another server is in
 * backup-cli.test.ts.)
 */

const url = () => process.env.DATABASE_URL!;
// Each restore builds a schema and its indexes; on a shared two-core machine that takes a while.
const SLOW = { timeout: 240_000 };
const cleanups: (() => Promise<void>)[] = [];
let scratch: string;

async function tempDb(): Promise<TempDatabase> {
  const d = await createTempDatabase();
  cleanups.push(d.drop);
  return d;
}

async function backupOf(dbUrl: string, name: string) {
  return takeBackup({ url: dbUrl, out: path.join(scratch, name) });
}

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected a rejection");
}

const tableCount = async (dbUrl: string) =>
  (
    await queryAt<{ n: number }>(
      dbUrl,
      `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relkind = 'r'`,
    )
  )[0]!.n;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), "dossier-backup-test-"));
  // The demo workspace: events with partial dates, sources, citations, votes, reviews and briefings.
  await seedDemo();
}, SLOW.timeout);

afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => {});
  await rm(scratch, { recursive: true, force: true });
});

describe("backup while the app writes, then restore", () => {
  it("restores exactly the rows of the snapshot: every write before it, none after, none half-way", SLOW, async () => {
    const team = await makeTeam();
    const { caller } = await callerFor(team.users.analyst.id);
    // Writes run until told to stop. Each creates an event, its first revision
    // and its audit row in one transaction.
    type Write = { id: string; startedAfterBackup: boolean; doneBeforeBackup: boolean };
    const writes: Write[] = [];
    let phase = "before" as "before" | "during" | "after";
    let stop = false;
    const writer = (async () => {
      for (let i = 0; !stop; i++) {
        const startedAfterBackup = phase === "after";
        const e = await caller.event.create({ workspaceId: team.workspace.id, ...eventInput(`Write ${i}`) });
        writes.push({ id: e.id, startedAfterBackup, doneBeforeBackup: phase === "before" });
      }
    })();
    while (writes.length < 5) await new Promise((r) => setTimeout(r, 20));
    phase = "during";
    const { manifest, dir } = await backupOf(url(), "while-writing");
    phase = "after";
    const afterBackup = writes.length;
    while (writes.length < afterBackup + 5) await new Promise((r) => setTimeout(r, 20));
    stop = true;
    await writer;

    const target = await tempDb();
    const restored = await restoreBackup({ url: target.url, dir });
    expect(restored.migratedForward).toEqual([]);

    const present = new Set(
      (
        await queryAt<{ id: string }>(target.url, `SELECT id FROM "Event" WHERE id = ANY($1)`, [
          writes.map((w) => w.id),
        ])
      ).map((r) => r.id),
    );
    for (const w of writes.filter((x) => x.doneBeforeBackup))
      expect(present.has(w.id), `${w.id} committed before`).toBe(true);
    for (const w of writes.filter((x) => x.startedAfterBackup))
      expect(present.has(w.id), `${w.id} began after`).toBe(false);

    // Nothing half-way: every restored write has its revision and audit row.
    const [pairs] = await queryAt<{ revisions: number; audits: number }>(
      target.url,
      `SELECT (SELECT count(*)::int FROM "Revision" WHERE "targetId" = ANY($1)) AS revisions,
              (SELECT count(*)::int FROM "AuditLog" WHERE "targetId" = ANY($1) AND action = 'event.created') AS audits`,
      [[...present]],
    );
    expect(pairs).toEqual({ revisions: present.size, audits: present.size });

    // Take the writes the snapshot did not see back out of the live database:
    // what remains must be the restored database, every table, value for value.
    const unseen = writes.filter((w) => !present.has(w.id)).map((w) => w.id);
    expect(unseen.length).toBeGreaterThanOrEqual(5);
    await db.$executeRaw`DELETE FROM "AuditLog" WHERE "targetId" = ANY(${unseen})`;
    await db.$executeRaw`DELETE FROM "Revision" WHERE "targetId" = ANY(${unseen})`;
    await db.$executeRaw`DELETE FROM "Event" WHERE id = ANY(${unseen})`;
    // The backup notes itself in the live database once its snapshot is taken, so only there.
    const live = await tableContents(url(), { except: ["BackupRecord"] });
    const copy = await tableContents(target.url, { except: ["BackupRecord"] });
    expect(Object.keys(live).length).toBeGreaterThan(20);
    expect(copy).toEqual(live);

    // The manifest counts what was restored.
    const restoredTables = await tableContents(target.url);
    expect(manifest.tables.map((t) => t.name).sort()).toEqual(Object.keys(restoredTables).sort());
    for (const t of manifest.tables) expect(restoredTables[t.name]!.rows, t.name).toBe(t.rows);
    expect(manifest.totals.rows).toBe(manifest.tables.reduce((n, t) => n + t.rows, 0));
    expect(manifest.schema.version).toBe((await readMigrationFiles()).at(-1)!.name);
    expect(manifest.tables.every((t) => /^[0-9a-f]{64}$/.test(t.sha256))).toBe(true);

    // Sequences carry on past the restored rows: the next audit row gets a fresh id.
    const [next] = await queryAt<{ fresh: boolean }>(
      target.url,
      `SELECT nextval(pg_get_serial_sequence('"AuditLog"', 'id')) > (SELECT max(id) FROM "AuditLog") AS fresh`,
    );
    expect(next!.fresh).toBe(true);

    // The backup noted itself for the System page.
    const record = await db.backupRecord.findFirst({ orderBy: { id: "desc" } });
    expect(record).toMatchObject({ ok: true, trigger: "command", location: dir });
    expect(Number(record!.rows)).toBe(manifest.totals.rows);
  });
});

describe("refusals", () => {
  let good: { dir: string; manifest: Manifest };

  beforeAll(async () => {
    good = await backupOf(url(), "good");
  }, SLOW.timeout);

  async function copyOfBackup(name: string): Promise<string> {
    const dir = path.join(scratch, name);
    const { cp } = await import("node:fs/promises");
    await cp(good.dir, dir, { recursive: true });
    return dir;
  }

  it("refuses a backup with a changed byte, naming the part, and writes nothing", SLOW, async () => {
    const dir = await copyOfBackup("tampered");
    const part = good.manifest.tables.find((t) => t.name === "Event")!;
    const file = path.join(dir, part.file);
    const bytes = await readFile(file);
    const at = Math.floor(bytes.length / 2);
    bytes.writeUInt8(bytes.readUInt8(at) ^ 0x01, at);
    await writeFile(file, bytes);

    const target = await tempDb();
    const err = await rejection(restoreBackup({ url: target.url, dir }));
    expect(err).toBeInstanceOf(BackupError);
    expect(err.message).toContain(part.file);
    expect(err.message).toMatch(/does not match its sha256/);
    expect(err.message).toMatch(/nothing was restored/);
    expect(await tableCount(target.url)).toBe(0);
  });

  it("refuses a backup cut short or missing a part", async () => {
    const dir = await copyOfBackup("damaged");
    const [a, b] = good.manifest.tables;
    await truncate(path.join(dir, a!.file), 10);
    await rm(path.join(dir, b!.file));
    const err = await rejection(verifyBackup(dir));
    expect(err.message).toContain(`${a!.file} has 10 bytes`);
    expect(err.message).toContain(`${b!.file} is missing`);
  });

  it("refuses a manifest edited to name a file outside the backup", async () => {
    const dir = await copyOfBackup("escaping");
    const manifest = JSON.parse(await readFile(path.join(dir, MANIFEST_FILE), "utf8")) as Manifest;
    manifest.tables[0]!.file = "tables/../../etc/passwd";
    await writeFile(path.join(dir, MANIFEST_FILE), JSON.stringify(manifest));
    const err = await rejection(verifyBackup(dir));
    expect(err).toBeInstanceOf(BackupError);
    expect(err.message).toMatch(/not a manifest this version can read/);
  });

  it("refuses a database that holds data, changing nothing, and replaces it only when told", SLOW, async () => {
    const target = await tempDb();
    await restoreBackup({ url: target.url, dir: good.dir });
    await queryAt(target.url, `DELETE FROM "BriefingComment"`);
    const before = await tableContents(target.url);

    const err = await rejection(restoreBackup({ url: target.url, dir: good.dir }));
    expect(err).toBeInstanceOf(BackupError);
    expect(err.message).toMatch(/target database is not empty/);
    expect(err.message).toMatch(/--force/);
    expect(await tableContents(target.url)).toEqual(before);

    await restoreBackup({ url: target.url, dir: good.dir, force: true });
    expect(await tableContents(target.url)).toEqual(await tableContents(await restoredCopy()));
  });

  it("does not replace a database other sessions are using, even when told", async () => {
    // The test's own database: the app's connection pool is connected to it.
    await db.user.count();
    const err = await rejection(restoreBackup({ url: url(), dir: good.dir, force: true }));
    expect(err.message).toMatch(/other session\(s\) are connected/);
    expect(await db.event.count()).toBeGreaterThan(0);
  });

  async function restoredCopy(): Promise<string> {
    const d = await tempDb();
    await restoreBackup({ url: d.url, dir: good.dir });
    return d.url;
  }
});

describe("a backup older than the code", () => {
  it("is restored at its own schema version, then migrated forward with its rows intact", SLOW, async () => {
    const files = await readMigrationFiles();
    const older = files.at(-3)!.name;
    const source = await tempDb();
    await migrate(source.url, { until: older });
    await queryAt(
      source.url,
      `INSERT INTO "User" (id, email, name, "updatedAt") VALUES ('u-old', 'old@example.org', 'Kept Across Versions', now());
       INSERT INTO "Workspace" (id, slug, name, "updatedAt") VALUES ('w-old', 'old', 'Old case file', now());
       INSERT INTO "Membership" (id, "workspaceId", "userId", role, "updatedAt") VALUES ('m-old', 'w-old', 'u-old', 'ADMIN', now());`,
    );
    const { dir, manifest } = await backupOf(source.url, "older");
    expect(manifest.schema.version).toBe(older);

    const target = await tempDb();
    const result = await restoreBackup({ url: target.url, dir });
    expect(result.migratedForward).toEqual(files.filter((f) => f.name > older).map((f) => f.name));
    const applied = await queryAt<{ n: number }>(target.url, `SELECT count(*)::int AS n FROM "_prisma_migrations"`);
    expect(applied[0]!.n).toBe(files.length);
    expect(
      await queryAt(
        target.url,
        `SELECT m.role::text, u.name, w.slug FROM "Membership" m
      JOIN "User" u ON u.id = m."userId" JOIN "Workspace" w ON w.id = m."workspaceId"`,
      ),
    ).toEqual([{ role: "ADMIN", name: "Kept Across Versions", slug: "old" }]);
  });

  it("refuses a backup from a newer version, before writing anything", SLOW, async () => {
    const dir = path.join(scratch, "newer");
    const { cp } = await import("node:fs/promises");
    const base = await backupOf(url(), "base-for-newer");
    await cp(base.dir, dir, { recursive: true });
    const manifest = JSON.parse(await readFile(path.join(dir, MANIFEST_FILE), "utf8")) as Manifest;
    manifest.schema.migrations.push({ name: "29991231000000_from_the_future", checksum: "0".repeat(64) });
    manifest.schema.version = "29991231000000_from_the_future";
    await writeFile(path.join(dir, MANIFEST_FILE), JSON.stringify(manifest));
    const target = await tempDb();
    const err = await rejection(restoreBackup({ url: target.url, dir }));
    expect(err.message).toMatch(/newer version of Dossier/);
    expect(await tableCount(target.url)).toBe(0);
  });
});
