import "./zod-config.ts";
import { z } from "zod";
import { idSchema, pageSchema, text, workspaceScopedSchema } from "./common.ts";

export const ENTITY_KINDS = ["PERSON", "ORGANIZATION", "PLACE", "OTHER"] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];
export const ENTITY_KIND_LABELS = {
  PERSON: "Person",
  ORGANIZATION: "Organisation",
  PLACE: "Place",
  OTHER: "Other",
} as const satisfies Record<EntityKind, string>;

const nameSchema = text().trim().min(1, "Enter a name").max(200, "Use at most 200 characters");

export const entityFieldsSchema = z.object({
  kind: z.enum(ENTITY_KINDS, { message: "Choose a kind" }),
  name: nameSchema,
  aliases: z.array(nameSchema).max(50, "Use at most 50 aliases").default([]),
  description: text().trim().max(5000).default(""),
});

export const createEntitySchema = workspaceScopedSchema.extend(entityFieldsSchema.shape);
export type CreateEntityInput = z.input<typeof createEntitySchema>;
export const updateEntitySchema = entityFieldsSchema.extend({
  entityId: idSchema,
  /** The version the edit was based on (the proposal's, when a change is under way): a newer one means CONFLICT. */
  version: z.number().int().min(1),
});
export type UpdateEntityInput = z.input<typeof updateEntitySchema>;

export const suggestEntitiesSchema = workspaceScopedSchema.extend({
  q: text().trim().min(1).max(100),
  kind: z.enum(ENTITY_KINDS).optional(),
  limit: z.number().int().min(1).max(20).default(8),
});

export const entityIdSchema = z.object({ entityId: idSchema });
export const entityEventsSchema = z.object({ entityId: idSchema }).extend(pageSchema.shape);
export const listEntitiesSchema = workspaceScopedSchema
  .extend(pageSchema.shape)
  .extend({ kind: z.enum(ENTITY_KINDS).optional() });
export const mergeEntitiesSchema = z
  .object({
    /** This entity disappears into the other one. */
    fromEntityId: idSchema,
    intoEntityId: idSchema,
  })
  .refine((v) => v.fromEntityId !== v.intoEntityId, {
    path: ["intoEntityId"],
    message: "Choose a different entity to merge into",
  });
