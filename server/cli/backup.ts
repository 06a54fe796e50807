import path from "node:path";
import { parseArgs } from "node:util";
import { formatBytes, formatMs, takeBackup } from "../backup/backup.ts";
import { backupFolderName } from "../backup/schedule.ts";
import { exitWith, openDatabase } from "./database-target.ts";

/**
 * `npm run db:backup -- [--out PATH] [--level 1-9]`
 * Writes a consistent backup of the database (DATABASE_URL, or the embedded
 * one, running or not) and of the stored original files to a new folder,
 * while the app keeps serving. Without --out the folder is made in
 * BACKUP_DIR (default: <data dir>/backups).
 */
const { values } = parseArgs({
  options: { out: { type: "string" }, level: { type: "string", default: "6" } },
});
const level = Number(values.level);
if (!Number.isInteger(level) || level < 1 || level > 9) {
  console.error("Usage: npm run db:backup -- [--out PATH] [--level 1-9]   (--level: gzip, 1 fast … 9 small)");
  process.exit(1);
}

const dataDir = path.resolve(process.env.DOSSIER_DATA_DIR ?? ".data");
const out = path.resolve(
  values.out ??
    path.join(process.env.BACKUP_DIR ?? path.join(dataDir, "backups"), `${backupFolderName(new Date())}-manual`),
);

const target = await openDatabase({ dataDir, log: (l) => console.log(l) }).catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
let failed = false;
try {
  console.log(`Backing up ${target.description}…`);
  const { manifest, ms } = await takeBackup({
    url: target.url,
    out,
    originalsDir: path.join(dataDir, "originals"),
    level,
    log: (l) => console.log(l),
  });
  const files = manifest.files.length ? ` and ${manifest.files.length} stored files` : "";
  console.log(
    `Backup written to ${out}: ${manifest.tables.length} tables (${manifest.totals.rows.toLocaleString("en")} rows)${files}, ` +
      `${formatBytes(manifest.totals.bytes)} in ${formatMs(ms)}; schema ${manifest.schema.version || "(none)"}, snapshot at ${manifest.snapshotAt}.`,
  );
  console.log(`Restore it with: npm run db:restore -- ${JSON.stringify(out)}`);
} catch (err) {
  console.error(`The backup failed: ${(err as Error).message}`);
  failed = true;
} finally {
  await target.close();
}
await exitWith(failed ? 1 : 0);
