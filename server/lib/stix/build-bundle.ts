/**
 * Dossier material → a STIX 2.1 bundle, as plain data (no database): the
 * service in server/services/stix loads what the reader may see and hands it
 * here. The mapping, and why (also in README.md, "STIX 2.1"):
 *
 * - An event is a `report` (report_types ["event"]). STIX 2.1 has no object for
 *   "something that happened, told by sources": `observed-data` is for
 *   observations of cyber observables (it needs first/last_observed, a count and
 *   SCO refs) and `note` is a comment on other objects. A report carries a name,
 *   a description, a date (`published`: the first instant the event's date can
 *   mean), the actors and places it is about (object_refs) and the documents
 *   behind it (external_references), which is what OpenCTI and MISP show as a
 *   dated item on a timeline. The date as written (precision, "about", ranges)
 *   goes into x_dossier_date, so nothing is lost.
 * - A source is a `report` (report_types ["source"]), so that stances can be
 *   relationships between two objects; its address is its external reference.
 * - A citation is a `relationship` from the event to the source: "related-to"
 *   (the only type STIX defines between two reports) with the stance, the quote
 *   and its offsets in x_dossier_ properties; the event's external_references
 *   repeat each source with its quote, for tools that read only the standard part.
 * - Entities by kind: a person is an `identity` (individual), an organisation an
 *   `identity` (organization), a place a `location`, anything else an `identity`
 *   (unknown). Dossier does not record who is hostile, so it never calls anyone a
 *   threat actor; on import, threat actors and intrusion sets become organisations.
 * - Each analyst's credibility vote is an `opinion` on the event (1 strongly
 *   agrees that it is true … 5 strongly disagrees; 6, "cannot judge", is neutral
 *   with the grade kept in x_dossier_grade); the consensus as the reader sees it
 *   is x_dossier_consensus on the event.
 * - A briefing is a `report` (report_types ["briefing"]) referring to all it
 *   cites; its key judgments are `note`s with the estimative probability and
 *   confidence in x_dossier_ properties.
 * - Handling markings are the TLP 2.0 marking-definitions (server/lib/stix/tlp.ts).
 */
import type { EventDate, PartialDate } from "../../schemas/partial-date.ts";
import { earliestInstant } from "../../schemas/partial-date.ts";
import { stixId, stixKeys, stixTime } from "./ids.ts";
import { isTlpName, tlpMarking, type TlpName } from "./tlp.ts";

export type StixObject = { type: string; id: string; [key: string]: unknown };
export type StixBundle = { type: "bundle"; id: string; objects: StixObject[] };

export type ExportEntity = {
  id: string;
  /** The STIX id it was imported with, which it keeps; null: the deterministic one. */
  stixId?: string | null;
  kind: "PERSON" | "ORGANIZATION" | "PLACE" | "OTHER";
  name: string;
  aliases: string[];
  description: string;
  createdAt: Date;
  updatedAt: Date;
};

export type ExportSource = {
  id: string;
  stixId?: string | null;
  kind: string;
  title: string;
  url: string | null;
  publisher: string | null;
  author: string;
  pubDate: PartialDate | null;
  language?: string;
  /** The publisher's entity, which the source's report refers to. */
  publisherId?: string | null;
  /** The source this one copies (a wire story it reprints): one origin with it when counting independent origins. */
  derivedFromId?: string | null;
  /** The full text, so quotes keep their offsets in a workspace that imports the bundle; left out of briefings. */
  text?: string;
  /** For a briefing's frozen copy: the date as it was written then. */
  dateText?: string;
  reliability?: string | null;
  createdAt: Date;
  updatedAt: Date;
};

export type ExportCitation = {
  id: string;
  sourceId: string;
  stance: "SUPPORTS" | "CONTRADICTS" | "MENTIONS";
  quote: string;
  startOffset: number | null;
  endOffset: number | null;
  createdAt: Date;
};

export type ExportVote = {
  voterId: string;
  voterName: string;
  grade: string;
  rationale: string;
  createdAt: Date;
  updatedAt: Date;
};

export type ExportEvent = {
  id: string;
  stixId?: string | null;
  title: string;
  summary: string;
  status: string;
  /** Null for an undated event, and in a briefing's frozen copy (dateText holds the date as written then). */
  date: EventDate | null;
  dateText: string;
  sortKey: Date | null;
  tags: string[];
  entityIds: string[];
  citations: ExportCitation[];
  votes: ExportVote[];
  /** The consensus as the reader sees it (grades, contested, number of votes, what is still hidden to them). */
  consensus: Record<string, string | number | boolean | null>;
  /** Independent origins (publishers not merely copying each other) behind the supporting citations. */
  originCount: number;
  createdAt: Date;
  updatedAt: Date;
};

export type ExportJudgment = {
  id: string;
  statement: string;
  probability: string;
  confidence: string;
  eventIds: string[];
  sourceIds: string[];
};

export type ExportBriefing = {
  id: string;
  /** The save counter at approval: part of the stable key. */
  version: number;
  /** The publication number people know it by ("version 2"). */
  versionNumber: number;
  title: string;
  summary: string;
  body: string;
  marking: string;
  authors: string[];
  reviewers: string[];
  approvedAt: Date;
  createdAt: Date;
  judgments: ExportJudgment[];
};

export type StixExportInput = {
  workspace: { id: string; name: string; createdAt: Date; marking: string };
  /** What the bundle is of, for its id: "workspace", "chronology?<filters>", "briefing/<id>". */
  scope: string;
  events: ExportEvent[];
  entities: ExportEntity[];
  sources: ExportSource[];
  briefing?: ExportBriefing;
};

/** Credibility grade → STIX opinion value; 6 ("cannot judge") is no opinion either way. */
export const OPINION_BY_GRADE: Record<string, string> = {
  "1": "strongly-agree",
  "2": "agree",
  "3": "neutral",
  "4": "disagree",
  "5": "strongly-disagree",
  "6": "neutral",
};

const STANCE_NAMES = { SUPPORTS: "supports", CONTRADICTS: "contradicts", MENTIONS: "mentions" } as const;

/** A partial date with only the parts it has, as x_dossier_ properties write it. */
function datePart(d: PartialDate) {
  return { year: d.year, ...(d.month != null ? { month: d.month } : {}), ...(d.day != null ? { day: d.day } : {}) };
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function buildStixBundle(input: StixExportInput): StixBundle {
  const ws = input.workspace;
  const marking: TlpName = isTlpName(ws.marking) ? ws.marking : "TLP:AMBER";
  const briefingMarking: TlpName | null = input.briefing
    ? isTlpName(input.briefing.marking)
      ? input.briefing.marking
      : "TLP:AMBER"
    : null;
  // The briefing's own marking covers what it cites in its bundle: a copy is handled as the briefing is.
  const objectMarking = tlpMarking(briefingMarking ?? marking);
  const markingRefs = [objectMarking.id];
  const creatorId = stixId("identity", stixKeys.workspace(ws.id));
  const common = (created: Date, modified: Date) => ({
    spec_version: "2.1",
    created: stixTime(created),
    modified: stixTime(modified < created ? created : modified),
    created_by_ref: creatorId,
    object_marking_refs: markingRefs,
  });

  const objects: StixObject[] = [objectMarking];
  objects.push({
    type: "identity",
    id: creatorId,
    ...common(ws.createdAt, ws.createdAt),
    name: ws.name,
    identity_class: "group",
    description: "The Dossier workspace this bundle was exported from.",
    // Tells an importing Dossier this is the bundle's author, not an entity the events are about.
    x_dossier_workspace: true,
  });

  const entityRef = new Map<string, string>();
  for (const e of input.entities) {
    const key = stixKeys.entity(ws.id, e.id);
    const type = e.kind === "PLACE" ? "location" : "identity";
    const id = e.stixId?.startsWith(`${type}--`) ? e.stixId : stixId(type, key);
    const base = { ...common(e.createdAt, e.updatedAt), name: e.name };
    const extra = {
      ...(e.description ? { description: e.description } : {}),
      ...(e.aliases.length ? { x_dossier_aliases: e.aliases } : {}),
      x_dossier_kind: e.kind,
    };
    let obj: StixObject;
    if (e.kind === "PLACE") {
      // A location needs a region, a country or coordinates; Dossier knows a place by name only.
      obj = { type: "location", id, ...base, region: "unknown", ...extra };
    } else {
      const identityClass = e.kind === "PERSON" ? "individual" : e.kind === "ORGANIZATION" ? "organization" : "unknown";
      obj = { type: "identity", id, ...base, identity_class: identityClass, ...extra };
    }
    entityRef.set(e.id, obj.id);
    objects.push(obj);
  }

  const sourceRef = new Map<string, string>();
  const sourceById = new Map(input.sources.map((s) => [s.id, s]));
  for (const s of input.sources) sourceRef.set(s.id, s.stixId ?? stixId("report", stixKeys.source(ws.id, s.id)));
  for (const s of input.sources) {
    const id = sourceRef.get(s.id)!;
    const derivedFrom = s.derivedFromId ? sourceRef.get(s.derivedFromId) : undefined;
    objects.push({
      type: "report",
      id,
      ...common(s.createdAt, s.updatedAt),
      name: s.title,
      report_types: ["source"],
      published: stixTime(s.pubDate ? earliestInstant(s.pubDate) : s.createdAt),
      // A report must refer to something: its publisher, else the workspace it comes from.
      object_refs: [(s.publisherId && entityRef.get(s.publisherId)) || creatorId],
      ...(s.url ? { external_references: [{ source_name: s.publisher || s.title, url: s.url }] } : {}),
      x_dossier_source_kind: s.kind,
      ...(s.publisher ? { x_dossier_publisher: s.publisher } : {}),
      ...(s.author ? { x_dossier_author: s.author } : {}),
      ...(s.pubDate ? { x_dossier_pub_date: datePart(s.pubDate) } : {}),
      ...(s.dateText ? { x_dossier_date_text: s.dateText } : {}),
      ...(s.reliability !== undefined ? { x_dossier_reliability: s.reliability } : {}),
      ...(s.language ? { x_dossier_language: s.language } : {}),
      ...(s.text ? { x_dossier_text: s.text } : {}),
      ...(derivedFrom ? { x_dossier_derived_from: derivedFrom } : {}),
    });
  }

  const eventRef = new Map<string, string>();
  for (const ev of input.events) {
    const id = ev.stixId ?? stixId("report", stixKeys.event(ws.id, ev.id));
    eventRef.set(ev.id, id);
    const refs = ev.entityIds.map((e) => entityRef.get(e)).filter((r): r is string => !!r);
    // In the order of the STIX ids, not of the rows: the same bundle from a workspace that imported it.
    const cited = ev.citations
      .filter((c) => sourceById.has(c.sourceId))
      .map((c) => ({ ...c, sourceStixId: sourceRef.get(c.sourceId)! }))
      .sort(
        (a, b) =>
          byString(a.sourceStixId, b.sourceStixId) ||
          (a.startOffset ?? -1) - (b.startOffset ?? -1) ||
          (a.endOffset ?? -1) - (b.endOffset ?? -1) ||
          byString(a.quote, b.quote),
      );
    const objectRefs = [...new Set([...refs, ...cited.map((c) => c.sourceStixId)])].sort(byString);
    objects.push({
      type: "report",
      id,
      ...common(ev.createdAt, ev.updatedAt),
      name: ev.title,
      ...(ev.summary ? { description: ev.summary } : {}),
      report_types: ["event"],
      published: stixTime(ev.sortKey ?? ev.createdAt),
      // object_refs may not be empty: an event about nothing linked points at the workspace.
      object_refs: objectRefs.length ? objectRefs : [creatorId],
      ...(ev.tags.length ? { labels: ev.tags } : {}),
      ...(cited.length
        ? {
            external_references: cited.map((c) => {
              const s = sourceById.get(c.sourceId)!;
              return {
                source_name: s.publisher || s.title,
                description: `${STANCE_NAMES[c.stance]}: ${c.quote}`,
                ...(s.url ? { url: s.url } : {}),
              };
            }),
          }
        : {}),
      x_dossier_status: ev.status,
      x_dossier_date_text: ev.dateText,
      ...(ev.date
        ? {
            x_dossier_date: {
              start: datePart(ev.date.start),
              ...(ev.date.end ? { end: datePart(ev.date.end) } : {}),
              qualifier: ev.date.qualifier,
            },
          }
        : {}),
      x_dossier_consensus: ev.consensus,
      x_dossier_origin_count: ev.originCount,
    });
    for (const c of cited) {
      objects.push({
        type: "relationship",
        id: stixId(
          "relationship",
          c.startOffset != null && c.endOffset != null
            ? stixKeys.citation(id, c.sourceStixId, c.startOffset, c.endOffset)
            : stixKeys.frozenQuote(ws.id, c.id),
        ),
        ...common(c.createdAt, c.createdAt),
        relationship_type: "related-to",
        source_ref: id,
        target_ref: c.sourceStixId,
        description: `The source ${STANCE_NAMES[c.stance]} the event.`,
        x_dossier_stance: STANCE_NAMES[c.stance],
        x_dossier_quote: c.quote,
        ...(c.startOffset != null ? { x_dossier_start_offset: c.startOffset, x_dossier_end_offset: c.endOffset } : {}),
      });
    }
    for (const v of ev.votes) {
      objects.push({
        type: "opinion",
        id: stixId("opinion", stixKeys.vote(ws.id, ev.id, v.voterId)),
        ...common(v.createdAt, v.updatedAt),
        opinion: OPINION_BY_GRADE[v.grade] ?? "neutral",
        authors: [v.voterName],
        ...(v.rationale ? { explanation: v.rationale } : {}),
        object_refs: [id],
        x_dossier_grade: v.grade,
        x_dossier_axis: "credibility",
      });
    }
  }

  const b = input.briefing;
  if (b) {
    const briefingId = stixId("report", stixKeys.briefing(ws.id, b.id, b.version));
    const noteIds: string[] = [];
    for (const j of b.judgments) {
      const refs = [...j.eventIds.map((e) => eventRef.get(e)), ...j.sourceIds.map((s) => sourceRef.get(s))].filter(
        (r): r is string => !!r,
      );
      const noteId = stixId("note", stixKeys.judgment(ws.id, b.id, b.version, j.id));
      noteIds.push(noteId);
      objects.push({
        type: "note",
        id: noteId,
        ...common(b.approvedAt, b.approvedAt),
        abstract: "Key judgment",
        content: j.statement,
        authors: b.authors,
        object_refs: refs.length ? refs : [briefingId],
        x_dossier_probability: j.probability,
        x_dossier_confidence: j.confidence,
      });
    }
    const refs = [...eventRef.values(), ...sourceRef.values(), ...entityRef.values(), ...noteIds];
    objects.push({
      type: "report",
      id: briefingId,
      ...common(b.createdAt, b.approvedAt),
      name: b.title,
      description: [b.summary, b.body].filter(Boolean).join("\n\n"),
      report_types: ["briefing"],
      published: stixTime(b.approvedAt),
      object_refs: refs.length ? refs : [creatorId],
      x_dossier_version: b.versionNumber,
      x_dossier_authors: b.authors,
      x_dossier_reviewers: b.reviewers,
    });
  }

  return { type: "bundle", id: stixId("bundle", `${stixKeys.workspace(ws.id)}/${input.scope}`), objects };
}
