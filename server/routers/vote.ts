import { castVoteSchema, voteTargetInputSchema } from "../schemas/vote.ts";
import { castVote, getVoteSummary, revealVotes, withdrawVote } from "../services/vote/index.ts";
import { protectedProcedure, router } from "../trpc.ts";

export const voteRouter = router({
  summary: protectedProcedure.input(voteTargetInputSchema).query(({ ctx, input }) => getVoteSummary(ctx.actor, input)),
  cast: protectedProcedure.input(castVoteSchema).mutation(({ ctx, input }) => castVote(ctx.actor, input)),
  withdraw: protectedProcedure
    .input(voteTargetInputSchema)
    .mutation(({ ctx, input }) => withdrawVote(ctx.actor, input)),
  reveal: protectedProcedure.input(voteTargetInputSchema).mutation(({ ctx, input }) => revealVotes(ctx.actor, input)),
});
