import { z } from "zod";
import { pageSchema, workspaceScopedSchema } from "./common.ts";

export const EVENT_STATUSES = ["DRAFT", "PENDING", "PUBLISHED", "REJECTED"] as const;

export const eventTitleSchema = z.string().trim().min(1, "Give the event a title").max(300, "Use at most 300 characters");

export const createEventSchema = workspaceScopedSchema.extend({
  title: eventTitleSchema,
  summary: z.string().trim().max(20_000, "Use at most 20,000 characters").default(""),
});
export type CreateEventInput = z.input<typeof createEventSchema>;

export const listEventsSchema = workspaceScopedSchema.extend(pageSchema.shape);
export type ListEventsInput = z.infer<typeof listEventsSchema>;
