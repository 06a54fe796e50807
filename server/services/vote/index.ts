/** What the rest of the server may call in vote/. */
export { ratingsForEvents, reliabilityOf, type EventRating } from "./rating-service.ts";
export { castVote, getVoteSummary, revealVotes, withdrawVote } from "./vote-service.ts";
