/**
 * Mixed-script text laid out the way a reader expects. A paragraph takes the
 * direction of most of its letters; every run written in the other direction
 * (a Persian name inside an English sentence, an English term inside a
 * Persian one) is isolated, so the punctuation around it stays where the
 * writer put it: "Tayyab Agha (طیب آغا) said." and never "(طیب آغا) Agha".
 *
 * The paragraph itself keeps `dir="auto"`: the browser's first-strong-letter
 * rule skips isolated runs (`<bdi>`), so an English sentence that opens with
 * a Persian name still reads left to right. The PDF export decides each
 * paragraph's direction in the same spirit. Pure, so it is unit-tested.
 */
export type Direction = "ltr" | "rtl";
export type BidiRun = { text: string; isolate: boolean };

// Hebrew, Arabic, Syriac, Thaana, N'Ko… and their presentation forms.
const RTL_LETTER = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
const LETTER = /\p{L}/u;

function strength(ch: string): Direction | null {
  if (RTL_LETTER.test(ch)) return "rtl";
  if (LETTER.test(ch)) return "ltr";
  return null;
}

/** The direction most of the letters are written in; null for text with no letters. */
export function dominantDirection(text: string): Direction | null {
  let rtl = 0;
  let ltr = 0;
  for (const ch of text) {
    const s = strength(ch);
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
  const chars = [...text];
  const runs: BidiRun[] = [];
  let plain = "";
  let i = 0;
  while (i < chars.length) {
    const s = strength(chars[i]!);
    if (s === null || s === base) {
      plain += chars[i]!;
      i++;
      continue;
    }
    // A run against the base: extend over neutrals while another letter of the same direction follows.
    let end = i;
    let j = i + 1;
    while (j < chars.length) {
      const sj = strength(chars[j]!);
      if (sj === base) break;
      if (sj !== null) end = j;
      j++;
    }
    if (plain) runs.push({ text: plain, isolate: false });
    plain = "";
    runs.push({ text: chars.slice(i, end + 1).join(""), isolate: true });
    i = end + 1;
  }
  if (plain) runs.push({ text: plain, isolate: false });
  return runs;
}
