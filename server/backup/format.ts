import { z } from "zod";

/**
 * A backup is a folder:
 *
 *   manifest.json             what is in it, with the sha256 and size of every other file
 *   tables/NNN-Name.copy.gz   one table each, PostgreSQL COPY text format, gzip, rows in primary-key order
 *   originals/NNNNNN          stored original files (uploads), when the install keeps any;
 *                             the manifest maps each to its path in the install's originals folder
 *
 * The tables come from one read-only snapshot and are listed in the order a
 * restore loads them (every table after the tables it points at). The
 * manifest names the schema version (the migrations applied), so a restore
 * migrates an empty database to exactly that version, loads, then migrates
 * forward to the running code. COPY text is PostgreSQL's own portable form:
 * it does not depend on the server version, and any restore tool can read it.
 */
export const BACKUP_FORMAT = "dossier-backup/1";
export const MANIFEST_FILE = "manifest.json";
export const TABLES_DIR = "tables";
export const ORIGINALS_DIR = "originals";

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const count = z.number().int().nonnegative();
/** A path inside the backup folder: relative, no `..`, plain names only, under a known folder. */
const partPath = z
  .string()
  .max(500)
  .regex(
    new RegExp(`^(${TABLES_DIR}|${ORIGINALS_DIR})(/[A-Za-z0-9_][A-Za-z0-9._-]*)+$`),
    "must be a plain path inside the backup",
  )
  .refine((p) => !p.split("/").includes(".."), "must stay inside the backup");

/** A file's place inside the originals folder, whatever its name: relative, and never leaving the folder. */
const relativePath = z
  .string()
  .min(1)
  .max(1000)
  .refine(
    (p) =>
      !p.startsWith("/") &&
      !p.includes("\\") &&
      !p.includes("\0") &&
      !p.split("/").some((s) => s === ".." || s === "." || s === ""),
    "must be a relative path inside the originals folder",
  );

export const manifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  /** When the snapshot was taken: the data is exactly as it was at this moment. */
  snapshotAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  app: z.object({ version: z.string() }),
  database: z.object({ serverVersion: z.string(), name: z.string() }),
  schema: z.object({
    /** The last migration applied; empty for a database that was never migrated. */
    version: z.string(),
    migrations: z.array(z.object({ name: z.string(), checksum: sha256 })),
  }),
  tables: z.array(
    z.object({
      name: z.string().min(1),
      columns: z.array(z.string().min(1)).min(1),
      rows: count,
      file: partPath,
      bytes: count,
      sha256,
      /** sha256 of the uncompressed COPY text: the rows themselves, comparable with a live table. */
      contentSha256: sha256,
    }),
  ),
  sequences: z.array(
    z.object({ name: z.string().min(1), lastValue: z.string().regex(/^-?\d+$/), isCalled: z.boolean() }),
  ),
  /** Stored original files: `path` inside the install's originals folder, `file` inside the backup. */
  files: z.array(z.object({ path: relativePath, file: partPath, bytes: count, sha256 })),
  totals: z.object({ rows: count, bytes: count }),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestTable = Manifest["tables"][number];

/** `tables/007-Event.copy.gz`: the position keeps the folder listing in load order. */
/** `originals/000042`: files are stored by number, so any name the store uses is safe in the backup. */
export function originalFileName(position: number): string {
  return `${ORIGINALS_DIR}/${String(position).padStart(6, "0")}`;
}

export function tableFileName(position: number, table: string): string {
  const safe = table.replace(/[^A-Za-z0-9_-]/g, "_");
  return `${TABLES_DIR}/${String(position).padStart(3, "0")}-${safe}.copy.gz`;
}

/** A backup or restore refused for a reason the operator can act on; the CLI prints only the message. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}

/** A double-quoted SQL identifier. */
export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Session settings for reading and writing COPY text, as pg_dump sets them:
 * dates, times and numbers are written and read in one fixed form, whatever
 * either server's defaults are.
 */
export const COPY_SESSION_SETTINGS = [
  "SET client_encoding = 'UTF8'",
  "SET datestyle = 'ISO, YMD'",
  "SET intervalstyle = 'postgres'",
  "SET extra_float_digits = 3",
  "SET TIME ZONE 'UTC'",
].join("; ");
