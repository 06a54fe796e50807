/**
 * From a source's text to candidate events, in small units of work (a
 * paragraph, a dossier entry) so the caller can yield to the event loop
 * between them. A candidate is an event the text reports: its date, a
 * proposed title and the passages that carry it, with offsets into the text
 * the source stores. A passage is the dated sentence and the sentences after
 * it that go on about the same thing ("It asked for …"); repeated mentions of
 * one event become one candidate with several passages (repeats.ts).
 */
// A passage becomes a citation's quote when accepted, so it may be no longer than a quote.
import { MAX_QUOTE as MAX_PASSAGE } from "../schemas/citation.ts";
import {
  latestInstant,
  earliestInstant,
  type DatePrecision,
  type EventDate,
  type PartialDate,
} from "../schemas/partial-date.ts";
import { findDates, scanDates, type FoundDate, type UnanchoredDate } from "./date-finder.ts";
import { dossierEntries, proseLines } from "./dossier.ts";
import { isAboutTheDocument, isBiography, isDocumentLine, isHypothetical, isPeriodHeading } from "./non-events.ts";
import { mergeRepeats } from "./repeats.ts";
import { lineSpans, sentenceSpans, trimSpan, type Span } from "./sentences.ts";
import { proposeTitle } from "./title.ts";

export type DraftPassage = { text: string; startOffset: number; endOffset: number; dateText: string };

export type DraftCandidate = {
  title: string;
  /** The date as written in the first passage. */
  dateText: string;
  /** Null when the text gives no way to place the date ("last October" with no publication date). */
  date: EventDate | null;
  precision: DatePrecision;
  unanchored: boolean;
  /** The first is the telling the title and date come from; the others follow in document order. */
  passages: DraftPassage[];
};

export type WorkUnit = { kind: "paragraph" | "entry"; span: Span; headerEnd?: number };

/** A dateline ("Friday, December 09, 2016") or a caption is not a report of something happening. */
const MIN_WORDS = 5;
/** How many sentences after the dated one a passage may take in. */
const MAX_FOLLOWING = 2;

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

type AnyDate = FoundDate | UnanchoredDate;
const isAnchored = (d: AnyDate): d is FoundDate => !("unanchored" in d);

/** Absolute dates before relative ones, and any date before one nothing anchors. */
function bestDate(dates: AnyDate[]): AnyDate | undefined {
  return dates.find((d) => isAnchored(d) && !d.relative) ?? dates.find(isAnchored) ?? dates[0];
}

/**
 * A sentence that goes on about what the one before it reported: a pronoun
 * or "the delegation" standing for its subject, or the scene of it ("During
 * the visit", "There").
 */
const CONTINUES =
  /^[“"‘]?(?:it|they|he|she|its|their|his|her|there|this|these|both|neither|during\s+(?:the|that|this|its|their)\b|at\s+the\s+(?:meeting|talks|time)|in\s+return|in\s+exchange|the\s+(?:same|two|three)\b)/i;
const DEFINITE_NOUN = /^[“"‘]?the\s+(\p{L}{4,})/iu;

function continues(previous: string, sentence: string): boolean {
  if (CONTINUES.test(sentence)) return true;
  // "The delegation …" after a sentence that introduced "a delegation".
  const noun = DEFINITE_NOUN.exec(sentence)?.[1]?.toLowerCase();
  return Boolean(noun && new RegExp(`\\b(?:a|an)\\s+(?:[\\p{L}'’-]+\\s+){0,3}${noun}\\b`, "iu").test(previous));
}

function afterPublication(date: EventDate, pubDate: PartialDate | null): boolean {
  return Boolean(pubDate && earliestInstant(date.start).getTime() > latestInstant(pubDate).getTime());
}

function paragraphCandidates(text: string, span: Span, pubDate: PartialDate | null): DraftCandidate[] {
  const paragraph = text.slice(span.start, span.end);
  if (isDocumentLine(paragraph) || isBiography(paragraph)) return [];
  const dates = scanDates(paragraph, pubDate).map((d) => ({ ...d, index: d.index + span.start }));
  if (dates.length === 0) return [];
  const sentences = sentenceSpans(text, span.start, span.end);
  const datesIn = (s: Span) => dates.filter((d) => d.index >= s.start && d.index < s.end);
  const out: DraftCandidate[] = [];
  for (let i = 0; i < sentences.length; i++) {
    const sentence = sentences[i]!;
    const date = bestDate(datesIn(sentence));
    if (!date) continue;
    const own = text.slice(sentence.start, sentence.end);
    const rest = own.slice(0, date.index - sentence.start) + own.slice(date.index - sentence.start + date.text.length);
    if (wordCount(rest) < MIN_WORDS || isAboutTheDocument(own)) continue;
    if (isAnchored(date)) {
      const isRange = Boolean(date.date.end) || /\d\s*[–—-]\s*\d|\d0['’]?s\b/.test(date.text);
      if (sentences.length === 1 && isPeriodHeading(paragraph, { precision: date.precision, isRange })) continue;
      if (isHypothetical(own, afterPublication(date.date, pubDate))) continue;
    } else if (isHypothetical(own, false)) continue;
    // The sentences after it that go on about the same thing, while they carry no date of their own.
    let end = sentence.end;
    const following: string[] = [];
    for (let j = i + 1; j < sentences.length && following.length < MAX_FOLLOWING; j++) {
      const next = sentences[j]!;
      const nextText = text.slice(next.start, next.end);
      const previous = text.slice(sentences[j - 1]!.start, sentences[j - 1]!.end);
      if (datesIn(next).length || !continues(previous, nextText) || next.end - sentence.start > MAX_PASSAGE) break;
      following.push(nextText);
      end = next.end;
    }
    if (end - sentence.start > MAX_PASSAGE) continue;
    i += following.length;
    out.push({
      title: proposeTitle(own, { index: date.index - sentence.start, text: date.text }, following),
      dateText: date.text,
      date: isAnchored(date) ? date.date : null,
      precision: date.precision,
      unanchored: !isAnchored(date),
      passages: [
        { text: text.slice(sentence.start, end), startOffset: sentence.start, endOffset: end, dateText: date.text },
      ],
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
      unanchored: false,
      passages: [{ text: text.slice(span.start, end), startOffset: span.start, endOffset: end, dateText: date.text }],
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
  return mergeRepeats(workUnits(text, mode).flatMap((unit) => unitCandidates(text, unit, pubDate)));
}
