import { createHash } from "node:crypto";
import pg from "pg";
import PgBoss from "pg-boss";
import { env, requireDatabaseUrl } from "../env.ts";
import { isTransientError } from "../lib/transient-error.ts";
import { logger } from "../logger.ts";

/**
 * The durable job queue: pg-boss on the app's own PostgreSQL, its tables in a
 * schema of their own ("pgboss", created and upgraded by pg-boss when an
 * instance starts), so the app's schema, its drift check and its backups see
 * only the app's tables.
 *
 * A job is a row: it is queued in the same transaction as the work it stands
 * for (see `enqueue`), taken by whichever instance polls first
 * (`FOR UPDATE SKIP LOCKED`, so never by two at once), retried with backoff
 * when its handler throws, and given back to the queue when the instance
 * running it dies (after its expiry, by pg-boss's maintenance on any
 * instance). The app keeps its own view of each job (ImportJob) in step;
 * what people see is read from there.
 */

export const QUEUES = {
  import: "import",
  /** Imports pg-boss has given up on (retries spent, or expired too often): marked failed for the analyst. */
  importFailed: "import-failed",
  backup: "scheduled-backup",
  /** A retracted source or a falling origin: flags what relied on it (services/evidence). */
  evidence: "evidence-change",
  /** Fetching a source's web address on the server (services/archive). */
  archive: "source-archive",
  /** Archive jobs the queue has given up on: marked failed on the source page. */
  archiveFailed: "source-archive-failed",
} as const;

export const JOB_SCHEMA = "pgboss";

type Sql = { executeSql: (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }> };

const globalForQueue = globalThis as unknown as { __dossierQueue?: Promise<PgBoss> };

function importTimeoutSeconds(): number {
  return env().IMPORT_JOB_TIMEOUT_SECONDS;
}

/** How long a queue statement keeps trying while the database is away (restarting, or the connection dropped). */
const RETRY_SQL_FOR_MS = 20_000;

/**
 * The queue's own small pool. Its statements are tried again while the
 * database is briefly away: pg-boss marks a job done or failed without
 * waiting for the answer, and an error there would otherwise be lost (and
 * the job left to expire) or, unhandled, end the process.
 */
function queueDb(connectionString: string) {
  // Polling, maintenance and one job at a time: a few connections are plenty.
  const pool = new pg.Pool({
    connectionString,
    max: 3,
    connectionTimeoutMillis: 10_000,
    application_name: "dossier-jobs",
  });
  pool.on("error", () => {});
  return {
    pool,
    executeSql: async (text: string, values?: unknown[]) => {
      const giveUpAt = Date.now() + RETRY_SQL_FOR_MS;
      for (let wait = 250; ; wait = Math.min(wait * 2, 4000)) {
        try {
          return await pool.query(text, values);
        } catch (err) {
          if (!isTransientError(err) || Date.now() + wait > giveUpAt) throw err;
          await new Promise((r) => setTimeout(r, wait));
        }
      }
    },
  };
}

const pools = new WeakMap<PgBoss, pg.Pool>();

async function create(opts: { schedule: boolean; url?: string }): Promise<PgBoss> {
  const e = env();
  const queueSql = queueDb(opts.url ?? requireDatabaseUrl());
  const boss = new PgBoss({
    db: queueSql,
    schema: JOB_SCHEMA,
    // Expired jobs go back to the queue at the next maintenance run (any instance runs it, one at a time).
    maintenanceIntervalSeconds: e.JOB_MAINTENANCE_SECONDS,
    schedule: opts.schedule,
  });
  // Without a listener an EventEmitter error would end the process; a dropped connection
  // (the database restarting) is logged and pg-boss tries again on its next poll.
  boss.on("error", (err: Error) => logger.warn({ err: err.message }, "job queue error"));
  pools.set(boss, queueSql.pool);
  await boss.start();
  await ensureQueues(boss);
  return boss;
}

async function ensureQueues(boss: PgBoss): Promise<void> {
  const existing = new Set((await boss.getQueues()).map((q) => q.name));
  const want: [string, Parameters<PgBoss["createQueue"]>[1]][] = [
    [QUEUES.importFailed, { name: QUEUES.importFailed, retryLimit: 5, retryDelay: 5, retryBackoff: true }],
    [
      QUEUES.import,
      {
        name: QUEUES.import,
        // A dropped connection or a database restart: tried again after ~5 s, ~10 s, ~20 s, ~40 s.
        retryLimit: 4,
        retryDelay: 5,
        retryBackoff: true,
        expireInSeconds: importTimeoutSeconds(),
        deadLetter: QUEUES.importFailed,
      },
    ],
    // Propagation is one transaction and idempotent: a retry after a dropped connection does it once.
    [
      QUEUES.evidence,
      { name: QUEUES.evidence, retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: 600 },
    ],
    [QUEUES.archiveFailed, { name: QUEUES.archiveFailed, retryLimit: 5, retryDelay: 5, retryBackoff: true }],
    // A page that cannot be fetched fails at once with its reason (no retry); a retry is for the database
    // going away while the result is written. The fetch itself is bounded by ARCHIVE_TIMEOUT_SECONDS.
    [
      QUEUES.archive,
      {
        name: QUEUES.archive,
        retryLimit: 3,
        retryDelay: 5,
        retryBackoff: true,
        expireInSeconds: 300,
        deadLetter: QUEUES.archiveFailed,
      },
    ],
    // A backup that fails is reported on the System page and taken at the next check; no retry here.
    [QUEUES.backup, { name: QUEUES.backup, retryLimit: 0, expireInSeconds: 6 * 3600 }],
  ];
  for (const [name, options] of want) {
    if (existing.has(name)) await boss.updateQueue(name, options);
    else
      await boss.createQueue(name, options).catch(async (err: Error) => {
        // Another instance created it a moment ago.
        if (!(await boss.getQueue(name))) throw err;
      });
  }
}

/**
 * The process's queue client, started on first use. `schedule` turns on
 * pg-boss's cron (only the process that registers a schedule needs it).
 */
export function jobQueue(opts: { schedule?: boolean; url?: string } = {}): Promise<PgBoss> {
  globalForQueue.__dossierQueue ??= create({ schedule: opts.schedule ?? false, url: opts.url }).catch(
    (err: unknown) => {
      globalForQueue.__dossierQueue = undefined;
      throw err;
    },
  );
  return globalForQueue.__dossierQueue;
}

/**
 * Stops taking jobs; a job under way has `graceMs` to finish, after which
 * pg-boss fails it back to the queue (it is retried, here or elsewhere).
 */
export async function stopJobQueue(graceMs = 20_000): Promise<void> {
  const pending = globalForQueue.__dossierQueue;
  globalForQueue.__dossierQueue = undefined;
  if (!pending) return;
  const boss = await pending.catch(() => null);
  if (!boss) return;
  await new Promise<void>((resolve) => {
    boss.once("stopped", () => resolve());
    boss.stop({ graceful: true, timeout: graceMs, wait: true }).catch(() => resolve());
  });
  await pools.get(boss)?.end();
}

/** A stable job id for a piece of work, so queueing it twice queues it once. */
export function jobIdFor(kind: string, key: string): string {
  const h = createHash("sha1").update(`${kind}:${key}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Queues a job inside the caller's transaction: it exists if and only if the
 * transaction commits. `sql` runs statements on that transaction.
 */
export async function enqueue(
  sql: Sql,
  queue: string,
  data: object,
  opts: { key: string; startAfterSeconds?: number },
): Promise<void> {
  const boss = await jobQueue();
  await boss.send(queue, data, {
    id: jobIdFor(queue, opts.key),
    db: sql,
    ...(opts.startAfterSeconds ? { startAfter: opts.startAfterSeconds } : {}),
  });
}

/** Waiting and running jobs per queue, read from the queue's own table. */
export async function queueCounts(sql: Sql, queue: string): Promise<{ queued: number; running: number }> {
  const { rows } = await sql.executeSql(
    `SELECT count(*) FILTER (WHERE state IN ('created', 'retry'))::int AS queued,
            count(*) FILTER (WHERE state = 'active')::int AS running
     FROM ${JOB_SCHEMA}.job WHERE name = $1`,
    [queue],
  );
  return rows[0] as { queued: number; running: number };
}
