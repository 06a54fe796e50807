import { forgetArchiveWorker, startArchiveWorker } from "../services/archive/index.ts";
import { forgetEvidenceWorker, startEvidenceWorker } from "../services/evidence/index.ts";
import { forgetImportWorker, startImportWorker } from "../services/import/index.ts";
import { stopJobQueue } from "./queue.ts";

/**
 * The app server's share of the queue: every instance takes import, evidence and archive jobs,
 * one at a time, whichever instance queued them.
 */
export async function startWorkers(): Promise<void> {
  await startImportWorker();
  await startEvidenceWorker();
  await startArchiveWorker();
}

/**
 * On SIGTERM: take no new job; a running one has `graceMs` to finish, and is
 * otherwise handed back to the queue (retried here after a restart, or by
 * another instance).
 */
export async function stopWorkers(graceMs = 20_000): Promise<void> {
  await stopJobQueue(graceMs);
  forgetImportWorker();
  forgetEvidenceWorker();
  forgetArchiveWorker();
}
