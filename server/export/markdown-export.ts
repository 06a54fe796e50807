import { CITATION_TOKEN, CONFIDENCE_LABELS, PROBABILITY_LABELS } from "../schemas/briefing.ts";
import type { BriefingDocument } from "../schemas/briefing-document.ts";
import { citationNumbers } from "./citation-order.ts";
import { correctionHeading, dateTime, longDate, reliabilityText, versionText } from "./pdf-data.ts";
import { quoteTexts } from "./quote-texts.ts";

/**
 * The briefing as one Markdown file: the author's text as written, citations
 * turned into numbered footnotes (the same numbers as the PDF), then the
 * chronology, the sources and the manifest.
 */

/** A table cell: no line breaks, no column separators. */
const cell = (s: string) => s.replace(/\s*\n\s*/g, " ").replace(/\|/g, "\\|");
/** Text on one line where Markdown would otherwise read structure into it. */
const line = (s: string) => s.replace(/\s*\n\s*/g, " ");

/**
 * The passages the cited events rest on, each as the briefing's quote setting
 * chooses (original, translation or both), attributed to its source and, for
 * a translation, to who made and checked it.
 */
function quotedPassages(doc: BriefingDocument, out: string[]) {
  const sources = new Map(doc.cited.sources.map((s) => [s.id, s.title]));
  const withQuotes = doc.cited.events.filter((e) => e.quotes.some((q) => q.stance !== "MENTIONS"));
  if (!withQuotes.length) return;
  out.push("### Quoted passages", "");
  for (const e of withQuotes) {
    out.push(`**${line(e.title)}**`, "");
    for (const q of e.quotes.filter((x) => x.stance !== "MENTIONS")) {
      const stance = q.stance === "CONTRADICTS" ? "contradicts" : "supports";
      for (const t of quoteTexts(q, doc.quoteLanguage)) {
        out.push(`> ${line(t.text)}`);
        if (t.label) out.push(">", `> — *${t.label}*`);
        out.push("");
      }
      out.push(`Source: ${line(sources.get(q.sourceId) ?? q.sourceId)} (${stance}).`, "");
    }
  }
}

export function briefingMarkdown(doc: BriefingDocument, revisionId: string | null): string {
  const { numberOf, order } = citationNumbers(doc);
  const events = new Map(doc.cited.events.map((e) => [e.id, e]));
  const sources = new Map(doc.cited.sources.map((s) => [s.id, s]));
  const cite = (text: string) =>
    text.replace(CITATION_TOKEN, (_m, kind: "event" | "source", id: string) => {
      const n = numberOf.get(`${kind}:${id}`);
      return n ? `[^${n}]` : `[${kind} not available]`;
    });

  const out: string[] = [];
  out.push(`# ${line(doc.title)}`, "");
  out.push(`**${doc.marking}**${doc.published ? "" : " · **DRAFT — not reviewed**"}`, "");
  out.push(`- Workspace: ${line(doc.workspaceName)}`);
  out.push(`- Authors: ${doc.authors.join(", ") || "—"}`);
  out.push(`- Reviewed by: ${doc.reviewers.join(", ") || (doc.published ? "—" : "not reviewed")}`);
  out.push(
    doc.published && doc.publishedAt
      ? `- Published: ${longDate(doc.publishedAt)}`
      : `- Draft exported: ${dateTime(doc.exportedAt)}`,
  );
  out.push(`- Version: ${versionText(doc)}`, "");
  // At the top, as on the PDF's first page: whoever reads the file learns first that it was corrected.
  if (doc.correction) {
    out.push(`> **${correctionHeading(doc.correction.date)}**`, ">");
    for (const para of doc.correction.text.trim().split(/\n\s*\n/)) out.push(`> ${line(para)}`, ">");
    out.pop();
    out.push("");
  }
  if (doc.summary.trim()) out.push("## Summary", "", cite(doc.summary.trim()), "");
  if (doc.keyJudgments.length) {
    out.push("## Key judgments", "");
    doc.keyJudgments.forEach((kj, i) => {
      const p = PROBABILITY_LABELS[kj.probability];
      const support = [...kj.eventIds.map((id) => `event:${id}`), ...kj.sourceIds.map((id) => `source:${id}`)]
        .map((k) => numberOf.get(k))
        .filter((n): n is number => n !== undefined)
        .map((n) => `[^${n}]`)
        .join("");
      out.push(
        `${i + 1}. ${line(cite(kj.statement))}${support} — *${p.term} (${p.range})*, ${CONFIDENCE_LABELS[kj.confidence].toLowerCase()}.`,
      );
    });
    out.push("");
  }
  if (doc.body.trim()) out.push("## Analysis", "", cite(doc.body.trim()), "");
  if (doc.cited.events.length) {
    out.push("## Chronology of cited events", "", "| Date | Event | Rating |", "| --- | --- | --- |");
    for (const e of doc.cited.events)
      out.push(`| ${cell(e.dateText)} | ${cell(e.title)} | ${e.rating ?? "–"}${e.contested ? " (contested)" : ""} |`);
    out.push("");
    quotedPassages(doc, out);
  }
  if (doc.cited.sources.length) {
    out.push("## Sources", "");
    doc.cited.sources.forEach((s, i) => {
      out.push(
        `${i + 1}. ${line(s.title)}.${s.publisher ? ` ${line(s.publisher)}.` : ""} ${s.dateText}.${s.url ? ` <${s.url}>.` : ""} Reliability of the origin: ${reliabilityText(s.reliability)}.`,
      );
    });
    out.push("");
  }
  out.push("## Manifest", "");
  out.push(
    `- Briefing: \`${doc.briefingId}\`, version ${versionText(doc)}, save ${doc.version}${revisionId ? `, revision ${revisionId}` : ""} (${doc.published ? "approved publication" : "working draft, not reviewed"})`,
  );
  out.push(`- Exported: ${dateTime(doc.exportedAt)}`);
  out.push(`- Content hash: \`sha256:${doc.contentHash}\``);
  for (const e of doc.cited.events)
    out.push(`- Event \`${e.id}\` version ${e.version}, revision ${e.revisionId ?? "—"}`);
  for (const s of doc.cited.sources)
    out.push(`- Source \`${s.id}\` version ${s.version}, revision ${s.revisionId ?? "—"}`);
  out.push("");
  order.forEach((ref, i) => {
    if (ref.kind === "event") {
      const e = events.get(ref.id)!;
      out.push(
        `[^${i + 1}]: Event: ${line(e.title)}. ${e.dateText}. Rating ${e.rating ?? "not rated"}${e.contested ? ", contested" : ""}.`,
      );
    } else {
      const s = sources.get(ref.id)!;
      out.push(
        `[^${i + 1}]: Source: ${line(s.title)}${s.publisher ? `, ${line(s.publisher)}` : ""}. ${s.dateText}.${s.url ? ` <${s.url}>.` : ""} Reliability ${reliabilityText(s.reliability)}.`,
      );
    }
  });
  return `${out.join("\n").trimEnd()}\n`;
}
