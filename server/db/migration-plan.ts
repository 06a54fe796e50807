import { createHash } from "node:crypto";

/** A migration file found on disk, in Prisma's layout. */
export type MigrationFile = { name: string; sql: string; checksum: string };

/** A row of Prisma's `_prisma_migrations` table. */
export type AppliedMigration = {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
};

export type MigrationPlan = {
  pending: MigrationFile[];
  /** Applied rows whose file is no longer on disk (e.g. an older build starting after a newer one). */
  unknown: string[];
};

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MigrationError";
  }
}

/** Code-unit order, the same order the `<` comparisons below use (locale order is not). */
export function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** Prisma records the SHA-256 of the file's bytes as lowercase hex. */
export function migrationChecksum(sql: string): string {
  return createHash("sha256").update(sql, "utf8").digest("hex");
}

/**
 * Decides what to apply. Pure, so every refusal case is unit-tested without a
 * database. Refuses when the history can no longer be trusted: a changed file,
 * a migration that failed half-way, or files out of order with what ran.
 */
export function planMigrations(files: MigrationFile[], applied: AppliedMigration[]): MigrationPlan {
  const sorted = [...files].sort(byName);
  const active = applied.filter((row) => row.rolled_back_at === null);

  const failed = active.filter((row) => row.finished_at === null);
  if (failed.length > 0) {
    throw new MigrationError(
      `Migration ${failed.map((f) => f.migration_name).join(", ")} started but did not finish. ` +
        "Inspect the database, then mark it rolled back or applied before starting again.",
    );
  }

  const appliedByName = new Map(active.map((row) => [row.migration_name, row]));
  for (const file of sorted) {
    const row = appliedByName.get(file.name);
    if (row && row.checksum !== file.checksum) {
      throw new MigrationError(
        `Migration ${file.name} was modified after it was applied to this database ` +
          `(recorded checksum ${row.checksum.slice(0, 12)}…, file now ${file.checksum.slice(0, 12)}…). ` +
          "Restore the original file and put the change in a new migration.",
      );
    }
  }

  const pending = sorted.filter((f) => !appliedByName.has(f.name));
  const lastApplied = sorted.filter((f) => appliedByName.has(f.name)).at(-1);
  const misplaced = lastApplied ? pending.filter((f) => f.name < lastApplied.name) : [];
  if (misplaced.length > 0) {
    throw new MigrationError(
      `Migration ${misplaced.map((f) => f.name).join(", ")} is older than ${lastApplied!.name}, ` +
        "which is already applied. Rename it so it sorts after the applied migrations.",
    );
  }

  const onDisk = new Set(sorted.map((f) => f.name));
  const unknown = active.map((r) => r.migration_name).filter((n) => !onDisk.has(n));
  return { pending, unknown };
}

/** Refusal for a database that a newer build has migrated: this build does not know its schema. */
export function newerDatabaseError(unknown: string[]): MigrationError {
  return new MigrationError(
    `This database was migrated by a newer version of Dossier: ${unknown.join(", ")} ` +
      `${unknown.length === 1 ? "is" : "are"} applied but not part of this version. ` +
      "Nothing was changed. Start the newer version again, or restore a backup taken with this version " +
      "into an empty database (npm run db:restore).",
  );
}

/** One transaction-internal step of a migration, run and reported on its own. */
export type MigrationStep = { label: string | null; sql: string };

export type MigrationDirectives = {
  /** Tables the migration rewrites: the runner says so, with their size, before it starts. */
  rewrites: string[];
  steps: MigrationStep[];
};

const REWRITES = /^\s*--\s*dossier:rewrites\s+(.+?)\s*$/;
const STEP = /^\s*--\s*dossier:step\b\s*(.*?)\s*$/;

/** True when a piece of SQL has something to run besides line comments and blank space. */
function hasStatements(sql: string): boolean {
  return sql.split("\n").some((line) => line.trim() !== "" && !line.trim().startsWith("--"));
}

/**
 * Reads the markers a migration may carry in its comments, so a migration that
 * rewrites a large table can say so and report progress as it goes:
 *
 *   -- dossier:rewrites "Event", "Citation"
 *   -- dossier:step Backfilling the date columns
 *
 * `rewrites` names the tables the runner announces, with their estimated row
 * counts, before the migration starts. Each `step` line starts a step that
 * ends at the next one; the runner reports each step as it begins and ends,
 * and a heartbeat while a step runs long. A file without markers is one step.
 * Markers live in comments, so the file stays plain SQL that Prisma or psql
 * can apply as it is, and they are part of the checksum like any other byte.
 */
export function migrationDirectives(sql: string): MigrationDirectives {
  const rewrites: string[] = [];
  const steps: MigrationStep[] = [];
  let current: { label: string | null; lines: string[] } = { label: null, lines: [] };
  const close = () => {
    const text = current.lines.join("\n");
    if (hasStatements(text)) steps.push({ label: current.label, sql: text });
  };
  for (const line of sql.split("\n")) {
    const rewrite = REWRITES.exec(line);
    if (rewrite) {
      for (const name of rewrite[1]!.split(",")) {
        const table = name.trim().replace(/^"(.*)"$/, "$1");
        if (table && !rewrites.includes(table)) rewrites.push(table);
      }
    }
    const step = STEP.exec(line);
    if (step) {
      close();
      current = { label: step[1] || null, lines: [] };
      continue;
    }
    current.lines.push(line);
  }
  close();
  return { rewrites, steps };
}
