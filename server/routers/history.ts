import { historySchema } from "../schemas/history.ts";
import { listRevisions } from "../services/history/index.ts";
import { protectedProcedure, router } from "../trpc.ts";

export const historyRouter = router({
  list: protectedProcedure
    .input(historySchema)
    .query(({ ctx, input }) => listRevisions(ctx.actor, input.targetType, input.targetId)),
});
