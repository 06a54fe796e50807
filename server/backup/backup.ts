import { createHash, randomBytes, type Hash } from "node:crypto";
import { createReadStream, createWriteStream, existsSync } from "node:fs";
import { mkdir, readdir, rename, rm, rmdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { MIGRATION_LOCK_KEY } from "../db/migrate.ts";
import { dependencyOrder } from "../lib/table-order.ts";
import { APP_VERSION } from "../version.ts";
import {
  BACKUP_FORMAT,
  BackupError,
  COPY_SESSION_SETTINGS,
  ident,
  MANIFEST_FILE,
  originalFileName,
  ORIGINALS_DIR,
  TABLES_DIR,
  tableFileName,
  type Manifest,
  type ManifestTable,
} from "./format.ts";
import { recordBackup, type BackupTrigger } from "./record.ts";

export type BackupOptions = {
  /** The database to back up. */
  url: string;
  /** The folder to create; it must not exist yet, or be empty. */
  out: string;
  /** The install's folder of stored original files, backed up when it exists. */
  originalsDir?: string | null;
  trigger?: BackupTrigger;
  /** gzip level, 1 (fast) to 9 (small). */
  level?: number;
  log?: (line: string) => void;
};

export type BackupResult = { dir: string; manifest: Manifest; ms: number };

/** Counts and hashes what flows through, unchanged. */
function tap(hash: Hash, counter: { bytes: number }): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      counter.bytes += chunk.length;
      done(null, chunk);
    },
  });
}

type TableInfo = { name: string; columns: string[]; primaryKey: string[] };

/**
 * The tables of the app's schema, with their stored columns (generated
 * columns are left out: the database computes them again on restore) and
 * primary keys, in load order. Migration history is not a table of the
 * backup: it is the manifest's schema version, and a restore rebuilds it by
 * migrating. Tables owned by an extension belong to the extension.
 */
async function describeTables(client: pg.Client): Promise<TableInfo[]> {
  const { rows: tables } = await client.query<{ oid: number; name: string }>(
    `SELECT c.oid, c.relname AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        AND c.relname <> '_prisma_migrations'
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')`,
  );
  const oids = tables.map((t) => t.oid);
  // One after the other: a client runs one query at a time.
  const columns = await client.query<{ table: string; name: string }>(
    `SELECT c.relname AS table, a.attname AS name
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
        ORDER BY c.relname, a.attnum`,
    [oids],
  );
  const keys = await client.query<{ table: string; columns: string[] }>(
    `SELECT c.relname AS table, array_agg(a.attname::text ORDER BY k.ord) AS columns
         FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
        CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
         JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
        WHERE i.indisprimary AND i.indrelid = ANY($1::oid[])
        GROUP BY c.relname`,
    [oids],
  );
  const fks = await client.query<{ table: string; references: string }>(
    `SELECT c.relname AS table, r.relname AS references
         FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid
        WHERE k.contype = 'f' AND k.conrelid = ANY($1::oid[])`,
    [oids],
  );
  const order = dependencyOrder(
    tables.map((t) => t.name),
    fks.rows,
  );
  return order.map((name) => ({
    name,
    columns: columns.rows.filter((c) => c.table === name).map((c) => c.name),
    primaryKey: keys.rows.find((k) => k.table === name)?.columns ?? [],
  }));
}

/** The query whose COPY text a table's part holds; the restore tests compute the same on a live table. */
export function tableCopyQuery(table: { name: string; columns: string[]; primaryKey: string[] }): string {
  const cols = table.columns.map(ident).join(", ");
  // Primary-key order makes a table's content hash independent of where its rows sit on disk.
  const order = table.primaryKey.length ? ` ORDER BY ${table.primaryKey.map(ident).join(", ")}` : "";
  return `COPY (SELECT ${cols} FROM ${ident(table.name)}${order}) TO STDOUT`;
}

async function dumpTable(
  client: pg.Client,
  table: TableInfo,
  dir: string,
  position: number,
  level: number,
): Promise<ManifestTable> {
  const file = tableFileName(position, table.name);
  const content = createHash("sha256");
  const stored = createHash("sha256");
  const raw = { bytes: 0 };
  const written = { bytes: 0 };
  const copy = client.query(copyTo(tableCopyQuery(table)));
  await pipeline(
    copy,
    tap(content, raw),
    createGzip({ level }),
    tap(stored, written),
    createWriteStream(path.join(dir, file), { mode: 0o600 }),
  );
  return {
    name: table.name,
    columns: table.columns,
    rows: copy.rowCount,
    file,
    bytes: written.bytes,
    sha256: stored.digest("hex"),
    contentSha256: content.digest("hex"),
  };
}

async function listFiles(root: string, sub = ""): Promise<string[]> {
  const entries = await readdir(path.join(root, sub), { withFileTypes: true });
  const out: string[] = [];
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const rel = sub ? `${sub}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listFiles(root, rel)));
    else if (e.isFile()) out.push(rel);
  }
  return out;
}

/**
 * Stored originals are copied after the snapshot. A store that only ever adds
 * files (a file is written before the row that names it commits, and is
 * never changed) then has every file the snapshot's rows name in the copy.
 */
async function copyOriginals(from: string, dir: string): Promise<Manifest["files"]> {
  if (!existsSync(from)) return [];
  const files: Manifest["files"] = [];
  const names = await listFiles(from);
  if (names.length) await mkdir(path.join(dir, ORIGINALS_DIR), { recursive: true, mode: 0o700 });
  for (const [i, rel] of names.entries()) {
    const file = originalFileName(i + 1);
    const hash = createHash("sha256");
    const counter = { bytes: 0 };
    await pipeline(createReadStream(path.join(from, rel)), tap(hash, counter), createWriteStream(path.join(dir, file)));
    files.push({ path: rel, file, bytes: counter.bytes, sha256: hash.digest("hex") });
  }
  return files;
}

async function prepareOut(out: string): Promise<string> {
  if (existsSync(out)) {
    const st = await stat(out);
    if (!st.isDirectory() || (await readdir(out)).length > 0) {
      throw new BackupError(`${out} already exists and is not an empty folder. Name a new folder for the backup.`);
    }
  }
  await mkdir(path.dirname(path.resolve(out)), { recursive: true });
  // Written beside its final place and renamed when complete: a backup that
  // stopped half-way never looks like a backup.
  const partial = `${path.resolve(out)}.partial-${randomBytes(4).toString("hex")}`;
  // The backup holds password hashes and sessions: readable by its owner only.
  await mkdir(path.join(partial, TABLES_DIR), { recursive: true, mode: 0o700 });
  return partial;
}

/**
 * Writes a consistent backup of the database while the app keeps serving.
 *
 * Every table is read inside one REPEATABLE READ, READ ONLY transaction, so
 * all of them show the database at one instant (the snapshot), whatever is
 * written meanwhile; nothing is locked against writers. The migration lock is
 * held shared for the duration, so no instance migrates the schema under the
 * snapshot (an instance starting meanwhile waits for the backup to finish
 * before it migrates), and ACCESS SHARE locks keep other DDL off the tables.
 */
export async function takeBackup(opts: BackupOptions): Promise<BackupResult> {
  const started = new Date();
  const t0 = performance.now();
  const log = opts.log ?? (() => {});
  const level = opts.level ?? 6;
  const partial = await prepareOut(opts.out);
  const client = new pg.Client({ connectionString: opts.url, application_name: "dossier-backup" });
  try {
    await client.connect();
    await client.query(COPY_SESSION_SETTINGS);
    await client.query("SELECT pg_advisory_lock_shared($1)", [MIGRATION_LOCK_KEY]);
    let snapshot: {
      at: Date;
      serverVersion: string;
      database: string;
      migrations: { name: string; checksum: string }[];
      tables: ManifestTable[];
      sequences: Manifest["sequences"];
    };
    try {
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
      // The first statement of the transaction fixes its snapshot.
      const { rows: info } = await client.query<{
        at: Date;
        serverVersion: string;
        database: string;
        history: boolean;
      }>(
        `SELECT now() AS at, current_setting('server_version') AS "serverVersion", current_database() AS database,
                to_regclass('_prisma_migrations') IS NOT NULL AS history`,
      );
      const head = info[0]!;
      const migrations = head.history
        ? (
            await client.query<{ name: string; checksum: string }>(
              `SELECT migration_name AS name, checksum FROM "_prisma_migrations"
                WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
            )
          ).rows
        : [];
      const tables = await describeTables(client);
      if (tables.length) {
        await client.query(`LOCK TABLE ${tables.map((t) => ident(t.name)).join(", ")} IN ACCESS SHARE MODE`);
      }
      const parts: ManifestTable[] = [];
      for (const [i, table] of tables.entries()) {
        const t = performance.now();
        const part = await dumpTable(client, table, partial, i + 1, level);
        parts.push(part);
        log(
          `  ${table.name}: ${part.rows.toLocaleString("en")} rows, ${formatBytes(part.bytes)} (${formatMs(performance.now() - t)})`,
        );
      }
      const { rows: seqNames } = await client.query<{ name: string }>(
        `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = current_schema() AND c.relkind = 'S' ORDER BY c.relname`,
      );
      const sequences: Manifest["sequences"] = [];
      for (const { name } of seqNames) {
        const { rows } = await client.query<{ lastValue: string; isCalled: boolean }>(
          `SELECT last_value::text AS "lastValue", is_called AS "isCalled" FROM ${ident(name)}`,
        );
        sequences.push({ name, ...rows[0]! });
      }
      await client.query("COMMIT");
      snapshot = {
        at: head.at,
        serverVersion: head.serverVersion,
        database: head.database,
        migrations,
        tables: parts,
        sequences,
      };
    } catch (err) {
      await client.query("ROLLBACK").catch(() => {});
      throw err;
    } finally {
      await client.query("SELECT pg_advisory_unlock_shared($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
    }

    const files = opts.originalsDir ? await copyOriginals(opts.originalsDir, partial) : [];
    const rows = snapshot.tables.reduce((n, t) => n + t.rows, 0);
    const bytes = snapshot.tables.reduce((n, t) => n + t.bytes, 0) + files.reduce((n, f) => n + f.bytes, 0);
    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      snapshotAt: snapshot.at.toISOString(),
      finishedAt: new Date().toISOString(),
      app: { version: APP_VERSION },
      database: { serverVersion: snapshot.serverVersion, name: snapshot.database },
      schema: { version: snapshot.migrations.at(-1)?.name ?? "", migrations: snapshot.migrations },
      tables: snapshot.tables,
      sequences: snapshot.sequences,
      files,
      totals: { rows, bytes },
    };
    await writeFile(path.join(partial, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    if (existsSync(opts.out)) await rmdir(opts.out);
    await rename(partial, opts.out);
    const ms = performance.now() - t0;
    await client.end();
    await recordBackup(opts.url, {
      trigger: opts.trigger ?? "command",
      startedAt: started,
      ok: true,
      bytes,
      rows,
      schemaVersion: manifest.schema.version,
      location: path.resolve(opts.out),
    }).catch((err: Error) => log(`The backup was written, but could not be recorded in the database: ${err.message}`));
    return { dir: path.resolve(opts.out), manifest, ms };
  } catch (err) {
    await rm(partial, { recursive: true, force: true }).catch(() => {});
    await recordBackup(opts.url, {
      trigger: opts.trigger ?? "command",
      startedAt: started,
      ok: false,
      error: (err as Error).message.slice(0, 1000),
      location: path.resolve(opts.out),
    }).catch(() => {});
    throw err;
  } finally {
    await client.end().catch(() => {});
  }
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

export function formatMs(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}
