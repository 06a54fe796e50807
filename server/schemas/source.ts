import "./zod-config.ts";
import { z } from "zod";
import { idSchema, pageSchema, text, versionSchema, webAddressSchema, workspaceScopedSchema } from "./common.ts";
import { partialDateSchema } from "./partial-date.ts";
import { RELIABILITY } from "./admiralty.ts";

export const SOURCE_KINDS = [
  "NEWS_REPORT",
  "OFFICIAL_STATEMENT",
  "REPORT",
  "SOCIAL_POST",
  "INTERVIEW",
  "LEAKED_DOCUMENT",
  "OTHER",
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export const SOURCE_KIND_LABELS = {
  NEWS_REPORT: "News report",
  OFFICIAL_STATEMENT: "Official statement",
  REPORT: "Report",
  SOCIAL_POST: "Social post",
  INTERVIEW: "Interview",
  LEAKED_DOCUMENT: "Leaked document",
  OTHER: "Other",
} as const satisfies Record<SourceKind, string>;

/** 2 million characters: a long book; anything larger is refused with a message. */
export const MAX_SOURCE_TEXT = 2_000_000;

const urlSchema = webAddressSchema({ publicHost: true });

export const sourceMetadataSchema = z.object({
  kind: z.enum(SOURCE_KINDS, { message: "Choose what kind of document this is" }),
  title: text().trim().min(1, "Give the source a title").max(500, "Use at most 500 characters"),
  /** A publisher by name: an existing entity (name or alias) is reused, otherwise one is created. */
  publisherName: text().trim().max(200, "Use at most 200 characters").default(""),
  author: text().trim().max(300, "Use at most 300 characters").default(""),
  pubDate: partialDateSchema.nullish(),
  url: z.union([z.literal(""), urlSchema]).default(""),
  language: text()
    .trim()
    .max(20)
    .regex(/^([a-z]{2,3}(-[A-Za-z0-9]{2,8})*)?$/, "Use a language code such as en, fa or ps")
    .default(""),
  derivedFromId: idSchema.nullish(),
});
export type SourceMetadata = z.infer<typeof sourceMetadataSchema>;

export const createSourceSchema = workspaceScopedSchema
  .extend(sourceMetadataSchema.shape)
  .extend({
    text: text().max(MAX_SOURCE_TEXT, "The text can have at most 2,000,000 characters").default(""),
    /** Set after the workspace offered a source with much the same text: add this one all the same. */
    allowSimilar: z.boolean().default(false),
    /** The SHA-256 the upload answered with: links the source to its file as it came (see SourceOriginal). */
    originalSha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, "Upload the file again")
      .nullish(),
  })
  .refine((v) => v.text.trim().length > 0 || v.url.length > 0, {
    path: ["text"],
    message: "Paste the text, upload a file, or give at least the web address",
  });
export type CreateSourceInput = z.input<typeof createSourceSchema>;
export type CreateSourceData = z.output<typeof createSourceSchema>;

export const updateSourceSchema = sourceMetadataSchema.extend({
  sourceId: idSchema,
  version: versionSchema,
  /** A corrected text; absent leaves the text as it is. Citations are found again in it (see quote-anchor). */
  text: text().max(MAX_SOURCE_TEXT, "The text can have at most 2,000,000 characters").optional(),
});
export type UpdateSourceInput = z.input<typeof updateSourceSchema>;

export const sourceIdSchema = z.object({ sourceId: idSchema });

/** The reader's request: the details without the text, which it reads in parts (sourceTextChunkSchema). */
export const getSourceSchema = sourceIdSchema.extend({ withText: z.boolean().default(true) });

/** How much text the reader loads at a time, and the most one request may ask for. */
export const SOURCE_TEXT_CHUNK = 20_000;
export const MAX_SOURCE_TEXT_CHUNK = 100_000;

/** A part of a source's text: from the character offset `cursor`, at most `limit` characters. */
export const sourceTextChunkSchema = sourceIdSchema.extend({
  cursor: z.number().int("Give a whole number of characters").min(0, "An offset cannot be negative").nullish(),
  limit: z
    .number()
    .int()
    .min(1)
    .max(MAX_SOURCE_TEXT_CHUNK, `Ask for at most ${MAX_SOURCE_TEXT_CHUNK.toLocaleString("en")} characters at a time`)
    .default(SOURCE_TEXT_CHUNK),
});
export type SourceTextChunkInput = z.input<typeof sourceTextChunkSchema>;

/** Where words first occur in a source's text (from `from` on), so the reader can find them before loading that far. */
export const findInSourceSchema = sourceIdSchema.extend({
  text: z.string().min(1, "Type the words to find").max(5000),
  from: z.number().int().min(0).default(0),
});

/** Filter values for the origin's reliability: the Admiralty grades, and none shown. */
export const ORIGIN_RELIABILITY_FILTERS = [...RELIABILITY, "unrated"] as const;
export type OriginReliabilityFilter = (typeof ORIGIN_RELIABILITY_FILTERS)[number];

export const SOURCE_SORTS = ["added", "published", "mostCited", "leastCited"] as const;
export const SOURCE_SORT_LABELS = {
  added: "Newest added",
  published: "Newest published",
  mostCited: "Most cited",
  leastCited: "Least cited",
} as const satisfies Record<(typeof SOURCE_SORTS)[number], string>;

export const listSourcesSchema = workspaceScopedSchema.extend(pageSchema.shape).extend({
  kind: z.enum(SOURCE_KINDS).optional(),
  publisherId: idSchema.optional(),
  text: text().trim().max(200).optional(),
  language: text()
    .trim()
    .max(20)
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "Use a language code such as en, fa or ps")
    .optional(),
  sort: z.enum(SOURCE_SORTS).default("added"),
  /**
   * The origin's reliability as this reader is shown it: a grade, or
   * "unrated" for every source the list shows no grade for (no origin, no
   * votes, only the reader's own vote, or a rating hidden until they vote).
   */
  reliability: z.enum(ORIGIN_RELIABILITY_FILTERS).optional(),
});
export type ListSourcesInput = z.infer<typeof listSourcesSchema>;
