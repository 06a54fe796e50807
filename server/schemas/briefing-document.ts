import "./zod-config.ts";
import { z } from "zod";
import type { BriefingContent, BriefingFigures, QuoteLanguage } from "./briefing.ts";
import { ENTITY_KINDS } from "./entity.ts";

/**
 * Everything an export needs, as plain data: what the PDF, Markdown, CSV and
 * JSON exports render. For a published briefing it is built from the frozen
 * publication (content and citations as they were at approval); for a draft,
 * from the working copy and the current state of what it cites.
 */
/**
 * A quote's translation as it stood when frozen, with the names of who made and
 * checked it. Absent when there is none (and from material frozen before
 * translations were kept), so such material hashes as it always did.
 */
const frozenTranslationSchema = z.object({
  text: z.string(),
  language: z.string(),
  /** The member who translated it, or null for a machine translation. */
  translator: z.string().nullable(),
  /** The machine engine as named by whoever entered it, or null for a member's translation. */
  engine: z.string().nullable(),
  checkedBy: z.string().nullable(),
});
export type FrozenTranslation = z.infer<typeof frozenTranslationSchema>;

const frozenEventSchema = z.object({
  id: z.string(),
  /** The event's version at approval (or now, for a draft). */
  version: z.number(),
  /** The id of the event's history row for that version, when there is one. */
  revisionId: z.string().nullable(),
  title: z.string(),
  summary: z.string(),
  /** The date as written, e.g. "c. 2001", "May 2015", "2011–2012". */
  dateText: z.string(),
  /** ISO instant used for ordering; null when undated. */
  sortKey: z.string().nullable(),
  status: z.string(),
  /** Consensus rating as written, e.g. "B2", or null when nobody has voted. */
  rating: z.string().nullable(),
  contested: z.boolean(),
  /** Supporting and contradicting passages, in the source's language (with a translation where one was made). */
  quotes: z.array(
    z.object({
      sourceId: z.string(),
      quote: z.string(),
      stance: z.enum(["SUPPORTS", "CONTRADICTS", "MENTIONS"]),
      translation: frozenTranslationSchema.optional(),
    }),
  ),
  /**
   * The people, organisations and places the event named when it was frozen (the network figure draws them).
   * Absent from material frozen before it was kept: such a publication has no network to draw.
   */
  entities: z.array(z.object({ id: z.string(), name: z.string(), kind: z.enum(ENTITY_KINDS) })).optional(),
});
export type FrozenEvent = z.infer<typeof frozenEventSchema>;

const frozenSourceSchema = z.object({
  id: z.string(),
  version: z.number(),
  revisionId: z.string().nullable(),
  title: z.string(),
  kind: z.string(),
  publisher: z.string().nullable(),
  author: z.string(),
  dateText: z.string(),
  url: z.string().nullable(),
  /** Consensus reliability letter of the source's origin (A–F), or null. */
  reliability: z.string().nullable(),
  /**
   * SHA-256 of the file the source's text was read from, kept as it came; null when the text was pasted.
   * Absent from material frozen before originals were kept.
   */
  originalSha256: z.string().nullable().optional(),
});
export type FrozenSource = z.infer<typeof frozenSourceSchema>;

/** What a publication froze; parsed on read, so a stored row that does not fit fails loudly instead of printing wrong. */
export const citedMaterialSchema = z.object({
  events: z.array(frozenEventSchema),
  sources: z.array(frozenSourceSchema),
});
export type CitedMaterial = z.infer<typeof citedMaterialSchema>;

export type BriefingDocument = BriefingContent & {
  briefingId: string;
  workspaceName: string;
  /** The save counter of the state exported: the manifest's exact reference, not a number people use. */
  version: number;
  /** The version people know it by: publications count, saves do not ("version 2"; a working copy is "draft of version 3"). */
  versionNumber: number;
  /** True when this is the approved publication; false marks every page "DRAFT — not reviewed". */
  published: boolean;
  authors: string[];
  reviewers: string[];
  /** ISO instants. */
  publishedAt: string | null;
  exportedAt: string;
  cited: CitedMaterial;
  /** The figures the PDF prints (as approved, for a publication). */
  figures: BriefingFigures;
  /** Which text of each quote the exports print (as approved, for a publication); original when absent. */
  quoteLanguage?: QuoteLanguage;
  /** SHA-256 of the canonical JSON of content and cited material. */
  contentHash: string;
  /** The approved correction notice and the instant (ISO) it was approved; printed on the first page. */
  correction?: { text: string; date: string } | null;
};
