import {
  createEntitySchema,
  entityEventsSchema,
  entityIdSchema,
  listEntitiesSchema,
  mergeEntitiesSchema,
  suggestEntitiesSchema,
  updateEntitySchema,
} from "../schemas/entity.ts";
import {
  createEntity,
  getEntity,
  listEntities,
  listEntityEvents,
  mergeEntities,
  suggestEntities,
  updateEntity,
} from "../services/entity/index.ts";
import { protectedProcedure, router } from "../trpc.ts";

export const entityRouter = router({
  list: protectedProcedure.input(listEntitiesSchema).query(({ ctx, input }) => listEntities(ctx.actor, input)),
  get: protectedProcedure.input(entityIdSchema).query(({ ctx, input }) => getEntity(ctx.actor, input.entityId)),
  events: protectedProcedure.input(entityEventsSchema).query(({ ctx, input }) => listEntityEvents(ctx.actor, input)),
  suggest: protectedProcedure.input(suggestEntitiesSchema).query(({ ctx, input }) => suggestEntities(ctx.actor, input)),
  create: protectedProcedure.input(createEntitySchema).mutation(({ ctx, input }) => createEntity(ctx.actor, input)),
  update: protectedProcedure.input(updateEntitySchema).mutation(({ ctx, input }) => updateEntity(ctx.actor, input)),
  merge: protectedProcedure.input(mergeEntitiesSchema).mutation(({ ctx, input }) => mergeEntities(ctx.actor, input)),
});
