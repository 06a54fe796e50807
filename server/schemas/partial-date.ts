import "./zod-config.ts";
import { z } from "zod";

/**
 * Dates as analysts write them: a year, a month or a day, a range whose ends
 * each have their own precision, and "about", "before" or "after". Stored as
 * the parts written plus the earliest and latest instant the date can mean
 * (UTC), which is what sorting and filtering use: "2011" and "March 2011" both
 * overlap a filter for March 2011. Pure and isomorphic.
 */
export const DATE_QUALIFIERS = ["EXACT", "CIRCA", "BEFORE", "AFTER"] as const;
export type DateQualifier = (typeof DATE_QUALIFIERS)[number];
export type DatePrecision = "DAY" | "MONTH" | "YEAR";

export const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const partialDateShape = z.object({
  year: z
    .number({ message: "Enter a year" })
    .int("Enter a whole year")
    .min(1, "Enter a year after 0")
    .max(9999, "Enter a year before 10000"),
  month: z.number().int().min(1, "Choose a month").max(12, "Choose a month").nullish(),
  day: z.number().int().min(1, "Enter a day from 1").max(31, "Enter a day up to 31").nullish(),
});

export const partialDateSchema = partialDateShape.superRefine((d, ctx) => {
  if (d.day != null && d.month == null) {
    ctx.addIssue({ code: "custom", path: ["month"], message: "Choose the month of that day" });
    return;
  }
  if (d.day != null && d.month != null && d.day > daysInMonth(d.year, d.month)) {
    ctx.addIssue({
      code: "custom",
      path: ["day"],
      message: `${MONTHS[d.month - 1]} ${d.year} has ${daysInMonth(d.year, d.month)} days`,
    });
  }
});
export type PartialDate = z.infer<typeof partialDateSchema>;

export const eventDateSchema = z
  .object({
    start: partialDateSchema,
    end: partialDateSchema.nullish(),
    qualifier: z.enum(DATE_QUALIFIERS).default("EXACT"),
  })
  .superRefine((d, ctx) => {
    // "Before 1" and "about 1" reach into year 0, which the database's calendar does not have.
    const { earliest, latest } = dateBounds(d);
    const reach = earliest ?? latest;
    if (reach && reach < earliestInstant({ year: 1 })) {
      ctx.addIssue({ code: "custom", path: ["qualifier"], message: "Dates can reach back no further than the year 1" });
      return;
    }
    if (!d.end) return;
    if (d.qualifier === "BEFORE" || d.qualifier === "AFTER") {
      ctx.addIssue({
        code: "custom",
        path: ["qualifier"],
        message: "Use “before” or “after” with a single date, not a range",
      });
      return;
    }
    if (latestInstant(d.end) < earliestInstant(d.start)) {
      ctx.addIssue({ code: "custom", path: ["end"], message: "The end is before the start" });
    }
  });
export type EventDate = z.infer<typeof eventDateSchema>;
export type EventDateInput = z.input<typeof eventDateSchema>;

export function precisionOf(d: PartialDate): DatePrecision {
  return d.day != null ? "DAY" : d.month != null ? "MONTH" : "YEAR";
}

/** Midnight UTC of a day; day and month overflow roll into the next month or year. */
function utcDay(year: number, month: number, day: number): Date {
  const r = new Date(0);
  r.setUTCFullYear(year, month - 1, day); // unlike Date.UTC, keeps years 0–99 as written
  return r;
}

/** The first instant the date can mean, in UTC. */
export function earliestInstant(d: PartialDate): Date {
  return utcDay(d.year, d.month ?? 1, d.day ?? 1);
}

/** The last millisecond the date can mean, in UTC. */
export function latestInstant(d: PartialDate): Date {
  const next =
    d.day != null
      ? { year: d.year, month: d.month!, day: d.day + 1 }
      : d.month != null
        ? { year: d.year, month: d.month + 1, day: 1 }
        : { year: d.year + 1, month: 1, day: 1 };
  return new Date(utcDay(next.year, next.month, next.day).getTime() - 1);
}

/** How far "about" widens a date, by precision: a week, a month, a year. */
function widen(instant: Date, precision: DatePrecision, sign: 1 | -1): Date {
  const r = new Date(instant);
  if (precision === "DAY") r.setUTCDate(r.getUTCDate() + 7 * sign);
  else if (precision === "MONTH") r.setUTCMonth(r.getUTCMonth() + sign);
  else r.setUTCFullYear(r.getUTCFullYear() + sign);
  return r;
}

export type DateBounds = { earliest: Date | null; latest: Date | null };

/** Earliest and latest instant; null stands for "open" (before/after). */
export function dateBounds(d: EventDate): DateBounds {
  const last = d.end ?? d.start;
  switch (d.qualifier) {
    case "BEFORE":
      return { earliest: null, latest: new Date(earliestInstant(d.start).getTime() - 1) };
    case "AFTER":
      return { earliest: new Date(latestInstant(d.start).getTime() + 1), latest: null };
    case "CIRCA":
      return {
        earliest: widen(earliestInstant(d.start), precisionOf(d.start), -1),
        latest: widen(latestInstant(last), precisionOf(last), 1),
      };
    default:
      return { earliest: earliestInstant(d.start), latest: latestInstant(last) };
  }
}

/**
 * The instant lists sort by: the start as written (so "c. 2016" sorts with
 * 2016, not with the widened 2015), or for "before X" the end of the open range.
 */
export function sortInstant(d: EventDate): Date {
  return d.qualifier === "BEFORE" ? new Date(earliestInstant(d.start).getTime() - 1) : earliestInstant(d.start);
}

function formatOne(d: PartialDate): string {
  if (d.day != null) return `${d.day} ${MONTHS[d.month! - 1]} ${d.year}`;
  if (d.month != null) return `${MONTHS[d.month - 1]} ${d.year}`;
  return String(d.year);
}

/** A range written the way people write it: "3–5 May 2015", "March–June 2011", "2011–2012". */
function formatRange(a: PartialDate, b: PartialDate): string {
  const pa = precisionOf(a);
  const pb = precisionOf(b);
  if (pa === pb && a.year === b.year) {
    if (pa === "YEAR") return String(a.year);
    if (pa === "MONTH")
      return a.month === b.month ? formatOne(a) : `${MONTHS[a.month! - 1]}–${MONTHS[b.month! - 1]} ${a.year}`;
    if (a.month === b.month)
      return a.day === b.day ? formatOne(a) : `${a.day}–${b.day} ${MONTHS[a.month! - 1]} ${a.year}`;
    return `${a.day} ${MONTHS[a.month! - 1]} – ${b.day} ${MONTHS[b.month! - 1]} ${a.year}`;
  }
  const sep = pa === "YEAR" && pb === "YEAR" ? "–" : " – ";
  return `${formatOne(a)}${sep}${formatOne(b)}`;
}

/** The date as written: "March 2011", "c. 1999", "2011–2012", "before June 2001". */
export function formatEventDate(d: EventDateInput): string {
  const text = d.end ? formatRange(d.start, d.end) : formatOne(d.start);
  switch (d.qualifier ?? "EXACT") {
    case "CIRCA":
      return `c. ${text}`;
    case "BEFORE":
      return `before ${text}`;
    case "AFTER":
      return `after ${text}`;
    default:
      return text;
  }
}

/**
 * How a typed date was understood, said plainly before it is saved:
 * "month: March 2011", "year: 2015, about", "range: 2011–2012", "before: January 2016".
 */
export function describeEventDate(d: EventDateInput): string {
  const qualifier = d.qualifier ?? "EXACT";
  const written = formatEventDate({ ...d, qualifier: "EXACT" });
  if (qualifier === "BEFORE") return `before: ${written}`;
  if (qualifier === "AFTER") return `after: ${written}`;
  const kind = d.end ? "range" : precisionOf(d.start).toLowerCase();
  return `${kind}: ${written}${qualifier === "CIRCA" ? ", about" : ""}`;
}

/** A filter range from "2011", "2011-03" or "2011-03-14" (the bounds a user types). */
export function parseDateFilter(value: string): PartialDate | null {
  const m = /^(\d{1,4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(value.trim());
  if (!m) return null;
  const d = { year: Number(m[1]), month: m[2] ? Number(m[2]) : null, day: m[3] ? Number(m[3]) : null };
  return partialDateSchema.safeParse(d).success ? d : null;
}
