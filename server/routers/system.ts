import { systemStatusSchema } from "../schemas/system.ts";
import { systemStatus } from "../services/system/index.ts";
import { protectedProcedure, router } from "../trpc.ts";

export const systemRouter = router({
  status: protectedProcedure.input(systemStatusSchema).query(({ ctx, input }) => systemStatus(ctx.actor, input)),
});
