import "./zod-config.ts";
import { z } from "zod";
import { idSchema, intSchema, text } from "./common.ts";
import { eventFieldsSchema } from "./event.ts";

export const STANCES = ["SUPPORTS", "CONTRADICTS", "MENTIONS"] as const;
export type Stance = (typeof STANCES)[number];
export const STANCE_LABELS = {
  SUPPORTS: "Supports",
  CONTRADICTS: "Contradicts",
  MENTIONS: "Mentions",
} as const satisfies Record<Stance, string>;

export const MAX_QUOTE = 5000;

const passageSchema = z
  .object({
    sourceId: idSchema,
    stance: z.enum(STANCES, { message: "Choose whether the passage supports, contradicts or mentions the event" }),
    startOffset: intSchema(0),
    endOffset: intSchema(1),
    /** The selected text as the reader saw it; checked against the stored text. */
    quote: text().min(1, "Select a passage first").max(MAX_QUOTE, "Quote at most 5,000 characters"),
    note: text().trim().max(2000).default(""),
  })
  .refine((v) => v.endOffset > v.startOffset, { path: ["endOffset"], message: "Select a passage first" });

export const citeOnEventSchema = passageSchema.and(z.object({ eventId: idSchema }));
export type CiteOnEventInput = z.input<typeof citeOnEventSchema>;

export const citeOnNewEventSchema = passageSchema.and(z.object({ event: eventFieldsSchema }));
export type CiteOnNewEventInput = z.input<typeof citeOnNewEventSchema>;

export const citationIdSchema = z.object({ citationId: idSchema });
export const eventCitationsSchema = z.object({ eventId: idSchema });
