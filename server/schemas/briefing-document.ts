import type { BriefingContent } from "./briefing.ts";

/**
 * Everything an export needs, as plain data: what the PDF, Markdown, CSV and
 * JSON exports render. For a published briefing it is built from the frozen
 * publication (content and citations as they were at approval); for a draft,
 * from the working copy and the current state of what it cites.
 */
export type FrozenEvent = {
  id: string;
  /** The event's version at approval (or now, for a draft). */
  version: number;
  /** The id of the event's history row for that version, when there is one. */
  revisionId: string | null;
  title: string;
  summary: string;
  /** The date as written, e.g. "c. 2001", "May 2015", "2011–2012". */
  dateText: string;
  /** ISO instant used for ordering; null when undated. */
  sortKey: string | null;
  status: string;
  /** Consensus rating as written, e.g. "B2", or null when nobody has voted. */
  rating: string | null;
  contested: boolean;
  /** Supporting and contradicting passages, in the source's language. */
  quotes: { sourceId: string; quote: string; stance: "SUPPORTS" | "CONTRADICTS" | "MENTIONS" }[];
};

export type FrozenSource = {
  id: string;
  version: number;
  revisionId: string | null;
  title: string;
  kind: string;
  publisher: string | null;
  author: string;
  dateText: string;
  url: string | null;
  /** Consensus reliability letter of the source's origin (A–F), or null. */
  reliability: string | null;
};

export type CitedMaterial = { events: FrozenEvent[]; sources: FrozenSource[] };

export type BriefingDocument = BriefingContent & {
  briefingId: string;
  workspaceName: string;
  /** The briefing version exported. */
  version: number;
  /** True when this is the approved publication; false marks every page "DRAFT — not reviewed". */
  published: boolean;
  authors: string[];
  reviewers: string[];
  /** ISO instants. */
  publishedAt: string | null;
  exportedAt: string;
  cited: CitedMaterial;
  /** SHA-256 of the canonical JSON of content and cited material. */
  contentHash: string;
};
