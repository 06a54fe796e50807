import { handleAffectedSchema, listAffectedSchema } from "../schemas/evidence.ts";
import { handleAffected, listAffected } from "../services/evidence/index.ts";
import { protectedProcedure, router } from "../trpc.ts";

export const evidenceRouter = router({
  /** Events and briefings that weakened evidence affects and nobody has handled yet. */
  affected: protectedProcedure.input(listAffectedSchema).query(({ ctx, input }) => listAffected(ctx.actor, input)),
  handle: protectedProcedure.input(handleAffectedSchema).mutation(({ ctx, input }) => handleAffected(ctx.actor, input)),
});
