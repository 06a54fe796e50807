import "./zod-config.ts";
import { z } from "zod";
import { CREDIBILITY, RELIABILITY } from "./admiralty.ts";
import { idSchema, text } from "./common.ts";

/** A vote's target: an origin (publisher, outlet or named person) for reliability, an event for credibility. */

export const castVoteSchema = z
  .object({
    entityId: idSchema.optional(),
    eventId: idSchema.optional(),
    grade: z.enum([...RELIABILITY, ...CREDIBILITY], { message: "Choose a grade" }),
    rationale: text().trim().max(1000, "Keep the rationale under 1,000 characters").default(""),
  })
  .superRefine((v, ctx) => {
    if (Boolean(v.entityId) === Boolean(v.eventId)) {
      ctx.addIssue({ code: "custom", path: ["grade"], message: "Vote on either a source's origin or an event" });
      return;
    }
    const reliability = (RELIABILITY as readonly string[]).includes(v.grade);
    if (v.entityId && !reliability)
      ctx.addIssue({ code: "custom", path: ["grade"], message: "Rate a source's reliability from A to F" });
    if (v.eventId && reliability)
      ctx.addIssue({ code: "custom", path: ["grade"], message: "Rate an event's credibility from 1 to 6" });
  });
export type CastVoteInput = z.input<typeof castVoteSchema>;

export const voteTargetInputSchema = z
  .object({ entityId: idSchema.optional(), eventId: idSchema.optional() })
  .refine((v) => Boolean(v.entityId) !== Boolean(v.eventId), { message: "Name either an origin or an event" });
