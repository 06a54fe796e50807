import { z } from "zod";
import { idSchema } from "./common.ts";
import { eventFiltersSchema } from "./event.ts";

export const STIX_SCOPES = ["workspace", "chronology", "briefing"] as const;

/** The query of a STIX download: what to export, and for a chronology the same filters as its list. */
export const stixExportQuerySchema = eventFiltersSchema
  .partial()
  .extend({
    scope: z.enum(STIX_SCOPES, { message: "Choose workspace, chronology or briefing" }).default("workspace"),
    briefingId: idSchema.optional(),
    hasCitation: eventFiltersSchema.shape.hasCitation.optional(),
  })
  .refine((q) => q.scope !== "briefing" || Boolean(q.briefingId), {
    path: ["briefingId"],
    message: "Name the briefing to export",
  });
export type StixExportQuery = z.infer<typeof stixExportQuerySchema>;

/** 10 MB: the upload limit everywhere in the app. */
export const MAX_STIX_BYTES = 10 * 1024 * 1024;
