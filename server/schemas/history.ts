import "./zod-config.ts";
import { z } from "zod";
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
