/**
 * Who and where a passage names, and why each name is taken for a known
 * entity. Analysts' sources spell one person or place many ways
 * ("Mullah Akhtar Muhammad Mansour", "Akhtar Mansour", "Mansour";
 * "Balochistan", "Baluchistan"), so a name links to a workspace entity by:
 * - its name or an alias, as written (hyphens and spaces alike, any case);
 * - the initials of its name or an alias ("ISKP");
 * - some of the words of its name, spelled alike ("Akhtar Mansour"), or a
 *   person's family name alone when no other entity has it ("Mansour");
 * - a close spelling or transliteration: the database's trigram similarity
 *   (pg_trgm), looked up for all of a job's names at once, accepted when
 *   high or when the two spell the same consonants ("Mansur", "Mansour").
 * Names the workspace does not know are offered as new ones: capitalised runs
 * and compromise's people, organisation and place taggers, less common words
 * that merely open a sentence or a heading ("Head", "Security", "Western").
 */
import nlp from "compromise";
import type { EntityKind } from "../schemas/entity.ts";

export type KnownEntity = { id: string; name: string; kind: EntityKind; aliases: string[] };
/** `written` is the text as the passage has it; `why` says in words how it was matched. */
export type FoundEntity = { entityId?: string; name: string; kind: EntityKind; written?: string; why?: string };
/** A close spelling found by the database: the entity, its name or alias that matched, and their similarity. */
export type SpellingMatch = { entityId: string; term: string; score: number };

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const lower = (s: string) => s.toLocaleLowerCase();

/** Particles and titles that do not tell one person from another. */
const PARTICLES = new Set(
  "al el bin ibn bint abu de the of and for mullah mawlawi maulvi sheikh haji mr mrs dr".split(" "),
);

function tokens(term: string): string[] {
  return lower(term)
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[’']s\b/g, "")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/**
 * The consonants of a word, for transliterations: vowels dropped after the
 * first letter, doubled letters once, a leading vowel as "a". "Muhammad" and
 * "Mohammed" are both "mhmd", "Balochistan" and "Baluchistan" "blchstn".
 */
export function skeleton(word: string): string {
  const w = tokens(word).join("");
  if (!w) return "";
  const first = /[aeiou]/.test(w[0]!) ? "a" : w[0]!;
  return (first + w.slice(1).replace(/[aeiou]/g, "")).replace(/(.)\1+/g, "$1");
}

const initials = (term: string) =>
  tokens(term)
    .filter((t) => !PARTICLES.has(t))
    .map((t) => t[0])
    .join("");

type Term = { entity: KnownEntity; term: string; isAlias: boolean };

export type EntityMatcher = {
  /** Names in the text that no exact, initials or word match explains: what to ask the database about. */
  unresolved(text: string): string[];
  match(text: string, spellings?: Map<string, SpellingMatch[]>): FoundEntity[];
  /** Whether a name is a known entity's, as written, by its words or by its spelling: such a name is never offered as new. */
  knows(name: string, spellings?: Map<string, SpellingMatch[]>): boolean;
};

/** Capitalised runs, with "al-", "bin" and hyphenated names inside them; acronyms ("ISIS-K") included. */
const CAPITALISED_RUN =
  /(?<![\p{L}\p{N}])(?:al[- ])?\p{Lu}[\p{L}’'-]*(?:\s+(?:al-|bin\s+|ibn\s+|de\s+)?\p{Lu}[\p{L}’'-]*)*/gu;

/** Longer runs are headlines or lists, not one name: only windows this long are tried. */
const MAX_NAME_WORDS = 6;

/** Each contiguous run of words of a capitalised run, longest first: "Akhtar Mansour" in "When Akhtar Mansour". */
function subRuns(run: string): string[] {
  const words = run.split(/\s+/);
  const out: string[] = [];
  for (let len = Math.min(words.length, MAX_NAME_WORDS); len >= 1; len--)
    for (let i = 0; i + len <= words.length; i++) out.push(words.slice(i, i + len).join(" "));
  return out;
}

export function entityMatcher(entities: KnownEntity[]): EntityMatcher {
  const terms: Term[] = entities.flatMap((entity) => [
    { entity, term: entity.name, isAlias: false },
    ...entity.aliases.map((term) => ({ entity, term, isAlias: true })),
  ]);
  // Exact names and aliases: hyphens and spaces alike, whole words only ("Iran" is not in "Iranian").
  // Case and the hyphens or spaces between words aside, as written: Persian letters and their marks stay.
  const termKey = (s: string) =>
    lower(s.trim())
      .split(/[\s‐-]+/)
      .join(" ");
  const byTerm = new Map<string, Term>();
  for (const t of terms) {
    const key = termKey(t.term);
    // Two-letter aliases ("AQ") are real, one letter never is.
    if (key.length >= 2 && !byTerm.has(key)) byTerm.set(key, t);
  }
  const alternatives = [...byTerm.keys()]
    .sort((a, b) => b.length - a.length)
    .map((k) => k.split(" ").map(escape).join("[\\s‐-]+"));
  const exact = alternatives.length
    ? new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives.join("|")})(?![\\p{L}\\p{N}_])`, "giu")
    : null;
  const byInitials = new Map<string, Term>();
  for (const t of terms) {
    const i = initials(t.term);
    if (i.length >= 3 && tokens(t.term).length >= 3 && !byInitials.has(i)) byInitials.set(i, t);
  }
  // Family names that only one person has.
  const surnames = new Map<string, Term | null>();
  for (const t of terms) {
    if (t.entity.kind !== "PERSON") continue;
    const last = tokens(t.term).at(-1);
    if (!last || last.length < 4 || tokens(t.term).length < 2) continue;
    const key = skeleton(last);
    const had = surnames.get(key);
    surnames.set(key, had === undefined || had?.entity.id === t.entity.id ? t : null);
  }

  type Hit = { term: Term; written: string; why: string };

  function byWords(written: string): Hit | null {
    const mine = tokens(written).filter((t) => !PARTICLES.has(t));
    if (mine.length === 0) return null;
    const skeletons = mine.map(skeleton);
    if (mine.length === 1) {
      if (/^\p{Lu}[\p{L}]*$/u.test(written) && written === written.toUpperCase() && written.length >= 3) {
        const t = byInitials.get(lower(written));
        if (t) return { term: t, written, why: `the initials of “${t.term}”` };
      }
      const t = surnames.get(skeletons[0]!);
      if (t && mine[0]!.length >= 4 && !COMMON.has(mine[0]!))
        return {
          term: t,
          written,
          why: `the family name of “${t.entity.name}”, and no one else in the workspace has it`,
        };
      return null;
    }
    let best: { term: Term; words: number } | null = null;
    for (const t of terms) {
      const theirs = tokens(t.term)
        .filter((x) => !PARTICLES.has(x))
        .map(skeleton);
      // Part of a person's name is that person; part of a body's name ("Islamic State" of "Islamic State Khorasan Province") may be another body.
      if (theirs.length < mine.length || (t.entity.kind !== "PERSON" && theirs.length > mine.length)) continue;
      const left = [...theirs];
      const all = skeletons.every((s) => {
        const at = left.indexOf(s);
        if (at === -1) return false;
        left.splice(at, 1);
        return true;
      });
      if (all && (!best || theirs.length < best.words)) best = { term: t, words: theirs.length };
    }
    if (!best) return null;
    const of = `${best.term.isAlias ? "its alias " : ""}“${best.term.term}”`;
    return {
      term: best.term,
      written,
      why: best.words === mine.length ? `spelled like ${of}` : `${mine.length} of the ${best.words} words of ${of}`,
    };
  }

  function resolved(text: string): { hits: Hit[]; rest: string[] } {
    const hits: Hit[] = [];
    const covered: [number, number][] = [];
    if (exact)
      for (const m of text.matchAll(exact)) {
        const t = byTerm.get(termKey(m[0]));
        if (!t) continue;
        hits.push({
          term: t,
          written: m[0],
          why: t.isAlias ? `an alias of “${t.entity.name}”` : "its name in the workspace",
        });
        covered.push([m.index, m.index + m[0].length]);
      }
    const rest: string[] = [];
    for (const m of text.matchAll(CAPITALISED_RUN)) {
      const start = m.index;
      if (covered.some(([a, b]) => start < b && start + m[0].length > a)) continue;
      const run = m[0].replace(/[’']s$/u, "");
      const found = subRuns(run)
        .map(byWords)
        .find((h): h is Hit => Boolean(h));
      if (found) hits.push(found);
      else rest.push(run);
    }
    return { hits, rest };
  }

  /** The entity name or alias a name is a close spelling of, when the database found one alike enough. */
  function spelledAs(written: string, spellings?: Map<string, SpellingMatch[]>) {
    const accepted = (spellings?.get(lower(written)) ?? [])
      .filter((s) => s.score >= 0.6 || (s.score >= 0.3 && skeleton(s.term) === skeleton(written)))
      .sort((a, b) => b.score - a.score)[0];
    const term = accepted && terms.find((t) => t.entity.id === accepted.entityId && t.term === accepted.term);
    return term ? { term, score: accepted.score } : null;
  }

  return {
    knows: (name, spellings) =>
      Boolean(byTerm.get(termKey(name)) ?? byWords(name.replace(/[’']s$/u, "")) ?? spelledAs(name, spellings)),
    unresolved: (text) =>
      resolved(text)
        .rest.flatMap(subRuns)
        .filter((r) => r.length >= 4 && !isCommonWords(r)),
    match(text, spellings) {
      const { hits, rest } = resolved(text);
      for (const run of rest) {
        for (const written of subRuns(run)) {
          const spelled = spelledAs(written, spellings);
          if (!spelled) continue;
          const { term, score } = spelled;
          hits.push({
            term,
            written,
            why: `spelled like ${term.isAlias ? "its alias " : ""}“${term.term}” (${Math.round(score * 100)}% alike)`,
          });
          break;
        }
      }
      const out = new Map<string, FoundEntity>();
      for (const h of hits) {
        const e = h.term.entity;
        if (out.has(e.id)) continue;
        const same = lower(h.written) === lower(e.name);
        out.set(e.id, {
          entityId: e.id,
          name: e.name,
          kind: e.kind,
          written: h.written,
          why: same ? "its name in the workspace" : `“${h.written}”: ${h.why}`,
        });
      }
      return [...out.values()];
    },
  };
}

const ORG_WORDS =
  /\b(News|Agency|Times|Post|Journal|Guards?|Corps|Force|Forces|Ministry|Council|Committee|Party|Army|Movement|Front|Network|Group|Center|Centre|Institute|University|Bank|Office|Department|Commission|Service|Radio|Television|TV|Tribune|Herald|Press|Organi[sz]ation|Union|League|Brigade|Shura|Forum|Province|State)\b/;
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

const NOT_NAME_WORDS = new Set(
  "the a an in on at by for from of to and but or as it its he she they we this that these those there here when while after before since during according however meanwhile mr mrs ms monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec photo picture image caption".split(
    " ",
  ),
);
/** Words capitalised at the start of a sentence or in a heading that are no one's name. */
const COMMON = new Set(
  "head security western eastern northern southern central islamic republic government officials official sources source report reports state states president minister leader leaders group groups forces force border guards police army intelligence ministry council office talks war peace world international national regional local senior former deputy chief general special new old first last top high".split(
    " ",
  ),
);
/** Endings of common nouns and adjectives: "Security", "Western", "Agreement", "Islamic". */
const COMMON_ENDING = /(?:ity|ment|tion|sion|ness|ance|ence|ism|ship|ern|ical|ic|ive|ous|ful|less|able|ible|ary|ory)$/i;
const lexiconTags = (word: string): string[] =>
  ((tagged(word).json() as { terms: { tags: string[] }[] }[])[0]?.terms[0]?.tags ?? []) as string[];

/** A word that is a common noun or adjective, not a name, whatever its capital. */
function isCommonWord(word: string): boolean {
  const w = lower(word.replace(/[’']s$/u, ""));
  if (COMMON.has(w) || NOT_NAME_WORDS.has(w)) return true;
  if (w.length >= 5 && COMMON_ENDING.test(w)) return true;
  const tags = lexiconTags(w);
  return tags.length > 0 && !tags.some((t) => /ProperNoun|Person|Place|Organization|FirstName|LastName/.test(t));
}

function isCommonWords(run: string): boolean {
  return run.split(/\s+/).every(isCommonWord);
}

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

/**
 * Names found in the text that none of the known entities covers, at most
 * `limit`: not the names already linked (as the workspace spells them or as
 * the text does), and not common words that happen to be capitalised.
 */
export function newNames(
  text: string,
  known: FoundEntity[],
  limit = 8,
  isKnown: (name: string) => boolean = () => false,
): FoundEntity[] {
  const doc = tagged(text);
  // "al Qaeda" is the known "al-Qaeda".
  const comparable = (name: string) => lower(name).replace(/[-‐]/g, " ");
  const knownNames = known.flatMap((k) => [k.name, ...(k.written ? [k.written] : [])]).map(comparable);
  const out = new Map<string, FoundEntity>();
  const add = (names: string[], kind: EntityKind) => {
    for (const raw of names) {
      const name = cleanName(raw);
      const key = lower(name);
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
      if (knownNames.some((k) => k === plain || k.includes(plain) || plain.includes(k)) || isKnown(name)) continue;
      // "Islamic Republic" and "Head" are words, not names, unless a word of the name says it is a body.
      if (isCommonWords(name) && !(kind === "ORGANIZATION" && ORG_WORDS.test(name))) continue;
      out.set(key, { name, kind });
    }
  };
  const runs = capitalisedRuns(text)
    .flatMap((s) => s.split(/[,;]/))
    .map(cleanName)
    // "Security Farid Nazari" is the head of security, Farid Nazari.
    .map((r) => {
      const words = r.split(/\s+/);
      while (words.length > 1 && isCommonWord(words[0]!)) words.shift();
      return words.join(" ");
    });
  const people = (doc.people().out("array") as string[]).map(cleanName);
  const firstNames = new Set(
    (doc.match("#FirstName").out("array") as string[]).map((n) => lower(n.replace(/[’']s$/u, ""))),
  );
  // Two to four uncommon capitalised words are a person's name more often than anything else.
  const personLike = (r: string) =>
    r.split(/\s+/).some((w) => firstNames.has(lower(w)) || /^(?:al-|bin|ibn|Mullah|Mawlawi|Haji)$/i.test(w)) ||
    (r.split(/\s+/).length <= 4 && !r.split(/\s+/).some(isCommonWord));
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
    runs.filter((r) => r.includes(" ") && personLike(r)),
    "PERSON",
  );
  add(runs, "OTHER");
  // "Adel" inside "Saif al-Adel" is the same person.
  const found = [...out.values()];
  const names = found.map((f) => lower(f.name));
  return found
    .filter((f, i) => !names.some((n, j) => j !== i && n.length > names[i]!.length && n.includes(names[i]!)))
    .slice(0, limit);
}
