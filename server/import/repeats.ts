/**
 * One event is often told more than once in a document: in the lead ("the
 * killing of X on 21 May 2016") and again further on ("when X was killed in
 * May 2016"). Each telling would otherwise be its own candidate, and the
 * analyst would accept the same event twice. Two candidates of one source are
 * one event when their dates agree (one may be less precise than the other,
 * not both only a year) and their passages share what makes them this event:
 * two distinctive words, or one when the later mention points back ("the May
 * 2015 visit"). The most precise telling gives the date and title; every
 * telling stays a passage, so accepting cites them all.
 */
import { dateBounds, type EventDate } from "../schemas/partial-date.ts";
import type { DraftCandidate } from "./candidates.ts";

const STOP = new Set(
  "about above after again against also among another because been before being between both could does during each either every from further have having here into itself just like made many more most much must never only other over same should since some such than that their them then there these they this those through under until upon very were what when where which while whom whose with within without would your years year month months days week weeks said says told according january february march april june july august september october november december".split(
    " ",
  ),
);

/** A crude stem: "killed", "killing" and "kills" are one word here; "delegation's" is "delegation". */
function stem(word: string): string {
  return word
    .toLowerCase()
    .replace(/[’']s$/, "")
    .replace(/(?:ings?|ed|es|s)$/, "");
}

function wordsOf(c: DraftCandidate): Set<string> {
  const out = new Set<string>();
  for (const p of c.passages) {
    const text = p.text.replace(p.dateText, " ");
    for (const m of text.matchAll(/\p{L}[\p{L}'’-]*/gu)) {
      const w = m[0].toLowerCase();
      if (w.length >= 4 && !STOP.has(w)) out.add(stem(w));
    }
  }
  return out;
}

/** "The May 2015 visit", "that June meeting": the date modifies a noun that refers back to an event told already. */
const POINTS_BACK = (dateText: string) =>
  new RegExp(
    `\\b(?:the|that|this|its|their|his|her)\\s+${dateText.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s+\\p{L}`,
    "iu",
  );

const RANK = { YEAR: 0, MONTH: 1, DAY: 2 } as const;

/** One date holds the other (May 2016 holds 21 May 2016), and they are not two bare years. */
function sameTime(a: EventDate, b: EventDate, pa: keyof typeof RANK, pb: keyof typeof RANK): boolean {
  if (pa === "YEAR" && pb === "YEAR") return false;
  const A = dateBounds(a);
  const B = dateBounds(b);
  if (!A.earliest || !A.latest || !B.earliest || !B.latest) return false;
  const holds = (x: typeof A, y: typeof A) => x.earliest! <= y.earliest! && x.latest! >= y.latest!;
  return holds(A, B) || holds(B, A);
}

/**
 * Merges repeated tellings in place of their candidates, keeping document
 * order (a merged candidate sits where its first telling was). `groupOf`
 * keeps candidates of different sources apart.
 */
export function mergeRepeats<T extends DraftCandidate>(drafts: T[], groupOf: (d: T) => string = () => ""): T[] {
  const words = drafts.map(wordsOf);
  // Words found in many candidates ("Taliban", "Tehran") say nothing about which event a passage tells.
  const df = new Map<string, number>();
  for (const w of words) for (const x of w) df.set(x, (df.get(x) ?? 0) + 1);
  const common = (w: string) => drafts.length >= 6 && (df.get(w) ?? 0) > drafts.length / 3;
  const parent = drafts.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  for (let i = 0; i < drafts.length; i++) {
    const a = drafts[i]!;
    if (!a.date) continue;
    for (let j = i + 1; j < drafts.length; j++) {
      const b = drafts[j]!;
      if (!b.date || groupOf(a) !== groupOf(b) || !sameTime(a.date, b.date, a.precision, b.precision)) continue;
      const shared = [...words[i]!].filter((w) => words[j]!.has(w));
      const distinctive = shared.filter((w) => !common(w));
      const pointsBack = [a, b].some((c) => c.passages.some((p) => POINTS_BACK(p.dateText).test(p.text)));
      if (distinctive.length >= 2 || (pointsBack && shared.length >= 1)) parent[root(j)] = root(i);
    }
  }
  const groups = new Map<number, T[]>();
  drafts.forEach((d, i) => groups.set(root(i), [...(groups.get(root(i)) ?? []), d]));
  return [...groups.values()].map((group) => {
    if (group.length === 1) return group[0]!;
    // The most precise telling leads; among equals, the first.
    const lead = group.reduce((best, d) => (RANK[d.precision] > RANK[best.precision] ? d : best), group[0]!);
    const passages = group.flatMap((d) => d.passages).sort((x, y) => x.startOffset - y.startOffset);
    return { ...lead, passages: [...lead.passages, ...passages.filter((p) => !lead.passages.includes(p))] };
  });
}
