import {
  decideRecordSchema,
  eventRecordProposalsSchema,
  recordQueueSchema,
  recordTargetSchema,
} from "../schemas/proposal.ts";
import { eventRecordProposals, getRecordProposal, listRecordQueue } from "../services/proposal/index.ts";
import { decideRecordProposal, submitRecordProposal, withdrawRecordProposal } from "../services/review/index.ts";
import { protectedProcedure, router } from "../trpc.ts";

/** Proposed changes to sources and entities that published material shows. */
export const proposalRouter = router({
  get: protectedProcedure.input(recordTargetSchema).query(({ ctx, input }) => getRecordProposal(ctx.actor, input)),
  forEvent: protectedProcedure
    .input(eventRecordProposalsSchema)
    .query(({ ctx, input }) => eventRecordProposals(ctx.actor, input.eventId)),
  queue: protectedProcedure.input(recordQueueSchema).query(({ ctx, input }) => listRecordQueue(ctx.actor, input)),
  submit: protectedProcedure
    .input(recordTargetSchema)
    .mutation(({ ctx, input }) => submitRecordProposal(ctx.actor, input)),
  withdraw: protectedProcedure
    .input(recordTargetSchema)
    .mutation(({ ctx, input }) => withdrawRecordProposal(ctx.actor, input)),
  decide: protectedProcedure
    .input(decideRecordSchema)
    .mutation(({ ctx, input }) => decideRecordProposal(ctx.actor, input)),
});
