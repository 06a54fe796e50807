import { z } from "zod";
import { pageSchema, workspaceScopedSchema } from "./common.ts";

export const listAuditSchema = workspaceScopedSchema.extend(pageSchema.shape).extend({
  action: z.string().trim().max(60).optional(),
});
export type ListAuditInput = z.infer<typeof listAuditSchema>;
