import { presenceBeatSchema, presenceLeaveSchema, presenceListSchema } from "../schemas/presence.ts";
import { beatPresence, leavePresence, listPresence } from "../services/live/index.ts";
import { protectedProcedure, router } from "../trpc.ts";

export const presenceRouter = router({
  beat: protectedProcedure.input(presenceBeatSchema).mutation(({ ctx, input }) => beatPresence(ctx.actor, input)),
  leave: protectedProcedure.input(presenceLeaveSchema).mutation(({ ctx, input }) => leavePresence(ctx.actor, input)),
  list: protectedProcedure.input(presenceListSchema).query(({ ctx, input }) => listPresence(ctx.actor, input)),
});
