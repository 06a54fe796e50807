/**
 * Finds the dates a text mentions and turns each into an event date with an
 * honest precision: what chrono-node *read* (its known values) decides the
 * precision, never what it filled in from the reference (its implied values).
 * "August 2021" is a month, "In 1998" a year, "on Monday" a day that only the
 * publication date can place, and "two months ago" about a month.
 *
 * Relative phrases are resolved against the document's publication date;
 * without one they stay unanchored (the analyst sets the date) rather than
 * guessed. A date resolved from a vague publication date (only a month
 * known) is no more precise than it. "Two days later" counts from another
 * date of the story, never from the publication: it is always unanchored.
 *
 * Dates are also read where the writing is careless ("3 ,September. 2018")
 * and where a well-known date is written as a number ("9/11").
 */
import * as chrono from "chrono-node";
import type { ParsedComponents, ParsedResult } from "chrono-node";
import {
  earliestInstant,
  latestInstant,
  type DatePrecision,
  type EventDate,
  type PartialDate,
} from "../schemas/partial-date.ts";
import { extraParsers, TAG_AFTER, TAG_BEFORE, TAG_CIRCA } from "./chrono-extras.ts";

export type FoundDate = {
  /** Offset of the phrase in the text given. */
  index: number;
  /** The phrase as written, e.g. "mid-September", "In 1998". */
  text: string;
  date: EventDate;
  precision: DatePrecision;
  /** Placed with the help of the publication date. */
  relative: boolean;
};

/** A relative phrase with nothing to count from: what was written, how precise it is, and no date. */
export type UnanchoredDate = { index: number; text: string; precision: DatePrecision; unanchored: true };

const parser = (() => {
  const c = chrono.casual.clone();
  c.parsers.push(...extraParsers);
  return c;
})();

/** Words chrono reads as "the reference instant": in an article they say "currently", not when something happened. */
const NOT_A_DATE = /^(now|today|tonight|right now|currently)$/i;
const RELATIVE_WORDS = /\b(this|last|next|ago|past|previous|coming|yesterday|tomorrow|earlier|later)\b/i;
/** Counted from another date of the story, which the publication date is not. */
const SEQUENCE_WORDS = /\b(later|afterwards|earlier|before that|after that|following|next day|previous day)\b/i;
/** How long something lasted, which chrono reads as a date counted forward: "for three days", "within weeks". */
const DURATION =
  /^(?:for|within|in|over)\s+(?:the\s+)?(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few|\d+)\s+)?(?:more\s+)?(?:hours?|days?|weeks?|months?|years?|decades?)$/i;
const AGO = /\bago\b/i;
const PRECISIONS: DatePrecision[] = ["YEAR", "MONTH", "DAY"];
// Chrono stops at the month name; the word before it belongs to what the author wrote.
const LEADING_MODIFIER = /(?:\b(mid|early|late|last|this|next)[\s-])$/i;

function precisionOfComponents(c: ParsedComponents): DatePrecision | null {
  if (c.isCertain("day") || c.isCertain("weekday")) return "DAY";
  if (c.isCertain("month")) return "MONTH";
  if (c.isCertain("year")) return "YEAR";
  return null;
}

function lower(a: DatePrecision, b: DatePrecision): DatePrecision {
  return PRECISIONS[Math.min(PRECISIONS.indexOf(a), PRECISIONS.indexOf(b))]!;
}

function truncate(d: PartialDate, precision: DatePrecision): PartialDate {
  if (precision === "YEAR") return { year: d.year };
  if (precision === "MONTH") return { year: d.year, month: d.month };
  return { year: d.year, month: d.month, day: d.day };
}

/** The instant relative phrases count from: the end of what the publication date says (an article of "May 2015" may speak of any day in May). */
export function referenceInstant(pubDate: PartialDate): Date {
  return pubDate.day != null ? new Date(earliestInstant(pubDate).getTime() + 12 * 3600_000) : latestInstant(pubDate);
}

function componentsDate(c: ParsedComponents): PartialDate {
  return { year: c.get("year")!, month: c.get("month"), day: c.get("day") };
}

/**
 * A month or day without a year is taken as the latest one not after the
 * publication date: news reports what happened, so "a June meeting" in an
 * article of December 2016 is June 2016 (chrono would pick the nearer June 2017).
 */
function notAfterReference(
  d: PartialDate,
  c: ParsedComponents,
  reference: Date | null,
  precision: DatePrecision,
): PartialDate {
  const shaped = truncate(d, precision);
  if (!reference) return shaped;
  if (earliestInstant(shaped).getTime() <= reference.getTime()) return shaped;
  if (!c.isCertain("year") && (c.isCertain("month") || c.isCertain("day"))) return { ...shaped, year: shaped.year - 1 };
  if (c.isCertain("weekday") && !c.isCertain("day")) {
    const back = earliestInstant(shaped);
    back.setUTCDate(back.getUTCDate() - 7);
    return truncate({ year: back.getUTCFullYear(), month: back.getUTCMonth() + 1, day: back.getUTCDate() }, precision);
  }
  return shaped;
}

function toFound(
  r: ParsedResult,
  text: string,
  reference: Date | null,
  referencePrecision: DatePrecision | null,
): FoundDate | UnanchoredDate | null {
  const phrase = r.text.replace(/[\s,.;:]+$/, "");
  if (NOT_A_DATE.test(phrase) || DURATION.test(phrase)) return null;
  // "may" is far more often a verb than a month.
  if (phrase === "may") return null;
  // "August Hanning" is a man, not a month.
  if (
    /^[A-Z][a-z]+$/.test(phrase) &&
    /^ [A-Z][a-z]/.test(text.slice(r.index + phrase.length, r.index + phrase.length + 3))
  )
    return null;
  let precision = precisionOfComponents(r.start);
  if (!precision) return null;
  const tags = r.tags();
  const relative = !r.start.isCertain("year") || tags.has("result/relativeDate") || RELATIVE_WORDS.test(phrase);
  const modifier = LEADING_MODIFIER.exec(text.slice(Math.max(0, r.index - 6), r.index));
  // Chrono keeps the "on" of "on Monday"; the date as written starts after it.
  const preposition = /^(?:on|at)\s+/i.exec(phrase)?.[0].length ?? 0;
  const index = modifier ? r.index - modifier[0].length : r.index + preposition;
  if (relative && (!reference || SEQUENCE_WORDS.test(phrase) || SEQUENCE_WORDS.test(modifier?.[0] ?? "")))
    return { index, text: text.slice(index, r.index + phrase.length), precision, unanchored: true };
  if (relative && referencePrecision) precision = lower(precision, referencePrecision);
  const vague = AGO.test(phrase) || tags.has(TAG_CIRCA);
  const start = notAfterReference(componentsDate(r.start), r.start, relative ? reference : null, precision);
  let end: PartialDate | null = null;
  if (r.end) {
    const endPrecision = precisionOfComponents(r.end) ?? precision;
    end = notAfterReference(componentsDate(r.end), r.end, relative ? reference : null, endPrecision);
    if (earliestInstant(end) < earliestInstant(start) || JSON.stringify(end) === JSON.stringify(start)) end = null;
  }
  const qualifier = vague ? "CIRCA" : tags.has(TAG_BEFORE) ? "BEFORE" : tags.has(TAG_AFTER) ? "AFTER" : "EXACT";
  return {
    index,
    text: text.slice(index, r.index + phrase.length),
    date: { start, end: qualifier === "BEFORE" || qualifier === "AFTER" ? null : end, qualifier },
    precision,
    relative,
  };
}

function precisionOfPartial(d: PartialDate): DatePrecision {
  return d.day != null ? "DAY" : d.month != null ? "MONTH" : "YEAR";
}

/**
 * Persian (۰–۹) and Arabic-Indic (٠–٩) digits read as ASCII ones, so "۱۲ May ۲۰۱۶"
 * parses. Each digit is one UTF-16 unit either way, so offsets still point
 * into the original text.
 */
export function asciiDigits(text: string): string {
  return text.replace(/[\u06F0-\u06F9\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) & 0xf));
}

/** Every date in the text, in order. `pubDate` places relative phrases; without it they are skipped. */
export function findDates(text: string, pubDate?: PartialDate | null): FoundDate[] {
  return scanDates(text, pubDate).filter((d): d is FoundDate => !("unanchored" in d));
}

/** Every date in the text, in order, with the relative phrases nothing anchors. */
export function scanDates(text: string, pubDate?: PartialDate | null): (FoundDate | UnanchoredDate)[] {
  const reference = pubDate ? referenceInstant(pubDate) : null;
  const shorthand = wellKnownShorthand(asciiDigits(text));
  const readable = tidyDatePunctuation(shorthand.masked);
  const results = parser.parse(
    readable,
    { instant: reference ?? new Date(Date.UTC(2000, 0, 1, 12)), timezone: 0 },
    { forwardDate: false },
  );
  const found: (FoundDate | UnanchoredDate)[] = [...shorthand.found];
  for (const r of results) {
    const f = toFound(r, readable, reference, pubDate ? precisionOfPartial(pubDate) : null);
    // The phrase as written, in the document's own digits and punctuation.
    if (f) found.push({ ...f, text: text.slice(f.index, f.index + f.text.length) });
  }
  return found.sort((a, b) => a.index - b.index);
}

const MONTH_NAME =
  "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
// Stray marks between the parts of a date, with the spaces around them: " ,", ". ", "-", " / ".
const STRAY = "(\\s*[,.;:/|·-]{1,2}\\s*|\\s{2,})";
const DAY_MONTH_YEAR = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?${STRAY}(${MONTH_NAME})\\.?${STRAY}(\\d{4})\\b`, "gi");
const MONTH_DAY_YEAR = new RegExp(`\\b(${MONTH_NAME})\\.?${STRAY}(\\d{1,2})(?:st|nd|rd|th)?${STRAY}(\\d{4})\\b`, "gi");

/**
 * "3 ,September. 2018" is 3 September 2018 to a reader; chrono stops at the
 * comma. The marks between the parts become spaces, the same number of
 * characters, so offsets still point into the text as written.
 */
export function tidyDatePunctuation(text: string): string {
  const blank = (m: string) => m.replace(/[^\d\p{L}]/gu, " ");
  return text.replace(DAY_MONTH_YEAR, blank).replace(MONTH_DAY_YEAR, blank);
}

/** Dates known by their numbers alone. Read as the day/month of the publication year they would be wrong. */
const SHORTHAND: Record<string, PartialDate> = {
  "9/11": { year: 2001, month: 9, day: 11 },
  "7/7": { year: 2005, month: 7, day: 7 },
  "26/11": { year: 2008, month: 11, day: 26 },
};
const SHORTHAND_PATTERN = /(?<![\d/.])(9\/11|7\/7|26\/11)(?![\d/])/g;
/** "the 9/11 Commission" names a body, not the day. */
const NAMED_AFTER = /^\s+(?:Commission|Memorial|Museum|Report|Act|Truth\w*|Generation|Era)\b/;

function wellKnownShorthand(text: string): { masked: string; found: FoundDate[] } {
  const found: FoundDate[] = [];
  const masked = text.replace(SHORTHAND_PATTERN, (m, _g, index: number) => {
    if (!NAMED_AFTER.test(text.slice(index + m.length, index + m.length + 20)))
      found.push({
        index,
        text: m,
        date: { start: SHORTHAND[m]!, end: null, qualifier: "EXACT" },
        precision: "DAY",
        relative: false,
      });
    // Hidden from chrono, which would read it as a day of the reference year.
    return " ".repeat(m.length);
  });
  return { masked, found };
}
