import type { ExpectedEvent } from "../fixtures/importer/expected.ts";
import type { PartialDate } from "../../server/schemas/partial-date.ts";

/** The little of a candidate that scoring needs: its date and the text of each of its passages. */
export type ScoredCandidate = { date: { start: PartialDate } | null; passages: string[] };

const sameDay = (a: PartialDate, b: PartialDate) =>
  a.year === b.year && (a.month ?? null) === (b.month ?? null) && (a.day ?? null) === (b.day ?? null);
const flat = (s: string) => s.replace(/\s+/g, " ");

/**
 * Recall: expected events found by some candidate with their date and key
 * phrase. False: candidates that match no expected event. Repeats: further
 * candidates for an event already found (one event should be one candidate).
 * Missing passages: a second passage of an event (the next sentence, a later
 * mention) that the candidate for it does not carry. Unanchored: candidates
 * of an expected event left undated because nothing places their date.
 */
export function scoreCandidates(candidates: ScoredCandidate[], expected: ExpectedEvent[], traps: { key: string }[]) {
  const found = new Map<string, number>();
  let falseCandidates = 0;
  let repeats = 0;
  let trapped = 0;
  let missingPassages = 0;
  let unanchored = 0;
  for (const c of candidates) {
    const text = flat(c.passages.join(" "));
    // Flagged for the analyst to date, which is right when nothing anchors it: neither found nor false.
    if (!c.date && expected.some((e) => text.includes(e.key))) {
      unanchored++;
      continue;
    }
    const event = expected.find((e) => c.date && sameDay(c.date.start, e.date) && text.includes(e.key));
    if (traps.some((t) => text.includes(t.key))) trapped++;
    if (!event) {
      // A later mention of a found event, kept as its own candidate, is a repeat, not a new falsehood.
      const repeat = expected.find((e) => e.passages?.slice(1).some((p) => text.includes(p)));
      if (repeat) repeats++;
      else falseCandidates++;
      continue;
    }
    if (found.has(event.id)) repeats++;
    found.set(event.id, (found.get(event.id) ?? 0) + 1);
    missingPassages += (event.passages ?? []).filter((p) => !text.includes(p)).length;
  }
  return {
    recall: found.size / expected.length,
    found: found.size,
    expected: expected.length,
    falseCandidates,
    trapped,
    repeats,
    missingPassages,
    unanchored,
    missed: expected.filter((e) => !found.has(e.id)).map((e) => e.id),
  };
}
