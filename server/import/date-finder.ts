/**
 * Finds the dates a text mentions and turns each into an event date with an
 * honest precision: what chrono-node *read* (its known values) decides the
 * precision, never what it filled in from the reference (its implied values).
 * "August 2021" is a month, "In 1998" a year, "on Monday" a day that only the
 * publication date can place, and "two months ago" about a month.
 *
 * Relative phrases are resolved against the document's publication date;
 * without one they are dropped rather than guessed. A date resolved from a
 * vague publication date (only a month known) is no more precise than it.
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

const parser = (() => {
  const c = chrono.casual.clone();
  c.parsers.push(...extraParsers);
  return c;
})();

/** Words chrono reads as "the reference instant": in an article they say "currently", not when something happened. */
const NOT_A_DATE = /^(now|today|tonight|right now|currently)$/i;
const RELATIVE_WORDS = /\b(this|last|next|ago|past|previous|coming|yesterday|tomorrow|earlier|later)\b/i;
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
): FoundDate | null {
  const phrase = r.text.replace(/[\s,.;:]+$/, "");
  if (NOT_A_DATE.test(phrase)) return null;
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
  if (relative && !reference) return null;
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
  const modifier = LEADING_MODIFIER.exec(text.slice(Math.max(0, r.index - 6), r.index));
  // Chrono keeps the "on" of "on Monday"; the date as written starts after it.
  const preposition = /^(?:on|at)\s+/i.exec(phrase)?.[0].length ?? 0;
  const index = modifier ? r.index - modifier[0].length : r.index + preposition;
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
  const reference = pubDate ? referenceInstant(pubDate) : null;
  const readable = asciiDigits(text);
  const results = parser.parse(
    readable,
    { instant: reference ?? new Date(Date.UTC(2000, 0, 1, 12)), timezone: 0 },
    { forwardDate: false },
  );
  const found: FoundDate[] = [];
  for (const r of results) {
    const f = toFound(r, readable, reference, pubDate ? precisionOfPartial(pubDate) : null);
    // The phrase as written, in the document's own digits.
    if (f) found.push({ ...f, text: text.slice(f.index, f.index + f.text.length) });
  }
  return found;
}
