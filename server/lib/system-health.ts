/**
 * The health of each part of the install, judged from facts the System page
 * gathers. Pure, so every threshold is unit-tested without a database.
 */
export type HealthStatus = "ok" | "warning" | "error";
export type HealthPart = "database" | "migrations" | "backups" | "jobs";
export type HealthCheck = { part: HealthPart; status: HealthStatus; summary: string };

export type HealthFacts = {
  database: { latencyMs: number; poolWaiting: number };
  migrations: { applied: number; pending: string[]; newer: string[] };
  backups: {
    lastAttempt: { at: Date; ok: boolean } | null;
    lastSuccess: { at: Date } | null;
    /** Hours between scheduled backups, or null when backups are taken by hand. */
    intervalHours: number | null;
  };
  jobs: { failedLastDay: number; oldestQueuedAt: Date | null };
};

/** A database this slow to answer `SELECT 1` is in trouble, whatever the load. */
export const SLOW_DATABASE_MS = 1000;
/** Without a schedule, a backup older than this is worth a reminder. */
export const UNSCHEDULED_BACKUP_DAYS = 7;
/** A job queued this long is stuck, or the queue is overloaded. */
export const STUCK_JOB_MINUTES = 15;

const HOUR = 3_600_000;

/** "12 minutes", "5 hours", "3 days". */
export function duration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 90) return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} hours`;
  return `${Math.round(hours / 24)} days`;
}

export function ago(from: Date, now: Date): string {
  const ms = now.getTime() - from.getTime();
  return ms < 60_000 ? "just now" : `${duration(ms)} ago`;
}

function database(f: HealthFacts["database"]): HealthCheck {
  if (f.latencyMs > SLOW_DATABASE_MS) {
    return { part: "database", status: "warning", summary: `Slow: answered in ${Math.round(f.latencyMs)} ms.` };
  }
  if (f.poolWaiting > 0) {
    return {
      part: "database",
      status: "warning",
      summary: `${f.poolWaiting} queries are waiting for a free connection on this instance.`,
    };
  }
  return { part: "database", status: "ok", summary: `Answered in ${Math.round(f.latencyMs)} ms.` };
}

function migrations(f: HealthFacts["migrations"]): HealthCheck {
  if (f.newer.length > 0) {
    return {
      part: "migrations",
      status: "error",
      summary: `A newer version has migrated the database (${f.newer.length} migrations this version lacks). Restart every instance with the newer version.`,
    };
  }
  if (f.pending.length > 0) {
    return {
      part: "migrations",
      status: "warning",
      summary: `${f.pending.length} migrations of this version are not applied. Restarting the app applies them.`,
    };
  }
  return { part: "migrations", status: "ok", summary: `All ${f.applied} migrations applied.` };
}

function backups(f: HealthFacts["backups"], now: Date): HealthCheck {
  if (f.lastAttempt && !f.lastAttempt.ok) {
    return {
      part: "backups",
      status: "error",
      summary: `The last backup, ${ago(f.lastAttempt.at, now)}, failed. The server's log says why.`,
    };
  }
  if (!f.lastSuccess) {
    return {
      part: "backups",
      status: "warning",
      summary: f.intervalHours
        ? "Scheduled, but no backup has been taken yet."
        : "No backup has been taken. Run npm run db:backup, or set BACKUP_INTERVAL_HOURS.",
    };
  }
  const limit = f.intervalHours ? 2 * f.intervalHours * HOUR : UNSCHEDULED_BACKUP_DAYS * 24 * HOUR;
  if (now.getTime() - f.lastSuccess.at.getTime() > limit) {
    return {
      part: "backups",
      status: "warning",
      summary: f.intervalHours
        ? `The last backup was ${ago(f.lastSuccess.at, now)}: scheduled backups have stopped.`
        : `The last backup was ${ago(f.lastSuccess.at, now)}.`,
    };
  }
  return { part: "backups", status: "ok", summary: `Last backup ${ago(f.lastSuccess.at, now)}.` };
}

function jobs(f: HealthFacts["jobs"], now: Date): HealthCheck {
  if (f.oldestQueuedAt && now.getTime() - f.oldestQueuedAt.getTime() > STUCK_JOB_MINUTES * 60_000) {
    return {
      part: "jobs",
      status: "warning",
      summary: `An import has been queued for ${duration(now.getTime() - f.oldestQueuedAt.getTime())}: the queue is stuck or overloaded.`,
    };
  }
  if (f.failedLastDay > 0) {
    return {
      part: "jobs",
      status: "warning",
      summary: `${f.failedLastDay} import${f.failedLastDay === 1 ? "" : "s"} of this workspace failed in the last 24 hours.`,
    };
  }
  return { part: "jobs", status: "ok", summary: "Nothing stuck, no recent failures." };
}

export function assessHealth(facts: HealthFacts, now: Date): HealthCheck[] {
  return [database(facts.database), migrations(facts.migrations), backups(facts.backups, now), jobs(facts.jobs, now)];
}
