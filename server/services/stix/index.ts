/** What the rest of the server may call in stix/: STIX 2.1 bundles out of and into a workspace. */
export { exportStixBriefing, exportStixChronology, MAX_EXPORT_EVENTS, type StixExport } from "./export-service.ts";
export { importStixBundle, MAX_STIX_CANDIDATES, type StixImportResult } from "./import-service.ts";
