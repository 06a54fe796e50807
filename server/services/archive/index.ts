/** What the rest of the server may call in archive/ (keeping a copy of a source's web page). */
export { getArchiveSettings, updateArchiveSettings } from "./settings-service.ts";
export { getArchiveText, listArchives, readArchiveFile, requestArchive, type ArchiveView } from "./request-service.ts";
export { archiveSettled, forgetArchiveWorker, startArchiveWorker } from "./runner.ts";
export { fetchPage, type FetchLimits, type FetchResult } from "./fetch-page.ts";
