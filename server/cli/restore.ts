import path from "node:path";
import { parseArgs } from "node:util";
import { formatMs } from "../backup/backup.ts";
import { restoreBackup, verifyBackup } from "../backup/restore.ts";
import { exitWith, openDatabase } from "./database-target.ts";

/**
 * `npm run db:restore -- PATH [--force]`
 * Restores a backup folder into an empty database: DATABASE_URL's, or the
 * embedded one in DOSSIER_DATA_DIR (created when there is none yet). Checks
 * the backup's hashes before writing anything, refuses a database that holds
 * data unless --force, and migrates forward when the backup is older than
 * this version.
 */
const { values, positionals } = parseArgs({
  options: { force: { type: "boolean", default: false } },
  allowPositionals: true,
});
if (positionals.length !== 1) {
  console.error("Usage: npm run db:restore -- PATH [--force]   (PATH: a folder written by npm run db:backup)");
  process.exit(1);
}
const dir = path.resolve(positionals[0]!);
const dataDir = path.resolve(process.env.DOSSIER_DATA_DIR ?? ".data");

let failed = false;
try {
  // Checked first, so a damaged or tampered backup is refused before any database is started or touched.
  const manifest = await verifyBackup(dir);
  const target = await openDatabase({ dataDir, log: (l) => console.log(l) });
  try {
    console.log(
      `Restoring the backup of ${manifest.snapshotAt} (Dossier ${manifest.app.version}, schema ${manifest.schema.version || "(none)"}, ` +
        `${manifest.totals.rows.toLocaleString("en")} rows) into ${target.description}…`,
    );
    const result = await restoreBackup({
      url: target.url,
      dir,
      force: values.force,
      verified: manifest,
      originalsDir: path.join(dataDir, "originals"),
      log: (l) => console.log(l),
    });
    const forward = result.migratedForward.length
      ? ` Migrated forward: ${result.migratedForward.join(", ")}.`
      : " The backup's schema is this version's.";
    console.log(`Restored ${result.rows.toLocaleString("en")} rows in ${formatMs(result.ms)}.${forward}`);
  } finally {
    await target.close();
  }
} catch (err) {
  console.error((err as Error).message);
  failed = true;
}
await exitWith(failed ? 1 : 0);
