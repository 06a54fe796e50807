/** What the rest of the server may call in citation/. */
export {
  ancestorsOf,
  CONTEXT_CHARS,
  citeOnEvent,
  citeOnNewEvent,
  citePassageInTx,
  deleteCitation,
  keepCitation,
  listEventCitations,
  settleProposedCitations,
  supportOfEvent,
  supportOfEvents,
  supportOfSources,
  type Support,
} from "./citation-service.ts";
export { reanchorSourceCitations, type ReanchorResult, type ReanchorSummary } from "./anchor-service.ts";
export { checkCitationTranslation, setCitationTranslation } from "./translation-service.ts";
