/**
 * A PDF holds positioned runs of text, not paragraphs: each printed line is
 * drawn on its own, long words are split at the end of a line with a hyphen,
 * and every page repeats its running header, footer and page number. Read
 * naively, an article becomes one paragraph per line with "guestho- uses" and
 * "Page 2 of 3" in the middle of its sentences, and a date split over two
 * lines ("in May / 2016") is lost. This rebuilds the text a reader sees:
 * lines from runs, paragraphs from the vertical rhythm and the length of each
 * paragraph's last line, hyphenation undone, page furniture dropped.
 */

export type PdfTextItem = { str: string; x: number; y: number; width: number; fontSize: number; hasEOL?: boolean };

type Line = { text: string; x: number; xEnd: number; y: number; size: number; page: number };

/** Runs to lines, in the order the page draws them (which keeps right-to-left runs in reading order). */
function linesOf(items: PdfTextItem[], page: number): Line[] {
  const lines: Line[] = [];
  let current: Line | null = null;
  let breakAfter = false;
  for (const item of items) {
    const size = item.fontSize || 10;
    if (!item.str && !item.hasEOL) continue;
    const sameLine = current && !breakAfter && Math.abs(item.y - current.y) < Math.max(size, current.size) * 0.5;
    if (!sameLine) {
      if (current?.text.trim()) lines.push(current);
      current = { text: "", x: item.x, xEnd: item.x, y: item.y, size, page };
    }
    const line = current!;
    if (item.str) {
      // Runs of one line may come without the space between them: a gap wider than a fifth of the type size is one.
      const gap = item.x - line.xEnd;
      if (line.text && !/\s$/.test(line.text) && !/^\s/.test(item.str) && gap > size * 0.2) line.text += " ";
      line.text += item.str;
      line.xEnd = Math.max(line.xEnd, item.x + item.width);
      line.x = Math.min(line.x, item.x);
      line.size = Math.max(line.size, size);
    }
    breakAfter = Boolean(item.hasEOL);
  }
  if (current?.text.trim()) lines.push(current);
  return lines.map((l) => ({ ...l, text: l.text.replace(/\s+/g, " ").trim() }));
}

const PAGE_NUMBER =
  /^(?:(?:page|p\.|seite|página|صفحه)\s*)?[-–—(\s]*\d{1,4}[-–—)\s]*(?:(?:of|\/|de|von|از)\s*\d{1,4})?$/i;
/** A header or footer repeated on each page, whatever page number it carries. */
const furnitureKey = (text: string) => text.toLowerCase().replace(/\d+/g, "#").replace(/\s+/g, " ").trim();

/** How many lines at the top and the bottom of a page may be furniture. */
const EDGE_LINES = 2;

/**
 * Lines at the top or bottom of a page that recur on other pages (digits
 * aside), and page numbers there, are the page's furniture, not the text.
 */
function dropFurniture(pages: Line[][]): Line[][] {
  const edge = (lines: Line[]) => [...lines.slice(0, EDGE_LINES), ...lines.slice(-EDGE_LINES)];
  const seen = new Map<string, number>();
  for (const lines of pages)
    for (const key of new Set(edge(lines).map((l) => furnitureKey(l.text)))) seen.set(key, (seen.get(key) ?? 0) + 1);
  const repeatedOn = Math.max(2, Math.ceil(pages.length / 2));
  return pages.map((lines) => {
    const atEdge = new Set(edge(lines));
    return lines.filter(
      (l) => !atEdge.has(l) || !(PAGE_NUMBER.test(l.text) || (seen.get(furnitureKey(l.text)) ?? 0) >= repeatedOn),
    );
  });
}

function median(values: number[]): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** The layout's usual line spacing, left edge and right edge, read from the lines of body type. */
function measure(pages: Line[][]) {
  const all = pages.flat();
  const bodySize = median(all.map((l) => l.size));
  const body = all.filter((l) => Math.abs(l.size - bodySize) < bodySize * 0.1);
  const gaps: number[] = [];
  for (const lines of pages)
    for (let i = 1; i < lines.length; i++) {
      const a = lines[i - 1]!;
      const b = lines[i]!;
      if (Math.abs(a.size - bodySize) < bodySize * 0.1 && Math.abs(b.size - bodySize) < bodySize * 0.1 && a.y > b.y)
        gaps.push(a.y - b.y);
    }
  const rights = body.map((l) => l.xEnd).sort((a, b) => a - b);
  return {
    bodySize,
    leading: median(gaps) || bodySize * 1.2,
    left: median(body.map((l) => l.x)),
    // The edge most full lines reach: a high percentile, so a few overlong lines do not move it.
    right: rights[Math.floor(rights.length * 0.9)] ?? 0,
  };
}

type Layout = ReturnType<typeof measure>;

/**
 * A wrapped line was ended because the next word did not fit; the last line
 * of a paragraph stops with room to spare. The next line's first word is
 * measured at 0.6 em a character, wider than most type (bold included).
 */
function isShort(line: Line, next: Line, layout: Layout): boolean {
  if (/\p{L}-$/u.test(line.text) || layout.right <= layout.left) return false;
  const firstWord = /^\S+/.exec(next.text)?.[0] ?? "";
  const needed = (firstWord.length + 1) * next.size * 0.6;
  return layout.right - line.xEnd > Math.max(needed, line.size * 1.5);
}

function startsParagraph(prev: Line, next: Line, layout: Layout): boolean {
  if (Math.abs(prev.size - next.size) > Math.max(prev.size, next.size) * 0.1) return true;
  // A paragraph never continues past a line that stops well short of the edge (nor past a heading, which is short too).
  if (isShort(prev, next, layout)) return true;
  // Over a page break a paragraph runs on, unless a sentence ends at the foot of the page and a new one opens the next.
  if (prev.page !== next.page) return /[.!?:”"’)]$/.test(prev.text) && /^[\p{Lu}\p{N}“"‘(]/u.test(next.text);
  const gap = prev.y - next.y;
  // A line above (columns, a text box) or a wide gap ends the paragraph; larger type has wider spacing.
  const leading = layout.leading * (Math.max(prev.size, next.size) / (layout.bodySize || prev.size));
  if (gap <= 0 || gap > leading * 1.3) return true;
  // Indented first lines, in layouts without space between paragraphs.
  return next.x > layout.left + next.size * 1.5 && prev.x <= layout.left + prev.size * 0.5;
}

/** Prefixes that form real hyphenated compounds ("anti-aircraft", "self-rule") when the rest is a word of its own. */
const COMPOUND_PREFIX = new Set(
  "anti non self ex pro co post pre counter cross half semi all well mid neo quasi pan ultra vice".split(" "),
);

/**
 * A word split at the end of a line: "guestho-" + "uses" is "guesthouses",
 * "anti-" + "Taliban" stays "anti-Taliban". The document itself is the
 * dictionary: a form it uses elsewhere wins.
 */
function joinHyphenated(head: string, tail: string, words: Set<string>): string {
  const left = /([\p{L}\p{N}'’-]*)-$/u.exec(head)![1]!;
  const right = /^[\p{L}\p{N}'’-]*/u.exec(tail)![0];
  const joined = (left + right).toLowerCase();
  const keep =
    left.includes("-") ||
    /^\P{Ll}/u.test(right) ||
    words.has(`${left}-${right}`.toLowerCase()) ||
    (!words.has(joined) && COMPOUND_PREFIX.has(left.toLowerCase()) && words.has(right.toLowerCase()));
  return keep ? `${head}${tail}` : `${head.slice(0, -1)}${tail}`;
}

const WORD = /[\p{L}\p{N}'’]+(?:-[\p{L}\p{N}'’]+)*/gu;

function joinLines(lines: Line[], words: Set<string>): string {
  let text = "";
  for (const line of lines) {
    if (!text) text = line.text;
    else if (/\p{L}-$/u.test(text) && /^\p{L}/u.test(line.text)) text = joinHyphenated(text, line.text, words);
    else text += ` ${line.text}`;
  }
  return text;
}

/** Pages of positioned runs → the article's text, one paragraph per block separated by blank lines. */
export function pdfText(pages: PdfTextItem[][]): string {
  const lines = dropFurniture(pages.map((items, page) => linesOf(items, page)));
  const layout = measure(lines);
  const flat = lines.flat();
  // Every word the document spells out whole, for deciding what a line-end hyphen was.
  const words = new Set<string>();
  for (const l of flat) {
    const inner = l.text.replace(/\p{L}-$/u, "");
    for (const m of inner.matchAll(WORD)) {
      const w = m[0].toLowerCase();
      words.add(w);
      for (const part of w.split("-")) words.add(part);
    }
  }
  const paragraphs: Line[][] = [];
  for (let i = 0; i < flat.length; i++) {
    const line = flat[i]!;
    if (i === 0 || startsParagraph(flat[i - 1]!, line, layout)) paragraphs.push([line]);
    else paragraphs.at(-1)!.push(line);
  }
  return paragraphs.map((p) => joinLines(p, words)).join("\n\n");
}
