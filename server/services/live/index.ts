/** What the rest of the server may call in live/. */
export { liveRole, mayReceive, parseLiveMessage, publishedReaderMaySee, type LiveMessage } from "./audience.ts";
export { beatPresence, leavePresence, listPresence } from "./presence-service.ts";
