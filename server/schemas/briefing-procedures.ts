import "./zod-config.ts";
import { z } from "zod";
import { briefingContentSchema, FIGURE_KINDS, keyJudgmentSchema } from "./briefing.ts";
import { cursorSchema, idSchema, intSchema, pageSchema, text, versionSchema, workspaceScopedSchema } from "./common.ts";
import { DECISIONS } from "./review.ts";

/** Inputs of the briefing procedures beyond the content schemas in briefing.ts. */
export const briefingIdSchema = z.object({ id: idSchema });
export const briefingVersionSchema = z.object({ id: idSchema, version: versionSchema });

export const briefingPageSchema = z.object({
  id: idSchema,
  cursor: cursorSchema,
  limit: z.number().int().min(1).max(100).default(50),
});

const content = briefingContentSchema.shape;

/**
 * A save of some fields (autosave sends what changed). Unlike
 * `briefingContentSchema.partial()`, whose defaults would turn every field
 * left out into "" or [] and wipe it, a field left out here stays as it is.
 */
export const saveBriefingSchema = z.object({
  id: idSchema,
  /** The version the edit was based on: a newer one on the server means CONFLICT. */
  version: versionSchema,
  title: content.title.optional(),
  marking: content.marking.optional(),
  summary: content.summary.unwrap().optional(),
  body: content.body.unwrap().optional(),
  keyJudgments: content.keyJudgments.unwrap().optional(),
});

export const briefingQueueSchema = workspaceScopedSchema.extend(pageSchema.shape);

/** A version number, or the last publication / the working copy. */
export const briefingDiffSchema = z.object({
  id: idSchema,
  from: z.union([versionSchema, z.literal("published")]),
  to: z.union([versionSchema, z.literal("working")]),
});
export type BriefingDiffInput = z.infer<typeof briefingDiffSchema>;

export const decideBriefingSchema = z
  .object({
    id: idSchema,
    /** The submission round the reviewer read: a newer one means the content changed. */
    round: intSchema(1),
    decision: z.enum(DECISIONS),
    comment: text().trim().max(5000, "Keep the comment under 5,000 characters").default(""),
  })
  .refine((v) => v.decision === "APPROVE" || v.comment.length > 0, {
    path: ["comment"],
    message: "Say what needs to change, or why it is rejected",
  });

const refSchema = z.object({ kind: z.enum(["event", "source"]), id: idSchema });

/**
 * What the editor holds right now (unsaved), for the live preview. Judgments
 * are loose here: a half-written one must still preview.
 */
export const resolveRefsSchema = workspaceScopedSchema.extend({
  summary: text().max(20_000).optional(),
  body: text().max(400_000).optional(),
  keyJudgments: z
    .array(
      keyJudgmentSchema.pick({ eventIds: true, sourceIds: true }).extend({ statement: text().max(2_000).default("") }),
    )
    .max(50)
    .optional(),
  refs: z.array(refSchema).max(500).optional(),
});
export type ResolveRefsInput = z.infer<typeof resolveRefsSchema>;

export const searchCitableSchema = workspaceScopedSchema.extend({
  q: text().trim().min(1, "Type something to search for").max(200),
  kind: z.enum(["event", "source", "all"]).default("all"),
  limit: z.number().int().min(1).max(30).default(10),
});
export type SearchCitableInput = z.infer<typeof searchCitableSchema>;

export const deleteCommentSchema = z.object({ id: idSchema });

/** The query string of a briefing download (GET /api/briefings/{id}/export). */
export const exportQuerySchema = z.object({
  // svg and png: one figure alone (the timeline unless `figure` says otherwise), drawn as the PDF draws it.
  format: z
    .enum(["pdf", "md", "csv", "json", "svg", "png"], { message: "Choose a format: pdf, md, csv, json, svg or png" })
    .default("pdf"),
  version: z.enum(["published", "working"], { message: "Choose version=published or version=working" }).optional(),
  /** Which figure an svg or png download draws. */
  figure: z.enum(FIGURE_KINDS, { message: "Choose figure=timeline or figure=network" }).default("timeline"),
});
export type ExportQuery = z.infer<typeof exportQuerySchema>;
