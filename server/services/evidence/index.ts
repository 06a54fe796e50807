/** What the rest of the server may call in evidence/. */
export {
  briefingEvidence,
  eventEvidenceWarnings,
  handleAffected,
  listAffected,
  markBriefingCorrected,
  openEvidenceFlagCounts,
} from "./affected-service.ts";
export { changeOriginVotes } from "./origin-service.ts";
export { evidenceSettled, forgetEvidenceWorker, propagateEvidenceChange, startEvidenceWorker } from "./runner.ts";
export { noteSourceTextEdited, setSourceStanding } from "./standing-service.ts";
