import "./zod-config.ts";
import { z } from "zod";
import { markingSchema } from "./briefing.ts";
import { idSchema, text } from "./common.ts";

export const workspaceNameSchema = text()
  .trim()
  .min(2, "Use at least 2 characters")
  .max(120, "Use at most 120 characters");

export const createWorkspaceSchema = z.object({
  name: workspaceNameSchema,
  description: text().trim().max(2000, "Use at most 2,000 characters").default(""),
});
export type CreateWorkspaceInput = z.infer<typeof createWorkspaceSchema>;

export const updateWorkspaceSchema = createWorkspaceSchema.extend({ workspaceId: idSchema });
export type UpdateWorkspaceInput = z.infer<typeof updateWorkspaceSchema>;

export const workspaceBySlugSchema = z.object({
  slug: text()
    .trim()
    .min(1)
    .max(80)
    .regex(/^[a-z0-9-]+$/, "Invalid workspace address"),
});

/** The overview's counts of a workspace's events. */
export const workspaceEventCountsSchema = z.object({ workspaceId: idSchema });

/** The handling marking new briefings start with; each briefing may still choose its own. */
export const briefingSettingsSchema = z.object({ workspaceId: idSchema, defaultMarking: markingSchema });
export type BriefingSettingsInput = z.infer<typeof briefingSettingsSchema>;
