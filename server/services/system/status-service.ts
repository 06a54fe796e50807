import { db, pool } from "../../db/client.ts";
import { readMigrationFiles } from "../../db/migrate.ts";
import { planMigrations } from "../../db/migration-plan.ts";
import { env } from "../../env.ts";
import { assessHealth, type HealthCheck } from "../../lib/system-health.ts";
import type { SystemStatusInput } from "../../schemas/system.ts";
import { APP_VERSION } from "../../version.ts";
import { requireAccess, type Actor } from "../access/index.ts";
import { importQueueFigures } from "../import/index.ts";

/**
 * The System page: how the install is doing, for a workspace's admins.
 *
 * There is no install-wide administrator in Dossier, and one install may
 * serve several teams, so this shows every workspace admin the same
 * operational facts about the install — versions, database size, migrations,
 * when backups ran and how big they were, how long the job queue is, the
 * health of each part — as totals and times, never anything of another
 * workspace: no names, no counts of its material, no job of another
 * workspace beyond its place in the shared queue's totals. Where a backup
 * was written and why one failed are the operator's to read in the server's
 * log, not shown here.
 */
export type BackupSummary = { finishedAt: Date; ok: boolean; bytes: number; rows: number; trigger: string };

export type SystemStatus = {
  checkedAt: Date;
  version: string;
  nodeVersion: string;
  database: {
    serverVersion: string;
    sizeBytes: number;
    pool: { total: number; idle: number; waiting: number; max: number };
  };
  migrations: { applied: number; latest: string | null; pending: string[]; newer: string[] };
  backups: { last: BackupSummary | null; lastSuccess: BackupSummary | null; intervalHours: number | null };
  jobs: {
    /** This workspace's imports. */
    workspace: { queued: number; running: number; failedLastDay: number };
    /** The shared queue, all workspaces and instances together, read from the job queue itself: counts only. */
    install: { queued: number; running: number };
  };
  metricsEnabled: boolean;
  health: HealthCheck[];
};

// The build's migration files do not change while it runs.
let codeMigrations: ReturnType<typeof readMigrationFiles> | undefined;

const backupSelect = { finishedAt: true, ok: true, bytes: true, rows: true, trigger: true } as const;
const summary = (r: { finishedAt: Date; ok: boolean; bytes: bigint; rows: bigint; trigger: string } | null) =>
  r ? { ...r, bytes: Number(r.bytes), rows: Number(r.rows) } : null;

function migrationState(
  files: Awaited<ReturnType<typeof readMigrationFiles>>,
  applied: Parameters<typeof planMigrations>[1],
): { pending: string[]; newer: string[] } {
  try {
    const plan = planMigrations(files, applied);
    return { pending: plan.pending.map((f) => f.name), newer: plan.unknown };
  } catch {
    // A history the runner would refuse (an edited file): shown as not current.
    return { pending: ["(the migration history does not match this version's files)"], newer: [] };
  }
}

export async function systemStatus(actor: Actor, input: SystemStatusInput, now = new Date()): Promise<SystemStatus> {
  await requireAccess(actor, input.workspaceId, "system.read");
  const started = performance.now();
  const [info] = await db.$queryRaw<{ serverVersion: string; size: bigint }[]>`
    SELECT current_setting('server_version') AS "serverVersion", pg_database_size(current_database()) AS size`;
  const latencyMs = performance.now() - started;
  const dayAgo = new Date(now.getTime() - 86_400_000);
  const [applied, files, last, lastSuccess, mine, shared, failedLastDay, oldestQueued] = await Promise.all([
    db.$queryRaw<{ migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null }[]>`
      SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`,
    (codeMigrations ??= readMigrationFiles()),
    db.backupRecord.findFirst({ orderBy: { finishedAt: "desc" }, select: backupSelect }),
    db.backupRecord.findFirst({ where: { ok: true }, orderBy: { finishedAt: "desc" }, select: backupSelect }),
    db.importJob.groupBy({
      by: ["status"],
      where: { workspaceId: input.workspaceId, status: { in: ["QUEUED", "RUNNING"] } },
      _count: { _all: true },
    }),
    importQueueFigures(),
    db.importJob.count({
      where: { workspaceId: input.workspaceId, status: "FAILED", finishedAt: { gte: dayAgo } },
    }),
    db.importJob.findFirst({ where: { status: "QUEUED" }, orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
  ]);

  const { pending, newer } = migrationState(files, applied);
  const active = applied.filter((r) => r.finished_at && !r.rolled_back_at);
  const count = (rows: { status: string; _count: { _all: number } }[], status: string) =>
    rows.find((r) => r.status === status)?._count._all ?? 0;
  const p = pool();
  const e = env();
  const backups = {
    last: summary(last),
    lastSuccess: summary(lastSuccess),
    intervalHours: e.BACKUP_INTERVAL_HOURS ?? null,
  };

  return {
    checkedAt: now,
    version: APP_VERSION,
    nodeVersion: process.versions.node,
    database: {
      serverVersion: info!.serverVersion,
      sizeBytes: Number(info!.size),
      pool: { total: p.totalCount, idle: p.idleCount, waiting: p.waitingCount, max: p.options.max ?? 0 },
    },
    migrations: { applied: active.length, latest: active.at(-1)?.migration_name ?? null, pending, newer },
    backups,
    jobs: {
      workspace: { queued: count(mine, "QUEUED"), running: count(mine, "RUNNING"), failedLastDay },
      install: shared,
    },
    metricsEnabled: Boolean(e.METRICS_TOKEN),
    health: assessHealth(
      {
        database: { latencyMs, poolWaiting: p.waitingCount },
        migrations: { applied: active.length, pending, newer },
        backups: {
          lastAttempt: last ? { at: last.finishedAt, ok: last.ok } : null,
          lastSuccess: lastSuccess ? { at: lastSuccess.finishedAt } : null,
          intervalHours: backups.intervalHours,
        },
        jobs: { failedLastDay, oldestQueuedAt: oldestQueued?.createdAt ?? null },
      },
      now,
    ),
  };
}
