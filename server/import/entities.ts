/**
 * Who and where a passage names. The workspace's own entities come first,
 * by name or alias, case-insensitively and on whole words only ("Iran" must
 * not match inside "Iranian"); then names the workspace does not know yet,
 * found by compromise's people, organisation and place taggers.
 */
import nlp from "compromise";
import type { EntityKind } from "../schemas/entity.ts";

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

const ORG_WORDS =
  /\b(News|Agency|Times|Post|Journal|Guards?|Corps|Force|Forces|Ministry|Council|Committee|Party|Army|Movement|Front|Network|Group|Center|Centre|Institute|University|Bank|Office|Department|Commission|Service|Radio|Television|TV|Tribune|Herald|Press|Organi[sz]ation|Union|League|Brigade|Shura)\b/;
const NOT_NAMES = /^(the|a|an|he|she|they|it|we|i|you|his|her|their|mr|mrs|ms)$/i;

/** Offices and ranks before a name belong to the sentence, not to the person. */
const HONORIFIC =
  /^(?:(?:Prime|Foreign|Deputy|Interior|Defen[cs]e|Vice|Supreme)\s+)*(?:Minister|President|Secretary|General|Governor|Ambassador|Senator|Commander|Spokesman|Leader|Gen|Brig|Col|Lt|Maj|Capt|Dr|Sheikh)\.?\s+(?=\p{Lu})/u;

function cleanName(raw: string): string {
  let name = raw
    .replace(/[’']s$/u, "")
    .replace(/^[\s“"‘(]+|[\s”"’),.;:!?]+$/gu, "")
    .replace(/^the\s+/i, "")
    .trim();
  while (HONORIFIC.test(name)) name = name.replace(HONORIFIC, "");
  return name;
}

/**
 * Compromise's lexicon only: its full tagger costs about 20 ms per KB on this
 * hardware, which alone would spend the importer's time budget; the lexicon
 * is a fifth of that and still knows common first names and places. Names it
 * does not know come from runs of capitalised words, typed by their words.
 */
function tagged(text: string) {
  const doc = nlp.tokenize(text);
  doc.compute("lexicon");
  return doc;
}

const CAPITALISED_RUN =
  /(?<![\p{L}\p{N}])(?:al[- ])?\p{Lu}[\p{L}’'-]+(?:\s+(?:al-|bin\s+|ibn\s+|de\s+)?\p{Lu}[\p{L}’'-]+)*/gu;
const NOT_NAME_WORDS = new Set(
  "the a an in on at by for from of to and but or as it its he she they we this that these those there here when while after before since during according however meanwhile mr mrs ms monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec".split(
    " ",
  ),
);
/** Peoples and languages are adjectives here, not entities ("Iranian officials"). */
const DEMONYM =
  /(?:ian|ians|ean|eans|ese|ish|ist|ists|ite|ites)$|^(?:Afghans?|Arabs?|Shias?|Sunnis?|Muslims?|Pashtuns?|Hazaras?|Tajiks?|Uzbeks?|Kurds?|Baluch|Pakistanis?|Iraqis?|Saudis?|Israelis?|Yemenis?|Qataris?|Emiratis?|Kuwaitis?|Omanis?|Bahrainis?)$/;
/** "U.S", "U.N.": abbreviations of places and bodies the workspace names in full. */
const DOTTED_ABBREVIATION = /^(?:\p{Lu}\.)+\p{Lu}?\.?$/u;

/** Runs of capitalised words the lexicon did not place, minus sentence openers and demonyms. */
function capitalisedRuns(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(CAPITALISED_RUN)) {
    const words = m[0].split(/\s+/);
    while (words.length && NOT_NAME_WORDS.has(words[0]!.toLowerCase())) words.shift();
    if (words.length === 0) continue;
    const before = text.slice(0, m.index).trimEnd();
    const sentenceStart = before === "" || /[.!?:“"]$/.test(before);
    if (words.length === 1 && (sentenceStart || DEMONYM.test(words[0]!.replace(/[’']s$/, "")))) continue;
    out.push(words.join(" "));
  }
  return out;
}

/** Names found in the text that none of the known entities covers; at most `limit`. */
export function newNames(text: string, known: FoundEntity[], limit = 8): FoundEntity[] {
  const doc = tagged(text);
  // "al Qaeda" is the known "al-Qaeda".
  const comparable = (name: string) => name.toLocaleLowerCase().replace(/[-‐]/g, " ");
  const knownNames = known.map((k) => comparable(k.name));
  const out = new Map<string, FoundEntity>();
  const add = (names: string[], kind: EntityKind) => {
    for (const raw of names) {
      const name = cleanName(raw);
      const key = name.toLocaleLowerCase();
      if (
        name.length < 3 ||
        NOT_NAMES.test(name) ||
        NOT_NAME_WORDS.has(key) ||
        DOTTED_ABBREVIATION.test(name) ||
        !/^(?:al[- ])?\p{Lu}/u.test(name) ||
        out.has(key)
      )
        continue;
      const plain = comparable(name);
      if (knownNames.some((k) => k === plain || k.includes(plain) || plain.includes(k))) continue;
      out.set(key, { name, kind });
    }
  };
  const runs = capitalisedRuns(text)
    .flatMap((s) => s.split(/[,;]/))
    .map(cleanName);
  const people = (doc.people().out("array") as string[]).map(cleanName);
  // A run that extends a recognised first name is the whole name ("Mohammad Reza" → "Mohammad Reza Behrami").
  add(
    runs.filter((r) => people.some((p) => r.startsWith(p) && r !== p)),
    "PERSON",
  );
  add(people, "PERSON");
  add(doc.organizations().out("array") as string[], "ORGANIZATION");
  add(
    runs.filter((r) => ORG_WORDS.test(r)),
    "ORGANIZATION",
  );
  add(doc.places().out("array") as string[], "PLACE");
  add(
    runs.filter((r) => r.includes(" ")),
    "PERSON",
  );
  add(runs, "OTHER");
  // "Adel" inside "Saif al-Adel" is the same person.
  const found = [...out.values()];
  const names = found.map((f) => f.name.toLocaleLowerCase());
  return found
    .filter((f, i) => !names.some((n, j) => j !== i && n.length > names[i]!.length && n.includes(names[i]!)))
    .slice(0, limit);
}
