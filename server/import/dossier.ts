/**
 * Dossiers as analysts keep them: one or more web addresses on lines of their
 * own, then excerpts of those pages under "22 May 2007: …" headers. Each
 * address block becomes one source (its text is the block as written, so
 * citations point into it) and each dated entry one candidate.
 */
import { lineSpans, type Span } from "./sentences.ts";

export type DossierBlock = Span & { urls: string[] };
export type DossierEntry = Span & { headerEnd: number };

const URL_LINE = /^(?:https?:\/\/|www\.)\S+$/i;
/** "22 May 2007:", "14 Sep 2007 :", "May 22, 2015:", "2016-12-14:" at the start of a line. */
export const ENTRY_HEADER =
  /^(\d{1,2}\s+[A-Z][a-z]{2,8}\.?\s+\d{4}|[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2})\s*:/;

function isUrlLine(text: string, span: Span): boolean {
  return URL_LINE.test(text.slice(span.start, span.end));
}

/** A dossier has several address lines and several dated entries; anything else is read as prose. */
export function looksLikeDossier(text: string): boolean {
  const lines = lineSpans(text);
  const urls = lines.filter((l) => isUrlLine(text, l)).length;
  const entries = lines.filter((l) => ENTRY_HEADER.test(text.slice(l.start, l.end))).length;
  return urls >= 2 && entries >= 2;
}

export function toUrl(line: string): string {
  const trimmed = line.trim();
  return /^www\./i.test(trimmed) ? `https://${trimmed}` : trimmed;
}

/**
 * Blocks start at an address line that follows anything other than another
 * address line; the text before the first address (the dossier's own title)
 * belongs to no block.
 */
export function dossierBlocks(text: string): DossierBlock[] {
  const blocks: DossierBlock[] = [];
  let current: DossierBlock | null = null;
  let inUrls = false;
  for (const line of lineSpans(text)) {
    if (isUrlLine(text, line)) {
      if (!current || !inUrls) {
        if (current) blocks.push(current);
        current = { start: line.start, end: line.end, urls: [] };
      }
      current.urls.push(toUrl(text.slice(line.start, line.end)));
      inUrls = true;
    } else if (current) {
      inUrls = false;
    }
    if (current) current.end = line.end;
  }
  if (current) blocks.push(current);
  return blocks;
}

/** The dated entries of one block's text, each running to the next entry or the end. */
export function dossierEntries(blockText: string): DossierEntry[] {
  const lines = lineSpans(blockText);
  const entries: DossierEntry[] = [];
  for (const line of lines) {
    const lineText = blockText.slice(line.start, line.end);
    const header = ENTRY_HEADER.exec(lineText);
    if (header) entries.push({ start: line.start, end: line.end, headerEnd: line.start + header[0].length });
    else if (entries.length && !URL_LINE.test(lineText)) entries.at(-1)!.end = line.end;
  }
  return entries;
}

/** Lines of a block that are prose, for blocks with no dated entry. */
export function proseLines(blockText: string): Span[] {
  return lineSpans(blockText).filter((l) => !isUrlLine(blockText, l));
}
