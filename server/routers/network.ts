import { edgeEventsSchema, networkSchema } from "../schemas/network.ts";
import { getNetwork, listEdgeEvents } from "../services/network/index.ts";
import { protectedProcedure, router } from "../trpc.ts";

export const networkRouter = router({
  get: protectedProcedure.input(networkSchema).query(({ ctx, input }) => getNetwork(ctx.actor, input)),
  edgeEvents: protectedProcedure.input(edgeEventsSchema).query(({ ctx, input }) => listEdgeEvents(ctx.actor, input)),
});
