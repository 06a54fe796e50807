import "./zod-config.ts";
import { z } from "zod";
import { idSchema, pageSchema, text, versionSchema, workspaceScopedSchema } from "./common.ts";
import { eventDateSchema } from "./partial-date.ts";

export const EVENT_STATUSES = ["DRAFT", "PENDING", "CHANGES_REQUESTED", "PUBLISHED", "REJECTED"] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];
export const ENTITY_ROLES = ["ACTOR", "PLACE", "OTHER"] as const;
export const PLACE_PRECISIONS = ["EXACT", "CITY", "REGION", "COUNTRY", "APPROXIMATE"] as const;

export const eventTitleSchema = text().trim().min(1, "Give the event a title").max(300, "Use at most 300 characters");
export const eventSummarySchema = text().trim().max(20_000, "Use at most 20,000 characters");

export const tagSchema = text()
  .trim()
  .min(1, "Tags cannot be empty")
  .max(40, "Tags have at most 40 characters")
  .regex(/^[^,#]+$/, "Tags cannot contain commas or #");

export const eventEntityLinkSchema = z.object({
  entityId: idSchema,
  role: z.enum(ENTITY_ROLES),
  placePrecision: z.enum(PLACE_PRECISIONS).nullish(),
});
export type EventEntityLink = z.infer<typeof eventEntityLinkSchema>;

/** The editable fields of an event; the same object the form edits. */
export const eventFieldsSchema = z.object({
  title: eventTitleSchema,
  summary: eventSummarySchema.default(""),
  date: eventDateSchema,
  tags: z.array(tagSchema).max(20, "Use at most 20 tags").default([]),
  entities: z.array(eventEntityLinkSchema).max(100, "Link at most 100 entities").default([]),
});
export type EventFields = z.infer<typeof eventFieldsSchema>;
export type EventFieldsInput = z.input<typeof eventFieldsSchema>;

export const createEventSchema = workspaceScopedSchema.extend(eventFieldsSchema.shape);
export type CreateEventInput = z.input<typeof createEventSchema>;

export const updateEventSchema = eventFieldsSchema.extend({
  eventId: idSchema,
  /** The version the editor started from; a newer one on the server means someone else saved first. */
  version: versionSchema,
});
export type UpdateEventInput = z.input<typeof updateEventSchema>;

export const eventIdSchema = z.object({ eventId: idSchema });
export const deleteEventSchema = z.object({ eventId: idSchema, version: versionSchema });

export const HAS_CITATION = ["any", "yes", "no"] as const;
/** A date as typed ("March 2011", "c. 2015", "2011–2012", "before January 2016", "2011-03"), read on the server. */
const typedDateSchema = text().trim().max(80, "Use at most 80 characters");
const dateBoundSchema = typedDateSchema.optional();

export const eventFiltersSchema = z.object({
  from: dateBoundSchema,
  to: dateBoundSchema,
  /** Events whose date can overlap this one. */
  when: dateBoundSchema,
  entityId: idSchema.optional(),
  tag: tagSchema.optional(),
  text: text().trim().max(200).optional(),
  status: z.enum(EVENT_STATUSES).optional(),
  hasCitation: z.enum(HAS_CITATION).default("any"),
});
export type EventFilters = z.input<typeof eventFiltersSchema>;

export const listEventsSchema = workspaceScopedSchema
  .extend(pageSchema.shape)
  .extend(eventFiltersSchema.shape)
  .extend({
    /** Chronological (the chronology) or most recently changed first. */
    order: z.enum(["chronological", "recent"]).default("chronological"),
  });
export type ListEventsInput = z.infer<typeof listEventsSchema>;

/** The chronology as a file: the same filters as the list, the whole of it, oldest first. */
export const exportEventsSchema = workspaceScopedSchema.extend(eventFiltersSchema.shape).extend({
  format: z.enum(["csv", "json"], { message: "Choose csv or json." }),
});
export type ExportEventsInput = z.infer<typeof exportEventsSchema>;

export const listTrashSchema = workspaceScopedSchema.extend(pageSchema.shape);

/** A date typed into a form or a filter, to be read the way the importer reads documents. */
export const readDateSchema = z.object({ text: typedDateSchema });
