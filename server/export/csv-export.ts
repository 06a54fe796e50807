import { stringify } from "csv-stringify/sync";
import type { BriefingDocument } from "../schemas/briefing-document.ts";

/**
 * The cited events as CSV, in date order. A cell that a spreadsheet would run
 * as a formula (=, +, -, @, tab, carriage return first) is prefixed with an
 * apostrophe, so opening the file never executes text from a briefing.
 */
const FORMULA = /^[=+\-@\t\r]/;
const safe = (v: string) => (FORMULA.test(v) ? `'${v}` : v);

export function citedEventsCsv(doc: BriefingDocument): string {
  const sources = new Map(doc.cited.sources.map((s) => [s.id, s]));
  const rows = doc.cited.events.map((e) => {
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
  // A byte-order mark so spreadsheet programs read Persian and Arabic as UTF-8.
  return `\uFEFF${stringify([["Date", "Event", "Rating", "Contested", "Status", "Sources", "Summary", "Event id", "Version", "Revision id"], ...rows], { record_delimiter: "\r\n" })}`;
}
