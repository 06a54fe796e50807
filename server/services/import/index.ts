/** What the rest of the server may call in import/. */
export { acceptCandidate, acceptManyCandidates, dismissCandidate, mergeCandidate } from "./decision-service.ts";
export { getImportJob, listCandidates, listImportJobs, type CandidateView } from "./job-service.ts";
export { forgetImportWorker, importSettled, sqlOn, startImportWorker } from "./runner.ts";
export { importQueueFigures } from "./queue-state.ts";
export { startImport, type StartImportResult } from "./start-service.ts";
