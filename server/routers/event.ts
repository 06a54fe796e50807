import {
  createEventSchema,
  deleteEventSchema,
  eventIdSchema,
  listEventsSchema,
  listTrashSchema,
  readDateSchema,
  updateEventSchema,
} from "../schemas/event.ts";
import { restoreVersionSchema } from "../schemas/history.ts";
import { timelineSchema } from "../schemas/timeline.ts";
import {
  createEvent,
  deleteEvent,
  getEvent,
  getEventForEdit,
  getTimeline,
  listEvents,
  listTrash,
  readTypedDate,
  restoreEvent,
  restoreEventVersion,
  updateEvent,
} from "../services/event/index.ts";
import { protectedProcedure, router } from "../trpc.ts";

export const eventRouter = router({
  list: protectedProcedure.input(listEventsSchema).query(({ ctx, input }) => listEvents(ctx.actor, input)),
  get: protectedProcedure.input(eventIdSchema).query(({ ctx, input }) => getEvent(ctx.actor, input.eventId)),
  getForEdit: protectedProcedure
    .input(eventIdSchema)
    .query(({ ctx, input }) => getEventForEdit(ctx.actor, input.eventId)),
  create: protectedProcedure.input(createEventSchema).mutation(({ ctx, input }) => createEvent(ctx.actor, input)),
  update: protectedProcedure.input(updateEventSchema).mutation(({ ctx, input }) => updateEvent(ctx.actor, input)),
  delete: protectedProcedure.input(deleteEventSchema).mutation(({ ctx, input }) => deleteEvent(ctx.actor, input)),
  restore: protectedProcedure.input(eventIdSchema).mutation(({ ctx, input }) => restoreEvent(ctx.actor, input.eventId)),
  restoreVersion: protectedProcedure
    .input(restoreVersionSchema)
    .mutation(({ ctx, input }) => restoreEventVersion(ctx.actor, input)),
  /** How a typed date reads ("month: March 2011"), with the importer's parser. */
  readDate: protectedProcedure.input(readDateSchema).query(({ input }) => readTypedDate(input)),
  /** The events of a window drawn one by one, or counted per time bucket when there are too many to see. */
  timeline: protectedProcedure.input(timelineSchema).query(({ ctx, input }) => getTimeline(ctx.actor, input)),
  trash: protectedProcedure.input(listTrashSchema).query(({ ctx, input }) => listTrash(ctx.actor, input)),
});
