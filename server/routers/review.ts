import { workspaceScopedSchema } from "../schemas/common.ts";
import { decideManySchema, decideSchema, queueSchema, settingsSchema, submitSchema } from "../schemas/review.ts";
import {
  decide,
  decideMany,
  getReviewState,
  listReviewQueue,
  reviewCounts,
  submitForReview,
  updateReviewSettings,
  withdrawSubmission,
} from "../services/review/index.ts";
import { protectedProcedure, router } from "../trpc.ts";

export const reviewRouter = router({
  queue: protectedProcedure.input(queueSchema).query(({ ctx, input }) => listReviewQueue(ctx.actor, input)),
  counts: protectedProcedure
    .input(workspaceScopedSchema)
    .query(({ ctx, input }) => reviewCounts(ctx.actor, input.workspaceId)),
  state: protectedProcedure.input(submitSchema).query(({ ctx, input }) => getReviewState(ctx.actor, input.eventId)),
  submit: protectedProcedure
    .input(submitSchema)
    .mutation(({ ctx, input }) => submitForReview(ctx.actor, input.eventId)),
  withdraw: protectedProcedure
    .input(submitSchema)
    .mutation(({ ctx, input }) => withdrawSubmission(ctx.actor, input.eventId)),
  decide: protectedProcedure.input(decideSchema).mutation(({ ctx, input }) => decide(ctx.actor, input)),
  decideMany: protectedProcedure.input(decideManySchema).mutation(({ ctx, input }) => decideMany(ctx.actor, input)),
  updateSettings: protectedProcedure
    .input(settingsSchema)
    .mutation(({ ctx, input }) => updateReviewSettings(ctx.actor, input)),
});
