import { v5 as uuidv5 } from "uuid";

/**
 * The namespace STIX 2.1 gives for deterministic identifiers (section 2.9).
 * Dossier derives every id of an export from a stable key (workspace, kind of
 * record, record id) in this namespace, so exporting twice gives the same ids
 * and a bundle imported back can be matched to what it came from.
 */
export const STIX_NAMESPACE = "00abedb4-aa42-466c-9c01-fed23315a9b7";

export type StixType =
  "bundle" | "identity" | "location" | "marking-definition" | "note" | "opinion" | "relationship" | "report";

export function stixId(type: StixType, key: string): string {
  return `${type}--${uuidv5(key, STIX_NAMESPACE)}`;
}

/** The stable keys, in one place so export and import agree on them. */
export const stixKeys = {
  workspace: (workspaceId: string) => `dossier/${workspaceId}`,
  event: (workspaceId: string, eventId: string) => `dossier/${workspaceId}/event/${eventId}`,
  source: (workspaceId: string, sourceId: string) => `dossier/${workspaceId}/source/${sourceId}`,
  entity: (workspaceId: string, entityId: string) => `dossier/${workspaceId}/entity/${entityId}`,
  /**
   * A citation by what it is (this event cites these characters of this source), from the STIX ids of the
   * two: the same citation has the same id in a workspace that imported both, which a key from the
   * citation's own row could not give.
   */
  citation: (eventStixId: string, sourceStixId: string, startOffset: number, endOffset: number) =>
    `dossier/citation/${eventStixId}/${sourceStixId}/${startOffset}-${endOffset}`,
  /** A briefing's frozen quote, which has no place in its source. */
  frozenQuote: (workspaceId: string, quoteKey: string) => `dossier/${workspaceId}/citation/${quoteKey}`,
  vote: (workspaceId: string, eventId: string, voterId: string) => `dossier/${workspaceId}/vote/${eventId}/${voterId}`,
  briefing: (workspaceId: string, briefingId: string, version: number) =>
    `dossier/${workspaceId}/briefing/${briefingId}/${version}`,
  judgment: (workspaceId: string, briefingId: string, version: number, judgmentId: string) =>
    `dossier/${workspaceId}/briefing/${briefingId}/${version}/judgment/${judgmentId}`,
};

/** STIX timestamps: UTC, "Z", millisecond precision (what Date.toISOString writes for years 0–9999). */
export function stixTime(d: Date): string {
  return d.toISOString();
}
