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
