import { randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import {
  type AppliedMigration,
  type MigrationFile,
  byName,
  migrationChecksum,
  planMigrations,
} from "./migration-plan.ts";

export const MIGRATIONS_DIR = path.resolve(process.cwd(), "prisma/migrations");

// Any fixed 64-bit number works; it only has to be the same in every instance.
const ADVISORY_LOCK_KEY = 4_711_230_998;

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

/**
 * Applies pending migrations, each in its own transaction, while holding a
 * session-level advisory lock: a second instance starting at the same moment
 * waits here and then finds nothing left to do.
 */
export async function migrate(
  connectionString: string,
  opts: { dir?: string; log?: (line: string) => void } = {},
): Promise<MigrateResult> {
  const log = opts.log ?? (() => {});
  const files = await readMigrationFiles(opts.dir);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("SET client_min_messages = warning");
    await client.query("SELECT pg_advisory_lock($1)", [ADVISORY_LOCK_KEY]);
    try {
      await client.query(CREATE_HISTORY_TABLE);
      const { rows } = await client.query<AppliedMigration>(
        `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`,
      );
      const plan = planMigrations(files, rows);
      for (const name of plan.unknown) {
        log(`warning: migration ${name} is applied but not present in this build`);
      }
      for (const file of plan.pending) {
        await client.query("BEGIN");
        try {
          const id = randomUUID();
          await client.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
             VALUES ($1, $2, $3, now(), 0)`,
            [id, file.checksum, file.name],
          );
          await client.query(file.sql);
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
      return { applied: plan.pending.map((f) => f.name), unknown: plan.unknown };
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [ADVISORY_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}
