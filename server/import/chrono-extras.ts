/**
 * What chrono-node does not read on its own and analysts' sources are full
 * of: bare years after a preposition ("In 1998", "since 2006"), two years
 * together ("in 2011 and 2012", "2011–2012") and decades ("the 1990s",
 * "late 1990s"). Each is a chrono parser, so chrono's own refiners still
 * resolve overlaps with its built-in results (the longer match wins).
 *
 * Qualifiers travel as tags on the result, read back in date-finder.ts.
 */
import type { Parser } from "chrono-node";

export const TAG_CIRCA = "dossier/circa";
export const TAG_BEFORE = "dossier/before";
export const TAG_AFTER = "dossier/after";

const YEAR = "((?:1[6-9]|20)\\d\\d)";
// Not followed by more digits, a plural ("1990s") or an apostrophe ("1990's").
const YEAR_END = "(?![\\d'’]|s\\b)";

const QUALIFIER_BY_WORD: Record<string, string | undefined> = {
  before: TAG_BEFORE,
  after: TAG_AFTER,
  around: TAG_CIRCA,
  circa: TAG_CIRCA,
  "c.": TAG_CIRCA,
  about: TAG_CIRCA,
};

/** "in 2011 and 2012", "between 1996 and 2001", "from 2011 to 2013", "2011–2012". */
export const yearRangeParser: Parser = {
  pattern: () =>
    new RegExp(
      `\\b(?:(?:in|between|from|during)\\s+${YEAR}\\s+(?:and|to|until|through)\\s+${YEAR}|${YEAR}\\s*[–—-]\\s*${YEAR})${YEAR_END}`,
      "i",
    ),
  extract: (context, match) => {
    const from = Number(match[1] ?? match[3]);
    const to = Number(match[2] ?? match[4]);
    if (!(to > from)) return null;
    return context.createParsingResult(match.index!, match[0], { year: from }, { year: to });
  },
};

/** "the 1990s" is the whole decade; "early/mid/late 1990s" about a third of it, so circa. */
export const decadeParser: Parser = {
  pattern: () => new RegExp(`\\b(?:(early|mid|late)[\\s-]+)?(?:the\\s+)?((?:1[6-9]|20)\\d0)['’]?s\\b`, "i"),
  extract: (context, match) => {
    const decade = Number(match[2]);
    const part = match[1]?.toLowerCase();
    const [from, to] = part === "early" ? [0, 3] : part === "mid" ? [3, 6] : part === "late" ? [6, 9] : [0, 9];
    const result = context.createParsingResult(match.index!, match[0], { year: decade + from }, { year: decade + to });
    if (part) result.addTag(TAG_CIRCA);
    return result;
  },
};

/**
 * A year alone only after a word that makes it a date: "3,000 soldiers" and
 * "resolution 1998" must not become events.
 */
export const prepositionYearParser: Parser = {
  pattern: () =>
    new RegExp(
      `\\b(in|since|during|by|until|till|from|through|throughout|before|after|around|circa|c\\.|about|early|mid|late|of)[\\s-]+${YEAR}${YEAR_END}(?!\\s*[–—-]\\s*\\d)`,
      "i",
    ),
  extract: (context, match) => {
    const result = context.createParsingResult(match.index!, match[0], { year: Number(match[2]) });
    const tag = QUALIFIER_BY_WORD[match[1]!.toLowerCase()];
    if (tag) result.addTag(tag);
    return result;
  },
};

export const extraParsers: Parser[] = [yearRangeParser, decadeParser, prepositionYearParser];
