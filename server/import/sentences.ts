/**
 * Sentences with their offsets in the original text (citations point at
 * exact characters), found by the runtime's Unicode sentence segmenter, which
 * also handles Persian and Arabic punctuation. ICU in Node ships without its
 * abbreviation list, so "Gen. Cleveland" or "Oct. 21" would be cut in two:
 * those splits are mended here.
 */
export type Span = { start: number; end: number };

const segmenter = new Intl.Segmenter("en", { granularity: "sentence" });

const ABBREVIATIONS = new Set(
  "mr mrs ms dr prof gen brig lt col maj capt sgt adm gov sen rep st jr sr no vol fig jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e vs approx est dept corp inc ltd co mt ft".split(
    " ",
  ),
);

function endsWithAbbreviation(segment: string): boolean {
  const m = /(?:^|[\s(“"])([A-Za-z](?:[A-Za-z.]{0,5}))\.\s*$/.exec(segment);
  if (!m) return false;
  const word = m[1]!.toLowerCase();
  // A single capital is an initial ("John F. Kennedy").
  return ABBREVIATIONS.has(word) || /^[a-z]$/.test(word);
}

/** Sentences of text[start, end), trimmed, as absolute offsets. */
export function sentenceSpans(text: string, start = 0, end = text.length): Span[] {
  const slice = text.slice(start, end);
  const raw: Span[] = [];
  for (const s of segmenter.segment(slice)) raw.push({ start: s.index, end: s.index + s.segment.length });
  const merged: Span[] = [];
  for (const span of raw) {
    const prev = merged.at(-1);
    const piece = slice.slice(span.start, span.end);
    if (prev && (endsWithAbbreviation(slice.slice(prev.start, prev.end)) || /^\s*[a-z0-9]/.test(piece)))
      prev.end = span.end;
    else merged.push({ ...span });
  }
  return merged.flatMap((s) => {
    const t = trimSpan(slice, s);
    return t ? [{ start: t.start + start, end: t.end + start }] : [];
  });
}

export function trimSpan(text: string, span: Span): Span | null {
  let { start, end } = span;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return end > start ? { start, end } : null;
}

/** Non-blank lines (a paragraph per line, as pasted articles and dossiers are laid out). */
export function lineSpans(text: string, start = 0, end = text.length): Span[] {
  const spans: Span[] = [];
  let at = start;
  while (at < end) {
    let next = text.indexOf("\n", at);
    if (next === -1 || next > end) next = end;
    const t = trimSpan(text, { start: at, end: next });
    if (t) spans.push(t);
    at = next + 1;
  }
  return spans;
}
