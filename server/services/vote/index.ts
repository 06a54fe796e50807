/** What the rest of the server may call in vote/. */
export {
  credibilityOf,
  lensFor,
  PUBLISHED_VIEW,
  ratingsForEvents,
  reliabilityOf,
  storedRatingAccess,
  unlockedTargets,
  workspaceOriginReliability,
  type EventRating,
  type RatingLens,
  type TargetRating,
} from "./rating-service.ts";
export { castVote, getVoteSummary, revealVotes, withdrawVote, type VoteSummary } from "./vote-service.ts";
