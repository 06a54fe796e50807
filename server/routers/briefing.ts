import {
  commentSchema,
  createBriefingSchema,
  listBriefingsSchema,
  setFiguresSchema,
  setQuoteLanguageSchema,
} from "../schemas/briefing.ts";
import {
  briefingDiffSchema,
  briefingIdSchema,
  briefingPageSchema,
  briefingQueueSchema,
  briefingVersionSchema,
  decideBriefingSchema,
  deleteCommentSchema,
  resolveRefsSchema,
  saveBriefingSchema,
  searchCitableSchema,
} from "../schemas/briefing-procedures.ts";
import { addBriefingComment, deleteBriefingComment, listBriefingComments } from "../services/briefing/index.ts";
import {
  briefingHistory,
  diffBriefingVersions,
  setBriefingFigures,
  setBriefingQuoteLanguage,
} from "../services/briefing/index.ts";
import { briefingChronology, resolveRefs, searchCitable } from "../services/briefing/index.ts";
import { briefingQueue, decideBriefing, submitBriefing, withdrawBriefing } from "../services/briefing/index.ts";
import {
  createBriefing,
  deleteBriefing,
  getBriefing,
  listBriefings,
  listBriefingTrash,
  restoreBriefing,
  updateBriefing,
} from "../services/briefing/index.ts";
import { listTrashSchema } from "../schemas/event.ts";
import { writeCorrectionSchema } from "../schemas/evidence.ts";
import { writeBriefingCorrection } from "../services/briefing/index.ts";
import { protectedProcedure, router } from "../trpc.ts";

export const briefingRouter = router({
  list: protectedProcedure.input(listBriefingsSchema).query(({ ctx, input }) => listBriefings(ctx.actor, input)),
  queue: protectedProcedure.input(briefingQueueSchema).query(({ ctx, input }) => briefingQueue(ctx.actor, input)),
  get: protectedProcedure.input(briefingIdSchema).query(({ ctx, input }) => getBriefing(ctx.actor, input.id)),
  create: protectedProcedure.input(createBriefingSchema).mutation(({ ctx, input }) => createBriefing(ctx.actor, input)),
  update: protectedProcedure.input(saveBriefingSchema).mutation(({ ctx, input }) => updateBriefing(ctx.actor, input)),
  /** The correction notice of a published briefing: a new revision, reviewed like any other. */
  writeCorrection: protectedProcedure
    .input(writeCorrectionSchema)
    .mutation(({ ctx, input }) => writeBriefingCorrection(ctx.actor, input)),
  /** Which figures (timeline, network) the PDF prints. */
  setFigures: protectedProcedure
    .input(setFiguresSchema)
    .mutation(({ ctx, input }) => setBriefingFigures(ctx.actor, input)),
  /** Which text of each quote (original, translation or both) the exports print. */
  setQuoteLanguage: protectedProcedure
    .input(setQuoteLanguageSchema)
    .mutation(({ ctx, input }) => setBriefingQuoteLanguage(ctx.actor, input)),
  delete: protectedProcedure
    .input(briefingVersionSchema)
    .mutation(({ ctx, input }) => deleteBriefing(ctx.actor, input)),
  // The trash is the admins', as for events.
  trash: protectedProcedure.input(listTrashSchema).query(({ ctx, input }) => listBriefingTrash(ctx.actor, input)),
  restore: protectedProcedure
    .input(briefingIdSchema)
    .mutation(({ ctx, input }) => restoreBriefing(ctx.actor, input.id)),

  resolveRefs: protectedProcedure.input(resolveRefsSchema).query(({ ctx, input }) => resolveRefs(ctx.actor, input)),
  searchCitable: protectedProcedure
    .input(searchCitableSchema)
    .query(({ ctx, input }) => searchCitable(ctx.actor, input)),
  chronology: protectedProcedure
    .input(briefingIdSchema)
    .query(({ ctx, input }) => briefingChronology(ctx.actor, input.id)),

  submit: protectedProcedure
    .input(briefingVersionSchema)
    .mutation(({ ctx, input }) => submitBriefing(ctx.actor, input)),
  withdraw: protectedProcedure
    .input(briefingIdSchema)
    .mutation(({ ctx, input }) => withdrawBriefing(ctx.actor, input.id)),
  decide: protectedProcedure.input(decideBriefingSchema).mutation(({ ctx, input }) => decideBriefing(ctx.actor, input)),

  history: protectedProcedure.input(briefingPageSchema).query(({ ctx, input }) => briefingHistory(ctx.actor, input)),
  diff: protectedProcedure.input(briefingDiffSchema).query(({ ctx, input }) => diffBriefingVersions(ctx.actor, input)),

  comments: protectedProcedure
    .input(briefingPageSchema)
    .query(({ ctx, input }) => listBriefingComments(ctx.actor, input)),
  comment: protectedProcedure.input(commentSchema).mutation(({ ctx, input }) => addBriefingComment(ctx.actor, input)),
  deleteComment: protectedProcedure
    .input(deleteCommentSchema)
    .mutation(({ ctx, input }) => deleteBriefingComment(ctx.actor, input.id)),
});
