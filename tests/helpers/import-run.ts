import { importSettled } from "../../server/services/import/index.ts";
import type { curationTeam } from "./curation.ts";

type Caller = Awaited<ReturnType<typeof curationTeam>>["analyst"];

/** File bytes as the upload form sends them. */
export const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

/** Starts an import, waits for its background job to settle, and returns the job with every candidate. */
export async function importAndWait(caller: Caller, input: Parameters<Caller["import"]["start"]>[0]) {
  const started = await caller.import.start(input);
  if (started.status !== "started")
    throw new Error(`expected a new import, got a duplicate of ${started.existing.title}`);
  await importSettled(started.jobId);
  const job = await caller.import.job({ jobId: started.jobId });
  return { job, candidates: await allCandidates(caller, started.jobId) };
}

/** Every candidate of a job, page by page. */
export async function allCandidates(caller: Caller, jobId: string) {
  const items = [];
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<Caller["import"]["candidates"]>> = await caller.import.candidates({
      jobId,
      cursor,
      limit: 100,
    });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}
