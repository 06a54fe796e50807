import { citationRefs, type CitationRef, type KeyJudgment } from "../schemas/briefing.ts";
import type { FrozenEvent } from "../schemas/briefing-document.ts";

/**
 * Footnote order: first appearance in the order a reader meets the text (as
 * citedIdsOf reads it for the export): summary, key judgments, body, then any
 * extra refs. Events and sources share one sequence, as footnotes on paper do.
 */
export function orderedRefs(input: {
  summary?: string;
  body?: string;
  keyJudgments?: Pick<KeyJudgment, "statement" | "eventIds" | "sourceIds">[];
  refs?: CitationRef[];
}): CitationRef[] {
  const seen = new Set<string>();
  const out: CitationRef[] = [];
  const add = (ref: CitationRef) => {
    const key = `${ref.kind}:${ref.id}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(ref);
  };
  citationRefs(input.summary ?? "").forEach(add);
  for (const j of input.keyJudgments ?? []) {
    citationRefs(j.statement).forEach(add);
    j.eventIds.forEach((id) => add({ kind: "event", id }));
    j.sourceIds.forEach((id) => add({ kind: "source", id }));
  }
  citationRefs(input.body ?? "").forEach(add);
  (input.refs ?? []).forEach(add);
  return out;
}

export const splitRefs = (refs: CitationRef[]) => ({
  eventIds: refs.filter((r) => r.kind === "event").map((r) => r.id),
  sourceIds: refs.filter((r) => r.kind === "source").map((r) => r.id),
});

/** A table cell: pipes and line breaks would end the cell or the row. */
const cell = (text: string) => text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\s*[\r\n]+\s*/g, " ").trim();

export const ratingText = (e: Pick<FrozenEvent, "rating" | "contested">) => (e.rating ? `${e.rating}${e.contested ? " (contested)" : ""}` : "Not rated");

/**
 * The chronology section as Markdown: one row per cited event in the order
 * given (date order), each row citing its event so it is footnoted too.
 */
export function chronologyMarkdown(events: Pick<FrozenEvent, "id" | "title" | "dateText" | "rating" | "contested">[]): string {
  const rows = events.map((e) => `| ${cell(e.dateText)} | ${cell(e.title)} [@event:${e.id}] | ${cell(ratingText(e))} |`);
  return ["## Chronology", "", "| Date | Event | Rating |", "| --- | --- | --- |", ...rows, ""].join("\n");
}
