import type { BriefingDocument } from "../schemas/briefing-document.ts";
import { compilePdf } from "./compile.ts";
import { markdownFileOffThread, pdfDataOffThread } from "./convert.ts";
import { citedEventsCsvChunks } from "./csv-export.ts";
import { citedMaterialJsonChunks } from "./json-export.ts";
import { dateTime, type PdfData } from "./pdf-data.ts";
import { slugify } from "../schemas/slug.ts";
import { badRequest } from "../errors.ts";
import type { FigureKind } from "../schemas/briefing.ts";
import { briefingFigure } from "./figures.ts";
import { svgToPng } from "./figure-png.ts";

/** A body in memory (PDF, Markdown: built whole by their converters) or written chunk by chunk (CSV, JSON). */
export type ExportFile = {
  body: Uint8Array<ArrayBuffer> | string | AsyncIterable<string>;
  contentType: string;
  fileName: string;
};

async function* toAsync<T>(items: Iterable<T>): AsyncGenerator<T> {
  yield* items;
}

export const CONTENT_TYPES = {
  pdf: "application/pdf",
  md: "text/markdown; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
  svg: "image/svg+xml; charset=utf-8",
  png: "image/png",
} as const;

/** "iran-and-the-taliban" from the title; Persian or Arabic titles fall back to "briefing". */
export function slugOf(title: string): string {
  return slugify(title, "briefing");
}

/** "<slug>-<YYYY-MM-DD>.<ext>": the publication date, or the export date for a draft. */
export function exportFileName(
  doc: BriefingDocument,
  ext: keyof typeof CONTENT_TYPES,
  figureKind: FigureKind = "timeline",
): string {
  const date = (doc.published && doc.publishedAt ? doc.publishedAt : doc.exportedAt).slice(0, 10);
  const figure = ext === "svg" || ext === "png" ? `-${figureKind}` : "";
  return `${slugOf(doc.title)}${figure}-${date}.${ext}`;
}

/**
 * The template data of recent exports, by content hash: a publication is
 * frozen, so converting its Markdown again for every download would be waste.
 * Only the export time differs between two downloads.
 */
const recent = new Map<string, PdfData>();
const RECENT_MAX = 16;

async function pdfDataOf(doc: BriefingDocument, revisionId: string | null): Promise<PdfData> {
  const key = `${doc.briefingId}:${doc.version}:${doc.versionNumber}:${doc.published}:${revisionId}:${doc.contentHash}:${doc.authors.join(",")}:${doc.reviewers.join(",")}:${doc.workspaceName}:${JSON.stringify(doc.figures)}`;
  let data = recent.get(key);
  if (data) recent.delete(key);
  else data = await pdfDataOffThread(doc, revisionId);
  recent.set(key, data);
  if (recent.size > RECENT_MAX) recent.delete(recent.keys().next().value!);
  return {
    ...data,
    manifest: { ...data.manifest, exportedAt: dateTime(doc.exportedAt) },
    dateText: doc.published ? data.dateText : dateTime(doc.exportedAt),
  };
}

export async function renderExport(
  doc: BriefingDocument,
  revisionId: string | null,
  format: keyof typeof CONTENT_TYPES,
  figureKind: FigureKind = "timeline",
): Promise<ExportFile> {
  const fileName = exportFileName(doc, format, figureKind);
  const contentType = CONTENT_TYPES[format];
  switch (format) {
    case "pdf":
      return { body: (await compilePdf(await pdfDataOf(doc, revisionId))).pdf, contentType, fileName };
    case "md":
      return { body: await markdownFileOffThread(doc, revisionId), contentType, fileName };
    case "csv":
      return { body: toAsync(citedEventsCsvChunks(doc)), contentType, fileName };
    case "json":
      return { body: citedMaterialJsonChunks(doc, revisionId), contentType, fileName };
    case "svg":
    case "png": {
      const figure = briefingFigure(doc, figureKind);
      if (!figure)
        throw badRequest(
          figureKind === "timeline"
            ? "This briefing cites no dated events, so there is no timeline to draw."
            : "The events this briefing cites name no people, organisations or places, so there is no network to draw.",
        );
      return { body: format === "svg" ? figure.svg : await svgToPng(figure.svg), contentType, fileName };
    }
  }
}
