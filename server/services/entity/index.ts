/** What the rest of the server may call in entity/. */
export {
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
