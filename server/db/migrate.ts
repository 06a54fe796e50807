import { randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import {
  type AppliedMigration,
  type MigrationFile,
  byName,
  migrationChecksum,
  migrationDirectives,
  newerDatabaseError,
  planMigrations,
} from "./migration-plan.ts";

export const MIGRATIONS_DIR = path.resolve(process.cwd(), "prisma/migrations");

// Any fixed 64-bit number works; it only has to be the same in every instance.
// Backups hold it shared, so no migration changes the schema under a backup's snapshot.
export const MIGRATION_LOCK_KEY = 4_711_230_998;
/** A step running longer than this gets a line saying it is still at work. */
const HEARTBEAT_MS = 15_000;

// The exact table Prisma's migrate creates, so `prisma migrate status` reads it.
const CREATE_HISTORY_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export async function readMigrationFiles(dir = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: MigrationFile[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const sql = await readFile(path.join(dir, entry.name, "migration.sql"), "utf8").catch(() => null);
    if (sql === null) continue;
    files.push({ name: entry.name, sql, checksum: migrationChecksum(sql) });
  }
  return files.sort(byName);
}

export type MigrateResult = { applied: string[]; unknown: string[] };

export type MigrateOptions = {
  dir?: string;
  log?: (line: string) => void;
  /** Apply migrations up to and including this one only (a restore loads a backup at its own schema). */
  until?: string;
  heartbeatMs?: number;
};

/**
 * Applies pending migrations, each in its own transaction, while holding a
 * session-level advisory lock: a second instance starting at the same moment
 * waits here and then finds nothing left to do. Refuses, changing nothing, a
 * database that a newer build has migrated (applied migrations this build
 * does not have): its code would run against a schema it does not know.
 */
export async function migrate(connectionString: string, opts: MigrateOptions = {}): Promise<MigrateResult> {
  const log = opts.log ?? (() => {});
  const files = await readMigrationFiles(opts.dir);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("SET client_min_messages = warning");
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    try {
      await client.query(CREATE_HISTORY_TABLE);
      const { rows } = await client.query<AppliedMigration>(
        `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`,
      );
      const plan = planMigrations(files, rows);
      if (plan.unknown.length > 0) throw newerDatabaseError(plan.unknown);
      const pending = opts.until ? plan.pending.filter((f) => f.name <= opts.until!) : plan.pending;
      for (const file of pending) {
        await client.query("BEGIN");
        try {
          const id = randomUUID();
          await client.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
             VALUES ($1, $2, $3, now(), 0)`,
            [id, file.checksum, file.name],
          );
          await applySteps(client, connectionString, file, log, opts.heartbeatMs ?? HEARTBEAT_MS);
          await client.query(
            `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`,
            [id],
          );
          await client.query("COMMIT");
          log(`applied migration ${file.name}`);
        } catch (err) {
          await client.query("ROLLBACK");
          throw new Error(`Migration ${file.name} failed and was rolled back: ${(err as Error).message}`, {
            cause: err,
          });
        }
      }
      return { applied: pending.map((f) => f.name), unknown: plan.unknown };
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

/**
 * Runs one migration's steps inside its transaction. A migration that declares
 * the tables it rewrites is announced with their size first; steps are
 * reported as they start and end; a step that runs long gets a line every
 * `heartbeatMs` with the time so far and, while an index is being built, how
 * far the build is (PostgreSQL reports that for CREATE INDEX; it has no such
 * report for a table rewrite, so for those the time is all that is said).
 */
async function applySteps(
  client: pg.Client,
  connectionString: string,
  file: MigrationFile,
  log: (line: string) => void,
  heartbeatMs: number,
): Promise<void> {
  const { rewrites, steps } = migrationDirectives(file.sql);
  if (rewrites.length > 0) {
    const { rows } = await client.query<{ name: string; rows: string }>(
      `SELECT c.relname AS name, greatest(c.reltuples, 0)::bigint::text AS rows
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relname = ANY($1::text[])`,
      [rewrites],
    );
    const size = new Map(rows.map((r) => [r.name, Number(r.rows)]));
    const tables = rewrites.map((t) => `"${t}" (about ${(size.get(t) ?? 0).toLocaleString("en")} rows)`).join(", ");
    log(`Migration ${file.name} rewrites ${tables}; on a large database this takes a while. Progress follows.`);
  }
  const many = steps.length > 1;
  const { rows: backend } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
  const pid = backend[0]!.pid;
  for (const [i, step] of steps.entries()) {
    const name = `${file.name}${many ? ` step ${i + 1}/${steps.length}` : ""}${step.label ? ` (${step.label})` : ""}`;
    if (many) log(`Migration ${name}: started`);
    const started = performance.now();
    const heartbeat = setInterval(() => {
      void indexProgress(connectionString, pid).then((progress) =>
        log(`Migration ${name}: still running after ${seconds(performance.now() - started)}${progress}`),
      );
    }, heartbeatMs);
    try {
      await client.query(step.sql);
    } finally {
      clearInterval(heartbeat);
    }
    if (many) log(`Migration ${name}: done in ${seconds(performance.now() - started)}`);
  }
}

/** How far an index build on the migration's connection is, read from a connection of its own. */
async function indexProgress(connectionString: string, pid: number): Promise<string> {
  const probe = new pg.Client({ connectionString });
  try {
    await probe.connect();
    const { rows } = await probe.query<{ phase: string; done: string; total: string }>(
      `SELECT phase, blocks_done::text AS done, blocks_total::text AS total
         FROM pg_stat_progress_create_index WHERE pid = $1`,
      [pid],
    );
    const r = rows[0];
    if (!r) return "";
    const pct = Number(r.total) > 0 ? ` ${Math.floor((100 * Number(r.done)) / Number(r.total))}%` : "";
    return ` — building an index: ${r.phase}${pct}`;
  } catch {
    return "";
  } finally {
    await probe.end().catch(() => {});
  }
}
