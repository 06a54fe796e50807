/**
 * A proposed event title from the passage that reports it: who did what to
 * whom, not the sentence's opening clause. The date goes (it has its own
 * field), and so do the attribution that opens many news sentences ("According
 * to …,"), a leading clause that sets the scene ("After the fall of Kabul,",
 * "When the group seized power,"), and a trailing one ("…, officials said").
 * A subject that is itself the event ("The killing of X in Y showed …") is
 * the title. When the next sentence of the passage says what the same actor
 * did ("It asked for …"), that is joined on. The analyst edits it before
 * accepting; it only has to be a good start.
 */
export const TITLE_TARGET = 110;
const TITLE_MAX = 160;

const LEADING_FILLER = [
  /^(?:on|in|by|since|during|from|at|as of|as early as)\s*$/i,
  /^(?:according to [^,]{1,80},|however|meanwhile|moreover|in addition|also|but|and|then|later|earlier|separately|of note)\s*,?\s*/i,
];

/** A clause that sets the scene before the subject: cut when what follows still reads as a sentence. */
const LEADING_CLAUSE =
  /^(?:after|before|when|while|as|although|though|once|following|amid|despite|during|within|in|on|at|by|with|under|until|because|upon|since|having|shortly)\b[^,;:]{0,140},\s+/i;
/** ", officials said." / ", according to the ministry." at the end. */
const TRAILING_ATTRIBUTION =
  /,\s*(?:according to\b[^,]*|[^,]{1,60}?\s+(?:said|says|reported|reports|added|claimed|claims|noted|told [^,]{1,40}))\s*$/i;
/** "The killing of X in Y showed …": the nominal subject is the event. */
const NOMINAL_EVENT =
  /^((?:the\s+)?(?:killing|death|assassination|arrest|capture|release|visit|fall|bombing|attack|seizure|collapse|signing|opening|closure|election|appointment|resignation|execution|kidnapping|withdrawal|return|arrival|departure|launch|meeting|founding)\s+of\s+.{8,140}?)\s+(?:showed|shows|marked|marks|was|were|came|comes|led|leads|ended|ends|sparked|triggered|prompted|changed|brought|made|meant|signalled|signaled|proved|raised|left|opened|followed|drew|caused|put|pushed|turned)\b/i;
/** The next sentence goes on with the same actor: "It asked …", "They agreed …". */
const PRONOUN_SUBJECT =
  /^(?:it|they|he|she)\s+(?!is\b|was\b|were\b|are\b|has\s+been|had\s+been|said\b|says\b)(\p{Ll}.*)$/iu;
/** Where a long clause can end without leaving half a phrase behind. */
const PHRASE_BOUNDARY =
  /\s(?:and|for|to|with|during|at|in|on|after|before|because|over|near|from|while|as|which|who|where|when)\s/gi;

function stripDate(sentence: string, date?: { index: number; text: string }): string {
  if (!date) return sentence;
  const before = sentence.slice(0, date.index);
  const after = sentence.slice(date.index + date.text.length);
  // A date that opens the sentence goes with its preposition and the comma or colon after it.
  if (LEADING_FILLER[0]!.test(before) || before.trim() === "") return after.replace(/^\s*[,:;–—-]?\s*/, "");
  // "The May 2015 visit": the date modifies the noun after it and goes alone.
  if (/\b(?:the|a|an|that|this|its|their|his|her)\s*$/i.test(before)) return `${before}${after.replace(/^\s+/, "")}`;
  // Elsewhere "… on December 12, 2016, …" loses the phrase with its preposition; "a June meeting" keeps it.
  const preposition = /\s+(?:on|in|since|during|by|from|of)\s*$/i;
  if (!preposition.test(before) && !/^(?:on|in)\s/i.test(date.text)) return sentence;
  return `${before.replace(preposition, "").trimEnd()}${after}`.replace(/\s{2,}/g, " ").replace(/\s+,/g, ",");
}

function capitalise(s: string): string {
  return s.charAt(0).toLocaleUpperCase() + s.slice(1);
}

/** Ends a clause at the last phrase boundary before `limit`, or leaves it when it is short enough. */
function trimAtPhrase(s: string, limit: number): string {
  if (s.length <= limit) return s;
  let cut = -1;
  for (const m of s.matchAll(PHRASE_BOUNDARY)) if (m.index >= 25 && m.index <= limit) cut = m.index;
  return cut === -1 ? s : s.slice(0, cut);
}

function shorten(s: string): string {
  if (s.length <= TITLE_TARGET) return s;
  const clause = /[,;:–—]\s/g;
  let cut = -1;
  for (let m = clause.exec(s); m && m.index <= TITLE_MAX; m = clause.exec(s))
    if (m.index >= 50) cut = cut === -1 || m.index <= TITLE_TARGET ? m.index : cut;
  if (cut !== -1 && cut <= TITLE_MAX) return s.slice(0, cut);
  const phrase = trimAtPhrase(s, TITLE_TARGET);
  if (phrase.length <= TITLE_TARGET) return phrase;
  const space = s.lastIndexOf(" ", TITLE_TARGET);
  return `${s.slice(0, space > 40 ? space : TITLE_TARGET)}…`;
}

const tidy = (s: string) => s.replace(/[\s.;:,]+$/, "").trim();

/** The main clause of one sentence, its date taken out. */
function mainClause(sentence: string, date?: { index: number; text: string }): string {
  let s = stripDate(sentence.replace(/\s+/g, " ").trim(), date).trim();
  for (let i = 0; i < 2; i++) s = s.replace(LEADING_FILLER[1]!, "");
  s = s.replace(/^[“"'‘]+(?=.*[”"'’])/, "");
  const nominal = NOMINAL_EVENT.exec(s);
  if (nominal) return tidy(nominal[1]!);
  for (let i = 0; i < 2; i++) {
    const rest = s.replace(LEADING_CLAUSE, "");
    // Keep the clause when what is left would not be a sentence of its own.
    if (rest === s || rest.split(/\s+/).length < 4) break;
    s = rest;
  }
  s = tidy(s);
  const withoutAttribution = s.replace(TRAILING_ATTRIBUTION, "");
  if (withoutAttribution.split(/\s+/).length >= 4) s = withoutAttribution;
  // "…: the movement's leader was driving home …" explains; the clause before the colon states.
  const colon = s.indexOf(": ");
  if (colon >= 30) s = s.slice(0, colon);
  return tidy(s);
}

export function proposeTitle(
  sentence: string,
  date?: { index: number; text: string },
  following: string[] = [],
): string {
  let s = mainClause(sentence, date);
  const next = following[0] ? PRONOUN_SUBJECT.exec(tidy(following[0].replace(/\s+/g, " "))) : null;
  // Actor, action and what was asked for read better whole, up to the hard limit, than cut to the usual length.
  if (next && s) s = `${trimAtPhrase(s, 70)} and ${trimAtPhrase(tidy(next[1]!), 60)}`;
  else s = shorten(s);
  s = tidy(s.length > TITLE_MAX ? shorten(s) : s);
  return capitalise(s) || "Untitled event";
}
