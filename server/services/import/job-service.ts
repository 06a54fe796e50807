import { db } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";
import { notFound } from "../../errors.ts";
import type { Page } from "../../schemas/common.ts";
import {
  candidateDateSchema,
  candidateEntitiesSchema,
  importJobMetaSchema,
  type CandidateStatus,
} from "../../schemas/import.ts";
import { formatEventDate } from "../../schemas/partial-date.ts";
import { requireAccess, requireAccessFor } from "../access/index.ts";
import type { Actor } from "../access/index.ts";
import { decodeCursor, decodeDate, decodeInt, encodeCursor } from "../../lib/cursor.ts";
import { dateColumnSelect, fromDateColumns } from "../../lib/event-date-columns.ts";
import { lostImports } from "./queue-state.ts";

const jobSelect = {
  id: true,
  workspaceId: true,
  status: true,
  fileName: true,
  meta: true,
  progress: true,
  total: true,
  error: true,
  createdAt: true,
  finishedAt: true,
  createdBy: { select: { id: true, name: true } },
} satisfies Prisma.ImportJobSelect;

type JobRow = Prisma.ImportJobGetPayload<{ select: typeof jobSelect }>;

// An unfinished import the queue does not hold (restored from a backup taken while it ran) will never finish.
const INTERRUPTED =
  "The import was interrupted and is no longer queued. Start it again: the source is already saved and will be offered for reuse.";

function toJob(j: JobRow, counts: Partial<Record<CandidateStatus, number>>, lost: Set<string>) {
  const meta = importJobMetaSchema.parse(j.meta);
  const orphaned = lost.has(j.id);
  return {
    id: j.id,
    status: orphaned ? ("FAILED" as const) : j.status,
    fileName: j.fileName,
    title: meta.title,
    mode: meta.mode,
    pubDateText: meta.pubDate ? formatEventDate({ start: meta.pubDate }) : null,
    sources: meta.sources,
    message: meta.message ?? null,
    progress: j.progress,
    total: j.total,
    error: orphaned ? INTERRUPTED : j.error,
    createdAt: j.createdAt,
    finishedAt: j.finishedAt,
    createdBy: j.createdBy,
    counts: {
      PENDING: counts.PENDING ?? 0,
      ACCEPTED: counts.ACCEPTED ?? 0,
      MERGED: counts.MERGED ?? 0,
      DISMISSED: counts.DISMISSED ?? 0,
    },
  };
}
export type ImportJobView = ReturnType<typeof toJob>;

async function countsFor(jobIds: string[]) {
  if (!jobIds.length) return new Map<string, Partial<Record<CandidateStatus, number>>>();
  const rows = await db.importCandidate.groupBy({
    by: ["jobId", "status"],
    where: { jobId: { in: jobIds } },
    _count: { _all: true },
  });
  const map = new Map<string, Partial<Record<CandidateStatus, number>>>();
  for (const r of rows) map.set(r.jobId, { ...map.get(r.jobId), [r.status]: r._count._all });
  return map;
}

export async function loadJobAccess(actor: Actor, jobId: string) {
  const job = await db.importJob.findUnique({ where: { id: jobId }, select: { workspaceId: true } });
  if (!job) throw notFound("Import");
  await requireAccessFor("Import", actor, job.workspaceId, "import.run");
  return job;
}

export async function getImportJob(actor: Actor, jobId: string): Promise<ImportJobView> {
  await loadJobAccess(actor, jobId);
  const job = await db.importJob.findUniqueOrThrow({ where: { id: jobId }, select: jobSelect });
  const [counts, lost] = await Promise.all([countsFor([jobId]), lostImports([job])]);
  return toJob(job, counts.get(jobId) ?? {}, lost);
}

export async function listImportJobs(
  actor: Actor,
  input: { workspaceId: string; cursor?: string | null; limit: number },
): Promise<Page<ImportJobView>> {
  await requireAccess(actor, input.workspaceId, "import.run");
  const and: Prisma.ImportJobWhereInput[] = [{ workspaceId: input.workspaceId }];
  if (input.cursor) {
    const [at, id] = decodeCursor(input.cursor, 2);
    const key = decodeDate(at!);
    and.push({ OR: [{ createdAt: { lt: key } }, { createdAt: key, id: { lt: id } }] });
  }
  const rows = await db.importJob.findMany({
    where: { AND: and },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    select: jobSelect,
  });
  const page = rows.slice(0, input.limit);
  const [counts, lost] = await Promise.all([countsFor(page.map((j) => j.id)), lostImports(page)]);
  const last = page.at(-1);
  return {
    items: page.map((j) => toJob(j, counts.get(j.id) ?? {}, lost)),
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.createdAt, last.id]) : null,
  };
}

const candidateSelect = {
  id: true,
  ordinal: true,
  status: true,
  title: true,
  dateText: true,
  date: true,
  unanchored: true,
  passages: {
    orderBy: { ordinal: "asc" },
    select: { sourceId: true, text: true, dateText: true, startOffset: true, endOffset: true },
  },
  entities: true,
  similarity: true,
  similarEventId: true,
  updatesEventId: true,
  summary: true,
  tags: true,
  eventId: true,
  version: true,
  sourceId: true,
} satisfies Prisma.ImportCandidateSelect;

/** Candidates in document order, with their passages, the source and the events they point at, in four queries whatever the page size. */
export async function listCandidates(
  actor: Actor,
  input: { jobId: string; status?: CandidateStatus; cursor?: string | null; limit: number },
) {
  const job = await loadJobAccess(actor, input.jobId);
  const and: Prisma.ImportCandidateWhereInput[] = [{ jobId: input.jobId }];
  if (input.status) and.push({ status: input.status });
  if (input.cursor) {
    const after = decodeInt(decodeCursor(input.cursor, 1)[0]!);
    and.push({ ordinal: { gt: after } });
  }
  const rows = await db.importCandidate.findMany({
    where: { AND: and },
    orderBy: { ordinal: "asc" },
    take: input.limit + 1,
    select: candidateSelect,
  });
  const page = rows.slice(0, input.limit);
  const eventIds = [
    ...new Set(page.flatMap((c) => [c.similarEventId, c.eventId].filter((id): id is string => Boolean(id)))),
  ];
  const sourceIds = [...new Set(page.map((c) => c.sourceId))];
  const [events, sources, meta] = await Promise.all([
    eventIds.length
      ? db.event.findMany({
          where: { id: { in: eventIds }, workspaceId: job.workspaceId, deletedAt: null },
          select: { id: true, title: true, status: true, ...dateColumnSelect },
        })
      : [],
    db.source.findMany({
      where: { id: { in: sourceIds }, workspaceId: job.workspaceId },
      select: { id: true, title: true, url: true },
    }),
    db.importJob.findUniqueOrThrow({ where: { id: input.jobId }, select: { meta: true } }),
  ]);
  const urlsOf = new Map(importJobMetaSchema.parse(meta.meta).sources.map((s) => [s.id, s.urls]));
  const eventOf = new Map(
    events.map((e) => {
      const date = fromDateColumns(e);
      return [e.id, { id: e.id, title: e.title, status: e.status, dateText: date ? formatEventDate(date) : "Undated" }];
    }),
  );
  const sourceOf = new Map(sources.map((s) => [s.id, s]));
  const last = page.at(-1);
  return {
    items: page.map((c) => {
      const date = candidateDateSchema.parse(c.date);
      const source = sourceOf.get(c.sourceId);
      return {
        id: c.id,
        ordinal: c.ordinal,
        status: c.status,
        title: c.title,
        summary: c.summary,
        tags: c.tags,
        dateText: c.dateText,
        date,
        parsedDateText: date ? formatEventDate(date) : null,
        unanchored: c.unanchored,
        passages: c.passages,
        entities: candidateEntitiesSchema.parse(c.entities),
        similarity: c.similarity,
        similarEvent: c.similarEventId ? (eventOf.get(c.similarEventId) ?? null) : null,
        /** A re-imported STIX object that is already this event here: accepting updates it. */
        updatesSimilarEvent: Boolean(c.updatesEventId) && c.updatesEventId === c.similarEventId,
        event: c.eventId ? (eventOf.get(c.eventId) ?? null) : null,
        version: c.version,
        source: {
          id: c.sourceId,
          title: source?.title ?? "",
          url: source?.url ?? null,
          urls: urlsOf.get(c.sourceId) ?? [],
        },
      };
    }),
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.ordinal]) : null,
  };
}
export type CandidateView = Awaited<ReturnType<typeof listCandidates>>["items"][number];
