/** What the rest of the server may call in access/. */
export { type Actor } from "./actor.ts";
export { requireAccess, requireAccessFor, requirePermission, type Access } from "./require-access.ts";
export {
  requireEventVisible,
  seesDrafts,
  sourceCitationCountField,
  visibleCitations,
  visibleEvents,
} from "./visibility.ts";
