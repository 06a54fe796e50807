import "./zod-config.ts";
import { z } from "zod";
import { idSchema, pageSchema, workspaceScopedSchema } from "./common.ts";
import { DECISIONS } from "./review.ts";

/** What a proposed change to a record (not an event) can be about. */
export const PROPOSAL_TARGETS = ["SOURCE", "ENTITY"] as const;
export type ProposalTarget = (typeof PROPOSAL_TARGETS)[number];
export const PROPOSAL_TARGET_LABELS = {
  SOURCE: "Source",
  ENTITY: "Entity",
} as const satisfies Record<ProposalTarget, string>;

export const recordTargetSchema = z.object({
  targetType: z.enum(PROPOSAL_TARGETS),
  targetId: idSchema,
});
export type RecordTarget = z.infer<typeof recordTargetSchema>;

const comment = z.string().trim().max(5000, "Keep the comment under 5,000 characters").default("");

export const decideRecordSchema = recordTargetSchema
  .extend({
    /** The submission round the reviewer looked at: a newer one means the proposal changed. */
    round: z.number().int().min(1),
    decision: z.enum(DECISIONS),
    comment,
  })
  .refine((v) => v.decision === "APPROVE" || v.comment.length > 0, {
    path: ["comment"],
    message: "Say what needs to change, or why it is rejected",
  });
export type DecideRecordInput = z.input<typeof decideRecordSchema>;

export const recordQueueSchema = workspaceScopedSchema.extend(pageSchema.shape).extend({
  order: z.enum(["oldest", "newest"]).default("oldest"),
});
export type RecordQueueInput = z.infer<typeof recordQueueSchema>;

export const eventRecordProposalsSchema = z.object({ eventId: idSchema });

/** One field of a proposed change, as readers would see it before and after approval. */
export type RecordChange = { field: string; label: string; before: string; after: string };
