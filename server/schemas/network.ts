import "./zod-config.ts";
import { z } from "zod";
import { cursorSchema, idSchema, text, workspaceScopedSchema } from "./common.ts";
import { ENTITY_KINDS } from "./entity.ts";

/** The kinds a network can show: the actors and places of events ("Other" stays out unless asked for). */
export const NETWORK_DEFAULT_KINDS = ["PERSON", "ORGANIZATION", "PLACE"] as const;
/** How many nodes a first look sends; "show more" asks for the next step. */
export const NETWORK_NODE_STEP = 120;
export const NETWORK_MAX_NODES = 1200;
/** Credibility steps 1–5: "at least as credible as" this one; 6 ("cannot be judged") is never a threshold. */
export const NETWORK_CREDIBILITY = ["1", "2", "3", "4", "5"] as const;

const typedDate = text().trim().max(80, "Use at most 80 characters").optional();

export const networkFiltersSchema = z.object({
  /** Dates as typed ("2011", "March 2011"): events whose date can overlap the window count. */
  from: typedDate,
  to: typedDate,
  kinds: z
    .array(z.enum(ENTITY_KINDS, { message: "Choose a kind" }))
    .min(1, "Choose at least one kind")
    .max(ENTITY_KINDS.length)
    .default([...NETWORK_DEFAULT_KINDS]),
  /** Only links made by at least this many events. */
  minWeight: z.number().int().min(1, "Use 1 or more").max(10_000, "Use at most 10,000").default(1),
  /** Only events whose consensus credibility is this grade or better (as the chronology shows it). */
  credibility: z.enum(NETWORK_CREDIBILITY).optional(),
});
export type NetworkFilters = z.input<typeof networkFiltersSchema>;

export const networkSchema = workspaceScopedSchema.extend(networkFiltersSchema.shape).extend({
  /** The strongest nodes to send; the rest is counted, not sent. */
  limit: z.number().int().min(2).max(NETWORK_MAX_NODES).default(NETWORK_NODE_STEP),
});
export type NetworkInput = z.input<typeof networkSchema>;

export const edgeEventsSchema = workspaceScopedSchema
  .extend(networkFiltersSchema.shape)
  .extend({
    sourceId: idSchema,
    targetId: idSchema,
    cursor: cursorSchema,
    limit: z.number().int().min(1).max(100).default(25),
  })
  .refine((v) => v.sourceId !== v.targetId, { path: ["targetId"], message: "A link joins two different entities" });
export type EdgeEventsInput = z.input<typeof edgeEventsSchema>;
