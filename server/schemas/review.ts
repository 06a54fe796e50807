import "./zod-config.ts";
import { z } from "zod";
import { idSchema, intSchema, pageSchema, text, workspaceScopedSchema } from "./common.ts";

export const DECISIONS = ["APPROVE", "REQUEST_CHANGES", "REJECT"] as const;
export type Decision = (typeof DECISIONS)[number];
export const DECISION_LABELS = {
  APPROVE: "Approve",
  REQUEST_CHANGES: "Request changes",
  REJECT: "Reject",
} as const satisfies Record<Decision, string>;

const comment = text().trim().max(5000, "Keep the comment under 5,000 characters").default("");

export const submitSchema = z.object({ eventId: idSchema });
export const decideSchema = z
  .object({
    eventId: idSchema,
    /** The submission round the reviewer looked at: a newer one means the content changed. */
    round: intSchema(1),
    decision: z.enum(DECISIONS),
    comment,
  })
  .refine((v) => v.decision === "APPROVE" || v.comment.length > 0, {
    path: ["comment"],
    message: "Say what needs to change, or why it is rejected",
  });
export type DecideInput = z.input<typeof decideSchema>;

export const decideManySchema = z.object({
  items: z
    .array(z.object({ eventId: idSchema, round: intSchema(1) }))
    .min(1, "Select at least one item")
    .max(100),
  decision: z.enum(DECISIONS),
  comment,
});

export const queueSchema = workspaceScopedSchema.extend(pageSchema.shape).extend({
  order: z.enum(["oldest", "newest"]).default("oldest"),
  kind: z.enum(["all", "new", "change"]).default("all"),
  authorId: idSchema.optional(),
});
export type QueueInput = z.infer<typeof queueSchema>;

export const settingsSchema = workspaceScopedSchema.extend({
  requiredApprovals: z.union([z.literal(1), z.literal(2)]),
});
