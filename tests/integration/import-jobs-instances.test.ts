import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../server/db/client.ts";
import { JOB_SCHEMA, jobIdFor, QUEUES } from "../../server/jobs/queue.ts";
import { createSession } from "../../server/services/auth/index.ts";
import { sessionCookie, trpcCall } from "../helpers/app-client.ts";
import { startAppServer, type AppServer } from "../helpers/app-server.ts";
import { makeTeam } from "../helpers/factories.ts";
import { longArticle } from "../helpers/long-article.ts";
import { tellings } from "../helpers/import-jobs.ts";
import { until } from "../helpers/wait.ts";

/**
 * Imports on real app processes (`npm start`'s launcher, server/cli/start.ts)
 * sharing this file's database. This process only makes data and reads rows:
 * it takes no job itself.
 *
 * - An instance killed with SIGKILL in the middle of an import: started
 *   again, it finishes the job, with each candidate once.
 * - Two instances share a batch of imports, and no job runs twice.
 */

// A job whose instance died is handed out again after this long (and the queue's upkeep looks every 2 s). The test
// waits it out; the 800-paragraph import itself takes about 3 s here, so 30 s leaves room for a busy machine.
const env = { IMPORT_JOB_TIMEOUT_SECONDS: "30", JOB_MAINTENANCE_SECONDS: "2" };
const SLOW = { timeout: 600_000 };

let team: Awaited<ReturnType<typeof makeTeam>>;
let cookie: string;
let outsiderCookie: string;
const running: AppServer[] = [];

beforeAll(async () => {
  team = await makeTeam();
  cookie = await sessionCookie(await createSession(db, team.users.analyst.id, { ip: "127.0.0.1", userAgent: "test" }));
  outsiderCookie = await sessionCookie(
    await createSession(db, team.users.outsider.id, { ip: "127.0.0.1", userAgent: "test" }),
  );
}, 60_000);

afterAll(async () => {
  await Promise.all(running.map((s) => s.stop()));
});

async function app(): Promise<AppServer> {
  const server = await startAppServer(env);
  running.push(server);
  return server;
}

async function startImport(server: AppServer, text: string, workspaceId = team.workspace.id, as = cookie) {
  const res = await trpcCall(
    server.base,
    "import.start",
    { workspaceId, text, title: "Border notes", addAsNew: true },
    { cookie: as },
  );
  const body = (await res.json()) as { result: { data: { json: { status: string; jobId: string } } } };
  expect(res.status, JSON.stringify(body)).toBe(200);
  expect(body.result.data.json.status).toBe("started");
  return body.result.data.json.jobId;
}

const jobRow = (id: string) =>
  db.importJob.findUniqueOrThrow({ where: { id }, select: { status: true, attempts: true, progress: true } });

async function queueJob(importId: string) {
  const [row] = await db.$queryRawUnsafe<{ state: string; retry_count: number; output: { by?: string } | null }[]>(
    `SELECT state::text, retry_count, output FROM ${JOB_SCHEMA}.job WHERE name = $1 AND id = $2::uuid`,
    QUEUES.import,
    jobIdFor(QUEUES.import, importId),
  );
  return row;
}

describe("imports across app processes", SLOW, () => {
  it("finishes an import whose instance was killed mid-job, once restarted, with no duplicate candidates", async () => {
    const text = longArticle("killed", 800);
    const first = await app();
    const id = await startImport(first, text);
    await until(
      () => jobRow(id),
      (r) => r.status === "RUNNING" && r.progress > 0,
    );
    await first.crash();
    running.splice(running.indexOf(first), 1);
    // Nothing finished it: the row says running, and the queue still holds the job as taken.
    expect((await jobRow(id)).status).toBe("RUNNING");
    expect((await queueJob(id))!.state).toBe("active");

    const second = await app();
    const done = await until(
      () => jobRow(id),
      (r) => r.status === "DONE" || r.status === "FAILED",
    );
    expect(done.status).toBe("DONE");
    expect(done.attempts).toBe(2);
    const got = await tellings(id);
    expect(new Set(got).size).toBe(got.length);

    // The same document read in one go, elsewhere, gives the same candidates.
    const clean = await startImport(second, text, team.other.id, outsiderCookie);
    await until(
      () => jobRow(clean),
      (r) => r.status === "DONE",
    );
    expect(got.length).toBe((await tellings(clean)).length);
  });

  it("shares a batch of imports between two instances and runs each once", async () => {
    const [a, b] = running.length ? [running[0]!, await app()] : await Promise.all([app(), app()]);
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push(await startImport(i % 2 ? b : a, longArticle(`batch-${i}`, 250)));
    for (const id of ids)
      await until(
        () => jobRow(id),
        (r) => r.status === "DONE" || r.status === "FAILED",
      );
    const rows = await Promise.all(ids.map(jobRow));
    expect(rows.map((r) => r.status)).toEqual(ids.map(() => "DONE"));
    // Each started once, by one instance, never retried.
    expect(rows.map((r) => r.attempts)).toEqual(ids.map(() => 1));
    // The queue marks a job completed a moment after its row says DONE (once the worker's handler returned).
    const jobs = await until(
      () => Promise.all(ids.map(queueJob)),
      (js) => js.every((j) => j?.state !== "active"),
    );
    expect(jobs.map((j) => [j!.state, j!.retry_count])).toEqual(ids.map(() => ["completed", 0]));
    // Both instances took part.
    expect(new Set(jobs.map((j) => j!.output?.by)).size).toBe(2);
    for (const id of ids) {
      const got = await tellings(id);
      expect(new Set(got).size).toBe(got.length);
    }
  });
});
