import {
  checkTranslationSchema,
  citationIdSchema,
  citeOnEventSchema,
  citeOnNewEventSchema,
  eventCitationsSchema,
  setTranslationSchema,
} from "../schemas/citation.ts";
import {
  checkCitationTranslation,
  citeOnEvent,
  citeOnNewEvent,
  deleteCitation,
  keepCitation,
  listEventCitations,
  setCitationTranslation,
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
  /** Saves or removes the quote's translation (based on the version shown). */
  setTranslation: protectedProcedure
    .input(setTranslationSchema)
    .mutation(({ ctx, input }) => setCitationTranslation(ctx.actor, input)),
  /** A second member marks the translation checked. */
  checkTranslation: protectedProcedure
    .input(checkTranslationSchema)
    .mutation(({ ctx, input }) => checkCitationTranslation(ctx.actor, input)),
});
