/**
 * Mixed-script text laid out the way a reader expects. A paragraph takes the
 * direction of most of its letters; every run written in the other direction
 * (a Persian name inside an English sentence, an English term inside a
 * Persian one) is isolated, so the punctuation around it stays where the
 * writer put it: "Tayyab Agha (طیب آغا) said." and never "(طیب آغا) Agha".
 *
 * The paragraph itself keeps `dir="auto"`: the browser's first-strong-letter
 * rule skips isolated runs (`<bdi>`), so an English sentence that opens with
 * a Persian name still reads left to right. The PDF export (server/export)
 * uses these same functions: each paragraph takes `dominantDirection`, and the
 * runs `bidiRuns` marks are wrapped in Unicode isolates (`isolateRuns`), the
 * plain-text counterpart of `<bdi>`. Pure and isomorphic (the browser and the
 * server both import it from here), so it is unit-tested once.
 */
export type Direction = "ltr" | "rtl";
export type BidiRun = { text: string; isolate: boolean };

// Hebrew, Arabic, Syriac, Thaana, N'Ko… and their presentation forms.
const isRtlCode = (cp: number) =>
  (cp >= 0x0590 && cp <= 0x08ff) || (cp >= 0xfb1d && cp <= 0xfdff) || (cp >= 0xfe70 && cp <= 0xfeff);
const LETTER = /\p{L}/u;

/**
 * The direction of the character at UTF-16 index `i` (null for digits,
 * spaces, punctuation and marks) and its width in code units. Indexed rather
 * than regex-per-character: the PDF export runs this over whole briefings.
 */
let width = 1;
function strengthAt(text: string, i: number): Direction | null {
  const c = text.charCodeAt(i);
  width = 1;
  if (c < 0x80) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? "ltr" : null;
  const cp = text.codePointAt(i)!;
  if (cp > 0xffff) width = 2;
  if (isRtlCode(cp)) return "rtl";
  return LETTER.test(String.fromCodePoint(cp)) ? "ltr" : null;
}

/** The direction most of the letters are written in; null for text with no letters. */
export function dominantDirection(text: string): Direction | null {
  let rtl = 0;
  let ltr = 0;
  for (let i = 0; i < text.length; i += width) {
    const s = strengthAt(text, i);
    if (s === "rtl") rtl++;
    else if (s === "ltr") ltr++;
  }
  if (rtl === 0 && ltr === 0) return null;
  return rtl > ltr ? "rtl" : "ltr";
}

/**
 * Splits text into runs: each stretch written against `base` (from its first
 * to its last letter of that direction, with the spaces and marks between)
 * is `isolate: true`; the rest is not. Concatenated, the runs give back the
 * text exactly (offsets into the text stay valid).
 */
export function bidiRuns(text: string, base: Direction | null): BidiRun[] {
  if (!base || !text) return text ? [{ text, isolate: false }] : [];
  const runs: BidiRun[] = [];
  let plainFrom = 0;
  let i = 0;
  while (i < text.length) {
    const s = strengthAt(text, i);
    if (s === null || s === base) {
      i += width;
      continue;
    }
    // A run against the base: extend over neutrals while another letter of the same direction follows.
    let end = i + width;
    let j = end;
    while (j < text.length) {
      const sj = strengthAt(text, j);
      if (sj === base) break;
      if (sj !== null) end = j + width;
      j += width;
    }
    if (i > plainFrom) runs.push({ text: text.slice(plainFrom, i), isolate: false });
    runs.push({ text: text.slice(i, end), isolate: true });
    i = end;
    plainFrom = end;
  }
  if (plainFrom < text.length) runs.push({ text: text.slice(plainFrom), isolate: false });
  return runs;
}

/** Left-to-right and right-to-left isolates and their end (Unicode's plain-text `<bdi>`). */
const ISOLATE_OPEN: Record<Direction, string> = { ltr: "\u2066", rtl: "\u2067" };
const ISOLATE_CLOSE = "\u2069";

/**
 * The text with every run written against `base` wrapped in an isolate of
 * that run's own direction, for renderers that take plain text (the PDF).
 */
export function isolateRuns(text: string, base: Direction | null): string {
  if (!base) return text;
  const against = base === "rtl" ? "ltr" : "rtl";
  return bidiRuns(text, base)
    .map((r) => (r.isolate ? `${ISOLATE_OPEN[against]}${r.text}${ISOLATE_CLOSE}` : r.text))
    .join("");
}
