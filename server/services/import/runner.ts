/**
 * Reads an import job's text in the background, as a job of the durable
 * queue (server/jobs/queue.ts): queued in the transaction that creates the
 * ImportJob, run by whichever instance takes it, one at a time per instance.
 * The work is plain CPU (chrono, compromise) in the server's own process, so
 * it is cut into small units with a yield to the event loop whenever a slice
 * of time is used up, so that an import never holds up everyone else's
 * requests. A waiting job is QUEUED, which the progress screen says.
 *
 * ImportJob is the app's view of the job and is kept in step here: RUNNING
 * with progress while it runs, QUEUED again while a retry waits, DONE or
 * FAILED with a message at the end. Candidates are written in one
 * transaction at the end, which first locks the ImportJob row and goes on
 * only if the job is still unfinished: a retried or re-run job (after a
 * restart, or a run the queue gave up on) never writes its candidates twice,
 * and a failure leaves no half of them behind.
 *
 * A dropped connection or a database restart is retried with backoff by the
 * queue; anything else (a document that cannot be read) fails at once, with
 * a message for the analyst.
 */
import { hostname } from "node:os";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { db } from "../../db/client.ts";
import { Prisma } from "../../db/generated/client.ts";
import { DomainError } from "../../errors.ts";
import { unitCandidates, workUnits, type DraftCandidate } from "../../import/candidates.ts";
import {
  entityMatcher,
  newNames,
  type FoundEntity,
  type KnownEntity,
  type SpellingMatch,
} from "../../import/entities.ts";
import { mergeRepeats } from "../../import/repeats.ts";
import { enqueue, jobQueue, QUEUES } from "../../jobs/queue.ts";
import { isTransientError } from "../../lib/transient-error.ts";
import { dateBounds, type PartialDate } from "../../schemas/partial-date.ts";
import { logger } from "../../logger.ts";
import { jobMetrics } from "../../metrics.ts";

export type ImportItem = {
  sourceId: string;
  mode: "document" | "dossier-block";
  pubDate: PartialDate | null;
};
/** What the queue holds for an import: ids and dates only; the text is read from the sources when it runs. */
export type ImportJobData = { jobId: string; workspaceId: string; items: ImportItem[]; pubDate: PartialDate | null };

/** Longest stretch of parsing between two yields. */
const SLICE_MS = 2;
/** Progress is written at most this often: each write is a query. */
const PROGRESS_EVERY_MS = 200;
/** Score above which an existing event is offered as "looks like the same thing" (see similarEvents). */
export const SIMILARITY_THRESHOLD = 0.45;
/** Names asked of the database per job; a document naming more is a list, not an article. */
const MAX_SPELLING_LOOKUPS = 3000;
/** How often a waiting caller looks at the job's row. */
const SETTLED_POLL_MS = 100;

const UNREADABLE = "The document could not be read into candidate events. Try again, or paste the text instead.";
const UNREACHABLE =
  "The import could not finish: the database was unreachable on every try. Start it again: the source is already saved and will be offered for reuse.";
const GAVE_UP =
  "The import was interrupted (the server stopped or took too long) more times than it is retried. Start it again: the source is already saved and will be offered for reuse.";
const SOURCE_GONE = "A source of this import was deleted before it could be read. Nothing was proposed.";

type Tx = Prisma.TransactionClient;

/** pg-boss's statements, run on a Prisma transaction (for queueing a job with the rows it stands for). */
export function sqlOn(tx: Tx) {
  return {
    executeSql: async (text: string, values: unknown[] = []) => ({
      rows: await tx.$queryRawUnsafe<unknown[]>(
        text,
        // pg-boss hands job data as an object; the statement reads it as jsonb text.
        ...values.map((v) =>
          v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof Date) ? JSON.stringify(v) : v,
        ),
      ),
    }),
  };
}

/** Queues the import in the caller's transaction (the one creating its ImportJob). */
export async function enqueueImport(tx: Tx, data: ImportJobData): Promise<void> {
  await enqueue(sqlOn(tx), QUEUES.import, data, { key: data.jobId });
}

/**
 * Resolves when the job's row says DONE or FAILED. This process works the
 * import queue meanwhile (as every app instance does), so a job queued here
 * runs even with no app server about.
 */
export async function importSettled(jobId: string): Promise<void> {
  await startImportWorker();
  for (;;) {
    const row = await db.importJob
      .findUnique({ where: { id: jobId }, select: { status: true } })
      // The database away for a moment: look again.
      .catch((err: unknown) => {
        if (isTransientError(err)) return { status: "QUEUED" as const };
        throw err;
      });
    if (!row || row.status === "DONE" || row.status === "FAILED") return;
    await new Promise((r) => setTimeout(r, SETTLED_POLL_MS));
  }
}

const globalForWorker = globalThis as unknown as { __dossierImportWorker?: Promise<void> };

/** Takes import jobs in this process, one at a time; idempotent. */
export function startImportWorker(): Promise<void> {
  globalForWorker.__dossierImportWorker ??= (async () => {
    const boss = await jobQueue();
    await boss.work<ImportJobData>(
      QUEUES.import,
      { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: 1 },
      async ([job]) => runImportJob(job!),
    );
    await boss.work<ImportJobData>(QUEUES.importFailed, { batchSize: 1 }, async ([job]) => {
      await markFailed(job!.data.jobId, GAVE_UP);
    });
  })().catch((err: unknown) => {
    globalForWorker.__dossierImportWorker = undefined;
    throw err;
  });
  return globalForWorker.__dossierImportWorker;
}

/** Forgets the worker (its queue client was stopped); a later start registers it again. */
export function forgetImportWorker(): void {
  globalForWorker.__dossierImportWorker = undefined;
}

/** FAILED with a message, unless the job has already ended. */
async function markFailed(jobId: string, message: string, progress?: number): Promise<void> {
  await db.importJob.updateMany({
    where: { id: jobId, status: { in: ["QUEUED", "RUNNING"] } },
    data: { status: "FAILED", error: message, finishedAt: new Date(), ...(progress !== undefined ? { progress } : {}) },
  });
}

type QueueJob = { id: string; data: ImportJobData; retryCount: number; retryLimit: number; expireInSeconds: number };

/** Stops a run that outlives its time in the queue: by then the queue has given the job to someone else. */
class Expired extends Error {}

/** Which process ran a job, kept in the queue's record of it (for operators, and to see instances share the work). */
const RUN_BY = `${hostname()}:${process.pid}`;

async function runImportJob(job: QueueJob): Promise<{ outcome: string; by: string; message?: string }> {
  const started = performance.now();
  const { jobId } = job.data;
  // A little short of the queue's own limit, so this run stops before the job is handed to another.
  const deadline = Date.now() + Math.max(1, job.expireInSeconds - 2) * 1000;
  const claimed = await db.importJob.updateMany({
    where: { id: jobId, status: { in: ["QUEUED", "RUNNING"] } },
    data: { status: "RUNNING", attempts: { increment: 1 }, error: null },
  });
  // Deleted with its workspace, or already finished by an earlier run: nothing to do.
  if (claimed.count === 0) return { outcome: "skipped", by: RUN_BY };
  let progress = 0;
  try {
    const message = await readCandidates(job.data, deadline, (n) => (progress = n));
    jobMetrics.finished("import", "done", (performance.now() - started) / 1000);
    return { outcome: "done", by: RUN_BY, ...(message ? { message } : {}) };
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    const transient = err instanceof Expired || isTransientError(err);
    const lastTry = job.retryCount >= job.retryLimit;
    if (transient && !lastTry) {
      logger.warn({ jobId, attempt: job.retryCount + 1, err: detail }, "import interrupted; the queue will retry it");
      // Waiting for its retry: the progress screen says queued again. The database may still be away.
      await db.importJob
        .updateMany({ where: { id: jobId, status: "RUNNING" }, data: { status: "QUEUED", progress: 0 } })
        .catch(() => undefined);
      jobMetrics.finished("import", "retried", (performance.now() - started) / 1000);
      throw err;
    }
    const message =
      err instanceof DomainError
        ? err.message
        : transient
          ? err instanceof Expired
            ? GAVE_UP
            : UNREACHABLE
          : UNREADABLE;
    logger.error({ jobId, err: detail }, "import failed");
    await markFailed(jobId, message, progress).catch(() => undefined);
    jobMetrics.finished("import", "failed", (performance.now() - started) / 1000);
    // A permanent failure ends here, once: the queue's job completes with the message, and is not retried.
    if (!transient) return { outcome: "failed", by: RUN_BY, message };
    throw err;
  }
}

class Slicer {
  private sliceStart = performance.now();
  private lastProgress = 0;
  constructor(
    private readonly onProgress: () => Promise<void>,
    private readonly deadline: number,
  ) {}
  async tick(): Promise<void> {
    const now = performance.now();
    if (now - this.sliceStart < SLICE_MS) return;
    if (Date.now() > this.deadline) throw new Expired("the import ran past its time in the queue");
    if (now - this.lastProgress > PROGRESS_EVERY_MS) {
      this.lastProgress = now;
      await this.onProgress();
    }
    await yieldToEventLoop();
    this.sliceStart = performance.now();
  }
}

type Draft = DraftCandidate & { sourceId: string; entities: FoundEntity[] };

async function knownEntities(workspaceId: string): Promise<KnownEntity[]> {
  const rows = await db.entity.findMany({
    where: { workspaceId, mergedIntoId: null },
    select: { id: true, name: true, kind: true, aliases: { select: { alias: true } } },
  });
  return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, aliases: r.aliases.map((a) => a.alias) }));
}

/**
 * Close spellings of names the text uses, among the workspace's entity names
 * and aliases, by pg_trgm similarity through the trigram indexes: one query
 * for the whole job. `%` keeps pairs above pg_trgm's threshold (0.3); the
 * matcher decides which are the same name.
 */
async function spellingMatches(workspaceId: string, names: string[]): Promise<Map<string, SpellingMatch[]>> {
  const mentions = [...new Set(names.map((n) => n.toLocaleLowerCase()))].slice(0, MAX_SPELLING_LOOKUPS);
  if (mentions.length === 0) return new Map();
  const rows = await db.$queryRaw<{ mention: string; entityId: string; term: string; score: number }[]>`
    SELECT m.mention, t."entityId", t.term, t.score
    FROM unnest(${mentions}::text[]) AS m(mention)
    CROSS JOIN LATERAL (
      SELECT e.id AS "entityId", e.name AS term, similarity(e.name, m.mention)::float8 AS score
      FROM "Entity" e
      WHERE e."workspaceId" = ${workspaceId} AND e."mergedIntoId" IS NULL AND e.name % m.mention
      UNION ALL
      SELECT a."entityId", a.alias, similarity(a.alias, m.mention)::float8
      FROM "EntityAlias" a JOIN "Entity" e ON e.id = a."entityId" AND e."mergedIntoId" IS NULL
      WHERE a."workspaceId" = ${workspaceId} AND a.alias % m.mention
    ) t`;
  const out = new Map<string, SpellingMatch[]>();
  for (const r of rows) out.set(r.mention, [...(out.get(r.mention) ?? []), r]);
  return out;
}

const passageText = (d: DraftCandidate) => d.passages.map((p) => p.text).join("\n");

/**
 * The import itself: reads the sources' text, proposes candidates and writes
 * them with the job's end state in one transaction. Returns the message shown
 * when nothing was found.
 */
async function readCandidates(
  job: ImportJobData,
  deadline: number,
  reportProgress: (done: number) => void,
): Promise<string | undefined> {
  let done = 0;
  const texts = new Map(
    (
      await db.source.findMany({
        where: { id: { in: job.items.map((i) => i.sourceId) }, workspaceId: job.workspaceId },
        select: { id: true, text: true },
      })
    ).map((s) => [s.id, s.text]),
  );
  const units = job.items.map((item) => {
    const text = texts.get(item.sourceId);
    if (text === undefined) throw new DomainError("NOT_FOUND", SOURCE_GONE);
    return { item, text, units: workUnits(text, item.mode) };
  });
  const total = units.reduce((n, u) => n + u.units.length, 0);
  await db.importJob.update({ where: { id: job.jobId }, data: { total, progress: 0 } });
  const slicer = new Slicer(() => {
    reportProgress(done);
    return db.importJob.update({ where: { id: job.jobId }, data: { progress: done } }).then(() => undefined);
  }, deadline);
  const matcher = entityMatcher(await knownEntities(job.workspaceId));
  const found: Draft[] = [];
  for (const { item, text, units: list } of units) {
    for (const unit of list) {
      for (const c of unitCandidates(text, unit, item.pubDate ?? job.pubDate))
        found.push({ ...c, sourceId: item.sourceId, entities: [] });
      done++;
      await slicer.tick();
    }
  }
  // One event told twice in a source is one candidate with two passages.
  const drafts = mergeRepeats(found, (d) => d.sourceId);
  // Names are read in the whole of every passage, not only where it opens.
  const unresolved: string[] = [];
  for (const d of drafts) {
    unresolved.push(...matcher.unresolved(passageText(d)));
    await slicer.tick();
  }
  const spellings = await spellingMatches(job.workspaceId, unresolved);
  for (const d of drafts) {
    const text = passageText(d);
    const known = matcher.match(text, spellings);
    d.entities = [...known, ...newNames(text, known, undefined, (name) => matcher.knows(name, spellings))];
    await slicer.tick();
  }
  const similar = await similarEvents(job.workspaceId, drafts);
  if (Date.now() > deadline) throw new Expired("the import ran past its time in the queue");
  const message =
    drafts.length === 0
      ? "No dated events were found in this document: nothing to review. Dates such as “22 May 2007”, “in 2011” or “last October” (with a publication date) are what the importer looks for."
      : undefined;
  const written = await db.$transaction(async (tx) => {
    // The claim: this run writes the candidates only if no other run has finished the job.
    const [row] = await tx.$queryRaw<{ status: string; meta: Prisma.JsonValue }[]>`
      SELECT status::text AS status, meta FROM "ImportJob" WHERE id = ${job.jobId} FOR UPDATE`;
    if (!row || (row.status !== "QUEUED" && row.status !== "RUNNING")) return false;
    const created = await tx.importCandidate.createManyAndReturn({
      data: drafts.map((d, ordinal) => ({
        jobId: job.jobId,
        workspaceId: job.workspaceId,
        sourceId: d.sourceId,
        ordinal,
        title: d.title,
        dateText: d.dateText,
        date: d.date ? (d.date as unknown as Prisma.InputJsonValue) : Prisma.DbNull,
        unanchored: d.unanchored,
        entities: d.entities as unknown as Prisma.InputJsonValue,
        similarEventId: similar.get(ordinal)?.eventId ?? null,
        similarity: similar.get(ordinal)?.score ?? null,
      })),
      select: { id: true, ordinal: true },
    });
    const idOf = new Map(created.map((c) => [c.ordinal, c.id]));
    await tx.importCandidatePassage.createMany({
      data: drafts.flatMap((d, ordinal) =>
        d.passages.map((p, i) => ({
          candidateId: idOf.get(ordinal)!,
          sourceId: d.sourceId,
          ordinal: i,
          text: p.text,
          dateText: p.dateText,
          startOffset: p.startOffset,
          endOffset: p.endOffset,
        })),
      ),
    });
    await tx.importJob.update({
      where: { id: job.jobId },
      data: {
        status: "DONE",
        progress: total,
        error: null,
        finishedAt: new Date(),
        meta: { ...(row.meta as object), ...(message ? { message } : {}) } as Prisma.InputJsonValue,
      },
    });
    return true;
  });
  logger.info({ jobId: job.jobId, candidates: drafts.length, written }, "import done");
  return message;
}

/**
 * One query for all candidates: an event citing one of the very same
 * passages is the same thing for certain (a re-import); otherwise the event
 * of the workspace whose date overlaps the candidate's (across precisions:
 * "May 2016" holds "21 May 2016") and that is most alike: its title like the
 * candidate's title or words of its passages (pg_trgm), raised by every
 * actor the two share, if alike enough.
 */
async function similarEvents(
  workspaceId: string,
  drafts: Draft[],
): Promise<Map<number, { eventId: string; score: number }>> {
  if (drafts.length === 0) return new Map();
  const windows = drafts.map((d) =>
    d.date ? widen(dateBounds(d.date), d.precision) : { earliest: null, latest: null },
  );
  const rows = await db.$queryRaw<{ ord: number; eventId: string; score: number }[]>`
    SELECT c.ord, COALESCE(cit."eventId", m.id) AS "eventId", CASE WHEN cit."eventId" IS NOT NULL THEN 1.0 ELSE m.score END::float8 AS score
    FROM unnest(${drafts.map((_, i) => i)}::int[], ${drafts.map((d) => d.title)}::text[],
                ${drafts.map((d) => passageText(d).slice(0, 1000))}::text[], ${drafts.map((d) => d.sourceId)}::text[],
                ${drafts.map((d) => d.passages.map((p) => p.startOffset).join(","))}::text[],
                ${drafts.map((d) => d.entities.flatMap((e) => (e.entityId ? [e.entityId] : [])).join(","))}::text[],
                ${windows.map((w) => w.earliest)}::timestamptz[], ${windows.map((w) => w.latest)}::timestamptz[])
         AS c(ord, title, passage, "sourceId", offsets, actors, earliest, latest)
    LEFT JOIN LATERAL (
      SELECT ci."eventId" FROM "Citation" ci JOIN "Event" e ON e.id = ci."eventId" AND e."deletedAt" IS NULL
      WHERE ci."sourceId" = c."sourceId" AND ci."startOffset" = ANY(string_to_array(c.offsets, ',')::int[]) LIMIT 1
    ) cit ON true
    LEFT JOIN LATERAL (
      SELECT x.id, least(1.0, x.text_score + CASE WHEN x.shared > 0 THEN 0.2 + 0.1 * (x.shared - 1) ELSE 0 END) AS score
      FROM (
        SELECT e.id,
               greatest(similarity(e.title, c.title), word_similarity(e.title, c.passage)) AS text_score,
               (SELECT count(*) FROM "EventEntity" ee
                WHERE ee."eventId" = e.id AND ee."entityId" = ANY(string_to_array(NULLIF(c.actors, ''), ','))) AS shared
        FROM "Event" e
        WHERE e."workspaceId" = ${workspaceId} AND e."deletedAt" IS NULL
          AND COALESCE(e."dateEarliest", '-infinity'::timestamptz) <= COALESCE(c.latest, 'infinity'::timestamptz)
          AND COALESCE(e."dateLatest", 'infinity'::timestamptz) >= COALESCE(c.earliest, '-infinity'::timestamptz)
      ) x
      ORDER BY score DESC, x.id LIMIT 1
    ) m ON true
    WHERE cit."eventId" IS NOT NULL OR m.score >= ${SIMILARITY_THRESHOLD}`;
  return new Map(rows.map((r) => [r.ord, { eventId: r.eventId, score: Math.round(r.score * 100) / 100 }]));
}

/** Reports of one happening give its date a little differently: a few days, a month. */
function widen(b: { earliest: Date | null; latest: Date | null }, precision: DraftCandidate["precision"]) {
  const days = precision === "DAY" ? 3 : precision === "MONTH" ? 15 : 0;
  const ms = days * 86_400_000;
  return {
    earliest: b.earliest ? new Date(b.earliest.getTime() - ms) : null,
    latest: b.latest ? new Date(b.latest.getTime() + ms) : null,
  };
}
