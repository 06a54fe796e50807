import { archiveSettingsSchema, updateArchiveSettingsSchema } from "../schemas/archive.ts";
import { getArchiveSettings, updateArchiveSettings } from "../services/archive/index.ts";
import {
  briefingSettingsSchema,
  createWorkspaceSchema,
  updateWorkspaceSchema,
  workspaceBySlugSchema,
  workspaceEventCountsSchema,
} from "../schemas/workspace.ts";
import {
  createWorkspace,
  getWorkspaceBySlug,
  getWorkspaceEventCounts,
  listMyWorkspaces,
  updateBriefingSettings,
  updateWorkspace,
} from "../services/workspace/index.ts";
import { protectedProcedure, router } from "../trpc.ts";

export const workspaceRouter = router({
  list: protectedProcedure.query(({ ctx }) => listMyWorkspaces(ctx.actor)),
  bySlug: protectedProcedure
    .input(workspaceBySlugSchema)
    .query(({ ctx, input }) => getWorkspaceBySlug(ctx.actor, input.slug)),
  eventCounts: protectedProcedure
    .input(workspaceEventCountsSchema)
    .query(({ ctx, input }) => getWorkspaceEventCounts(ctx.actor, input.workspaceId)),
  create: protectedProcedure
    .input(createWorkspaceSchema)
    .mutation(({ ctx, input }) => createWorkspace(ctx.actor, input)),
  update: protectedProcedure
    .input(updateWorkspaceSchema)
    .mutation(({ ctx, input }) => updateWorkspace(ctx.actor, input)),
  updateBriefingSettings: protectedProcedure
    .input(briefingSettingsSchema)
    .mutation(({ ctx, input }) => updateBriefingSettings(ctx.actor, input)),
  /** Hosts the server may fetch web pages from although their addresses are private (admins). */
  archiveSettings: protectedProcedure
    .input(archiveSettingsSchema)
    .query(({ ctx, input }) => getArchiveSettings(ctx.actor, input)),
  updateArchiveSettings: protectedProcedure
    .input(updateArchiveSettingsSchema)
    .mutation(({ ctx, input }) => updateArchiveSettings(ctx.actor, input)),
});
