/**
 * Finding a cited passage again after its source's text changed, in the
 * manner of the W3C Web Annotation selectors: a TextQuoteSelector (the exact
 * words with some text either side) plus a TextPositionSelector (start and end
 * offsets). Offsets are what citations use everywhere else: UTF-16 code units
 * of the stored (normalised) text, i.e. JavaScript string indices.
 *
 * The rule is never to move a citation onto different words: the exact text
 * must occur; the context only chooses between several occurrences.
 */

/** Characters of context kept either side of a quote (a citation's contextBefore / contextAfter). */
export const ANCHOR_CONTEXT_CHARS = 80;

/** More occurrences than this are not all scored: a very common phrase stays findable, the work stays bounded. */
const MAX_OCCURRENCES = 2000;

export type QuoteSelector = {
  exact: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
};

export type AnchorResult =
  | { status: "kept"; prefix: string; suffix: string }
  | { status: "moved"; start: number; end: number; prefix: string; suffix: string }
  | { status: "notFound" };

const COMBINING = /\p{M}/u;

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * Whether [start, end) cuts no character in two: not between the halves of a
 * surrogate pair, and not before a combining mark that belongs to the last
 * letter (a quote "کتاب" is not found in "کتابِ", nor "cafe" in "cafe\u0301").
 */
function cleanBoundaries(text: string, start: number, end: number): boolean {
  if (start > 0 && isLowSurrogate(text.charCodeAt(start))) return false;
  if (end < text.length && isLowSurrogate(text.charCodeAt(end))) return false;
  if (end < text.length && COMBINING.test(text[end]!)) return false;
  // A quote that itself starts with a mark was cut that way when it was cited; anywhere else it would be too.
  return true;
}

/** The context a selector keeps for the passage [start, end) of text. */
export function contextOf(text: string, start: number, end: number) {
  return {
    prefix: text.slice(Math.max(0, start - ANCHOR_CONTEXT_CHARS), start),
    suffix: text.slice(end, end + ANCHOR_CONTEXT_CHARS),
  };
}

/** How many characters the end of `a` shares with the end of `b`. */
function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

/** How many characters the start of `a` shares with the start of `b`. */
function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * Where the selector's passage is in `text` now. "kept": the exact words are
 * still at the offsets (with clean boundaries), whatever changed around them.
 * (its context is read again, as the text around it may have changed).
 * "moved": they occur elsewhere; of several occurrences the one whose
 * surroundings best match the stored prefix and suffix wins, then the one
 * nearest the old position. "notFound": the words no longer occur.
 */
export function reanchorQuote(text: string, sel: QuoteSelector): AnchorResult {
  const { exact } = sel;
  if (exact.length === 0) return { status: "notFound" };
  if (
    sel.end - sel.start === exact.length &&
    text.slice(sel.start, sel.end) === exact &&
    cleanBoundaries(text, sel.start, sel.end)
  )
    return { status: "kept", ...contextOf(text, sel.start, sel.end) };
  let best: { start: number; score: number; distance: number } | null = null;
  let seen = 0;
  for (let at = text.indexOf(exact); at >= 0 && seen < MAX_OCCURRENCES; at = text.indexOf(exact, at + 1)) {
    seen++;
    const end = at + exact.length;
    if (!cleanBoundaries(text, at, end)) continue;
    const before = text.slice(Math.max(0, at - sel.prefix.length), at);
    const after = text.slice(end, end + sel.suffix.length);
    const score = commonSuffix(before, sel.prefix) + commonPrefix(after, sel.suffix);
    const distance = Math.abs(at - sel.start);
    if (!best || score > best.score || (score === best.score && distance < best.distance))
      best = { start: at, score, distance };
  }
  if (!best) return { status: "notFound" };
  const end = best.start + exact.length;
  return { status: "moved", start: best.start, end, ...contextOf(text, best.start, end) };
}
