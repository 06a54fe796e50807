import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  type AppliedMigration,
  type MigrationFile,
  MigrationError,
  migrationChecksum,
  planMigrations,
} from "../../server/db/migration-plan.ts";

const file = (name: string, sql = `-- ${name}\nSELECT 1;\n`): MigrationFile => ({
  name,
  sql,
  checksum: migrationChecksum(sql),
});

const applied = (f: MigrationFile, over: Partial<AppliedMigration> = {}): AppliedMigration => ({
  migration_name: f.name,
  checksum: f.checksum,
  finished_at: new Date("2026-01-01T00:00:00Z"),
  rolled_back_at: null,
  ...over,
});

/** Runs `fn` and returns what it threw (failing the test if it did not throw). */
function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected a throw");
}

const a = file("20260101000000_a");
const b = file("20260201000000_b");
const c = file("20260301000000_c");

describe("migrationChecksum", () => {
  it("is the lowercase sha256 hex of the file's bytes, as Prisma records it", () => {
    expect(migrationChecksum("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    // Non-ASCII text is hashed as UTF-8 bytes, not as UTF-16 code units.
    const sql = "-- یادداشت\nSELECT 'Mashhad';\n";
    expect(migrationChecksum(sql)).toBe(createHash("sha256").update(Buffer.from(sql, "utf8")).digest("hex"));
  });

  it("matches sha256 of every migration file on disk, read as raw bytes", () => {
    const dir = path.resolve(import.meta.dirname, "../../prisma/migrations");
    const names = readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const bytes = readFileSync(path.join(dir, name, "migration.sql"));
      expect(migrationChecksum(bytes.toString("utf8")), name).toBe(createHash("sha256").update(bytes).digest("hex"));
    }
  });
});

describe("planMigrations", () => {
  it("plans every file, in name order, on an empty database", () => {
    const plan = planMigrations([c, a, b], []);
    expect(plan.pending.map((f) => f.name)).toEqual([a.name, b.name, c.name]);
    expect(plan.unknown).toEqual([]);
  });

  it("plans only the files not yet applied, in order", () => {
    const plan = planMigrations([c, b, a], [applied(a)]);
    expect(plan.pending.map((f) => f.name)).toEqual([b.name, c.name]);
  });

  it("plans nothing when everything is applied", () => {
    expect(planMigrations([a, b], [applied(a), applied(b)])).toEqual({ pending: [], unknown: [] });
  });

  it("refuses a file changed after it was applied, naming it", () => {
    const changed = file(b.name, "-- edited\nSELECT 2;\n");
    const err = thrown(() => planMigrations([a, changed], [applied(a), applied(b)]));
    expect(err).toBeInstanceOf(MigrationError);
    expect(err.message).toContain(b.name);
    expect(err.message).toMatch(/modified/);
  });

  it("refuses while a migration is recorded as started but not finished", () => {
    const err = thrown(() => planMigrations([a, b], [applied(a), applied(b, { finished_at: null })]));
    expect(err).toBeInstanceOf(MigrationError);
    expect(err.message).toContain(b.name);
    expect(err.message).toMatch(/did not finish/);
  });

  it("refuses a pending migration that sorts before the last applied one", () => {
    // b was added (e.g. from a merged branch) after c had already run here.
    const err = thrown(() => planMigrations([a, b, c], [applied(a), applied(c)]));
    expect(err).toBeInstanceOf(MigrationError);
    expect(err.message).toContain(b.name);
    expect(err.message).toContain(c.name);
  });

  it("ignores rolled-back rows: the migration is pending again, even with another checksum or unfinished", () => {
    const rolledBack = applied(b, {
      checksum: "0".repeat(64),
      finished_at: null,
      rolled_back_at: new Date("2026-02-02T00:00:00Z"),
    });
    const plan = planMigrations([a, b], [applied(a), rolledBack]);
    expect(plan.pending.map((f) => f.name)).toEqual([b.name]);
    expect(plan.unknown).toEqual([]);
  });

  it("reports applied migrations that are not on disk, and still plans the rest", () => {
    const gone = file("20251201000000_removed");
    const plan = planMigrations([a, b], [applied(gone), applied(a)]);
    expect(plan.unknown).toEqual([gone.name]);
    expect(plan.pending.map((f) => f.name)).toEqual([b.name]);
  });

  it("does not report rolled-back rows as unknown", () => {
    const gone = file("20251201000000_removed");
    const plan = planMigrations([a], [applied(gone, { rolled_back_at: new Date() })]);
    expect(plan.unknown).toEqual([]);
  });

  it("uses one ordering for sorting and for the 'older than applied' check", () => {
    const lower = file("20260101000000_add_a");
    const upper = file("20260101000000_add_B");
    const sorted = planMigrations([lower, upper], []).pending.map((f) => f.name);
    const [first, second] = sorted.map((n) => (n === lower.name ? lower : upper)) as [MigrationFile, MigrationFile];
    // Applying the first of the runner's own order must leave the second pending, not refuse it.
    expect(planMigrations([lower, upper], [applied(first)]).pending).toEqual([second]);
  });
});
