/**
 * A date typed by an analyst ("March 2011", "c. 2015", "late 1990s",
 * "2011–2012", "before January 2016"), read by the same parser the importer
 * uses on documents (date-finder.ts), so a form, a filter and an import agree
 * on what a phrase means. The whole entry must be one date: "March 2011 and
 * then some" is refused rather than half-read.
 */
import { dateBounds, eventDateSchema, parseDateFilter, type EventDate } from "../schemas/partial-date.ts";
import { scanDates } from "./date-finder.ts";

/** Words around a date that say nothing about it: "in March 2011", "on 3 May 2015", "March 2011." */
const LEADING = /^(?:in|on|at|during|of|the)\s+/i;
const EDGE_PUNCTUATION = /^[\s,.;:()"“”'‘’]+|[\s,.;:()"“”'‘’]+$/g;
const QUALIFIER_WORDS: [RegExp, EventDate["qualifier"]][] = [
  [/^(?:c\.|ca\.|circa|about|around|approximately|approx\.|~)\s*/i, "CIRCA"],
  [/^(?:before|until)\s+/i, "BEFORE"],
  [/^(?:after|since)\s+/i, "AFTER"],
];
/** A range typed with an en dash, a hyphen or a word between two dates: "March–June 2011", "3 May to 5 June 2015". */
const RANGE_SEPARATOR = /\s*(?:–|—|\s-\s|\bto\b|\buntil\b|\bthrough\b)\s*/i;

/** The written text reduced to what the parser needs. */
function tidy(text: string): string {
  return text.normalize("NFKC").replace(/\s+/g, " ").replace(EDGE_PUNCTUATION, "").replace(LEADING, "");
}

/** One date phrase, read whole by the importer's parser, or null. */
function readWhole(text: string): EventDate | null {
  const found = scanDates(text);
  if (found.length !== 1) return null;
  const f = found[0]!;
  if ("unanchored" in f) return null;
  // Everything typed must belong to the date: no words left over on either side.
  const rest = (text.slice(0, f.index) + text.slice(f.index + f.text.length)).replace(/[\s,.;:]+/g, "");
  if (rest && !/^(?:in|on|the|of)+$/i.test(rest)) return null;
  return f.date;
}

/** "2011-03", "2011-03-14", "2011": the form the filters always took. */
function readIso(text: string): EventDate | null {
  const d = parseDateFilter(text);
  return d ? { start: d, end: null, qualifier: "EXACT" } : null;
}

function readOne(text: string): EventDate | null {
  return readIso(text) ?? readWhole(text) ?? readWhole(`in ${text}`);
}

/**
 * Reads a typed date, or returns null when it is not one date. A qualifier
 * word ("c.", "before", "after") applies to what follows; a range is read
 * whole first (the parser knows "2011–2012" and "March–June 2011"), then as
 * two dates either side of a separator, the first borrowing the year of the
 * second ("3 May to 5 June 2015").
 */
export function readDateText(raw: string): EventDate | null {
  const text = tidy(raw);
  if (!text || text.length > 80) return null;
  for (const [word, qualifier] of QUALIFIER_WORDS) {
    const m = word.exec(text);
    if (!m) continue;
    const inner = readDateText(text.slice(m[0].length));
    if (!inner || inner.qualifier !== "EXACT") return null;
    return valid({ ...inner, qualifier, end: qualifier === "CIRCA" ? inner.end : null }, qualifier !== "CIRCA");
  }
  const whole = readOne(text);
  if (whole) return valid(whole, false);
  const parts = text.split(RANGE_SEPARATOR);
  if (parts.length !== 2) return null;
  const end = readOne(parts[1]!);
  if (!end || end.end || end.qualifier !== "EXACT") return null;
  const start = readOne(parts[0]!) ?? readOne(`${parts[0]} ${end.start.year}`);
  if (!start || start.end || start.qualifier !== "EXACT") return null;
  return valid({ start: start.start, end: end.start, qualifier: "EXACT" }, false);
}

/** The date only if the schema accepts it (end after start, real days); "before"/"after" take a single date. */
function valid(d: EventDate, single: boolean): EventDate | null {
  if (single && d.end) return null;
  const parsed = eventDateSchema.safeParse(d);
  return parsed.success ? parsed.data : null;
}

/** The instants a date filter keeps: events whose date can fall between them (null: open). */
export type DateWindow = { start: Date | null; end: Date | null };

/**
 * The window of the chronology and search filters: "from" keeps what can fall
 * on or after the earliest moment of what was typed, "to" what can fall on or
 * before its latest, "when" what overlaps it. Each is read like a typed event
 * date. Returns null when no date filter is set, and the field's name when one
 * cannot be read.
 */
export function dateFilterWindow(filters: {
  from?: string | null;
  to?: string | null;
  when?: string | null;
}): { window: DateWindow | null } | { unreadable: "from" | "to" | "when" } {
  let start: Date | null = null;
  let end: Date | null = null;
  let any = false;
  const later = (a: Date | null, b: Date | null) => (a && b ? (a > b ? a : b) : (a ?? b));
  const sooner = (a: Date | null, b: Date | null) => (a && b ? (a < b ? a : b) : (a ?? b));
  for (const key of ["from", "to", "when"] as const) {
    const typed = filters[key]?.trim();
    if (!typed) continue;
    const date = readDateText(typed);
    if (!date) return { unreadable: key };
    any = true;
    const bounds = dateBounds(date);
    if (key !== "to") start = later(start, bounds.earliest);
    if (key !== "from") end = sooner(end, bounds.latest);
  }
  return { window: any ? { start, end } : null };
}
