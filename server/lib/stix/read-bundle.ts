/**
 * Reading an uploaded STIX 2.1 bundle (from Dossier, OpenCTI, MISP or any
 * other tool) into plain data the importer turns into candidates. No database.
 *
 * Refused, with a message that says why, before anything is written: text
 * that is not JSON, JSON nested deeper than any bundle needs (checked before
 * parsing, so a hostile file cannot exhaust the stack), anything but a bundle,
 * more objects than an upload should carry, and objects of the kinds we read
 * that break the specification (an id that is not "<type>--<uuid>", a report
 * without a name or a valid published time). Objects of other kinds (indicators,
 * observables, custom objects) are legal STIX that Dossier has no place for:
 * they are counted and left out. References to objects not in the bundle are
 * normal (bundles refer to knowledge held elsewhere) and are ignored.
 */
import { eventDateSchema, type EventDate, type PartialDate } from "../../schemas/partial-date.ts";

export class StixReadError extends Error {}

export const MAX_STIX_DEPTH = 32;
export const MAX_STIX_OBJECTS = 10_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

export type StixEntityKind = "PERSON" | "ORGANIZATION" | "PLACE" | "OTHER";

export type ReadEntity = {
  stixId: string;
  name: string;
  aliases: string[];
  kind: StixEntityKind;
  description: string;
  /** Exported by Dossier (it says its kind): a record of that workspace, imported as a record here. */
  dossier: boolean;
};
/** A citation as Dossier exports it: a relationship from the event to the source, with the quote and its place. */
export type ReadCitation = {
  sourceStixId: string;
  stance: "SUPPORTS" | "CONTRADICTS" | "MENTIONS";
  quote: string;
  startOffset: number;
  endOffset: number;
};
export type ReadReference = { name: string; url: string | null; description: string; externalId: string | null };
export type ReadCandidate = {
  stixId: string;
  title: string;
  description: string;
  date: EventDate | null;
  entityIds: string[];
  references: ReadReference[];
  tags: string[];
  /** Dossier's citations of the event (relationships in the bundle), in the bundle's order. */
  citations: ReadCitation[];
};
export type ReadSource = {
  stixId: string;
  title: string;
  url: string | null;
  publisher: string;
  kind: string | null;
  pubDate: PartialDate | null;
  author: string;
  language: string;
  text: string;
  /** The STIX id of the source report this one copies, when the bundle says. */
  derivedFrom: string | null;
};
export type ReadBundle = {
  candidates: ReadCandidate[];
  entities: Map<string, ReadEntity>;
  /** Dossier source reports, by id: a re-imported export brings its sources back with their details. */
  sources: Map<string, ReadSource>;
  skipped: number;
};

/** The deepest nesting of arrays and objects in JSON text, counted without parsing it. */
export function jsonDepth(text: string, limit: number): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      depth++;
      if (depth > max) max = depth;
      if (max > limit) return max;
    } else if (c === 125 || c === 93) depth--;
  }
  return max;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === "string" ? v.trim() : "");
const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

function validId(id: unknown, type: string): id is string {
  return typeof id === "string" && id.startsWith(`${type}--`) && UUID.test(id.slice(type.length + 2));
}

/** A STIX time read as the day it names (UTC): a timestamp says no more about an event than its day. */
function dayOf(ts: string): EventDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T/.exec(ts);
  if (!m) return null;
  const parsed = eventDateSchema.safeParse({ start: { year: +m[1]!, month: +m[2]!, day: +m[3]! } });
  return parsed.success ? parsed.data : null;
}

function partOf(v: unknown): PartialDate | null {
  if (!isObject(v) || typeof v.year !== "number") return null;
  return {
    year: v.year,
    month: typeof v.month === "number" ? v.month : null,
    day: typeof v.day === "number" ? v.day : null,
  };
}

/** The date the bundle gives: Dossier's own (precision, "about", ranges) when present, else the published day. */
function dateOf(o: Record<string, unknown>, published: string): EventDate | null {
  const own = o.x_dossier_date;
  if (isObject(own)) {
    const parsed = eventDateSchema.safeParse({
      start: partOf(own.start),
      end: own.end ? partOf(own.end) : null,
      qualifier: own.qualifier ?? "EXACT",
    });
    if (parsed.success) return parsed.data;
  }
  return dayOf(published);
}

function kindOf(o: Record<string, unknown>): StixEntityKind {
  const own = str(o.x_dossier_kind);
  if (own === "PERSON" || own === "ORGANIZATION" || own === "PLACE" || own === "OTHER") return own;
  if (o.type === "location") return "PLACE";
  if (o.type === "identity") return o.identity_class === "individual" ? "PERSON" : "ORGANIZATION";
  // Threat actors and intrusion sets: an individual when the bundle says so, a group otherwise.
  if (strings(o.threat_actor_types).includes("individual") || o.resource_level === "individual") return "PERSON";
  return "ORGANIZATION";
}

function referencesOf(v: unknown): ReadReference[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((r) => {
    if (!isObject(r) || !str(r.source_name)) return [];
    const url = str(r.url);
    return [
      {
        name: str(r.source_name).slice(0, 500),
        url: /^https?:\/\//i.test(url) ? url.slice(0, 2000) : null,
        description: str(r.description).slice(0, 2000),
        externalId: str(r.external_id) || null,
      },
    ];
  });
}

const STANCES = { supports: "SUPPORTS", contradicts: "CONTRADICTS", mentions: "MENTIONS" } as const;
const offset = (v: unknown) => (typeof v === "number" && Number.isInteger(v) && v >= 0 ? v : null);

/** A Dossier citation relationship, or null when it is not one Dossier could have written (then left out). */
function citationOf(o: Record<string, unknown>): { eventStixId: string; citation: ReadCitation } | null {
  const stance = STANCES[str(o.x_dossier_stance) as keyof typeof STANCES];
  const start = offset(o.x_dossier_start_offset);
  const end = offset(o.x_dossier_end_offset);
  if (!validId(o.id, "relationship") || !validId(o.source_ref, "report") || !validId(o.target_ref, "report"))
    return null;
  if (!stance || typeof o.x_dossier_quote !== "string" || !o.x_dossier_quote || start == null || end == null)
    return null;
  if (end <= start) return null;
  return {
    eventStixId: o.source_ref,
    citation: { sourceStixId: o.target_ref, stance, quote: o.x_dossier_quote, startOffset: start, endOffset: end },
  };
}

const ENTITY_TYPES = new Set(["identity", "threat-actor", "intrusion-set", "location"]);

export function readStixBundle(text: string, maxBytes: number): ReadBundle {
  if (Buffer.byteLength(text, "utf8") > maxBytes)
    throw new StixReadError(`STIX bundles can be at most ${Math.round(maxBytes / 1024 / 1024)} MB.`);
  if (jsonDepth(text, MAX_STIX_DEPTH) > MAX_STIX_DEPTH)
    throw new StixReadError(`This file nests deeper than ${MAX_STIX_DEPTH} levels, which no STIX bundle needs.`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new StixReadError("This file is not JSON. Choose a STIX 2.1 bundle (a .json file).");
  }
  if (!isObject(data) || data.type !== "bundle")
    throw new StixReadError('This JSON is not a STIX bundle: it needs "type": "bundle".');
  if (!validId(data.id, "bundle")) throw new StixReadError('The bundle\'s id must look like "bundle--<uuid>".');
  const objects = data.objects ?? [];
  if (!Array.isArray(objects)) throw new StixReadError("The bundle's objects must be a list.");
  if (objects.length > MAX_STIX_OBJECTS)
    throw new StixReadError(`A bundle can hold at most ${MAX_STIX_OBJECTS.toLocaleString("en")} objects.`);

  const entities = new Map<string, ReadEntity>();
  const sources = new Map<string, ReadSource>();
  const candidates: ReadCandidate[] = [];
  const relationships: { eventStixId: string; citation: ReadCitation }[] = [];
  let skipped = 0;
  const invalid = (i: number, why: string) =>
    new StixReadError(`Object ${i + 1} of the bundle is not valid STIX 2.1: ${why}.`);

  objects.forEach((o, i) => {
    if (!isObject(o) || typeof o.type !== "string") throw invalid(i, "it has no type");
    const type = o.type;
    if (type === "relationship" && o.x_dossier_quote !== undefined) {
      const citation = citationOf(o);
      if (citation) relationships.push(citation);
      else skipped++;
      return;
    }
    const known = type === "report" || type === "note" || ENTITY_TYPES.has(type);
    if (!known) {
      skipped++;
      return;
    }
    if (!validId(o.id, type)) throw invalid(i, `its id must look like "${type}--<uuid>"`);
    const id = o.id;
    if (ENTITY_TYPES.has(type)) {
      // The exporting Dossier workspace itself: the author of the bundle, not something its events are about.
      if (o.x_dossier_workspace === true) return void skipped++;
      const name = str(o.name);
      if (!name) {
        // A location may be given by coordinates or a country code only: nothing to match by name.
        if (type === "location") return void skipped++;
        throw invalid(i, `a ${type} needs a name`);
      }
      const aliases = [...strings(o.aliases), ...strings(o.x_dossier_aliases), ...strings(o.x_opencti_aliases)]
        .map((a) => a.trim())
        .filter((a) => a && a !== name);
      entities.set(id, {
        stixId: id,
        name: name.slice(0, 200),
        aliases: [...new Set(aliases)].slice(0, 50),
        kind: kindOf(o),
        description: str(o.description).slice(0, 5000),
        dossier: typeof o.x_dossier_kind === "string",
      });
      return;
    }
    const refs = strings(o.object_refs);
    if (type === "note") {
      const content = str(o.content);
      if (!content) throw invalid(i, "a note needs content");
      // A Dossier key judgment is part of its briefing, not an event.
      if (o.x_dossier_probability !== undefined) return void skipped++;
      const title = str(o.abstract) || content.split("\n", 1)[0]!;
      candidates.push({
        stixId: id,
        title: title.slice(0, 300),
        description: content === title ? "" : content,
        date: typeof o.created === "string" ? dayOf(o.created) : null,
        entityIds: refs,
        references: referencesOf(o.external_references),
        tags: [],
        citations: [],
      });
      return;
    }
    // A report.
    const name = str(o.name);
    if (!name) throw invalid(i, "a report needs a name");
    if (typeof o.published !== "string" || !TIMESTAMP.test(o.published))
      throw invalid(i, "a report needs a published time such as 2021-08-19T00:00:00.000Z");
    const types = strings(o.report_types);
    if (types.includes("briefing")) return void skipped++;
    if (types.includes("source")) {
      const [ref] = referencesOf(o.external_references);
      sources.set(id, {
        stixId: id,
        title: name.slice(0, 500),
        url: ref?.url ?? null,
        publisher: str(o.x_dossier_publisher).slice(0, 200),
        kind: str(o.x_dossier_source_kind) || null,
        pubDate: partOf(o.x_dossier_pub_date),
        author: str(o.x_dossier_author).slice(0, 500),
        language: str(o.x_dossier_language).slice(0, 35),
        // Not trimmed: quotes point into it by offset.
        text: typeof o.x_dossier_text === "string" ? o.x_dossier_text : "",
        derivedFrom: str(o.x_dossier_derived_from) || null,
      });
      return;
    }
    candidates.push({
      stixId: id,
      title: name.slice(0, 300),
      description: str(o.description),
      date: dateOf(o, o.published),
      entityIds: refs,
      references: referencesOf(o.external_references),
      tags: strings(o.labels)
        .map((l) => l.trim())
        .filter(Boolean)
        .slice(0, 50),
      citations: [],
    });
  });
  // Dossier's citations, read once every report is known.
  for (const r of relationships) {
    const event = candidates.find((c) => c.stixId === r.eventStixId);
    if (event && sources.has(r.citation.sourceStixId)) event.citations.push(r.citation);
    else skipped++;
  }
  return { candidates, entities, sources, skipped };
}
