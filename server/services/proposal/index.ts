/**
 * Changes to the details of sources and entities that published material
 * shows go through review, like changes to published events.
 *
 * Of the two ways to keep unreviewed changes from readers — proposals
 * reviewed like event changes, or published material reading "the approved
 * revision" of every source and entity it names — this module takes the
 * first. The Source and Entity rows always hold the approved values, and an
 * edit of a shown record is written into its RecordProposal instead. So every
 * reader keeps working unchanged and cannot get it wrong: event pages, the
 * source reader, entity pages, search (whose indexes are computed from the
 * rows), the chronology, frozen briefing material and exports all read the
 * rows, and none of them needs to tell approved from unapproved by role. The
 * other way would have had each of those readers (and the search indexes)
 * pick a revision per role, and one forgotten query would leak. It also keeps
 * one review workflow for everything: the same states, four-eyes rule, rounds,
 * required approvals, history and audit rows as event proposals.
 *
 * What counts as shown is decided in one place (shown.ts). A record that no
 * published material shows (only drafts cite it) is still edited directly;
 * once a record has a proposal, every edit joins it until it is decided.
 * Decisions (review/) apply an approved proposal through the record's own
 * noun (source/, entity/), which own their columns.
 */
export {
  describeProposals,
  entityDetailsOf,
  parseEntitySnapshot,
  parseSourceSnapshot,
  sourceDetailsOf,
} from "./details.ts";
export {
  eventRecordProposals,
  getRecordProposal,
  listRecordQueue,
  recordName,
  workspaceOfRecord,
} from "./read-service.ts";
export { entityShown, sourceShown } from "./shown.ts";
export {
  lockRecord,
  needsReview,
  nounOf,
  proposeRecordChange,
  reviewGate,
  staleMessage,
  whereTarget,
  type Gate,
  type RecordRef,
} from "./store.ts";
