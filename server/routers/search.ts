import { searchSchema } from "../schemas/search.ts";
import { search } from "../services/search/index.ts";
import { protectedProcedure, router } from "../trpc.ts";

export const searchRouter = router({
  query: protectedProcedure.input(searchSchema).query(({ ctx, input }) => search(ctx.actor, input)),
});
