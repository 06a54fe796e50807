import "./zod-config.ts";
import { z } from "zod";
import { idSchema, pageSchema, text, versionSchema, workspaceScopedSchema } from "./common.ts";
import { ENTITY_KINDS } from "./entity.ts";
import { eventFieldsSchema, type EventEntityLink } from "./event.ts";
import { eventDateSchema, partialDateSchema, type DatePrecision, type EventDate } from "./partial-date.ts";
import { MAX_SOURCE_TEXT, SOURCE_KINDS, sourceMetadataSchema } from "./source.ts";

/** 10 MB, the limit for uploaded files everywhere in the app. */
export const MAX_IMPORT_FILE_BYTES = 10 * 1024 * 1024;
// Base64 turns 3 bytes into 4 characters.
const MAX_BASE64_CHARS = Math.ceil(MAX_IMPORT_FILE_BYTES / 3) * 4;

export const importFileSchema = z.object({
  fileName: text().trim().min(1, "The file has no name").max(255, "Use a file name of at most 255 characters"),
  mimeType: text().trim().max(100).optional(),
  contentBase64: z
    .string()
    .max(MAX_BASE64_CHARS, "Files can be at most 10 MB.")
    // Decoding skips what is not base64, so a garbled upload would otherwise be read as some other file.
    .regex(/^[A-Za-z0-9+/=\r\n]*$/, "That file could not be read. Choose it again."),
});

/** What the analyst knows about the document; the same object the import form edits. */
export const importDetailsSchema = z.object({
  title: text().trim().max(500, "Use at most 500 characters").default(""),
  publisherName: sourceMetadataSchema.shape.publisherName,
  url: sourceMetadataSchema.shape.url,
  pubDate: partialDateSchema.nullish(),
  kind: z.enum(SOURCE_KINDS).default("NEWS_REPORT"),
  language: sourceMetadataSchema.shape.language,
});

export const startImportSchema = workspaceScopedSchema
  .extend(importDetailsSchema.shape)
  .extend({
    text: text()
      .max(MAX_SOURCE_TEXT, "The text can have at most 2,000,000 characters. Split it into smaller parts.")
      .optional(),
    file: importFileSchema.optional(),
    /** Set after the importer said the document is already here: read the existing source(s) again instead of adding copies. */
    reuseExisting: z.boolean().default(false),
    /** Set after the importer offered a source with much the same text: add this document as a new source all the same. */
    addAsNew: z.boolean().default(false),
  })
  .refine((v) => (v.file ? !v.text?.trim() : true), {
    path: ["text"],
    message: "Paste text or choose a file, not both",
  })
  .refine((v) => Boolean(v.file) || Boolean(v.text?.trim()), {
    path: ["text"],
    message: "Paste the text of the document or choose a file",
  });
export type StartImportInput = z.input<typeof startImportSchema>;

export const importJobIdSchema = z.object({ jobId: idSchema });
export const listImportJobsSchema = workspaceScopedSchema.extend(pageSchema.shape);

export const CANDIDATE_STATUSES = ["PENDING", "ACCEPTED", "MERGED", "DISMISSED"] as const;
export type CandidateStatus = (typeof CANDIDATE_STATUSES)[number];

export const listCandidatesSchema = importJobIdSchema.extend(pageSchema.shape).extend({
  status: z.enum(CANDIDATE_STATUSES).optional(),
});

const decisionSchema = z.object({
  candidateId: idSchema,
  /** The version the reviewer saw; another decision in between is a CONFLICT. */
  version: versionSchema,
});

export const acceptCandidateSchema = decisionSchema.extend({
  /** Edit-then-accept: the event as the analyst corrected it. */
  event: eventFieldsSchema.optional(),
  /** New names the analyst confirmed: each becomes an entity (or the existing one of that name) linked to the event. */
  createEntities: z.array(text().trim().min(1).max(200)).max(30).default([]),
});
export type AcceptCandidateInput = z.input<typeof acceptCandidateSchema>;

export const acceptManySchema = importJobIdSchema.extend({
  items: z.array(decisionSchema).min(1, "Select at least one candidate").max(100, "Accept at most 100 at once"),
});

export const mergeCandidateSchema = decisionSchema.extend({
  /** The event to add the passage to; the suggested one when left out. */
  eventId: idSchema.optional(),
});

export const dismissCandidateSchema = decisionSchema;

export const candidateEntitySchema = z.object({
  entityId: idSchema.optional(),
  name: z.string(),
  kind: z.enum(ENTITY_KINDS),
  /** How the passage writes it, when that differs from the entity's name. */
  written: z.string().optional(),
  /** Why the importer took it for this entity, in words ("“Mansour”: the family name of …"). */
  why: z.string().optional(),
});
export type CandidateEntity = z.infer<typeof candidateEntitySchema>;
export const candidateEntitiesSchema = z.array(candidateEntitySchema);

/** The role an entity the importer found plays in the event it is linked to. */
export const ROLE_BY_KIND: Record<CandidateEntity["kind"], EventEntityLink["role"]> = {
  PERSON: "ACTOR",
  ORGANIZATION: "ACTOR",
  PLACE: "PLACE",
  OTHER: "OTHER",
};

/** What a candidate's stored date is: an event date, or null when nothing anchored it. Parsed on read so a bad row fails loudly. */
export const candidateDateSchema = eventDateSchema.nullable();

export function precisionLabel(date: EventDate): string {
  const precision: DatePrecision = date.start.day != null ? "DAY" : date.start.month != null ? "MONTH" : "YEAR";
  const base = precision === "DAY" ? "day" : precision === "MONTH" ? "month" : "year";
  const parts = [base];
  if (date.end) parts.push("range");
  if (date.qualifier === "CIRCA") parts.push("approximate");
  if (date.qualifier === "BEFORE") parts.push("before");
  if (date.qualifier === "AFTER") parts.push("after");
  return parts.join(", ");
}

/** What an import job records about itself (its `meta` column), parsed on read. */
export const importJobMetaSchema = z.object({
  title: z.string(),
  publisherName: z.string(),
  url: z.string(),
  pubDate: partialDateSchema.nullable(),
  mode: z.enum(["document", "dossier", "stix"]),
  /** Each source read, with the addresses above its block (dossiers) or the one given. */
  sources: z.array(z.object({ id: z.string(), title: z.string(), urls: z.array(z.string()), reused: z.boolean() })),
  /** Said when a finished import found nothing, e.g. a document without dates. */
  message: z.string().optional(),
});
export type ImportJobMeta = z.infer<typeof importJobMetaSchema>;
