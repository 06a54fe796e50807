import "./zod-config.ts";
import { z } from "zod";
import { idSchema, pageSchema, text, versionSchema, webAddressSchema, workspaceScopedSchema } from "./common.ts";

export const SOURCE_STANDINGS = ["RETRACTED", "CORRECTED", "DISPUTED"] as const;
export type SourceStanding = (typeof SOURCE_STANDINGS)[number];

export const SOURCE_STANDING_LABELS = {
  RETRACTED: "Retracted",
  CORRECTED: "Corrected",
  DISPUTED: "Disputed",
} as const satisfies Record<SourceStanding, string>;

/** What weakened the evidence, as a flag's label says it. */
export const EVIDENCE_CHANGE_LABELS = {
  SOURCE_RETRACTED: "Source retracted",
  SOURCE_CORRECTED: "Source corrected",
  SOURCE_DISPUTED: "Source disputed",
  ORIGIN_DOWNGRADED: "Origin downgraded",
  SOURCE_TEXT_EDITED: "Source text edited",
} as const;
export type EvidenceChangeKind = keyof typeof EVIDENCE_CHANGE_LABELS;

export const MAX_STANDING_NOTE = 2000;
export const MAX_CORRECTION = 5000;

/** A link to where the retraction, correction or dispute was announced: http(s) only (no javascript:, no file:). */
const linkSchema = webAddressSchema({ publicHost: false });

/** Marks a source retracted, corrected or disputed; null clears the mark. */
export const setSourceStandingSchema = z.object({
  sourceId: idSchema,
  version: versionSchema,
  standing: z.enum(SOURCE_STANDINGS, { message: "Choose retracted, corrected or disputed" }).nullable(),
  note: text()
    .trim()
    .max(MAX_STANDING_NOTE, `Use at most ${MAX_STANDING_NOTE.toLocaleString("en")} characters`)
    .default(""),
  link: z.union([z.literal(""), linkSchema]).default(""),
});
export type SetSourceStandingInput = z.input<typeof setSourceStandingSchema>;

export const listAffectedSchema = workspaceScopedSchema.extend(pageSchema.shape);

export const handleAffectedSchema = z.object({ flagId: idSchema });

export const writeCorrectionSchema = z.object({
  id: idSchema,
  version: versionSchema,
  text: text()
    .trim()
    .min(1, "Write what the correction says")
    .max(MAX_CORRECTION, `Use at most ${MAX_CORRECTION.toLocaleString("en")} characters`),
});
export type WriteCorrectionInput = z.infer<typeof writeCorrectionSchema>;
