/**
 * Importing a document: it becomes a source (a dossier, one source per block
 * of web addresses) and an import job; the job then reads the text in the
 * background and proposes candidate events (import-runner.ts), which an
 * analyst accepts, merges or dismisses (import-decision-service.ts).
 *
 * Everything that can be refused is refused before anything is written:
 * unreadable, empty or oversized files, and a document that is already in the
 * workspace (unless the analyst asked to read the existing source again).
 */
import { db } from "../db/client.ts";
import type { Prisma } from "../db/generated/client.ts";
import { badRequest, conflict, notFound } from "../errors.ts";
import { findDates } from "../import/date-finder.ts";
import { dossierBlocks, dossierEntries, looksLikeDossier } from "../import/dossier.ts";
import type { Page } from "../schemas/common.ts";
import { candidateDateSchema, candidateEntitiesSchema, startImportSchema, type CandidateStatus, type StartImportInput } from "../schemas/import.ts";
import { formatEventDate, type PartialDate } from "../schemas/partial-date.ts";
import type { CreateSourceData } from "../schemas/source.ts";
import { requireAccess } from "./access.ts";
import type { Actor } from "./actor.ts";
import { recordAudit } from "./audit.ts";
import { decodeCursor, decodeDate, encodeCursor } from "./cursor.ts";
import { dateColumnSelect, fromDateColumns } from "./event-date-columns.ts";
import { scheduleImport, isImportRunning, type ImportItem } from "./import-runner.ts";
import { insertSourceRow, type DuplicateSource } from "./source-service.ts";
import { isValidHttpUrl, normalizeUrl, textHash } from "./source-identity.ts";
import { extractSourceText, normalizeText } from "./source-text.ts";

export type ImportJobMeta = {
  title: string;
  publisherName: string;
  url: string;
  pubDate: PartialDate | null;
  mode: "document" | "dossier";
  /** Each source read, with the addresses above its block (dossiers) or the one given. */
  sources: { id: string; title: string; urls: string[]; reused: boolean }[];
  /** Said when a finished import found nothing, e.g. a document without dates. */
  message?: string;
};

export type StartImportResult =
  | { status: "started"; jobId: string }
  | { status: "duplicate"; existing: DuplicateSource; duplicates: number };

type PlannedSource = {
  title: string;
  text: string;
  url: string;
  urls: string[];
  urlNormalized: string | null;
  hash: string | null;
  pubDate: PartialDate | null;
  mode: ImportItem["mode"];
};

const EMPTY_TEXT = "There is no text to import. Paste the text of the document or choose a non-empty file.";

async function readInput(input: ReturnType<typeof startImportSchema.parse>) {
  if (input.file) {
    const bytes = new Uint8Array(Buffer.from(input.file.contentBase64, "base64"));
    const extracted = await extractSourceText({ fileName: input.file.fileName, mimeType: input.file.mimeType, bytes });
    return { text: extracted.text, title: extracted.title, publishedAt: extracted.publishedAt, language: extracted.language, fileName: input.file.fileName };
  }
  const text = normalizeText(input.text ?? "");
  if (!text) throw badRequest(EMPTY_TEXT, { text: "Paste the text of the document" });
  return { text, title: undefined, publishedAt: undefined, language: undefined, fileName: "" };
}

/** "2021-08-19" or an ISO instant from a page's metadata, as a day. */
function fromPublishedAt(value: string | undefined): PartialDate | null {
  const m = value ? /^(\d{4})-(\d{2})-(\d{2})/.exec(value) : null;
  return m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : null;
}

/** Dossiers and saved pages often open with their date on a line of its own ("Friday, December 09, 2016"). */
function datelineOf(text: string): PartialDate | null {
  const firstLine = text.slice(0, 200).split("\n", 1)[0]!.trim();
  const [found] = findDates(firstLine);
  if (!found || found.precision !== "DAY" || found.relative || firstLine.replace(/[^\p{L}]/gu, "").length > found.text.replace(/[^\p{L}]/gu, "").length + 12) return null;
  return found.date.start;
}

function titleFrom(text: string): string {
  const line = text.split("\n").map((l) => l.trim()).find((l) => l.length > 0 && !datelineOf(l)) ?? "Imported document";
  return line.length > 200 ? `${line.slice(0, line.lastIndexOf(" ", 200))}…` : line;
}

function safeNormalizeUrl(url: string): string | null {
  return isValidHttpUrl(url) ? normalizeUrl(url) : null;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return url;
  }
}

/** One planned source per dossier block: its text as written, its first address as its URL. */
function planDossier(text: string, title: string): PlannedSource[] {
  const seenUrls = new Set<string>();
  return dossierBlocks(text).map((block) => {
    const blockText = text.slice(block.start, block.end);
    const firstEntry = dossierEntries(blockText)[0];
    const entryDate = firstEntry ? findDates(blockText.slice(firstEntry.start, firstEntry.headerEnd))[0] : undefined;
    const url = block.urls[0] ?? "";
    let urlNormalized = safeNormalizeUrl(url);
    // The same address heading two blocks would break the one-source-per-address rule; the second keeps it in its text only.
    if (urlNormalized && seenUrls.has(urlNormalized)) urlNormalized = null;
    if (urlNormalized) seenUrls.add(urlNormalized);
    return {
      title: `${title} — ${hostOf(url)}${entryDate ? `, ${entryDate.text}` : ""}`.slice(0, 500),
      text: blockText,
      url: urlNormalized ? url : "",
      urls: block.urls,
      urlNormalized,
      hash: textHash(blockText),
      pubDate: entryDate?.date.start ?? null,
      mode: "dossier-block",
    };
  });
}

async function existingSources(workspaceId: string, planned: PlannedSource[]) {
  const urls = planned.flatMap((p) => (p.urlNormalized ? [p.urlNormalized] : []));
  const hashes = planned.flatMap((p) => (p.hash ? [p.hash] : []));
  if (!urls.length && !hashes.length) return [];
  return db.source.findMany({
    where: { workspaceId, OR: [{ urlNormalized: { in: urls } }, { textHash: { in: hashes } }] },
    select: { id: true, title: true, urlNormalized: true, textHash: true, text: true, deletedAt: true },
  });
}

export async function startImport(actor: Actor, raw: StartImportInput): Promise<StartImportResult> {
  const input = startImportSchema.parse(raw);
  await requireAccess(actor, input.workspaceId, "import.run");
  const read = await readInput(input);
  const mode = looksLikeDossier(read.text) ? "dossier" : "document";
  // A dossier's own first line is its title; an article's first line is as often a section name or a byline.
  const title = input.title || read.title || (mode === "dossier" ? titleFrom(read.text) : "") || read.fileName.replace(/\.[^.]+$/, "") || titleFrom(read.text);
  const pubDate = input.pubDate ?? fromPublishedAt(read.publishedAt) ?? datelineOf(read.text);
  const planned: PlannedSource[] =
    mode === "dossier"
      ? planDossier(read.text, title)
      : [{ title, text: read.text, url: input.url, urls: input.url ? [input.url] : [], urlNormalized: safeNormalizeUrl(input.url), hash: textHash(read.text), pubDate, mode: "document" }];
  if (planned.length === 0) throw badRequest(EMPTY_TEXT);

  const existing = await existingSources(input.workspaceId, planned);
  const match = (p: PlannedSource) => existing.find((e) => (p.urlNormalized && e.urlNormalized === p.urlNormalized) || (p.hash && e.textHash === p.hash));
  const duplicates = planned.filter((p) => match(p));
  if (duplicates.length && !input.reuseExisting) {
    const first = match(duplicates[0]!)!;
    return {
      status: "duplicate",
      existing: { id: first.id, title: first.title, matchedOn: duplicates[0]!.urlNormalized && first.urlNormalized === duplicates[0]!.urlNormalized ? "url" : "text" },
      duplicates: duplicates.length,
    };
  }

  const { jobId, items } = await oneAtATime(() => createSourcesAndJob(actor, input, planned, match, { title, pubDate, mode, fileName: read.fileName, language: read.language }));
  scheduleImport({ jobId, workspaceId: input.workspaceId, items, pubDate });
  return { status: "started", jobId };
}

type Existing = Awaited<ReturnType<typeof existingSources>>[number];

/**
 * Saving a long source makes PostgreSQL index its whole text (two tsvectors
 * and a GIN update), tens of milliseconds of the database's CPU. Twenty
 * imports submitted together would take both cores from everyone else's
 * queries at once; one after another, they leave room between them.
 */
let creationTail: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const result = creationTail.then(work, work);
  creationTail = result.catch(() => undefined);
  return result;
}

async function createSourcesAndJob(
  actor: Actor,
  input: ReturnType<typeof startImportSchema.parse>,
  planned: PlannedSource[],
  match: (p: PlannedSource) => Existing | undefined,
  doc: { title: string; pubDate: PartialDate | null; mode: ImportJobMeta["mode"]; fileName: string; language?: string },
) {
  const { title, pubDate, mode } = doc;
  try {
    return await db.$transaction(async (tx) => {
      const items: ImportItem[] = [];
      const sources: ImportJobMeta["sources"] = [];
      for (const p of planned) {
        const found = match(p);
        // A source in the trash is not offered again as "already here"; its block is skipped rather than duplicated.
        if (found?.deletedAt) continue;
        if (found) {
          items.push({ sourceId: found.id, text: found.text, mode: p.mode, pubDate: p.pubDate });
          sources.push({ id: found.id, title: found.title, urls: p.urls, reused: true });
          continue;
        }
        const data: CreateSourceData = {
          workspaceId: input.workspaceId,
          kind: input.kind,
          title: p.title,
          publisherName: p.mode === "document" ? input.publisherName : "",
          author: "",
          pubDate: p.pubDate,
          url: p.url,
          language: input.language || doc.language?.slice(0, 20).match(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)?.[0] || "",
          derivedFromId: null,
          text: p.text,
        };
        const created = await insertSourceRow(tx, actor, data, p.text, p.urlNormalized, p.hash);
        if (created.status !== "created") throw new Error("insertSourceRow always creates");
        items.push({ sourceId: created.source.id, text: p.text, mode: p.mode, pubDate: p.pubDate });
        sources.push({ id: created.source.id, title: created.source.title, urls: p.urls, reused: false });
      }
      if (items.length === 0) throw badRequest("Every part of this document is already in the workspace's trash. Restore it from there instead.");
      const meta: ImportJobMeta = { title, publisherName: input.publisherName, url: input.url, pubDate, mode, sources };
      const job = await tx.importJob.create({
        data: {
          workspaceId: input.workspaceId,
          createdById: actor.userId,
          fileName: doc.fileName,
          meta: meta as unknown as Prisma.InputJsonValue,
          sourceIds: items.map((i) => i.sourceId),
        },
        select: { id: true },
      });
      await recordAudit(tx, actor, {
        workspaceId: input.workspaceId,
        action: "import.started",
        targetType: "import",
        targetId: job.id,
        after: { title, mode, fileName: doc.fileName, sources: sources.length, reused: sources.filter((s) => s.reused).length },
      });
      return { jobId: job.id, items };
    });
  } catch (err) {
    // The same document added by someone else between the duplicate check and these inserts.
    if ((err as { code?: unknown }).code === "P2002") throw conflict("This document was added to the workspace a moment ago. Start the import again to be offered the existing source.");
    throw err;
  }
}

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

// A job left QUEUED or RUNNING by a server that stopped will never finish; after this long without its runner it is reported as failed.
const ORPHAN_AFTER_MS = 5 * 60_000;
const INTERRUPTED = "The import was interrupted (the server restarted). Start it again: the source is already saved and will be offered for reuse.";

function toJob(j: JobRow, counts: Partial<Record<CandidateStatus, number>>) {
  const meta = j.meta as unknown as ImportJobMeta;
  const orphaned = (j.status === "QUEUED" || j.status === "RUNNING") && !isImportRunning(j.id) && Date.now() - j.createdAt.getTime() > ORPHAN_AFTER_MS;
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
    counts: { PENDING: counts.PENDING ?? 0, ACCEPTED: counts.ACCEPTED ?? 0, MERGED: counts.MERGED ?? 0, DISMISSED: counts.DISMISSED ?? 0 },
  };
}
export type ImportJobView = ReturnType<typeof toJob>;

async function countsFor(jobIds: string[]) {
  if (!jobIds.length) return new Map<string, Partial<Record<CandidateStatus, number>>>();
  const rows = await db.importCandidate.groupBy({ by: ["jobId", "status"], where: { jobId: { in: jobIds } }, _count: { _all: true } });
  const map = new Map<string, Partial<Record<CandidateStatus, number>>>();
  for (const r of rows) map.set(r.jobId, { ...map.get(r.jobId), [r.status]: r._count._all });
  return map;
}

export async function loadJobAccess(actor: Actor, jobId: string) {
  const job = await db.importJob.findUnique({ where: { id: jobId }, select: { workspaceId: true } });
  if (!job) throw notFound("Import");
  await requireAccess(actor, job.workspaceId, "import.run");
  return job;
}

export async function getImportJob(actor: Actor, jobId: string): Promise<ImportJobView> {
  await loadJobAccess(actor, jobId);
  const job = await db.importJob.findUniqueOrThrow({ where: { id: jobId }, select: jobSelect });
  return toJob(job, (await countsFor([jobId])).get(jobId) ?? {});
}

export async function listImportJobs(actor: Actor, input: { workspaceId: string; cursor?: string | null; limit: number }): Promise<Page<ImportJobView>> {
  await requireAccess(actor, input.workspaceId, "import.run");
  const and: Prisma.ImportJobWhereInput[] = [{ workspaceId: input.workspaceId }];
  if (input.cursor) {
    const [at, id] = decodeCursor(input.cursor, 2);
    const key = decodeDate(at!);
    and.push({ OR: [{ createdAt: { lt: key } }, { createdAt: key, id: { lt: id } }] });
  }
  const rows = await db.importJob.findMany({ where: { AND: and }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: input.limit + 1, select: jobSelect });
  const page = rows.slice(0, input.limit);
  const counts = await countsFor(page.map((j) => j.id));
  const last = page.at(-1);
  return {
    items: page.map((j) => toJob(j, counts.get(j.id) ?? {})),
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
  passage: true,
  startOffset: true,
  endOffset: true,
  entities: true,
  similarity: true,
  similarEventId: true,
  eventId: true,
  version: true,
  sourceId: true,
} satisfies Prisma.ImportCandidateSelect;

/** Candidates in document order, with the source and the events they point at, in three queries whatever the page size. */
export async function listCandidates(actor: Actor, input: { jobId: string; status?: CandidateStatus; cursor?: string | null; limit: number }) {
  const job = await loadJobAccess(actor, input.jobId);
  const and: Prisma.ImportCandidateWhereInput[] = [{ jobId: input.jobId }];
  if (input.status) and.push({ status: input.status });
  if (input.cursor) {
    const after = Number(decodeCursor(input.cursor, 1)[0]);
    if (!Number.isInteger(after)) throw badRequest("Invalid page cursor.");
    and.push({ ordinal: { gt: after } });
  }
  const rows = await db.importCandidate.findMany({ where: { AND: and }, orderBy: { ordinal: "asc" }, take: input.limit + 1, select: candidateSelect });
  const page = rows.slice(0, input.limit);
  const eventIds = [...new Set(page.flatMap((c) => [c.similarEventId, c.eventId].filter((id): id is string => Boolean(id))))];
  const sourceIds = [...new Set(page.map((c) => c.sourceId))];
  const [events, sources, meta] = await Promise.all([
    eventIds.length ? db.event.findMany({ where: { id: { in: eventIds }, workspaceId: job.workspaceId, deletedAt: null }, select: { id: true, title: true, status: true, ...dateColumnSelect } }) : [],
    db.source.findMany({ where: { id: { in: sourceIds }, workspaceId: job.workspaceId }, select: { id: true, title: true, url: true } }),
    db.importJob.findUniqueOrThrow({ where: { id: input.jobId }, select: { meta: true } }),
  ]);
  const urlsOf = new Map((meta.meta as unknown as ImportJobMeta).sources.map((s) => [s.id, s.urls]));
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
        dateText: c.dateText,
        date,
        parsedDateText: formatEventDate(date),
        passage: c.passage,
        startOffset: c.startOffset,
        endOffset: c.endOffset,
        entities: candidateEntitiesSchema.parse(c.entities),
        similarity: c.similarity,
        similarEvent: c.similarEventId ? (eventOf.get(c.similarEventId) ?? null) : null,
        event: c.eventId ? (eventOf.get(c.eventId) ?? null) : null,
        version: c.version,
        source: { id: c.sourceId, title: source?.title ?? "", url: source?.url ?? null, urls: urlsOf.get(c.sourceId) ?? [] },
      };
    }),
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.ordinal]) : null,
  };
}
export type CandidateView = Awaited<ReturnType<typeof listCandidates>>["items"][number];
