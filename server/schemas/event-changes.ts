/**
 * What changed between two versions of an event, named the way a reviewer
 * reads it: the entities, places and tags added and removed (by name and
 * role), never a count. Pure and isomorphic: the review queue and the event's
 * proposal box compute it on the server, the history page in the browser, so
 * every screen names a change the same way.
 */

export type LinkRole = "ACTOR" | "PLACE" | "OTHER";

/** A linked entity with its name resolved (the snapshot stores only ids). */
export type NamedLink = { entityId: string; role: LinkRole; placePrecision?: string | null; name: string };

/** A set-valued field: what was added, what was removed, what stayed. Each list sorted for reading. */
export type SetChange = { added: string[]; removed: string[]; kept: string[] };

const ROLE_WORDS: Record<Exclude<LinkRole, "PLACE">, string> = { ACTOR: "actor", OTHER: "other" };
const PRECISION_WORDS: Record<string, string> = {
  EXACT: "exact place",
  CITY: "city",
  REGION: "region",
  COUNTRY: "country",
  APPROXIMATE: "approximate",
};

/** "Tayyab Agha (actor)", "Mashhad (city)"; a place without a precision is just its name. */
export function linkLabel(link: NamedLink): string {
  if (link.role === "PLACE") {
    const p = link.placePrecision ? PRECISION_WORDS[link.placePrecision] : undefined;
    return p ? `${link.name} (${p})` : link.name;
  }
  return `${link.name} (${ROLE_WORDS[link.role]})`;
}

const byText = (a: string, b: string) => a.localeCompare(b);

/** Added, removed and kept members of a set; `before` null means everything is new. */
export function diffSets(before: readonly string[] | null, after: readonly string[]): SetChange {
  const was = new Set(before ?? []);
  const now = new Set(after);
  return {
    added: [...now].filter((x) => !was.has(x)).sort(byText),
    removed: [...was].filter((x) => !now.has(x)).sort(byText),
    kept: [...now].filter((x) => was.has(x)).sort(byText),
  };
}

export const isUnchanged = (c: SetChange) => c.added.length === 0 && c.removed.length === 0;

/**
 * Entities (actors and others) and places of two versions, split and labelled.
 * A change of a place's precision reads as the old label removed and the new
 * one added, which is what it is to a reader.
 */
export function diffLinks(
  before: readonly NamedLink[] | null,
  after: readonly NamedLink[],
): { entities: SetChange; places: SetChange } {
  const labels = (links: readonly NamedLink[], places: boolean) =>
    links.filter((l) => (l.role === "PLACE") === places).map(linkLabel);
  return {
    entities: diffSets(before && labels(before, false), labels(after, false)),
    places: diffSets(before && labels(before, true), labels(after, true)),
  };
}

/** A cited passage as a diff names it: by its quote and its source. */
export type CitedLine = { sourceTitle: string; stance: string; quote: string };

/** An event version as the diff reads it: the date already in words, links with their names. */
export type DescribedEvent = {
  title: string;
  date: string;
  summary: string;
  tags: readonly string[];
  entities: readonly NamedLink[];
};

export type EventChange =
  | { kind: "text"; field: "title" | "date" | "summary"; before: string | null; after: string }
  | ({ kind: "set"; field: "tags" | "entities" | "places" } & SetChange)
  | { kind: "citations"; field: "citations"; added: CitedLine[]; removed: CitedLine[] };

export const CHANGE_LABELS: Record<EventChange["field"], string> = {
  title: "Title",
  date: "Date",
  summary: "Summary",
  tags: "Tags",
  entities: "Entities",
  places: "Places",
  citations: "Citations",
};

/**
 * The fields that differ between two versions, in reading order. With no
 * `before` (a new event) every filled field is listed, sets as all added.
 * Proposed citations are passed separately: they live beside the snapshot.
 */
export function describeEventChanges(
  before: DescribedEvent | null,
  after: DescribedEvent,
  cited: { added: CitedLine[]; removed: CitedLine[] } = { added: [], removed: [] },
): EventChange[] {
  const out: EventChange[] = [];
  for (const field of ["title", "date", "summary"] as const) {
    const a = after[field];
    if (!before || before[field] !== a)
      out.push({ kind: "text", field, before: before ? before[field] : null, after: a });
  }
  const sets = {
    tags: diffSets(before && before.tags, after.tags),
    ...diffLinks(before && before.entities, after.entities),
  };
  for (const field of ["entities", "places", "tags"] as const) {
    if (!isUnchanged(sets[field])) out.push({ kind: "set", field, ...sets[field] });
  }
  if (cited.added.length || cited.removed.length) out.push({ kind: "citations", field: "citations", ...cited });
  return out;
}
