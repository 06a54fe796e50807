/**
 * From a source's text to candidate events, in small units of work (a
 * paragraph, a dossier entry) so the caller can yield to the event loop
 * between them. A candidate is a sentence (or a dossier entry) that reports
 * something dated: its date, a proposed title and the exact passage, with
 * offsets into the text the source stores.
 */
// A passage becomes a citation's quote when accepted, so it may be no longer than a quote.
import { MAX_QUOTE as MAX_PASSAGE } from "../schemas/citation.ts";
import type { DatePrecision, EventDate, PartialDate } from "../schemas/partial-date.ts";
import { findDates, type FoundDate } from "./date-finder.ts";
import { dossierEntries, proseLines } from "./dossier.ts";
import { lineSpans, sentenceSpans, trimSpan, type Span } from "./sentences.ts";
import { proposeTitle } from "./title.ts";

export type DraftCandidate = {
  title: string;
  dateText: string;
  date: EventDate;
  precision: DatePrecision;
  passage: string;
  startOffset: number;
  endOffset: number;
};

export type WorkUnit = { kind: "paragraph" | "entry"; span: Span; headerEnd?: number };

/** A dateline ("Friday, December 09, 2016") or a caption is not a report of something happening. */
const MIN_WORDS = 5;

/** Units of a plain document: its paragraphs. Of a dossier block: its entries, or its prose when it has none. */
export function workUnits(text: string, mode: "document" | "dossier-block"): WorkUnit[] {
  if (mode === "dossier-block") {
    const entries = dossierEntries(text);
    if (entries.length)
      return entries.map((e) => ({ kind: "entry", span: { start: e.start, end: e.end }, headerEnd: e.headerEnd }));
    return proseLines(text).flatMap((span) =>
      splitLong(text, span).map((part) => ({ kind: "paragraph" as const, span: part })),
    );
  }
  return lineSpans(text).flatMap((span) =>
    splitLong(text, span).map((part) => ({ kind: "paragraph" as const, span: part })),
  );
}

/** A text pasted without line breaks is one huge paragraph: cut it at sentences so no unit holds the event loop long. */
const MAX_UNIT_CHARS = 1500;
function splitLong(text: string, span: Span): Span[] {
  if (span.end - span.start <= MAX_UNIT_CHARS) return [span];
  const parts: Span[] = [];
  for (const s of sentenceSpans(text, span.start, span.end)) {
    const last = parts.at(-1);
    if (last && s.end - last.start <= MAX_UNIT_CHARS) last.end = s.end;
    else parts.push({ ...s });
  }
  return parts;
}

function wordCount(s: string): number {
  return s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** Absolute dates before relative ones: "September 11" near "of 2001" is less sure than "2001". */
function bestDate(dates: FoundDate[]): FoundDate | undefined {
  return dates.find((d) => !d.relative) ?? dates[0];
}

function paragraphCandidates(text: string, span: Span, pubDate: PartialDate | null): DraftCandidate[] {
  const paragraph = text.slice(span.start, span.end);
  const dates = findDates(paragraph, pubDate).map((d) => ({ ...d, index: d.index + span.start }));
  if (dates.length === 0) return [];
  const out: DraftCandidate[] = [];
  for (const sentence of sentenceSpans(text, span.start, span.end)) {
    const inside = dates.filter((d) => d.index >= sentence.start && d.index < sentence.end);
    const date = bestDate(inside);
    if (!date) continue;
    const passage = text.slice(sentence.start, sentence.end);
    const rest =
      passage.slice(0, date.index - sentence.start) + passage.slice(date.index - sentence.start + date.text.length);
    if (wordCount(rest) < MIN_WORDS || passage.length > MAX_PASSAGE) continue;
    out.push({
      title: proposeTitle(passage, { index: date.index - sentence.start, text: date.text }),
      dateText: date.text,
      date: date.date,
      precision: date.precision,
      passage,
      startOffset: sentence.start,
      endOffset: sentence.end,
    });
  }
  return out;
}

/** An entry is cited whole (up to the quote limit, ending on a sentence). */
function entryCandidate(text: string, span: Span, headerEnd: number): DraftCandidate[] {
  const header = text.slice(span.start, headerEnd);
  const date = findDates(header).find((d) => !d.relative);
  if (!date) return [];
  let end = span.end;
  if (end - span.start > MAX_PASSAGE) {
    const fitting = sentenceSpans(text, span.start, span.start + MAX_PASSAGE).filter(
      (s) => s.end < span.start + MAX_PASSAGE,
    );
    end = fitting.at(-1)?.end ?? span.start + MAX_PASSAGE;
  }
  const body = trimSpan(text, { start: headerEnd, end });
  const firstSentence = body ? sentenceSpans(text, body.start, Math.min(body.end, body.start + 1000))[0] : undefined;
  const title = firstSentence
    ? proposeTitle(text.slice(firstSentence.start, firstSentence.end))
    : `Entry of ${date.text}`;
  return [
    {
      title,
      dateText: date.text,
      date: date.date,
      precision: date.precision,
      passage: text.slice(span.start, end),
      startOffset: span.start,
      endOffset: end,
    },
  ];
}

export function unitCandidates(text: string, unit: WorkUnit, pubDate: PartialDate | null): DraftCandidate[] {
  return unit.kind === "entry"
    ? entryCandidate(text, unit.span, unit.headerEnd!)
    : paragraphCandidates(text, unit.span, pubDate);
}

/** Everything at once, for tests and small texts; the service walks the units itself. */
export function extractCandidates(
  text: string,
  mode: "document" | "dossier-block",
  pubDate: PartialDate | null = null,
): DraftCandidate[] {
  return workUnits(text, mode).flatMap((unit) => unitCandidates(text, unit, pubDate));
}
