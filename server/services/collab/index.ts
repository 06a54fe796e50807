/** What the rest of the server may call in collab/: briefings typed together live. */
export { BODY_TEXT, COLLAB_CHANNEL, editAsUpdate, syncLiveDoc, type SyncResult } from "./live-doc-service.ts";
