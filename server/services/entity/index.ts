/** What the rest of the server may call in entity/. */
export {
  applyEntityChange,
  createEntity,
  findOrCreateNamedEntity,
  findOrCreatePublisher,
  getEntity,
  listEntities,
  listEntityEvents,
  mergeEntities,
  suggestEntities,
  updateEntity,
} from "./entity-service.ts";
