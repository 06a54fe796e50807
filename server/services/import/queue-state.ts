import { db } from "../../db/client.ts";
import { JOB_SCHEMA, jobIdFor, QUEUES } from "../../jobs/queue.ts";

/**
 * Which of these imports the queue still holds (waiting, retrying or
 * running), or null when that cannot be told (the queue's schema does not
 * exist yet: no instance has started it). Each import's queue job has an id
 * derived from the import's id (jobIdFor).
 */
export async function unfinishedInQueue(importIds: string[]): Promise<Set<string> | null> {
  const byQueueId = new Map(importIds.map((id) => [jobIdFor(QUEUES.import, id), id]));
  try {
    const rows = await db.$queryRawUnsafe<{ id: string }[]>(
      `SELECT id::text AS id FROM ${JOB_SCHEMA}.job
       WHERE name = $1 AND id = ANY($2::uuid[]) AND state IN ('created', 'retry', 'active')`,
      QUEUES.import,
      [...byQueueId.keys()],
    );
    return new Set(rows.map((r) => byQueueId.get(r.id)!));
  } catch (err) {
    if (/does not exist/.test(String(err))) return null;
    throw err;
  }
}

/**
 * Unfinished imports (by the rows the caller read) that the queue no longer
 * holds: they will never finish. One query, and only when some are unfinished.
 * The queue is asked after the rows were read, so a job that finished in
 * between looks lost; its row, read again, says DONE and clears it. (A job's
 * row is marked finished before the queue marks the job completed.)
 */
export async function lostImports(rows: { id: string; status: string }[]): Promise<Set<string>> {
  const unfinished = rows.filter((j) => j.status === "QUEUED" || j.status === "RUNNING").map((j) => j.id);
  if (!unfinished.length) return new Set();
  const held = await unfinishedInQueue(unfinished);
  const notHeld = held ? unfinished.filter((id) => !held.has(id)) : [];
  if (!notHeld.length) return new Set();
  const still = await db.importJob.findMany({
    where: { id: { in: notHeld }, status: { in: ["QUEUED", "RUNNING"] } },
    select: { id: true },
  });
  return new Set(still.map((r) => r.id));
}

/** Waiting and running imports across the install, read from the queue; zeros before the queue exists. */
export async function importQueueFigures(): Promise<{ queued: number; running: number }> {
  try {
    const [row] = await db.$queryRawUnsafe<{ queued: number; running: number }[]>(
      `SELECT count(*) FILTER (WHERE state IN ('created', 'retry'))::int AS queued,
              count(*) FILTER (WHERE state = 'active')::int AS running
       FROM ${JOB_SCHEMA}.job WHERE name = $1`,
      QUEUES.import,
    );
    return row ?? { queued: 0, running: 0 };
  } catch (err) {
    if (/does not exist/.test(String(err))) return { queued: 0, running: 0 };
    throw err;
  }
}
