/**
 * Bounds on the shape of Markdown a writer may save, checked in one linear
 * pass without parsing, so the browser (live preview, form validation) and
 * the server (save, export) can refuse a hostile text before any parser sees
 * it.
 *
 * Why: the Markdown parser recurses once per nested list or quote, so a few
 * kilobytes of "- - - - … text" overflow the stack after seconds of work, and
 * its emphasis matching grows with the square of the marks in one paragraph
 * (and costs far more than plain words anywhere). None of these shapes occurs
 * in real writing: nobody nests lists sixteen deep, puts thousands of emphasis
 * marks in one paragraph or tens of thousands in one briefing.
 *
 * The estimates err on the side of counting too much (an indented code block
 * that starts with "- " counts as nesting), never too little, so what passes
 * here parses in bounded depth and time.
 */
export const MARKDOWN_LIMITS = {
  /** Lists and quotes within each other, on any line. */
  depth: 16,
  /** `*`, `_`, `~` and opening brackets within one paragraph (citation tokens not counted). */
  marksPerParagraph: 2_000,
  /** The same in the whole text: each costs the parser far more than a plain word. */
  marks: 20_000,
} as const;

const SPACE = 0x20;
const TAB = 0x09;
const isSpace = (c: number) => c === SPACE || c === TAB;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const STAR = 0x2a;
const UNDERSCORE = 0x5f;
const TILDE = 0x7e;
const DASH = 0x2d;
const PLUS = 0x2b;
const GT = 0x3e;
const BRACKET = 0x5b;
const AT = 0x40;
const CARET = 0x5e;
const COLON = 0x3a;

/** A line made of one of `-`, `*`, `_` (three or more) and spaces is a horizontal rule, not nested lists. */
function isThematicBreak(text: string, from: number, to: number): boolean {
  let mark = 0;
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) continue;
    if (c !== DASH && c !== STAR && c !== UNDERSCORE) return false;
    if (mark && c !== mark) return false;
    mark = c;
    count++;
  }
  return count >= 3;
}

/**
 * How deeply the start of a line nests (an upper bound), and where its text
 * starts. Every `>`, list marker and footnote definition counts one level;
 * indentation before one counts one level per two columns (the least a nested
 * list item needs).
 */
function linePrefix(text: string, from: number, to: number): { depth: number; content: number } {
  let i = from;
  let depth = 0;
  let quotes = 0;
  for (;;) {
    let columns = 0;
    while (i < to && isSpace(text.charCodeAt(i))) {
      columns += text.charCodeAt(i) === TAB ? 4 : 1;
      i++;
    }
    if (i >= to) break;
    const c = text.charCodeAt(i);
    let end = -1;
    if (c === GT) {
      end = i + 1;
      quotes++;
    } else if (c === DASH || c === PLUS || c === STAR) {
      if (i + 1 >= to || isSpace(text.charCodeAt(i + 1))) end = i + 1;
    } else if (c === BRACKET && text.charCodeAt(i + 1) === CARET) {
      // A footnote definition, "[^label]:", holds blocks like a quote does, and nests the same way.
      const close = text.indexOf("]", i + 2);
      if (close > i + 2 && close < to && close - i <= 1000 && text.charCodeAt(close + 1) === COLON) end = close + 2;
    } else if (isDigit(c)) {
      let j = i;
      while (j < to && j - i < 9 && isDigit(text.charCodeAt(j))) j++;
      const d = text.charCodeAt(j);
      if ((d === 0x2e || d === 0x29) && (j + 1 >= to || isSpace(text.charCodeAt(j + 1)))) end = j + 1;
    }
    if (end < 0) break;
    depth += 1 + (columns >> 1);
    i = end;
  }
  if (depth > quotes && isThematicBreak(text, from, to)) depth = quotes;
  return { depth, content: i };
}

/** What in a text goes beyond the limits, as a message for its writer; null when it is within them. */
export function markdownProblem(text: string, limits: typeof MARKDOWN_LIMITS = MARKDOWN_LIMITS): string | null {
  let line = 1;
  let marks = 0;
  let total = 0;
  let paragraphLine = 0;
  // Code blocks are checked like the rest: whether a fence really holds code depends on the lists and
  // quotes around it (a list item's end closes it), which only a parse knows, and a fence this check
  // took for code would otherwise hide what follows it.
  for (let start = 0; start <= text.length; line++) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const { depth, content } = linePrefix(text, start, end);
    if (depth > limits.depth) {
      return `Lists or quotes are nested more than ${limits.depth} levels deep (line ${line.toLocaleString("en")}). Flatten the nesting to save, preview or export this text.`;
    } else if (content >= end) {
      // A blank line (inside its containers) ends the paragraph.
      marks = 0;
      paragraphLine = 0;
    } else {
      paragraphLine ||= line;
      const before = marks;
      for (let i = content; i < end; i++) {
        const c = text.charCodeAt(i);
        // Every character counts: a run of n asterisks can nest n levels, and costs the parser as much.
        if (c === STAR || c === UNDERSCORE || c === TILDE) {
          marks++;
        } else if (c === BRACKET && text.charCodeAt(i + 1) !== AT) {
          marks++;
        }
      }
      if (marks > limits.marksPerParagraph) {
        return `The paragraph at line ${paragraphLine.toLocaleString("en")} has more than ${limits.marksPerParagraph.toLocaleString("en")} emphasis marks or brackets. Split it into smaller paragraphs to save, preview or export this text.`;
      }
      total += marks - before;
      if (total > limits.marks) {
        return `The text has more than ${limits.marks.toLocaleString("en")} emphasis marks or brackets in all; the limit is reached at line ${line.toLocaleString("en")}. Use less formatting to save, preview or export it.`;
      }
    }
    start = end + 1;
  }
  return null;
}
