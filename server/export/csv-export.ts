import { stringify } from "csv-stringify/sync";
import type { BriefingDocument, FrozenEvent, FrozenSource } from "../schemas/briefing-document.ts";

/**
 * Events as CSV, one row each, in the order given. A cell that a spreadsheet
 * would run as a formula (=, +, -, @, tab, carriage return first) is prefixed
 * with an apostrophe, so opening the file never executes text from the app.
 * Written row by row (rowsCsv) so an export of a whole chronology streams
 * instead of being built in memory; the briefing's file is the same rows.
 */
const FORMULA = /^[=+\-@\t\r]/;
const safe = (v: string) => (FORMULA.test(v) ? `'${v}` : v);

const HEADER = [
  "Date",
  "Event",
  "Rating",
  "Contested",
  "Status",
  "Sources",
  "Summary",
  "Event id",
  "Version",
  "Revision id",
];
const OPTIONS = { record_delimiter: "\r\n" } as const;

/** A byte-order mark (so spreadsheet programs read Persian and Arabic as UTF-8) and the header row. */
export const CSV_HEAD = `\uFEFF${stringify([HEADER], OPTIONS)}`;

/** The rows of these events; `sources` names the sources their quotes come from (unknown ids print as themselves). */
export function rowsCsv(events: FrozenEvent[], sources: ReadonlyMap<string, FrozenSource>): string {
  const rows = events.map((e) => {
    const quoted = [...new Set(e.quotes.map((q) => q.sourceId))].map((id) => {
      const s = sources.get(id);
      return s ? (s.publisher ? `${s.publisher}: ${s.title}` : s.title) : id;
    });
    return [
      e.dateText,
      e.title,
      e.rating ?? "",
      e.contested ? "yes" : "no",
      e.status,
      quoted.join("; "),
      e.summary,
      e.id,
      String(e.version),
      e.revisionId ?? "",
    ].map(safe);
  });
  return rows.length ? stringify(rows, OPTIONS) : "";
}

/** Rows per chunk written to the response: small enough to keep memory flat, large enough to keep writes few. */
const ROWS_PER_CHUNK = 200;

/** The cited events of a briefing as CSV, in date order, chunk by chunk. */
export function* citedEventsCsvChunks(doc: BriefingDocument): Generator<string> {
  const sources = new Map(doc.cited.sources.map((s) => [s.id, s]));
  yield CSV_HEAD;
  for (let i = 0; i < doc.cited.events.length; i += ROWS_PER_CHUNK)
    yield rowsCsv(doc.cited.events.slice(i, i + ROWS_PER_CHUNK), sources);
}

export function citedEventsCsv(doc: BriefingDocument): string {
  return [...citedEventsCsvChunks(doc)].join("");
}
