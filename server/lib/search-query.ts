/**
 * A word as PostgreSQL's text-search parser keeps it: letters and digits of
 * any script with their combining marks (Arabic vowel signs), the zero-width
 * non-joiner and joiner that Persian writes inside words (می‌گوید is one word
 * to the parser, so splitting at the ZWNJ would never match it), and inner
 * dots ("U.S", "12.5"). None of these characters is tsquery syntax.
 */
const WORD = /[\p{L}\p{N}\p{M}\u200C\u200D]+(?:\.[\p{L}\p{N}\p{M}\u200C\u200D]+)*/gu;
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * Turns what a person types into a safe to_tsquery expression: words are
 * reduced to the characters above, joined with AND, and (unless `prefix` is
 * false) the last word matches as a prefix so results appear while typing.
 * Nothing the user types is ever interpreted as query syntax.
 */
export function tsQuery(input: string, opts: { prefix?: boolean } = {}): string | null {
  const words = (input.normalize("NFKC").match(WORD) ?? [])
    // Joiners and marks at the edges are leftovers of punctuation, not words.
    .map((w) => w.replace(/^[\p{M}\u200C\u200D]+|[\u200C\u200D]+$/gu, ""))
    .filter((w) => HAS_LETTER_OR_DIGIT.test(w))
    .slice(0, 12);
  if (words.length === 0) return null;
  const prefix = opts.prefix ?? true;
  return words.map((w, i) => (prefix && i === words.length - 1 ? `${w}:*` : w)).join(" & ");
}

/**
 * The two halves of a search: the English stems of the words as typed, matched
 * whole ("meetings" finds "meeting"), and the words as typed with the last as
 * a prefix ("Mashh" finds "Mashhad", Persian matches as written). Stems are
 * never prefixes: "Hanning" stems to "han", and "han…" would match "hand".
 */
export function searchTerms(input: string): { stemmed: string; typed: string } | null {
  const typed = tsQuery(input);
  const stemmed = tsQuery(input, { prefix: false });
  return typed && stemmed ? { stemmed, typed } : null;
}

/** A name typed in the query and the other names of the same entity ("Mashad" → Mashhad, Meshed, مشهد). */
export type AliasExpansion = { typed: string; alternates: string[] };

/**
 * The language-neutral half of a search (`typed`) widened with entity
 * aliases: a word of the query that is the name or an alias of an entity
 * also matches that entity's other names, and a query that is one whole
 * multi-word name matches the others as a whole. Stemmed terms are left as
 * they are (names are matched as written).
 */
export function expandTyped(input: string, expansions: AliasExpansion[]): string | null {
  const typed = tsQuery(input);
  if (!typed || expansions.length === 0) return typed;
  const alternatesOf = (e: AliasExpansion) =>
    e.alternates.map((a) => tsQuery(a, { prefix: false })).filter((a): a is string => a !== null);
  const group = (own: string, alternates: string[]) =>
    alternates.length ? `(${[own, ...alternates.map((a) => `(${a})`)].join(" | ")})` : own;
  const key = (s: string) => s.normalize("NFKC").toLowerCase();
  const whole = expansions.filter(
    (e) => key(e.typed) === key(input.trim()) && (tsQuery(e.typed) ?? "").includes(" & "),
  );
  const terms = typed.split(" & ");
  const widened = terms.map((term) => {
    const word = key(term.replace(/:\*$/, ""));
    const alternates = expansions.filter((e) => key(e.typed) === word).flatMap(alternatesOf);
    return group(term, alternates);
  });
  const joined = widened.join(" & ");
  const wholeAlternates = whole.flatMap(alternatesOf);
  return wholeAlternates.length ? group(`(${joined})`, wholeAlternates) : joined;
}
