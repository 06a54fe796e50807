import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "../../server/db/client.ts";
import { JOB_SCHEMA, jobIdFor, jobQueue, QUEUES } from "../../server/jobs/queue.ts";
import { stopWorkers } from "../../server/jobs/worker.ts";
import { metricsText } from "../../server/metrics.ts";
import { importSettled } from "../../server/services/import/index.ts";
import { lostImports } from "../../server/services/import/queue-state.ts";
import { callerFor } from "../helpers/caller.ts";
import { makeTeam } from "../helpers/factories.ts";
import { longArticle } from "../helpers/long-article.ts";
import { tellings } from "../helpers/import-jobs.ts";
import { until } from "../helpers/wait.ts";

/**
 * Imports as durable jobs, in this process against the file's own database:
 * the queue's figures are the queue's, a dropped database connection is
 * retried and the job still finishes with each candidate once, a document
 * that cannot be read fails once with its message, and a job handed out
 * again after it finished writes nothing twice.
 */

// A run the queue loses track of (its connection gone while it failed the job) comes back quickly.
process.env.IMPORT_JOB_TIMEOUT_SECONDS = "30";
process.env.JOB_MAINTENANCE_SECONDS = "2";

let team: Awaited<ReturnType<typeof makeTeam>>;
let analyst: Awaited<ReturnType<typeof callerFor>>["caller"];
let admin: Awaited<ReturnType<typeof callerFor>>["caller"];
const SLOW = { timeout: 240_000 };

beforeAll(async () => {
  team = await makeTeam();
  analyst = (await callerFor(team.users.analyst.id)).caller;
  admin = (await callerFor(team.users.admin.id)).caller;
});

afterAll(async () => {
  await stopWorkers(5_000);
});

async function start(text: string, workspaceId = team.workspace.id, caller = analyst) {
  const started = await caller.import.start({ workspaceId, text, title: "Border notes", addAsNew: true } as never);
  if (started.status !== "started") throw new Error("expected a new import");
  return started.jobId;
}

const jobRow = (id: string) =>
  db.importJob.findUniqueOrThrow({
    where: { id },
    select: { status: true, error: true, attempts: true, progress: true, total: true },
  });

/** The queue's own record of an import's job. */
async function queueJob(importId: string) {
  const [row] = await db.$queryRawUnsafe<{ state: string; retry_count: number; output: unknown }[]>(
    `SELECT state::text, retry_count, output FROM ${JOB_SCHEMA}.job WHERE name = $1 AND id = $2::uuid`,
    QUEUES.import,
    jobIdFor(QUEUES.import, importId),
  );
  return row;
}

/**
 * The import finished, and so did its queue job: the row is marked finished first, and the queue
 * marks the job completed a moment later, once the worker's handler has returned.
 */
async function queueCompleted(importId: string) {
  await importSettled(importId);
  const job = await until(
    () => queueJob(importId),
    (j) => j?.state !== "active",
    30_000,
  );
  expect(job?.state).toBe("completed");
}

describe("imports as durable jobs", SLOW, () => {
  it("counts waiting imports from the queue itself, on the System page and in the metrics", async () => {
    // No worker in this process yet: the jobs wait in the queue.
    await stopWorkers(5_000);
    const ids = [
      await start(longArticle("q1", 5)),
      await start(longArticle("q2", 5)),
      await start(longArticle("q3", 5)),
    ];
    const status = await admin.system.status({ workspaceId: team.workspace.id });
    expect(status.jobs.install).toEqual({ queued: 3, running: 0 });
    expect(status.jobs.workspace.queued).toBe(3);
    const { body } = await metricsText();
    expect(body).toContain('dossier_jobs_waiting{queue="import"} 3');

    for (const id of ids) await queueCompleted(id);
    for (const id of ids) expect((await jobRow(id)).status).toBe("DONE");
    const after = await admin.system.status({ workspaceId: team.workspace.id });
    expect(after.jobs.install).toEqual({ queued: 0, running: 0 });
    expect((await metricsText()).body).toContain('dossier_jobs_waiting{queue="import"} 0');
  });

  it("fails a document that cannot be read once, with its message, and does not retry it", async () => {
    await stopWorkers(5_000);
    const id = await start(longArticle("gone", 5));
    const { sourceIds } = await db.importJob.findUniqueOrThrow({ where: { id }, select: { sourceIds: true } });
    // The source goes before the job is taken: there is nothing left to read.
    await db.source.deleteMany({ where: { id: { in: sourceIds } } });
    await queueCompleted(id);
    const row = await jobRow(id);
    expect(row.status).toBe("FAILED");
    expect(row.error).toMatch(/source of this import was deleted/);
    expect(row.attempts).toBe(1);
    const qj = await queueJob(id);
    expect(qj).toMatchObject({ state: "completed", retry_count: 0 });
    expect(qj!.output).toMatchObject({ outcome: "failed" });
    expect(await db.importCandidate.count({ where: { jobId: id } })).toBe(0);
  });

  it("retries an import whose database connection dropped, and it finishes with each candidate once", async () => {
    const text = longArticle("drop", 600);
    // The same document read without trouble, in another workspace, says how many candidates to expect.
    const outsider = (await callerFor(team.users.outsider.id)).caller;
    const clean = await start(text, team.other.id, outsider);
    await importSettled(clean);
    const expected = (await tellings(clean)).length;
    expect(expected).toBeGreaterThan(100);

    const id = await start(text);
    const settled = importSettled(id);
    await until(
      () => jobRow(id),
      (r) => r.status === "RUNNING" && r.progress > 0,
    );
    // Every connection to the database cut, and none allowed for a moment: the job's next query fails.
    const adminClient = new pg.Client({ connectionString: inject("adminDatabaseUrl") });
    await adminClient.connect();
    const name = new URL(process.env.DATABASE_URL!).pathname.slice(1);
    try {
      await adminClient.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
      await adminClient.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [name]);
      await new Promise((r) => setTimeout(r, 1500));
    } finally {
      await adminClient.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
      await adminClient.end();
    }
    await settled;
    const row = await jobRow(id);
    expect(row).toMatchObject({ status: "DONE", error: null });
    expect(row.attempts).toBeGreaterThanOrEqual(2);
    expect((await queueJob(id))!.retry_count).toBeGreaterThanOrEqual(1);
    const got = await tellings(id);
    expect(new Set(got).size).toBe(got.length);
    expect(got.length).toBe(expected);
  });

  it("writes nothing twice when the queue hands a finished import out again", async () => {
    const id = await start(longArticle("again", 20));
    await importSettled(id);
    const before = await tellings(id);
    const { attempts } = await jobRow(id);
    expect(before.length).toBeGreaterThan(0);

    const boss = await jobQueue();
    const data = await db.$queryRawUnsafe<{ data: object }[]>(
      `SELECT data FROM ${JOB_SCHEMA}.job WHERE name = $1 AND id = $2::uuid`,
      QUEUES.import,
      jobIdFor(QUEUES.import, id),
    );
    const again = await boss.send(QUEUES.import, data[0]!.data);
    await until(
      async () => (await boss.getJobById(QUEUES.import, again!))?.state,
      (s) => s === "completed",
    );
    const rerun = await boss.getJobById(QUEUES.import, again!);
    expect(rerun!.output).toMatchObject({ outcome: "skipped" });
    expect(await tellings(id)).toEqual(before);
    expect((await jobRow(id)).attempts).toBe(attempts);
  });
  it("an import that finishes between reading its row and asking the queue is not taken for lost", async () => {
    const id = await start(longArticle("race", 5));
    await queueCompleted(id);
    // A reader's snapshot from just before the run ended: the row said RUNNING, the queue now says completed.
    expect(await lostImports([{ id, status: "RUNNING" }])).toEqual(new Set());
    const job = await analyst.import.job({ jobId: id });
    expect(job).toMatchObject({ status: "DONE", error: null });
  });

  it("an unfinished import the queue no longer holds reads as failed, with how to start it again", async () => {
    const id = await start(longArticle("orphan", 5));
    await queueCompleted(id);
    // As a backup taken while it ran leaves it: the row unfinished, the queue's job long completed.
    await db.importJob.update({ where: { id }, data: { status: "RUNNING", finishedAt: null } });
    expect(await lostImports([{ id, status: "RUNNING" }])).toEqual(new Set([id]));
    const job = await analyst.import.job({ jobId: id });
    expect(job.status).toBe("FAILED");
    expect(job.error).toMatch(/interrupted and is no longer queued\. Start it again/);
    const listed = await analyst.import.jobs({ workspaceId: team.workspace.id, limit: 50 });
    expect(listed.items.find((j) => j.id === id)?.status).toBe("FAILED");
  });
});
