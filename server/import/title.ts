/**
 * A proposed event title from the passage that reports it: the sentence less
 * its date (the date has its own field) and less the attribution that opens
 * many news sentences, cut at a clause boundary when it runs long. The
 * analyst edits it before accepting; it only has to be a sensible start.
 */
export const TITLE_TARGET = 110;
const TITLE_MAX = 160;

const LEADING_FILLER = [
  /^(?:on|in|by|since|during|from|at|as of|as early as)\s*$/i,
  /^(?:according to [^,]{1,80},|however|meanwhile|moreover|in addition|also|but|and|then|later|earlier|separately|of note)\s*,?\s*/i,
];

function stripDate(sentence: string, date?: { index: number; text: string }): string {
  if (!date) return sentence;
  const before = sentence.slice(0, date.index);
  const after = sentence.slice(date.index + date.text.length);
  // A date that opens the sentence goes with its preposition and the comma or colon after it.
  if (LEADING_FILLER[0]!.test(before) || before.trim() === "") return after.replace(/^\s*[,:;–—-]?\s*/, "");
  // Elsewhere "… on December 12, 2016, …" loses the phrase with its preposition; "a June meeting" keeps it.
  const preposition = /\s+(?:on|in|since|during|by|from|of)\s*$/i;
  if (!preposition.test(before) && !/^(?:on|in)\s/i.test(date.text)) return sentence;
  return `${before.replace(preposition, "").trimEnd()}${after}`.replace(/\s{2,}/g, " ");
}

function capitalise(s: string): string {
  return s.charAt(0).toLocaleUpperCase() + s.slice(1);
}

function shorten(s: string): string {
  if (s.length <= TITLE_TARGET) return s;
  const clause = /[,;:–—]\s/g;
  let cut = -1;
  for (let m = clause.exec(s); m && m.index <= TITLE_MAX; m = clause.exec(s))
    if (m.index >= 50) cut = cut === -1 || m.index <= TITLE_TARGET ? m.index : cut;
  if (cut !== -1) return s.slice(0, cut);
  const space = s.lastIndexOf(" ", TITLE_TARGET);
  return `${s.slice(0, space > 40 ? space : TITLE_TARGET)}…`;
}

export function proposeTitle(sentence: string, date?: { index: number; text: string }): string {
  let s = stripDate(sentence.replace(/\s+/g, " ").trim(), date).trim();
  for (let i = 0; i < 2; i++) s = s.replace(LEADING_FILLER[1]!, "");
  s = s.replace(/^[“"'‘]+(?=.*[”"'’])/, "").replace(/[\s.;:,]+$/, "");
  s = shorten(s).replace(/[\s.;:,]+$/, "");
  return capitalise(s) || "Untitled event";
}
