/**
 * Who and where a passage names. The workspace's own entities come first,
 * by name or alias, case-insensitively and on whole words only ("Iran" must
 * not match inside "Iranian"); then names the workspace does not know yet,
 * found by compromise's people, organisation and place taggers.
 */
import nlp from "compromise";

export type EntityKind = "PERSON" | "ORGANIZATION" | "PLACE" | "OTHER";
export type KnownEntity = { id: string; name: string; kind: EntityKind; aliases: string[] };
export type FoundEntity = { entityId?: string; name: string; kind: EntityKind };

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export type EntityMatcher = (text: string) => FoundEntity[];

export function entityMatcher(entities: KnownEntity[]): EntityMatcher {
  const byTerm = new Map<string, KnownEntity>();
  for (const e of entities) {
    for (const term of [e.name, ...e.aliases]) {
      const key = term.trim().toLocaleLowerCase();
      // Two-letter aliases ("AQ") are real, one letter never is.
      if (key.length >= 2 && !byTerm.has(key)) byTerm.set(key, e);
    }
  }
  if (byTerm.size === 0) return () => [];
  const terms = [...byTerm.keys()].sort((a, b) => b.length - a.length).map(escape);
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${terms.join("|")})(?![\\p{L}\\p{N}_])`, "giu");
  return (text) => {
    const found = new Map<string, FoundEntity>();
    for (const m of text.matchAll(pattern)) {
      const e = byTerm.get(m[0].toLocaleLowerCase());
      if (e && !found.has(e.id)) found.set(e.id, { entityId: e.id, name: e.name, kind: e.kind });
    }
    return [...found.values()];
  };
}

const ORG_WORDS = /\b(News|Agency|Times|Post|Journal|Guards?|Corps|Force|Forces|Ministry|Council|Committee|Party|Army|Movement|Front|Network|Group|Center|Centre|Institute|University|Bank|Office|Department|Commission|Service|Radio|Television|TV|Tribune|Herald|Press|Organi[sz]ation|Union|League|Brigade|Shura)\b/;
const NOT_NAMES = /^(the|a|an|he|she|they|it|we|i|you|his|her|their|mr|mrs|ms)$/i;

function cleanName(raw: string): string {
  return raw
    .replace(/[’']s$/u, "")
    .replace(/^[\s“"‘(]+|[\s”"’),.;:!?]+$/gu, "")
    .replace(/^the\s+/i, "")
    .trim();
}

/** Names compromise recognises that none of the known entities covers; at most `limit`. */
export function newNames(text: string, known: FoundEntity[], limit = 8): FoundEntity[] {
  const doc = nlp(text);
  const knownNames = known.map((k) => k.name.toLocaleLowerCase());
  const out = new Map<string, FoundEntity>();
  const add = (names: string[], kind: EntityKind) => {
    for (const raw of names) {
      const name = cleanName(raw);
      const key = name.toLocaleLowerCase();
      if (name.length < 3 || NOT_NAMES.test(name) || !/^\p{Lu}/u.test(name) || out.has(key)) continue;
      if (knownNames.some((k) => k === key || k.includes(key) || key.includes(k))) continue;
      out.set(key, { name, kind });
    }
  };
  add(doc.people().out("array") as string[], "PERSON");
  add(doc.organizations().out("array") as string[], "ORGANIZATION");
  add(doc.places().out("array") as string[], "PLACE");
  // Compromise's lexicon knows few Afghan and Iranian names: other proper nouns are offered too, typed by their last word where it tells.
  const rest = (doc.match("#ProperNoun+").not("#Demonym").out("array") as string[]).flatMap((s) => s.split(/[,;]/));
  add(rest.filter((n) => ORG_WORDS.test(cleanName(n))), "ORGANIZATION");
  add(rest.filter((n) => !ORG_WORDS.test(cleanName(n)) && cleanName(n).includes(" ")), "PERSON");
  add(rest, "OTHER");
  return [...out.values()].slice(0, limit);
}
