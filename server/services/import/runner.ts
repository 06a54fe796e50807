/**
 * Reads an import job's text in the background. The work is plain CPU
 * (chrono, compromise) in the server's own process, so it is cut into small
 * units with a yield to the event loop whenever a slice of time is used up,
 * and jobs run one at a time: every queued job's slice would otherwise run
 * in the same turn of the event loop, and twenty imports at once would hold
 * up everyone else's requests by twenty slices per turn. A waiting job is
 * QUEUED, which the progress screen says.
 *
 * Candidates are written in one transaction at the end, so a failure leaves
 * the job FAILED with a message and no half of its candidates behind.
 */
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
import { dateBounds, type PartialDate } from "../../schemas/partial-date.ts";
import { logger } from "../../logger.ts";
import { jobMetrics } from "../../metrics.ts";

export type ImportItem = {
  sourceId: string;
  text: string;
  mode: "document" | "dossier-block";
  pubDate: PartialDate | null;
};
type Job = { jobId: string; workspaceId: string; items: ImportItem[]; pubDate: PartialDate | null };

/** Longest stretch of parsing between two yields. */
const SLICE_MS = 2;
/** Progress is written at most this often: each write is a query. */
const PROGRESS_EVERY_MS = 200;
/** Score above which an existing event is offered as "looks like the same thing" (see similarEvents). */
export const SIMILARITY_THRESHOLD = 0.45;
/** Names asked of the database per job; a document naming more is a list, not an article. */
const MAX_SPELLING_LOOKUPS = 3000;

const running = new Map<string, Promise<void>>();

export function isImportRunning(jobId: string): boolean {
  return running.has(jobId);
}

/** Resolves when the job has finished (DONE or FAILED); at once if it is not running in this process. */
export function importSettled(jobId: string): Promise<void> {
  return running.get(jobId) ?? Promise.resolve();
}

/** The tail of the queue: each job starts when the one before it has settled. */
let queueTail: Promise<void> = Promise.resolve();

export function scheduleImport(job: Job): void {
  jobMetrics.queued("import");
  const done = queueTail
    .then(() => yieldToEventLoop())
    .then(() => runImport(job))
    .finally(() => running.delete(job.jobId));
  queueTail = done;
  running.set(job.jobId, done);
}

class Slicer {
  private sliceStart = performance.now();
  private lastProgress = 0;
  constructor(private readonly onProgress: () => Promise<void>) {}
  async tick(): Promise<void> {
    const now = performance.now();
    if (now - this.sliceStart < SLICE_MS) return;
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

async function runImport(job: Job): Promise<void> {
  const started = performance.now();
  let done = 0;
  let outcome: "done" | "failed" = "failed";
  jobMetrics.started("import");
  try {
    const units = job.items.map((item) => ({ item, units: workUnits(item.text, item.mode) }));
    const total = units.reduce((n, u) => n + u.units.length, 0);
    await db.importJob.update({ where: { id: job.jobId }, data: { status: "RUNNING", total } });
    const slicer = new Slicer(() =>
      db.importJob.update({ where: { id: job.jobId }, data: { progress: done } }).then(() => undefined),
    );
    const matcher = entityMatcher(await knownEntities(job.workspaceId));
    const found: Draft[] = [];
    for (const { item, units: list } of units) {
      for (const unit of list) {
        for (const c of unitCandidates(item.text, unit, item.pubDate ?? job.pubDate))
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
    await db.$transaction(async (tx) => {
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
      const job0 = await tx.importJob.findUniqueOrThrow({ where: { id: job.jobId }, select: { meta: true } });
      const message =
        drafts.length === 0
          ? "No dated events were found in this document: nothing to review. Dates such as “22 May 2007”, “in 2011” or “last October” (with a publication date) are what the importer looks for."
          : undefined;
      await tx.importJob.update({
        where: { id: job.jobId },
        data: {
          status: "DONE",
          progress: total,
          finishedAt: new Date(),
          meta: { ...(job0.meta as object), ...(message ? { message } : {}) } as Prisma.InputJsonValue,
        },
      });
    });
    outcome = "done";
    logger.info(
      { jobId: job.jobId, candidates: drafts.length, ms: Math.round(performance.now() - started) },
      "import done",
    );
  } catch (err) {
    const message =
      err instanceof DomainError
        ? err.message
        : "The document could not be read into candidate events. Try again, or paste the text instead.";
    logger.error({ jobId: job.jobId, err: err instanceof Error ? err.message : String(err) }, "import failed");
    await db.importJob
      .update({
        where: { id: job.jobId },
        data: { status: "FAILED", error: message, progress: done, finishedAt: new Date() },
      })
      .catch(() => undefined);
  } finally {
    jobMetrics.finished("import", outcome, (performance.now() - started) / 1000);
  }
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
