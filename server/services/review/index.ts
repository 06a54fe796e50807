/** What the rest of the server may call in review/. */
export { decide, decideMany } from "./decision-service.ts";
export { getReviewState, listReviewQueue, reviewCounts } from "./queue-service.ts";
export { decideRecordProposal, submitRecordProposal, withdrawRecordProposal } from "./record-decision-service.ts";
export { DECISION_VERB, refuse } from "./review-item.ts";
export { updateReviewSettings } from "./settings-service.ts";
export { submitForReview, withdrawSubmission } from "./submission-service.ts";
