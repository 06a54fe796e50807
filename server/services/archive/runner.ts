/**
 * Fetches a requested page as a job of the durable queue
 * (server/jobs/queue.ts), queued in the transaction that records the request;
 * every app instance takes these jobs, one at a time.
 *
 * The fetch happens outside any transaction (it may take up to
 * ARCHIVE_TIMEOUT_SECONDS). Its outcome is then written in one transaction
 * that first locks the request and goes on only while it is still QUEUED: a
 * retried or re-run job (after a restart, or the database going away while
 * writing) records one outcome, never two. A page that cannot be fetched is
 * not retried: it fails at once with the reason, for the source page.
 */
import { db } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";
import { env } from "../../env.ts";
import { DomainError } from "../../errors.ts";
import { enqueue, jobQueue, QUEUES } from "../../jobs/queue.ts";
import { extractSourceText, MAX_SOURCE_FILE_BYTES } from "../../lib/source-text/index.ts";
import { isTransientError } from "../../lib/transient-error.ts";
import { logger } from "../../logger.ts";
import type { Actor } from "../access/index.ts";
import { recordAudit } from "../audit/index.ts";
import { sqlOn } from "../import/index.ts";
import { fillEmptySourceText, storeOriginal } from "../source/index.ts";
import { fetchPage, type FetchLimits } from "./fetch-page.ts";
import { archiveFileName } from "./file-name.ts";

type Tx = Prisma.TransactionClient;
export type ArchiveJobData = { archiveId: string };
type QueueJob = { data: ArchiveJobData; retryCount: number; retryLimit: number };

/** How often a waiting caller looks at the request's row. */
const SETTLED_POLL_MS = 100;
const MAX_REDIRECTS = 5;

const SERVER_ERROR = "the page could not be archived because of an error on the server; ask again";
const GAVE_UP = "the result could not be saved (the database was unreachable on every try); ask again";

export async function enqueueArchive(tx: Tx, archiveId: string): Promise<void> {
  await enqueue(sqlOn(tx), QUEUES.archive, { archiveId } satisfies ArchiveJobData, { key: archiveId });
}

const globalForWorker = globalThis as unknown as { __dossierArchiveWorker?: Promise<void> };

/** Takes archive jobs in this process, one at a time; idempotent. */
export function startArchiveWorker(): Promise<void> {
  globalForWorker.__dossierArchiveWorker ??= (async () => {
    const boss = await jobQueue();
    await boss.work<ArchiveJobData>(
      QUEUES.archive,
      { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: 1 },
      async ([job]) => runArchiveJob(job!),
    );
    await boss.work<ArchiveJobData>(QUEUES.archiveFailed, { batchSize: 1 }, async ([job]) => {
      await markFailed(job!.data.archiveId, GAVE_UP);
    });
  })().catch((err: unknown) => {
    globalForWorker.__dossierArchiveWorker = undefined;
    throw err;
  });
  return globalForWorker.__dossierArchiveWorker;
}

export function forgetArchiveWorker(): void {
  globalForWorker.__dossierArchiveWorker = undefined;
}

/** Resolves once the request is DONE or FAILED; this process works the queue meanwhile. */
export async function archiveSettled(archiveId: string): Promise<void> {
  await startArchiveWorker();
  for (;;) {
    const row = await db.sourceArchive
      .findUnique({ where: { id: archiveId }, select: { status: true } })
      .catch((err: unknown) => {
        if (isTransientError(err)) return { status: "QUEUED" as const };
        throw err;
      });
    if (!row || row.status !== "QUEUED") return;
    await new Promise((r) => setTimeout(r, SETTLED_POLL_MS));
  }
}

function limits(): FetchLimits {
  const e = env();
  return {
    maxBytes: MAX_SOURCE_FILE_BYTES,
    totalMs: e.ARCHIVE_TIMEOUT_SECONDS * 1000,
    firstByteMs: e.ARCHIVE_FIRST_BYTE_SECONDS * 1000,
    maxRedirects: MAX_REDIRECTS,
  };
}

/** Locks the request for writing its outcome; false when another run has written one already. */
async function lockQueued(tx: Tx, archiveId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "SourceArchive" WHERE id = ${archiveId} AND status = 'QUEUED' FOR UPDATE`;
  return rows.length > 0;
}

async function markFailed(
  archiveId: string,
  message: string,
  details: { finalUrl?: string; httpStatus?: number; contentType?: string } = {},
): Promise<void> {
  await db.$transaction(async (tx) => {
    if (!(await lockQueued(tx, archiveId))) return;
    const row = await tx.sourceArchive.update({
      where: { id: archiveId },
      data: {
        status: "FAILED",
        message,
        finalUrl: details.finalUrl ?? null,
        httpStatus: details.httpStatus ?? null,
        contentType: details.contentType ?? null,
        finishedAt: new Date(),
        version: { increment: 1 },
      },
      select: { workspaceId: true, sourceId: true, requestedById: true, url: true },
    });
    await recordAudit(
      tx,
      { userId: row.requestedById },
      {
        workspaceId: row.workspaceId,
        action: "source.archive_failed",
        targetType: "source",
        targetId: row.sourceId,
        after: { archiveId, url: row.url, message },
      },
    );
  });
}

async function runArchiveJob(job: QueueJob): Promise<{ outcome: string; message?: string }> {
  const { archiveId } = job.data;
  try {
    return await archive(archiveId);
  } catch (err) {
    const lastTry = job.retryCount >= job.retryLimit;
    // The database away for a moment: the queue tries again (and marks it failed once it gives up).
    if (isTransientError(err) && !lastTry) throw err;
    logger.error({ archiveId, err: err instanceof Error ? err.message : String(err) }, "archive failed");
    await markFailed(archiveId, isTransientError(err) ? GAVE_UP : SERVER_ERROR).catch(() => undefined);
    return { outcome: "failed", message: SERVER_ERROR };
  }
}

async function archive(archiveId: string): Promise<{ outcome: string; message?: string }> {
  const row = await db.sourceArchive.findUnique({
    where: { id: archiveId },
    select: {
      status: true,
      url: true,
      workspaceId: true,
      sourceId: true,
      requestedById: true,
      workspace: { select: { archiveAllowedHosts: true } },
    },
  });
  // Deleted with its workspace or source, or finished by an earlier run.
  if (!row || row.status !== "QUEUED") return { outcome: "skipped" };
  // The list as it is now, not as it was when the page was asked for: an admin may have narrowed it.
  const fetched = await fetchPage(row.url, { allowedHosts: row.workspace.archiveAllowedHosts, limits: limits() });
  if (!fetched.ok) {
    const { message, ok: _ok, ...details } = fetched;
    await markFailed(archiveId, message, details);
    logger.info({ archiveId, message }, "archive refused or failed");
    return { outcome: "failed", message };
  }
  let text = "";
  let note = "";
  try {
    text = (await extractSourceText({ fileName: `page.${fetched.kind}`, bytes: fetched.bytes })).text;
  } catch (err) {
    // The page is kept all the same (it is what the address served); only its text is missing.
    if (!(err instanceof DomainError)) throw err;
    note = `kept without text: ${err.message}`;
  }
  const actor: Actor = { userId: row.requestedById };
  await db.$transaction(
    async (tx) => {
      if (!(await lockQueued(tx, archiveId))) return;
      const stored = await storeOriginal(tx, actor, row.workspaceId, {
        fileName: archiveFileName(fetched.finalUrl, fetched.contentType),
        kind: fetched.kind,
        bytes: fetched.bytes,
      });
      const filled = text
        ? await fillEmptySourceText(tx, actor, {
            sourceId: row.sourceId,
            workspaceId: row.workspaceId,
            text,
            originalSha256: stored.sha256,
            archiveId,
          })
        : null;
      const message =
        note || (filled && !filled.applied ? `The source's text was left as it is: ${filled.reason}.` : "");
      await tx.sourceArchive.update({
        where: { id: archiveId },
        data: {
          status: "DONE",
          message,
          finalUrl: fetched.finalUrl,
          httpStatus: fetched.httpStatus,
          contentType: fetched.contentType,
          size: stored.size,
          sha256: stored.sha256,
          text,
          textApplied: filled?.applied ?? false,
          finishedAt: new Date(),
          version: { increment: 1 },
        },
      });
      await recordAudit(tx, actor, {
        workspaceId: row.workspaceId,
        action: "source.archived",
        targetType: "source",
        targetId: row.sourceId,
        after: {
          archiveId,
          url: row.url,
          finalUrl: fetched.finalUrl,
          sha256: stored.sha256,
          size: stored.size,
          textLength: text.length,
          textApplied: filled?.applied ?? false,
        },
      });
    },
    { timeout: 60_000 },
  );
  logger.info({ archiveId, size: fetched.bytes.byteLength }, "page archived");
  return { outcome: "done" };
}
