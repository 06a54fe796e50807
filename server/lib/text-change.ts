import { diffLines, diffWordsWithSpace, type Change } from "diff";

/**
 * A change to a source's text (up to 2 M characters) in brief, for a
 * reviewer: the passages that changed, each with a little unchanged text
 * either side, as two excerpts (old and new) that line up, so a word diff of
 * the two shows exactly what changed. Computed once when the change is
 * proposed and stored with it; the queue and the pages never read the texts.
 *
 * The work is bounded whatever the texts: the common start and end are cut
 * off first (most corrections touch a few places); what is left is diffed by
 * words when small, else by lines (paragraphs) with each changed block diffed
 * by words when small; a diff that would cost too much leaves its block as
 * one passage. Each passage shows at most MAX_PART characters of each side (its
 * head and tail), and at most MAX_PASSAGES passages are shown.
 */

export type TextChange = {
  /** The old text's changed passages with their context, "…" between passages. */
  before: string;
  /** The same passages in the new text. */
  after: string;
  lengthBefore: number;
  lengthAfter: number;
  /** How many passages changed (more than the excerpts show when over MAX_PASSAGES). */
  passages: number;
};

/** Unchanged characters shown either side of a changed passage. */
export const CONTEXT = 60;
/** Characters of one side of one passage shown at most (its head and tail). */
export const MAX_PART = 400;
export const MAX_PASSAGES = 10;
/** Up to this many characters (both sides together) are diffed by words at once; more, by lines first. */
const WORD_DIFF_CHARS = 100_000;
/** Characters diffed by words in all, whatever the number of blocks: the time a save may take stays bounded. */
const WORD_DIFF_BUDGET = 250_000;
/** Edit distances beyond these (in words, in lines) are not worth the work: the block is one passage. */
const MAX_WORD_EDITS = 1_000;
const MAX_LINE_EDITS = 1_000;

type Region = { a0: number; a1: number; b0: number; b1: number };

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function commonSuffix(a: string, b: string, max: number): number {
  let i = 0;
  while (i < max && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

/** The changed regions of a diff's parts, in absolute offsets from (a0, b0). */
function regionsOf(parts: Change[], a0: number, b0: number): Region[] {
  const out: Region[] = [];
  let a = a0;
  let b = b0;
  let open: Region | null = null;
  for (const p of parts) {
    if (!p.added && !p.removed) {
      if (open) out.push(open);
      open = null;
      a += p.value.length;
      b += p.value.length;
      continue;
    }
    open ??= { a0: a, a1: a, b0: b, b1: b };
    if (p.removed) a = open.a1 = a + p.value.length;
    else b = open.b1 = b + p.value.length;
  }
  if (open) out.push(open);
  return out;
}

function changedRegions(before: string, after: string, a0: number, a1: number, b0: number, b1: number): Region[] {
  let budget = WORD_DIFF_BUDGET;
  /** The words that changed, or null when the texts are too long or too different to diff by words. */
  const wordRegions = (r: Region): Region[] | null => {
    const size = r.a1 - r.a0 + (r.b1 - r.b0);
    if (size > WORD_DIFF_CHARS || size > budget) return null;
    budget -= size;
    const parts = diffWordsWithSpace(before.slice(r.a0, r.a1), after.slice(r.b0, r.b1), {
      maxEditLength: MAX_WORD_EDITS,
    });
    return parts ? regionsOf(parts, r.a0, r.b0) : null;
  };
  const whole = { a0, a1, b0, b1 };
  const words = wordRegions(whole);
  if (words) return words;
  const lines = diffLines(before.slice(a0, a1), after.slice(b0, b1), { maxEditLength: MAX_LINE_EDITS });
  if (!lines) return [whole];
  // Changed blocks of paragraphs, each narrowed to the words that changed where that is cheap.
  return regionsOf(lines, a0, b0).flatMap((r) => wordRegions(r) ?? [r]);
}

/** Regions closer than two contexts apart are one passage: their contexts would overlap. */
function merged(regions: Region[]): Region[] {
  const out: Region[] = [];
  for (const r of regions) {
    const last = out.at(-1);
    if (last && r.a0 - last.a1 < 2 * CONTEXT) {
      last.a1 = r.a1;
      last.b1 = r.b1;
    } else out.push({ ...r });
  }
  return out;
}

/**
 * A cut may fall between the two halves of a character outside the Basic
 * Multilingual Plane (an emoji, a rare CJK character): such a half alone is
 * not text, and PostgreSQL refuses it in JSON, so it becomes U+FFFD.
 */
const wellFormed = (s: string) =>
  s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");

/** One side of a passage, its head and tail when too long. */
const clip = (s: string) =>
  s.length <= MAX_PART ? s : `${s.slice(0, MAX_PART / 2)} […] ${s.slice(s.length - MAX_PART / 2)}`;

/** How far a context's cut may move to fall between words. */
const SNAP = 20;

/** Moves a context's start forward to just after a space, if one is near, so it begins with a whole word. */
function wordStart(text: string, at: number, limit: number): number {
  if (at === 0) return 0;
  const space = text.slice(at, Math.min(at + SNAP, limit)).search(/\s/);
  return space >= 0 ? at + space + 1 : at;
}

/** Moves a context's end back to a space, if one is near, so it ends with a whole word. */
function wordEnd(text: string, at: number, limit: number): number {
  if (at >= text.length) return text.length;
  const window = text.slice(Math.max(limit, at - SNAP), at);
  const space = window.search(/\s\S*$/);
  return space >= 0 ? at - (window.length - space) : at;
}

export function textChange(before: string, after: string): TextChange {
  const prefix = commonPrefix(before, after);
  const suffix = commonSuffix(before, after, Math.min(before.length, after.length) - prefix);
  const regions =
    before.length === after.length && prefix === before.length
      ? []
      : merged(changedRegions(before, after, prefix, before.length - suffix, prefix, after.length - suffix));
  const shown = regions.slice(0, MAX_PASSAGES);
  const old: string[] = [];
  const now: string[] = [];
  for (const r of shown) {
    // The context is unchanged text, the same on both sides, cut between words where one ends nearby.
    const from = wordStart(before, Math.max(0, r.a0 - CONTEXT), r.a0);
    const to = wordEnd(before, Math.min(before.length, r.a1 + CONTEXT), r.a1);
    const lead = `${from > 0 ? "…" : ""}${before.slice(from, r.a0)}`;
    const tail = `${before.slice(r.a1, to)}${to < before.length ? "…" : ""}`;
    old.push(`${lead}${clip(before.slice(r.a0, r.a1))}${tail}`);
    now.push(`${lead}${clip(after.slice(r.b0, r.b1))}${tail}`);
  }
  const more = regions.length - shown.length;
  if (more > 0) {
    const note = `(${more} more changed passage${more === 1 ? "" : "s"} not shown)`;
    old.push(note);
    now.push(note);
  }
  return {
    before: wellFormed(old.join("\n\n")),
    after: wellFormed(now.join("\n\n")),
    lengthBefore: before.length,
    lengthAfter: after.length,
    passages: regions.length,
  };
}
