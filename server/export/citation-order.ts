import type { CitationRef } from "../schemas/briefing.ts";
import type { BriefingDocument } from "../schemas/briefing-document.ts";
import { CitationNumbering, markdownToBlocks, markdownToInlines } from "./markdown-tree.ts";

/**
 * Footnote numbers as the PDF assigns them (first appearance in summary, key
 * judgments, body), for exports that do not go through the content tree.
 */
export function citationNumbers(doc: BriefingDocument): { numberOf: Map<string, number>; order: CitationRef[] } {
  const events = new Set(doc.cited.events.map((e) => e.id));
  const sources = new Set(doc.cited.sources.map((s) => s.id));
  const numbering = new CitationNumbering((r) => (r.kind === "event" ? events.has(r.id) : sources.has(r.id)));
  markdownToBlocks(doc.summary, numbering);
  for (const kj of doc.keyJudgments) {
    markdownToInlines(kj.statement, numbering);
    for (const id of kj.eventIds) numbering.cite({ kind: "event", id });
    for (const id of kj.sourceIds) numbering.cite({ kind: "source", id });
  }
  markdownToBlocks(doc.body, numbering);
  return { numberOf: new Map(numbering.order.map((r, i) => [`${r.kind}:${r.id}`, i + 1])), order: numbering.order };
}
