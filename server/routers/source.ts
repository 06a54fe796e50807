import { archiveTextSchema, listArchivesSchema, requestArchiveSchema } from "../schemas/archive.ts";
import { setSourceStandingSchema } from "../schemas/evidence.ts";
import { getArchiveText, listArchives, requestArchive } from "../services/archive/index.ts";
import { restoreSourceVersionSchema } from "../schemas/history.ts";
import { setSourceStanding } from "../services/evidence/index.ts";
import {
  createSourceSchema,
  findInSourceSchema,
  getSourceSchema,
  listSourcesSchema,
  sourceTextChunkSchema,
  updateSourceSchema,
} from "../schemas/source.ts";
import { restoreSourceVersion } from "../services/source/index.ts";
import {
  createSource,
  findInSource,
  getSource,
  getSourceTextChunk,
  listSources,
  updateSource,
} from "../services/source/index.ts";
import { protectedProcedure, router } from "../trpc.ts";

export const sourceRouter = router({
  list: protectedProcedure.input(listSourcesSchema).query(({ ctx, input }) => listSources(ctx.actor, input)),
  get: protectedProcedure
    .input(getSourceSchema)
    .query(({ ctx, input }) => getSource(ctx.actor, input.sourceId, { withText: input.withText })),
  textChunk: protectedProcedure
    .input(sourceTextChunkSchema)
    .query(({ ctx, input }) => getSourceTextChunk(ctx.actor, input)),
  findText: protectedProcedure.input(findInSourceSchema).query(({ ctx, input }) => findInSource(ctx.actor, input)),
  create: protectedProcedure.input(createSourceSchema).mutation(({ ctx, input }) => createSource(ctx.actor, input)),
  update: protectedProcedure.input(updateSourceSchema).mutation(({ ctx, input }) => updateSource(ctx.actor, input)),
  /** Retracted, corrected or disputed (with a note and a link), or cleared. */
  setStanding: protectedProcedure
    .input(setSourceStandingSchema)
    .mutation(({ ctx, input }) => setSourceStanding(ctx.actor, input)),
  /** Fetch and keep the source's page (or another address of it) on the server, as a background job. */
  archive: protectedProcedure
    .input(requestArchiveSchema)
    .mutation(({ ctx, input }) => requestArchive(ctx.actor, input)),
  archives: protectedProcedure.input(listArchivesSchema).query(({ ctx, input }) => listArchives(ctx.actor, input)),
  archiveText: protectedProcedure.input(archiveTextSchema).query(({ ctx, input }) => getArchiveText(ctx.actor, input)),
  restoreVersion: protectedProcedure
    .input(restoreSourceVersionSchema)
    .mutation(({ ctx, input }) => restoreSourceVersion(ctx.actor, input)),
});
