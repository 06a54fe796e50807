import { ENTITY_KIND_LABELS, type EntityKind } from "../schemas/entity.ts";
import { formatEventDate, type PartialDate } from "../schemas/partial-date.ts";
import type { RecordChange } from "../schemas/proposal.ts";
import { SOURCE_KIND_LABELS, type SourceKind } from "../schemas/source.ts";

/**
 * The details of a source or an entity as a proposal stores them, and "what
 * changes" between two of them as readable lines (kind labels, dates as
 * written, aliases as a set). Pure, so the queue, the record's page and the
 * tests read the same diff.
 */

export type SourceDetails = {
  kind: SourceKind;
  title: string;
  publisherName: string;
  author: string;
  pubDate: PartialDate | null;
  url: string;
  language: string;
  derivedFromId: string | null;
};

export type EntityDetails = {
  kind: EntityKind;
  name: string;
  description: string;
  aliases: string[];
};

/** The aliases an entity keeps: trimmed, none repeating the name or another alias (case-insensitive). */
export function cleanAliases(name: string, aliases: string[]): string[] {
  const seen = new Set([name.trim().toLowerCase()]);
  return aliases.map((a) => a.trim()).filter((a) => a && !seen.has(a.toLowerCase()) && seen.add(a.toLowerCase()));
}

const line = (field: string, label: string, before: string, after: string): RecordChange | null =>
  before === after ? null : { field, label, before, after };

const pubDateText = (d: PartialDate | null) => (d ? formatEventDate({ start: d }) : "");

/**
 * Source fields that differ. `titleOf` names the source a copy is derived
 * from (an id means nothing to a reviewer).
 */
export function sourceChanges(
  before: SourceDetails,
  after: SourceDetails,
  titleOf: (sourceId: string) => string | undefined,
): RecordChange[] {
  const derived = (id: string | null) => (id ? (titleOf(id) ?? "another source") : "");
  return [
    line("kind", "Kind", SOURCE_KIND_LABELS[before.kind], SOURCE_KIND_LABELS[after.kind]),
    line("title", "Title", before.title, after.title),
    line("publisherName", "Publisher", before.publisherName, after.publisherName),
    line("author", "Author", before.author, after.author),
    line("pubDate", "Published", pubDateText(before.pubDate), pubDateText(after.pubDate)),
    line("url", "Web address", before.url, after.url),
    line("language", "Language", before.language, after.language),
    line("derivedFromId", "Derived from", derived(before.derivedFromId), derived(after.derivedFromId)),
  ].filter((c): c is RecordChange => c !== null);
}

/** Entity fields that differ; aliases are a set, so their order is not a change. */
export function entityChanges(before: EntityDetails, after: EntityDetails): RecordChange[] {
  const aliases = (list: string[]) => [...list].sort((a, b) => a.localeCompare(b)).join(", ");
  return [
    line("kind", "Kind", ENTITY_KIND_LABELS[before.kind], ENTITY_KIND_LABELS[after.kind]),
    line("name", "Name", before.name, after.name),
    line("aliases", "Aliases", aliases(before.aliases), aliases(after.aliases)),
    line("description", "Description", before.description, after.description),
  ].filter((c): c is RecordChange => c !== null);
}
