/** What the rest of the server may call in source/. */
export { restoreSourceVersion } from "./source-history-service.ts";
export { findInSource, getSource, getSourceTextChunk, listSources, type SourceSummary } from "./read-service.ts";
export {
  applySourceChange,
  createSource,
  fillEmptySourceText,
  insertSourceRow,
  updateSource,
  type DuplicateSource,
} from "./source-service.ts";
export { extractUpload } from "./upload-service.ts";
export { findNearDuplicate, type NearDuplicate } from "./near-duplicate-service.ts";
export { readOriginalFile, safeFileName, storeOriginal, type StoredOriginal } from "./original-service.ts";
