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
