import { type z } from "zod";
import { pageSchema, text, workspaceScopedSchema } from "./common.ts";

export const listAuditSchema = workspaceScopedSchema.extend(pageSchema.shape).extend({
  action: text().trim().max(60).optional(),
});
export type ListAuditInput = z.infer<typeof listAuditSchema>;
