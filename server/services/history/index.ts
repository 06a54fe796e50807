/** What the rest of the server may call in history/. */
export { getRevision, listRevisions, recordRevision } from "./revision-service.ts";
