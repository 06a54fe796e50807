import type { z } from "zod";
import { workspaceScopedSchema } from "./common.ts";

export const systemStatusSchema = workspaceScopedSchema;
export type SystemStatusInput = z.infer<typeof systemStatusSchema>;
