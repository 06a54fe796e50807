/** What the rest of the server may call in briefing/. */
export {
  createBriefing,
  deleteBriefing,
  getBriefing,
  listBriefings,
  listBriefingTrash,
  restoreBriefing,
  setBriefingFigures,
  updateBriefing,
} from "./briefing-service.ts";
export { citedIdsOf, loadCitedMaterial } from "./cited.ts";
export { addBriefingComment, deleteBriefingComment, listBriefingComments } from "./comment-service.ts";
export { contentHash, loadBriefingForExport } from "./export-service.ts";
export { briefingHistory, diffBriefingVersions } from "./history-service.ts";
export { briefingChronology, resolveRefs, searchCitable } from "./refs-service.ts";
export { loadBriefingAccess } from "./access.ts";
export { setBriefingQuoteLanguage } from "./quote-language-service.ts";
export { briefingQueue, decideBriefing, submitBriefing, withdrawBriefing } from "./review-service.ts";
export { openLiveBriefing, savedBriefingBody, saveLiveBody, type LiveSaveResult } from "./live-body-service.ts";
export { writeBriefingCorrection } from "./correction-service.ts";
