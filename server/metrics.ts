import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { authCacheStats } from "./db/auth-cache.ts";
import { pool } from "./db/client.ts";
import { QUEUES, queueCounts } from "./jobs/queue.ts";

const METRIC_QUEUES = [QUEUES.import, QUEUES.backup];

/** Zero before the queue's schema exists (no instance has started it yet) or while the database is away. */
async function queueFigures(queue: string): Promise<{ queued: number; running: number }> {
  try {
    return await queueCounts({ executeSql: (text, values) => pool().query(text, values) }, queue);
  } catch {
    return { queued: 0, running: 0 };
  }
}

/**
 * What /api/metrics reports, in Prometheus' text format. Labels carry only
 * names fixed by the code — procedure paths, error codes, queue names, export
 * formats, failure reasons — never ids, titles, emails or anything a user
 * typed, so a scrape reveals how the app is doing and nothing of its content.
 *
 * One registry per process, kept on globalThis: Next.js may load this module
 * once per route bundle, and every copy must count into the same metrics.
 */
type Metrics = ReturnType<typeof create>;

const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

function create() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "dossier_" });
  const m = {
    registry,
    requests: new Counter({
      name: "dossier_trpc_requests_total",
      help: "API calls by procedure, type and result code (OK or the error code).",
      labelNames: ["procedure", "type", "code"] as const,
      registers: [registry],
    }),
    duration: new Histogram({
      name: "dossier_trpc_request_duration_seconds",
      help: "Time to answer an API call, by procedure.",
      labelNames: ["procedure", "type"] as const,
      buckets: DURATION_BUCKETS,
      registers: [registry],
    }),
    errors: new Counter({
      name: "dossier_trpc_errors_total",
      help: "API calls that ended in an error, by error code.",
      labelNames: ["code"] as const,
      registers: [registry],
    }),
    jobsFinished: new Counter({
      name: "dossier_jobs_finished_total",
      help: "Background jobs ended on this instance, by queue and outcome (done, failed, or retried: handed back to the queue to try again).",
      labelNames: ["queue", "outcome"] as const,
      registers: [registry],
    }),
    jobDuration: new Histogram({
      name: "dossier_job_duration_seconds",
      help: "Run time of background jobs (not counting time queued), by queue.",
      labelNames: ["queue"] as const,
      buckets: DURATION_BUCKETS,
      registers: [registry],
    }),
    exports: new Histogram({
      name: "dossier_export_duration_seconds",
      help: "Time to produce a briefing export, by format and outcome (ok, refused, failed).",
      labelNames: ["format", "outcome"] as const,
      buckets: DURATION_BUCKETS,
      registers: [registry],
    }),
    chronologyExports: new Histogram({
      name: "dossier_chronology_export_duration_seconds",
      help: "Time a chronology download (CSV or JSON) took, by format and outcome: ok, refused (4xx before the file starts), failed (cut or 5xx), cancelled (the client went away).",
      labelNames: ["format", "outcome"] as const,
      buckets: [...DURATION_BUCKETS, 60, 120, 300],
      registers: [registry],
    }),
    loginFailures: new Counter({
      name: "dossier_login_failures_total",
      help: "Refused sign-ins, by reason (unknown_email, wrong_password, deactivated).",
      labelNames: ["reason"] as const,
      registers: [registry],
    }),
    loginThrottled: new Counter({
      name: "dossier_login_throttled_total",
      help: "Sign-in attempts refused by the login throttle before the password was checked.",
      registers: [registry],
    }),
  };
  new Gauge({
    name: "dossier_db_pool_connections",
    help: "This instance's database pool: open connections (total), idle ones, and the pool's maximum.",
    labelNames: ["state"] as const,
    registers: [registry],
    collect() {
      const p = pool();
      this.set({ state: "total" }, p.totalCount);
      this.set({ state: "idle" }, p.idleCount);
      this.set({ state: "max" }, p.options.max ?? 0);
    },
  });
  new Gauge({
    name: "dossier_db_pool_waiting_requests",
    help: "Queries waiting for a free connection of this instance's database pool.",
    registers: [registry],
    collect() {
      this.set(pool().waitingCount);
    },
  });
  // The session and membership copy (server/db/auth-cache.ts): counted there, read at each scrape.
  new Counter({
    name: "dossier_auth_cache_lookups_total",
    help: "Session and membership lookups on this instance, by result: hit (answered from memory) or miss (read from the database).",
    labelNames: ["result"] as const,
    registers: [registry],
    collect() {
      this.reset();
      this.inc({ result: "hit" }, authCacheStats.hits);
      this.inc({ result: "miss" }, authCacheStats.misses);
    },
  });
  new Counter({
    name: "dossier_auth_cache_notifications_total",
    help: "Notices of a changed session, account or membership this instance received, each dropping what it kept of that user.",
    registers: [registry],
    collect() {
      this.reset();
      this.inc(authCacheStats.invalidations);
    },
  });
  // Read from the durable queue's table at each scrape: the whole install's queue, whichever instance scrapes.
  const queueGauge = (name: string, help: string, key: "queued" | "running") =>
    new Gauge({
      name,
      help,
      labelNames: ["queue"] as const,
      registers: [registry],
      async collect() {
        for (const queue of METRIC_QUEUES) this.set({ queue }, (await queueFigures(queue))[key]);
      },
    });
  queueGauge("dossier_jobs_waiting", "Background jobs queued and not started (all instances), by queue.", "queued");
  queueGauge("dossier_jobs_running", "Background jobs running now (all instances), by queue.", "running");
  return m;
}

const globalForMetrics = globalThis as unknown as { __dossierMetrics?: Metrics };

export function metrics(): Metrics {
  globalForMetrics.__dossierMetrics ??= create();
  return globalForMetrics.__dossierMetrics;
}

/** One API call, as the tRPC middleware saw it. */
export function recordProcedure(procedure: string, type: string, code: string, seconds: number): void {
  const m = metrics();
  m.requests.inc({ procedure, type, code });
  m.duration.observe({ procedure, type }, seconds);
  if (code !== "OK") m.errors.inc({ code });
}

/**
 * A background job run by this instance. How many wait and run across the
 * install is read from the queue itself (dossier_jobs_waiting / _running).
 */
export const jobMetrics = {
  finished: (queue: string, outcome: "done" | "failed" | "retried", seconds: number) => {
    const m = metrics();
    m.jobsFinished.inc({ queue, outcome });
    m.jobDuration.observe({ queue }, seconds);
  },
};

export function recordExport(format: string, outcome: "ok" | "refused" | "failed", seconds: number): void {
  metrics().exports.observe({ format, outcome }, seconds);
}

export function recordChronologyExport(
  format: string,
  outcome: "ok" | "refused" | "failed" | "cancelled",
  seconds: number,
): void {
  metrics().chronologyExports.observe({ format, outcome }, seconds);
}

export function recordLoginFailure(reason: "unknown_email" | "wrong_password" | "deactivated"): void {
  metrics().loginFailures.inc({ reason });
}

export function recordLoginThrottled(): void {
  metrics().loginThrottled.inc();
}

/** The Prometheus text of every metric, and its content type. */
export async function metricsText(): Promise<{ body: string; contentType: string }> {
  const { registry } = metrics();
  return { body: await registry.metrics(), contentType: registry.contentType };
}
