import pg from "pg";

export type BackupTrigger = "command" | "schedule";

export type BackupRecordInput = {
  trigger: BackupTrigger;
  startedAt: Date;
  ok: boolean;
  bytes?: number;
  rows?: number;
  schemaVersion?: string;
  location: string;
  error?: string;
};

/**
 * Notes a backup in the database it was taken of, for the System page and
 * for the schedule (which asks when the last scheduled one succeeded). On a
 * connection of its own, after the snapshot's transaction has ended. A
 * database older than the table (not yet migrated) is backed up all the
 * same; there is just nowhere to note it.
 */
export async function recordBackup(url: string, r: BackupRecordInput): Promise<void> {
  const client = new pg.Client({ connectionString: url, application_name: "dossier-backup" });
  await client.connect();
  try {
    // The columns are UTC timestamps without a zone, as Prisma writes them.
    await client.query("SET TIME ZONE 'UTC'");
    const { rows } = await client.query<{ exists: boolean }>(
      `SELECT to_regclass('"BackupRecord"') IS NOT NULL AS exists`,
    );
    if (!rows[0]?.exists) return;
    await client.query(
      `INSERT INTO "BackupRecord" ("trigger", "startedAt", "finishedAt", "ok", "bytes", "rows", "schemaVersion", "location", "error")
       VALUES ($1, $2, now(), $3, $4, $5, $6, $7, $8)`,
      [r.trigger, r.startedAt, r.ok, r.bytes ?? 0, r.rows ?? 0, r.schemaVersion ?? "", r.location, r.error ?? null],
    );
  } finally {
    await client.end();
  }
}
