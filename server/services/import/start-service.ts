/**
 * Importing a document: it becomes a source (a dossier, one source per block
 * of web addresses) and an import job; the job then reads the text in the
 * background, as a durable queued job, and proposes candidate events (runner.ts), which an
 * analyst accepts, merges or dismisses (import-decision-service.ts).
 *
 * Everything that can be refused is refused before anything is written:
 * unreadable, empty or oversized files, and a document that is already in the
 * workspace (unless the analyst asked to read the existing source again) —
 * the same address, the same text, or much the same text (the same article
 * saved as text, HTML or PDF), which the analyst may still add as new.
 */

import { db } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";
import { badRequest, conflict } from "../../errors.ts";
import { findDates } from "../../import/date-finder.ts";
import { dossierBlocks, dossierEntries, looksLikeDossier } from "../../import/dossier.ts";
import { startImportSchema, type ImportJobMeta, type StartImportInput } from "../../schemas/import.ts";
import { type PartialDate } from "../../schemas/partial-date.ts";
import type { CreateSourceData } from "../../schemas/source.ts";
import { requireAccess } from "../access/index.ts";
import type { Actor } from "../access/index.ts";
import { recordAudit } from "../audit/index.ts";
import { enqueueImport, type ImportItem } from "./runner.ts";
import { findNearDuplicate, insertSourceRow, storeOriginal, type DuplicateSource } from "../source/index.ts";
import { isValidHttpUrl, normalizeUrl, textHash } from "../../lib/source-identity.ts";
import { extractSourceText, normalizeText } from "../../lib/source-text/index.ts";

export type { ImportJobMeta } from "../../schemas/import.ts";

export type StartImportResult =
  { status: "started"; jobId: string } | { status: "duplicate"; existing: DuplicateSource; duplicates: number };

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
    return {
      text: extracted.text,
      title: extracted.title,
      publishedAt: extracted.publishedAt,
      language: extracted.language,
      fileName: input.file.fileName,
      original: { fileName: input.file.fileName, kind: extracted.kind, bytes },
    };
  }
  const text = normalizeText(input.text ?? "");
  if (!text) throw badRequest(EMPTY_TEXT, { text: "Paste the text of the document" });
  return { text, title: undefined, publishedAt: undefined, language: undefined, fileName: "", original: null };
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
  if (
    !found ||
    found.precision !== "DAY" ||
    found.relative ||
    firstLine.replace(/[^\p{L}]/gu, "").length > found.text.replace(/[^\p{L}]/gu, "").length + 12
  )
    return null;
  return found.date.start;
}

function titleFrom(text: string): string {
  const line =
    text
      .split("\n")
      .map((l) => l.trim())
      .find((l) => l.length > 0 && !datelineOf(l)) ?? "Imported document";
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

const existingSelect = {
  id: true,
  title: true,
  urlNormalized: true,
  textHash: true,
  text: true,
  deletedAt: true,
} satisfies Prisma.SourceSelect;

async function existingSources(workspaceId: string, planned: PlannedSource[]) {
  const urls = planned.flatMap((p) => (p.urlNormalized ? [p.urlNormalized] : []));
  const hashes = planned.flatMap((p) => (p.hash ? [p.hash] : []));
  if (!urls.length && !hashes.length) return [];
  return db.source.findMany({
    where: { workspaceId, OR: [{ urlNormalized: { in: urls } }, { textHash: { in: hashes } }] },
    select: existingSelect,
  });
}

export async function startImport(actor: Actor, raw: StartImportInput): Promise<StartImportResult> {
  const input = startImportSchema.parse(raw);
  await requireAccess(actor, input.workspaceId, "import.run");
  const read = await readInput(input);
  const mode = looksLikeDossier(read.text) ? "dossier" : "document";
  // A dossier's own first line is its title; an article's first line is as often a section name or a byline.
  const title =
    input.title ||
    read.title ||
    (mode === "dossier" ? titleFrom(read.text) : "") ||
    read.fileName.replace(/\.[^.]+$/, "") ||
    titleFrom(read.text);
  const pubDate = input.pubDate ?? fromPublishedAt(read.publishedAt) ?? datelineOf(read.text);
  const planned: PlannedSource[] =
    mode === "dossier"
      ? planDossier(read.text, title)
      : [
          {
            title,
            text: read.text,
            url: input.url,
            urls: input.url ? [input.url] : [],
            urlNormalized: safeNormalizeUrl(input.url),
            hash: textHash(read.text),
            pubDate,
            mode: "document",
          },
        ];
  if (planned.length === 0) throw badRequest(EMPTY_TEXT);

  const existing = await existingSources(input.workspaceId, planned);
  const exact = (p: PlannedSource) =>
    existing.find((e) => (p.urlNormalized && e.urlNormalized === p.urlNormalized) || (p.hash && e.textHash === p.hash));
  // An article (not a dossier's excerpts) in another format: offered like an exact copy, unless the analyst adds it as new.
  const similar = new Map<PlannedSource, Existing>();
  let similarity: number | undefined;
  if (mode === "document" && !input.addAsNew && !exact(planned[0]!)) {
    const near = await findNearDuplicate(input.workspaceId, planned[0]!.text);
    const row = near && (await db.source.findUnique({ where: { id: near.id }, select: existingSelect }));
    if (row) similar.set(planned[0]!, row);
    similarity = near?.similarity;
  }
  const match = (p: PlannedSource) => exact(p) ?? similar.get(p);
  const duplicates = planned.filter((p) => match(p));
  if (duplicates.length && !input.reuseExisting) {
    const first = match(duplicates[0]!)!;
    return {
      status: "duplicate",
      existing: {
        id: first.id,
        title: first.title,
        matchedOn: similar.has(duplicates[0]!)
          ? "similar-text"
          : duplicates[0]!.urlNormalized && first.urlNormalized === duplicates[0]!.urlNormalized
            ? "url"
            : "text",
        ...(similar.has(duplicates[0]!) ? { similarity } : {}),
      },
      duplicates: duplicates.length,
    };
  }

  const { jobId } = await oneAtATime(() =>
    createSourcesAndJob(actor, input, planned, match, {
      title,
      pubDate,
      mode,
      fileName: read.fileName,
      language: read.language,
      original: read.original,
    }),
  );
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
  doc: {
    title: string;
    pubDate: PartialDate | null;
    mode: ImportJobMeta["mode"];
    fileName: string;
    language?: string;
    /** The imported file, kept as it came and linked from every source read from it. */
    original: Parameters<typeof storeOriginal>[3] | null;
  },
) {
  const { title, pubDate, mode } = doc;
  try {
    return await db.$transaction(async (tx) => {
      const items: ImportItem[] = [];
      const sources: ImportJobMeta["sources"] = [];
      const original = doc.original ? await storeOriginal(tx, actor, input.workspaceId, doc.original) : null;
      for (const p of planned) {
        const found = match(p);
        // A source in the trash is not offered again as "already here"; its block is skipped rather than duplicated.
        if (found?.deletedAt) continue;
        if (found) {
          items.push({ sourceId: found.id, mode: p.mode, pubDate: p.pubDate });
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
          allowSimilar: true,
          originalSha256: original?.sha256 ?? null,
        };
        const created = await insertSourceRow(tx, actor, data, p.text, p.urlNormalized, p.hash);
        if (created.status !== "created") throw new Error("insertSourceRow always creates");
        items.push({ sourceId: created.source.id, mode: p.mode, pubDate: p.pubDate });
        sources.push({ id: created.source.id, title: created.source.title, urls: p.urls, reused: false });
      }
      if (items.length === 0)
        throw badRequest(
          "Every part of this document is already in the workspace's trash. Restore it from there instead.",
        );
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
        after: {
          title,
          mode,
          fileName: doc.fileName,
          sources: sources.length,
          reused: sources.filter((s) => s.reused).length,
        },
      });
      // Queued with the rows it reads: the job exists if and only if they do, whatever happens next.
      await enqueueImport(tx, { jobId: job.id, workspaceId: input.workspaceId, items, pubDate });
      return { jobId: job.id };
    });
  } catch (err) {
    // The same document added by someone else between the duplicate check and these inserts.
    if ((err as { code?: unknown }).code === "P2002")
      throw conflict(
        "This document was added to the workspace a moment ago. Start the import again to be offered the existing source.",
      );
    throw err;
  }
}
