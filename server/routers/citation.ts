import {
  citationIdSchema,
  citeOnEventSchema,
  citeOnNewEventSchema,
  eventCitationsSchema,
} from "../schemas/citation.ts";
import {
  citeOnEvent,
  citeOnNewEvent,
  deleteCitation,
  keepCitation,
  listEventCitations,
} from "../services/citation/index.ts";
import { protectedProcedure, router } from "../trpc.ts";

export const citationRouter = router({
  forEvent: protectedProcedure
    .input(eventCitationsSchema)
    .query(({ ctx, input }) => listEventCitations(ctx.actor, input.eventId)),
  create: protectedProcedure.input(citeOnEventSchema).mutation(({ ctx, input }) => citeOnEvent(ctx.actor, input)),
  createWithEvent: protectedProcedure
    .input(citeOnNewEventSchema)
    .mutation(({ ctx, input }) => citeOnNewEvent(ctx.actor, input)),
  delete: protectedProcedure
    .input(citationIdSchema)
    .mutation(({ ctx, input }) => deleteCitation(ctx.actor, input.citationId)),
  keep: protectedProcedure
    .input(citationIdSchema)
    .mutation(({ ctx, input }) => keepCitation(ctx.actor, input.citationId)),
});
