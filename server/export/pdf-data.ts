import { HIDDEN_GRADE, RELIABILITY_LABELS, type Reliability } from "../schemas/admiralty.ts";
import { CONFIDENCE_LABELS, PROBABILITY_LABELS, type CitationRef } from "../schemas/briefing.ts";
import type { BriefingDocument, FrozenEvent, FrozenSource } from "../schemas/briefing-document.ts";
import { dominantDirection, isolateRuns } from "../schemas/bidi-runs.ts";
import { MONTHS } from "../schemas/partial-date.ts";
import { SOURCE_KIND_LABELS } from "../schemas/source.ts";
import { ExportLimitError, EXPORT_LIMITS } from "./limits.ts";
import { briefingFigures } from "./figures.ts";
import { quoteTexts } from "./quote-texts.ts";
import {
  breakable,
  CitationNumbering,
  isRtl,
  markdownToBlocks,
  markdownToInlines,
  type Block,
  type Inline,
} from "./markdown-tree.ts";

/**
 * The briefing as the Typst template reads it (JSON through `sys.inputs`):
 * every user string is a value, never markup. Also numbers the citations and
 * checks the size limits before any compile starts.
 */

type Txt = { v: string; rtl: boolean };
/** A line of user text: its direction by majority and the other script's runs isolated, as on the web. */
const txt = (s: string): Txt => {
  const base = dominantDirection(s);
  return { v: breakable(isolateRuns(s, base)), rtl: base === "rtl" };
};

export type Note =
  | { kind: "event"; title: Txt; date: string; rating: string }
  | { kind: "source"; title: Txt; publisher: Txt | null; date: string; url: string | null; reliability: string };

export type PdfData = {
  title: Txt;
  marking: string;
  draft: boolean;
  /** The approved correction notice, printed on the first page: its heading (with the date) and text. */
  correction: { heading: string; text: Txt } | null;
  workspace: Txt;
  authors: string;
  reviewers: string;
  dateLabel: string;
  dateText: string;
  version: string;
  summary: Block[];
  judgments: { statement: Inline[]; rtl: boolean; term: string; range: string; confidence: string }[];
  body: Block[];
  notes: Note[];
  /** Citations listed at the end instead of at the foot of each page (very many of them). */
  endnotes: boolean;
  /** Figures (the timeline of cited events…) as SVG, drawn by the app's drawing code. */
  figures: { caption: string; svg: string }[];
  chronology: {
    date: string;
    title: Txt;
    rating: string;
    contested: boolean;
    /** Each quote's texts as the briefing chooses: original, translation or both, each in its own direction. */
    quotes: { texts: { text: Txt; label: string | null }[]; source: string; stance: string }[];
  }[];
  sources: { title: Txt; publisher: Txt | null; date: string; kind: string; url: string | null; reliability: string }[];
  manifest: {
    briefingId: string;
    /** "2, save 8": the version people use and the exact state exported. */
    version: string;
    revisionId: string | null;
    status: string;
    exportedAt: string;
    contentHash: string;
    /** originalSha256: of a source's original file, when one is kept (proves which document was quoted). */
    items: { kind: string; id: string; version: number; revisionId: string; originalSha256: string | null }[];
  };
};

/** "21 November 2026" (UTC: the same on every server). */
export function longDate(iso: string): string {
  const d = new Date(iso);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/**
 * The line above a corrected briefing's notice, in every export that prints it
 * (PDF and Markdown), so the two cannot word it differently.
 */
export function correctionHeading(iso: string): string {
  return `Correction notice — corrected on ${longDate(iso)}.`;
}

/** "21 November 2026, 17:05 UTC". */
export function dateTime(iso: string): string {
  const d = new Date(iso);
  const hm = `${String(d.getUTCHours()).padStart(2, "0")}:${String(d.getUTCMinutes()).padStart(2, "0")}`;
  return `${longDate(iso)}, ${hm} UTC`;
}

export function reliabilityText(grade: string | null): string {
  if (grade === HIDDEN_GRADE) return `${HIDDEN_GRADE} (hidden until you vote or skip on it)`;
  return grade ? `${grade} (${RELIABILITY_LABELS[grade as Reliability] ?? "rated"})` : "not rated";
}

/** The version as people say it: "2" for a publication, "Draft of version 3" for a working copy. */
export function versionText(doc: Pick<BriefingDocument, "published" | "versionNumber">): string {
  return doc.published ? String(doc.versionNumber) : `Draft of version ${doc.versionNumber}`;
}

/** Quotes per event in the chronology: enough to show the evidence, bounded so 100 events stay readable. */
const QUOTES_PER_EVENT = 2;
const QUOTE_CHARS = 600;

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n).trimEnd()}…` : s;
}

export function buildPdfData(
  doc: BriefingDocument,
  extra: { revisionId: string | null } = { revisionId: null },
): PdfData {
  const events = new Map<string, FrozenEvent>(doc.cited.events.map((e) => [e.id, e]));
  const sources = new Map<string, FrozenSource>(doc.cited.sources.map((s) => [s.id, s]));
  const numbering = new CitationNumbering((r: CitationRef) =>
    r.kind === "event" ? events.has(r.id) : sources.has(r.id),
  );

  const summary = markdownToBlocks(doc.summary, numbering);
  const judgments = doc.keyJudgments.map((kj) => {
    const statement = markdownToInlines(kj.statement, numbering);
    const support = [
      ...kj.eventIds.map((id) => ({ kind: "event" as const, id })),
      ...kj.sourceIds.map((id) => ({ kind: "source" as const, id })),
    ].flatMap((ref, i): Inline[] =>
      i > 0 || statement.at(-1)?.t === "cite" ? [{ t: "sep" }, numbering.cite(ref)] : [numbering.cite(ref)],
    );
    const p = PROBABILITY_LABELS[kj.probability];
    return {
      statement: [...statement, ...support],
      rtl: isRtl(kj.statement),
      term: p.term,
      range: p.range,
      confidence: CONFIDENCE_LABELS[kj.confidence],
    };
  });
  const body = markdownToBlocks(doc.body, numbering);
  if (numbering.count > EXPORT_LIMITS.footnotes) {
    throw new ExportLimitError(
      "TOO_LARGE",
      `This briefing cites ${numbering.count.toLocaleString("en")} different events and sources; a PDF can hold at most ${EXPORT_LIMITS.footnotes.toLocaleString("en")}.`,
    );
  }

  const notes: Note[] = numbering.order.map((ref) => {
    if (ref.kind === "event") {
      const e = events.get(ref.id)!;
      return {
        kind: "event",
        title: txt(e.title),
        date: e.dateText,
        rating: e.rating ? `${e.rating}${e.contested ? ", contested" : ""}` : "not rated",
      };
    }
    const s = sources.get(ref.id)!;
    return {
      kind: "source",
      title: txt(s.title),
      publisher: s.publisher ? txt(s.publisher) : null,
      date: s.dateText,
      url: s.url ? breakable(s.url) : null,
      reliability: reliabilityText(s.reliability),
    };
  });

  const sourceTitle = (id: string) => {
    const s = sources.get(id);
    return s ? (s.publisher ? `${s.publisher}, ${s.title}` : s.title) : "source";
  };

  return {
    title: txt(doc.title),
    marking: doc.marking,
    draft: !doc.published,
    correction: doc.correction
      ? { heading: correctionHeading(doc.correction.date), text: txt(doc.correction.text) }
      : null,
    workspace: txt(doc.workspaceName),
    authors: doc.authors.join(", ") || "—",
    reviewers: doc.reviewers.join(", ") || (doc.published ? "—" : "Not reviewed"),
    dateLabel: doc.published ? "Published" : "Exported",
    dateText: doc.published && doc.publishedAt ? longDate(doc.publishedAt) : dateTime(doc.exportedAt),
    version: versionText(doc),
    summary,
    judgments,
    body,
    notes,
    endnotes: notes.length > EXPORT_LIMITS.pageFootnotes,
    figures: briefingFigures(doc).map((f) => ({ caption: f.caption, svg: f.svg })),
    chronology: doc.cited.events.map((e) => ({
      date: e.dateText,
      title: txt(e.title),
      rating: e.rating ?? "–",
      contested: e.contested,
      quotes: e.quotes
        .filter((q) => q.stance !== "MENTIONS")
        .slice(0, QUOTES_PER_EVENT)
        .map((q) => ({
          texts: quoteTexts(q, doc.quoteLanguage).map((t) => ({
            text: txt(clip(t.text, QUOTE_CHARS)),
            label: t.label,
          })),
          source: breakable(sourceTitle(q.sourceId)),
          stance: q.stance === "CONTRADICTS" ? "contradicts" : "supports",
        })),
    })),
    sources: doc.cited.sources.map((s) => ({
      title: txt(s.title),
      publisher: s.publisher ? txt(s.publisher) : null,
      date: s.dateText,
      kind: (SOURCE_KIND_LABELS as Record<string, string>)[s.kind] ?? s.kind,
      url: s.url ? breakable(s.url) : null,
      reliability: reliabilityText(s.reliability),
    })),
    manifest: {
      briefingId: doc.briefingId,
      version: `${versionText(doc)}, save ${doc.version}`,
      revisionId: extra.revisionId,
      status: doc.published ? "Approved publication" : "Working draft — not reviewed",
      exportedAt: dateTime(doc.exportedAt),
      contentHash: doc.contentHash,
      items: [
        ...doc.cited.events.map((e) => ({
          kind: "Event",
          id: e.id,
          version: e.version,
          revisionId: e.revisionId ?? "—",
          originalSha256: null,
        })),
        ...doc.cited.sources.map((s) => ({
          kind: "Source",
          id: s.id,
          version: s.version,
          revisionId: s.revisionId ?? "—",
          originalSha256: s.originalSha256 ?? null,
        })),
      ],
    },
  };
}
