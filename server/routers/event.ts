import { createEventSchema, listEventsSchema } from "../schemas/event.ts";
import { createEvent, listEvents } from "../services/event-service.ts";
import { protectedProcedure, router } from "../trpc.ts";

export const eventRouter = router({
  list: protectedProcedure.input(listEventsSchema).query(({ ctx, input }) => listEvents(ctx.actor, input)),
  create: protectedProcedure.input(createEventSchema).mutation(({ ctx, input }) => createEvent(ctx.actor, input)),
});
