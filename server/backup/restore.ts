import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, existsSync } from "node:fs";
import { mkdir, readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { migrate, readMigrationFiles } from "../db/migrate.ts";
import { formatBytes, formatMs } from "./backup.ts";
import { BackupError, COPY_SESSION_SETTINGS, ident, MANIFEST_FILE, manifestSchema, type Manifest } from "./format.ts";

export type RestoreOptions = {
  /** The database to restore into: empty, unless `force`. */
  url: string;
  /** The backup folder. */
  dir: string;
  /** Delete everything in the target database (and originals folder) first. */
  force?: boolean;
  /** Where the install keeps stored original files; restored there when the backup has any. */
  originalsDir?: string | null;
  /** The manifest `verifyBackup` returned for `dir`, when the caller checked the backup already. */
  verified?: Manifest;
  /** The migrations to use (tests); defaults to this build's. */
  migrationsDir?: string;
  log?: (line: string) => void;
};

export type RestoreResult = {
  manifest: Manifest;
  rows: number;
  /** Migrations applied after loading, because the backup was older than the code. */
  migratedForward: string[];
  ms: number;
};

export async function readManifest(dir: string): Promise<Manifest> {
  const file = path.join(dir, MANIFEST_FILE);
  const text = await readFile(file, "utf8").catch(() => null);
  if (text === null) throw new BackupError(`${dir} is not a Dossier backup: it has no ${MANIFEST_FILE}.`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BackupError(`${file} is not valid JSON: the backup is damaged.`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BackupError(
      `${file} is not a manifest this version can read (${issue.path.join(".") || "format"}: ${issue.message}).`,
    );
  }
  return parsed.data;
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(
    createReadStream(file),
    new Writable({
      write(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        done();
      },
    }),
  );
  return hash.digest("hex");
}

/**
 * Checks every part of a backup against its manifest (size and sha256) before
 * anything is written anywhere. A part changed, cut short or missing refuses
 * the whole backup, naming the parts.
 */
export async function verifyBackup(dir: string): Promise<Manifest> {
  const manifest = await readManifest(dir);
  const parts = [
    ...manifest.tables.map((t) => ({ file: t.file, bytes: t.bytes, sha256: t.sha256 })),
    ...manifest.files.map((f) => ({ file: f.file, bytes: f.bytes, sha256: f.sha256 })),
  ];
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const part of parts) {
    if (seen.has(part.file)) problems.push(`${part.file} is listed twice`);
    seen.add(part.file);
    const file = path.join(dir, part.file);
    const st = await stat(file).catch(() => null);
    if (!st?.isFile()) {
      problems.push(`${part.file} is missing`);
      continue;
    }
    if (st.size !== part.bytes) {
      problems.push(`${part.file} has ${st.size} bytes, the manifest says ${part.bytes}`);
      continue;
    }
    if ((await sha256Of(file)) !== part.sha256) problems.push(`${part.file} does not match its sha256 in the manifest`);
  }
  if (problems.length) {
    throw new BackupError(
      `The backup in ${dir} failed its integrity check, so nothing was restored:\n  ${problems.join("\n  ")}`,
    );
  }
  return manifest;
}

/** Names of what the target's schema already holds (tables, views, sequences, types), a few of them. */
async function existingObjects(client: pg.Client): Promise<{ count: number; sample: string[] }> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
     UNION ALL
     SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = current_schema() AND t.typtype IN ('e', 'd')
     ORDER BY 1`,
  );
  return { count: rows.length, sample: rows.slice(0, 5).map((r) => r.name) };
}

/** The backup's schema must be one this build can rebuild: every migration known, unchanged, none missing. */
async function checkSchemaVersion(manifest: Manifest, migrationsDir: string | undefined): Promise<void> {
  const files = await readMigrationFiles(migrationsDir);
  const code = new Map(files.map((f) => [f.name, f.checksum]));
  const inBackup = new Set(manifest.schema.migrations.map((m) => m.name));
  const unknown = manifest.schema.migrations.filter((m) => !code.has(m.name)).map((m) => m.name);
  if (unknown.length) {
    throw new BackupError(
      `This backup was taken from a newer version of Dossier: ${unknown.join(", ")} ` +
        `${unknown.length === 1 ? "is" : "are"} not part of this version. Restore it with that version or a newer one. ` +
        "Nothing was written.",
    );
  }
  const changed = manifest.schema.migrations.filter((m) => code.get(m.name) !== m.checksum).map((m) => m.name);
  if (changed.length) {
    throw new BackupError(
      `The backup's migrations ${changed.join(", ")} differ from this version's files of the same name. Nothing was written.`,
    );
  }
  const skipped = files.filter((f) => f.name <= manifest.schema.version && !inBackup.has(f.name)).map((f) => f.name);
  if (skipped.length) {
    throw new BackupError(
      `The backup's schema lacks ${skipped.join(", ")}, which this version orders before its schema version ` +
        `${manifest.schema.version}: this version cannot rebuild that schema. Nothing was written.`,
    );
  }
}

async function checkColumns(client: pg.Client, manifest: Manifest): Promise<void> {
  const { rows } = await client.query<{ table: string; columns: string[] }>(
    `SELECT c.relname AS table, array_agg(a.attname::text) AS columns
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
      GROUP BY c.relname`,
  );
  const target = new Map(rows.map((r) => [r.table, new Set(r.columns)]));
  const problems: string[] = [];
  for (const t of manifest.tables) {
    const cols = target.get(t.name);
    if (!cols) problems.push(`table "${t.name}" does not exist`);
    else {
      const missing = t.columns.filter((c) => !cols.has(c));
      if (missing.length) problems.push(`"${t.name}" has no column ${missing.map((c) => `"${c}"`).join(", ")}`);
    }
  }
  if (problems.length) {
    throw new BackupError(
      `At the backup's schema version the database does not have the backup's tables: ${problems.join("; ")}. ` +
        "The backed-up database's schema was changed by hand.",
    );
  }
}

/**
 * Restores a backup into an empty database:
 *  1. checks every part against the manifest (a tampered or damaged backup is
 *     refused before anything is written);
 *  2. refuses a database that holds anything, unless `force` (then, with no
 *     other session connected, drops everything in its schema first);
 *  3. migrates the empty database to the backup's schema version;
 *  4. loads every table in one transaction, in dependency order, checks each
 *     table's row count, and sets the sequences where they were;
 *  5. migrates forward to this build's schema when the backup is older;
 *  6. restores stored original files, if the backup has any.
 */
export async function restoreBackup(opts: RestoreOptions): Promise<RestoreResult> {
  const t0 = performance.now();
  const log = opts.log ?? (() => {});
  const manifest = opts.verified ?? (await verifyBackup(opts.dir));
  log(
    `Checked ${manifest.tables.length + manifest.files.length} parts (${formatBytes(manifest.totals.bytes)}): all match the manifest.`,
  );
  await checkSchemaVersion(manifest, opts.migrationsDir);
  if (manifest.files.length && opts.originalsDir && !opts.force && existsSync(opts.originalsDir)) {
    if ((await readdir(opts.originalsDir)).length > 0) {
      throw new BackupError(
        `${opts.originalsDir} already holds files. Restore into an install without stored files, or add --force to replace them.`,
      );
    }
  }

  const client = new pg.Client({ connectionString: opts.url, application_name: "dossier-restore" });
  await client.connect();
  try {
    await client.query(COPY_SESSION_SETTINGS);
    const existing = await existingObjects(client);
    if (existing.count > 0) {
      if (!opts.force) {
        throw new BackupError(
          `The target database is not empty: it holds ${existing.count} tables, sequences or types ` +
            `(${existing.sample.map((n) => `"${n}"`).join(", ")}${existing.count > existing.sample.length ? ", …" : ""}). ` +
            "Restore into an empty database, or add --force to delete everything in it first. Nothing was written.",
        );
      }
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
      );
      if (rows[0]!.n > 0) {
        throw new BackupError(
          `${rows[0]!.n} other session(s) are connected to the target database. Stop the app before restoring over its database. Nothing was written.`,
        );
      }
      const { rows: schema } = await client.query<{ name: string }>("SELECT current_schema() AS name");
      log(`--force: deleting everything in schema "${schema[0]!.name}" of the target database.`);
      await client.query(`DROP SCHEMA ${ident(schema[0]!.name)} CASCADE; CREATE SCHEMA ${ident(schema[0]!.name)}`);
    }

    try {
      await migrate(opts.url, { dir: opts.migrationsDir, until: manifest.schema.version || "0", log });
      log(`Created the schema at the backup's version (${manifest.schema.version || "none"}).`);
      await checkColumns(client, manifest);
      await loadTables(client, opts.dir, manifest, log);
    } catch (err) {
      if (err instanceof BackupError) throw err;
      throw new BackupError(
        `The restore stopped part-way (${(err as Error).message}). The target database may hold part of the backup: ` +
          "run the restore again with --force.",
      );
    }

    const { applied } = await migrate(opts.url, { dir: opts.migrationsDir, log });
    if (applied.length) log(`Migrated forward from the backup's version: ${applied.length} migration(s).`);
    // Fresh statistics: without them the planner guesses for every table until autovacuum gets round to it.
    await client.query("ANALYZE");

    if (manifest.files.length && opts.originalsDir) await restoreOriginals(opts.dir, opts.originalsDir, manifest);
    return { manifest, rows: manifest.totals.rows, migratedForward: applied, ms: performance.now() - t0 };
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Loads every table in one transaction. Secondary indexes (everything but
 * primary keys and constraints) are dropped first and built again after the
 * load, in the same transaction, as pg_restore does: building a text-search
 * or trigram index once over all rows is several times faster than updating
 * it row by row. Foreign keys stay in place and are checked as rows arrive,
 * which the dependency order makes possible.
 */
async function loadTables(client: pg.Client, dir: string, manifest: Manifest, log: (line: string) => void) {
  await client.query("BEGIN");
  try {
    const tables = manifest.tables.map((t) => t.name);
    // Migrations may have written rows of their own; the backup holds those too.
    if (tables.length) await client.query(`TRUNCATE ${tables.map(ident).join(", ")}`);
    await client.query("SET LOCAL maintenance_work_mem = '256MB'");
    const { rows: indexes } = await client.query<{ name: string; definition: string }>(
      `SELECT i.relname AS name, pg_get_indexdef(x.indexrelid) AS definition
         FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = current_schema() AND t.relname = ANY($1::text[])
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)`,
      [tables],
    );
    for (const index of indexes) await client.query(`DROP INDEX ${ident(index.name)}`);
    for (const table of manifest.tables) {
      const t = performance.now();
      const copy = client.query(
        copyFrom(`COPY ${ident(table.name)} (${table.columns.map(ident).join(", ")}) FROM STDIN`),
      );
      await pipeline(createReadStream(path.join(dir, table.file)), createGunzip(), copy);
      if (copy.rowCount !== table.rows) {
        throw new BackupError(
          `"${table.name}" loaded ${copy.rowCount} rows where the manifest says ${table.rows}. Nothing was restored.`,
        );
      }
      if (table.rows > 0) {
        log(`  ${table.name}: ${table.rows.toLocaleString("en")} rows (${formatMs(performance.now() - t)})`);
      }
    }
    const t = performance.now();
    for (const index of indexes) await client.query(index.definition);
    log(`  ${indexes.length} indexes built (${formatMs(performance.now() - t)})`);
    for (const seq of manifest.sequences) {
      await client.query(`SELECT setval($1::regclass, $2::bigint, $3)`, [ident(seq.name), seq.lastValue, seq.isCalled]);
    }
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  }
}

async function restoreOriginals(dir: string, target: string, manifest: Manifest): Promise<void> {
  const root = path.resolve(target);
  for (const f of manifest.files) {
    const dest = path.resolve(root, f.path);
    // The manifest's paths are checked to be relative already; this keeps that promise here too.
    if (!dest.startsWith(root + path.sep)) throw new BackupError(`${f.path} would be written outside ${root}.`);
    await mkdir(path.dirname(dest), { recursive: true });
    await pipeline(createReadStream(path.join(dir, f.file)), createWriteStream(dest));
  }
}
