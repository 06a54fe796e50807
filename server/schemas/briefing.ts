import "./zod-config.ts";
import { z } from "zod";
import { idSchema, pageSchema, text, versionSchema, workspaceScopedSchema } from "./common.ts";
import { markdownProblem } from "./markdown-limits.ts";

/** Handling markings (Traffic Light Protocol 2.0). */
export const MARKINGS = ["TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED"] as const;
export type Marking = (typeof MARKINGS)[number];
export const markingSchema = z.enum(MARKINGS, { message: "Choose a handling marking" });

/** Estimative language for key judgments (ICD 203). */
export const PROBABILITIES = [
  "ALMOST_NO_CHANCE",
  "VERY_UNLIKELY",
  "UNLIKELY",
  "ROUGHLY_EVEN",
  "LIKELY",
  "VERY_LIKELY",
  "ALMOST_CERTAIN",
] as const;
export type Probability = (typeof PROBABILITIES)[number];
export const PROBABILITY_LABELS = {
  ALMOST_NO_CHANCE: { term: "Almost no chance", range: "01–05 %" },
  VERY_UNLIKELY: { term: "Very unlikely", range: "05–20 %" },
  UNLIKELY: { term: "Unlikely", range: "20–45 %" },
  ROUGHLY_EVEN: { term: "Roughly even chance", range: "45–55 %" },
  LIKELY: { term: "Likely", range: "55–80 %" },
  VERY_LIKELY: { term: "Very likely", range: "80–95 %" },
  ALMOST_CERTAIN: { term: "Almost certain", range: "95–99 %" },
} as const satisfies Record<Probability, { term: string; range: string }>;

export const CONFIDENCES = ["LOW", "MODERATE", "HIGH"] as const;
export type Confidence = (typeof CONFIDENCES)[number];
export const CONFIDENCE_LABELS = {
  LOW: "Low confidence",
  MODERATE: "Moderate confidence",
  HIGH: "High confidence",
} as const satisfies Record<Confidence, string>;

export const LIMITS = {
  title: 300,
  summary: 20_000,
  body: 400_000,
  judgments: 50,
  judgment: 2_000,
  comment: 10_000,
} as const;

/** Markdown within the shape limits (nesting, marks per paragraph), so it can be previewed and exported. */
const markdownShape = (text: string, ctx: z.RefinementCtx) => {
  // Past the longest field's limit its own length check has already refused it: no need to read it all.
  if (text.length > LIMITS.body) return;
  const problem = markdownProblem(text);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
};

export const keyJudgmentSchema = z.object({
  /** Stable within the briefing so diffs and edits can follow a judgment. */
  id: text().trim().min(1).max(40),
  statement: text()
    .trim()
    .min(1, "Write the judgment")
    .max(LIMITS.judgment, `Keep a judgment under ${LIMITS.judgment} characters`)
    .superRefine(markdownShape),
  probability: z.enum(PROBABILITIES, { message: "Choose how likely it is" }),
  confidence: z.enum(CONFIDENCES, { message: "Choose a confidence" }),
  eventIds: z.array(idSchema).max(100).default([]),
  sourceIds: z.array(idSchema).max(100).default([]),
});
export type KeyJudgment = z.infer<typeof keyJudgmentSchema>;

/** The part of a briefing that authors write and reviewers approve. */
export const briefingContentSchema = z.object({
  title: text()
    .trim()
    .min(1, "Give the briefing a title")
    .max(LIMITS.title, `Keep the title under ${LIMITS.title} characters`),
  marking: markingSchema,
  summary: text()
    .max(LIMITS.summary, `Keep the summary under ${LIMITS.summary.toLocaleString("en")} characters`)
    .superRefine(markdownShape)
    .default(""),
  body: text()
    .max(LIMITS.body, `Keep the body under ${LIMITS.body.toLocaleString("en")} characters`)
    .superRefine(markdownShape)
    .default(""),
  keyJudgments: z
    .array(keyJudgmentSchema)
    .max(LIMITS.judgments, `At most ${LIMITS.judgments} key judgments`)
    .default([]),
});
export type BriefingContent = z.infer<typeof briefingContentSchema>;

/** Figures a briefing's PDF can print, drawn from what it cites. */
export const FIGURE_KINDS = ["timeline", "network"] as const;
export type FigureKind = (typeof FIGURE_KINDS)[number];
export const briefingFiguresSchema = z.object({
  timeline: z.boolean().default(false),
  network: z.boolean().default(false),
});
export type BriefingFigures = z.infer<typeof briefingFiguresSchema>;
export const NO_FIGURES: BriefingFigures = { timeline: false, network: false };

/** Stored JSON back to the setting; anything unreadable means no figures, never a failed export. */
export function figuresOf(stored: unknown): BriefingFigures {
  return briefingFiguresSchema.safeParse(stored ?? {}).data ?? NO_FIGURES;
}

export const setFiguresSchema = z.object({
  id: idSchema,
  version: versionSchema,
  figures: briefingFiguresSchema,
});
export type SetFiguresInput = z.infer<typeof setFiguresSchema>;

/** Which text of each quote the exports print: the passage as the source has it, its translation, or both. */
export const QUOTE_LANGUAGES = ["ORIGINAL", "TRANSLATION", "BOTH"] as const;
export type QuoteLanguage = (typeof QUOTE_LANGUAGES)[number];
export const QUOTE_LANGUAGE_LABELS = {
  ORIGINAL: "Original only",
  TRANSLATION: "Translation (original where there is none)",
  BOTH: "Original and translation",
} as const satisfies Record<QuoteLanguage, string>;

export const setQuoteLanguageSchema = z.object({
  id: idSchema,
  version: versionSchema,
  quoteLanguage: z.enum(QUOTE_LANGUAGES, { message: "Choose original, translation or both" }),
});
export type SetQuoteLanguageInput = z.infer<typeof setQuoteLanguageSchema>;

export const createBriefingSchema = workspaceScopedSchema.extend({
  title: briefingContentSchema.shape.title,
  marking: markingSchema.optional(),
});
export const listBriefingsSchema = workspaceScopedSchema.extend(pageSchema.shape).extend({
  status: z.enum(["DRAFT", "PENDING", "CHANGES_REQUESTED", "PUBLISHED", "REJECTED"]).optional(),
});
export const commentSchema = z.object({
  briefingId: idSchema,
  body: text()
    .trim()
    .min(1, "Write a comment")
    .max(LIMITS.comment, `Keep the comment under ${LIMITS.comment.toLocaleString("en")} characters`),
});

/** The parts of a briefing's content, in reading order; saves, merges and diffs go field by field. */
export const CONTENT_FIELDS = ["title", "marking", "summary", "keyJudgments", "body"] as const;
export type ContentField = (typeof CONTENT_FIELDS)[number];
export const CONTENT_FIELD_LABELS: Record<ContentField, string> = {
  title: "Title",
  marking: "Marking",
  summary: "Summary",
  keyJudgments: "Key judgments",
  body: "Body",
};

/**
 * Citation tokens in the Markdown body: `[@event:ID]` or `[@source:ID]`.
 * Kept in the text so the body stays plain Markdown anywhere it is read.
 */
export const CITATION_TOKEN = /\[@(event|source):([A-Za-z0-9_-]{1,64})\]/g;
export type CitationRef = { kind: "event" | "source"; id: string };

/** Every reference in a text, first occurrence first, without repeats. */
export function citationRefs(text: string): CitationRef[] {
  const seen = new Set<string>();
  const out: CitationRef[] = [];
  for (const m of text.matchAll(CITATION_TOKEN)) {
    const key = `${m[1]}:${m[2]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ kind: m[1] as CitationRef["kind"], id: m[2]! });
  }
  return out;
}

export const citationToken = (ref: CitationRef) => `[@${ref.kind}:${ref.id}]`;

/**
 * Every reference of a briefing once, in the order a reader meets it:
 * summary, key judgments (statement, then the events and sources behind
 * it), body, then any extra refs. Events and sources share one sequence, as
 * footnotes on paper do; the preview and the exports number by this order.
 */
export function orderedRefs(content: {
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
  citationRefs(content.summary ?? "").forEach(add);
  for (const kj of content.keyJudgments ?? []) {
    citationRefs(kj.statement).forEach(add);
    (kj.eventIds ?? []).forEach((id) => add({ kind: "event", id }));
    (kj.sourceIds ?? []).forEach((id) => add({ kind: "source", id }));
  }
  citationRefs(content.body ?? "").forEach(add);
  (content.refs ?? []).forEach(add);
  return out;
}
