import { z } from "zod";
import { idSchema } from "./common.ts";

export const historySchema = z.object({ targetType: z.enum(["event", "source", "entity"]), targetId: idSchema });
export const restoreVersionSchema = z.object({
  eventId: idSchema,
  revisionId: z.string().regex(/^\d+$/, "Invalid version"),
  version: z.number().int().min(1),
});

export const restoreSourceVersionSchema = z.object({
  sourceId: idSchema,
  revisionId: z.string().regex(/^\d+$/, "Invalid version"),
  version: z.number().int().min(1),
});
