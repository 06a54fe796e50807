import { existsSync } from "node:fs";
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { env } from "../env.ts";
import { retain, type RetentionPolicy } from "../lib/backup-retention.ts";
import { jobQueue, QUEUES, stopJobQueue } from "../jobs/queue.ts";
import { takeBackup } from "./backup.ts";
import { MANIFEST_FILE } from "./format.ts";

/**
 * Scheduled backups, opt-in (BACKUP_INTERVAL_HOURS). A check runs as a job
 * of the durable queue (server/jobs/queue.ts) every ten minutes, from a
 * schedule kept in the queue's tables: pg-boss's clock sends each due job
 * once for all instances, and whichever instance is free takes it. Whether a
 * backup is due is read from the database (the last successful scheduled
 * backup in "BackupRecord"), and the work still runs under a PostgreSQL
 * advisory lock, so however many instances run — and however often they
 * restart — one backup is taken per interval. After each backup, the
 * retention policy prunes the older scheduled backups in the folder.
 *
 * The job is worked in the `npm start` process, beside the web server rather
 * than in it, so compressing a large backup never holds up a request.
 */

/** Distinct from the migration and seed locks. */
const BACKUP_LOCK_KEY = 4_711_231_000;
/** Every ten minutes (cron, UTC): the shortest interval allowed is fifteen minutes. */
const CHECK_CRON = "*/10 * * * *";
/** A backup finishing a little early still counts: a timer never fires exactly on the hour. */
const SLACK_MS = 5 * 60_000;

const NAME = /^dossier-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** `dossier-20261206T100000Z`: sorts by time, and names only the schedule's own folders. */
export function backupFolderName(at: Date): string {
  return `dossier-${at
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z")}`;
}

export function takenAtOf(name: string): Date | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  return new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`);
}

export type ScheduleOptions = {
  url: string;
  /** Where scheduled backups go. */
  dir: string;
  originalsDir?: string | null;
  intervalHours: number;
  keep: RetentionPolicy;
  log?: (line: string) => void;
};

export type ScheduledOutcome =
  { status: "busy" } | { status: "not-due"; lastAt: Date } | { status: "done"; dir: string; removed: string[] };

/** One check of the schedule: takes a backup if one is due and no other instance is taking it. */
export async function runScheduledBackup(opts: ScheduleOptions, now = new Date()): Promise<ScheduledOutcome> {
  const log = opts.log ?? (() => {});
  const client = new pg.Client({ connectionString: opts.url, application_name: "dossier-backup-schedule" });
  await client.connect();
  try {
    const { rows: lock } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [
      BACKUP_LOCK_KEY,
    ]);
    if (!lock[0]!.ok) return { status: "busy" };
    try {
      const { rows } = await client.query<{ at: Date | null }>(
        `SELECT max("finishedAt") AT TIME ZONE 'UTC' AS at FROM "BackupRecord" WHERE "trigger" = 'schedule' AND "ok"`,
      );
      const lastAt = rows[0]?.at ?? null;
      if (lastAt && now.getTime() - lastAt.getTime() < opts.intervalHours * 3_600_000 - SLACK_MS) {
        return { status: "not-due", lastAt };
      }
      const out = path.join(opts.dir, backupFolderName(now));
      log(`Scheduled backup: writing ${out}`);
      const { manifest } = await takeBackup({
        url: opts.url,
        out,
        originalsDir: opts.originalsDir,
        trigger: "schedule",
      });
      log(`Scheduled backup done: ${manifest.totals.rows.toLocaleString("en")} rows, ${manifest.totals.bytes} bytes`);
      const removed = await pruneBackups(opts.dir, opts.keep);
      if (removed.length) log(`Scheduled backup: removed ${removed.length} older backup(s) past retention`);
      return { status: "done", dir: out, removed };
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [BACKUP_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}

/**
 * Deletes the schedule's backups that the retention policy does not keep.
 * Only complete backups named by the schedule are considered: anything else
 * in the folder (a backup taken by hand, a file of the operator's) is left alone.
 */
export async function pruneBackups(dir: string, keep: RetentionPolicy): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { withFileTypes: true });
  const backups = entries
    .filter((e) => e.isDirectory() && existsSync(path.join(dir, e.name, MANIFEST_FILE)))
    .flatMap((e) => {
      const takenAt = takenAtOf(e.name);
      return takenAt ? [{ name: e.name, takenAt }] : [];
    });
  const { remove } = retain(backups, keep);
  for (const name of remove) await rm(path.join(dir, name), { recursive: true, force: true });
  return remove;
}

/**
 * When BACKUP_INTERVAL_HOURS is set: registers the schedule and takes its
 * jobs in this process; returns null otherwise. An instance without the
 * setting neither schedules nor takes backups.
 */
export async function startBackupSchedule(opts: {
  url: string;
  dataDir: string;
  log: (line: string) => void;
}): Promise<{ stop: () => Promise<void> } | null> {
  const e = env();
  if (!e.BACKUP_INTERVAL_HOURS) return null;
  const schedule: ScheduleOptions = {
    url: opts.url,
    dir: path.resolve(e.BACKUP_DIR ?? path.join(opts.dataDir, "backups")),
    originalsDir: path.join(opts.dataDir, "originals"),
    intervalHours: e.BACKUP_INTERVAL_HOURS,
    keep: { daily: e.BACKUP_KEEP_DAILY, weekly: e.BACKUP_KEEP_WEEKLY, monthly: e.BACKUP_KEEP_MONTHLY },
    log: opts.log,
  };
  const boss = await jobQueue({ schedule: true, url: opts.url });
  await boss.schedule(QUEUES.backup, CHECK_CRON, {}, { tz: "UTC" });
  await boss.work(QUEUES.backup, { batchSize: 1, pollingIntervalSeconds: 10 }, async () => {
    try {
      return await runScheduledBackup(schedule);
    } catch (err) {
      // Recorded in BackupRecord for the System page; the next check tries again.
      opts.log(`Scheduled backup failed: ${(err as Error).message}`);
      return { status: "failed" };
    }
  });
  opts.log(
    `Backups every ${e.BACKUP_INTERVAL_HOURS} h into ${schedule.dir} ` +
      `(keeping ${schedule.keep.daily} daily, ${schedule.keep.weekly} weekly, ${schedule.keep.monthly} monthly)`,
  );
  return {
    // A backup under way finishes first (its snapshot needs the database).
    stop: () => stopJobQueue(6 * 3_600_000),
  };
}
