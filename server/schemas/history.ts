import { z } from "./zod.ts";
import { bigIntIdSchema, idSchema, versionSchema } from "./common.ts";

export const historySchema = z.object({ targetType: z.enum(["event", "source", "entity"]), targetId: idSchema });
export const restoreVersionSchema = z.object({
  eventId: idSchema,
  revisionId: bigIntIdSchema,
  version: versionSchema,
});

export const restoreSourceVersionSchema = z.object({
  sourceId: idSchema,
  revisionId: bigIntIdSchema,
  version: versionSchema,
});
