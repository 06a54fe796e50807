/**
 * The Admiralty code (NATO AJP-2.1): source reliability A–F and information
 * credibility 1–6, two axes never mixed. F and 6 mean "cannot be judged": they
 * are counted apart and never averaged in as numbers. Pure and isomorphic.
 */
export const RELIABILITY = ["A", "B", "C", "D", "E", "F"] as const;
export const CREDIBILITY = ["1", "2", "3", "4", "5", "6"] as const;
export type Reliability = (typeof RELIABILITY)[number];
export type Credibility = (typeof CREDIBILITY)[number];
export type Grade = Reliability | Credibility;

export const RELIABILITY_LABELS: Record<Reliability, string> = {
  A: "Completely reliable",
  B: "Usually reliable",
  C: "Fairly reliable",
  D: "Not usually reliable",
  E: "Unreliable",
  F: "Reliability cannot be judged",
};

export const CREDIBILITY_LABELS: Record<Credibility, string> = {
  "1": "Confirmed by other independent sources",
  "2": "Probably true",
  "3": "Possibly true",
  "4": "Doubtful",
  "5": "Improbable",
  "6": "Truth cannot be judged",
};

type Axis = "reliability" | "credibility";

const scale = (axis: Axis): readonly Grade[] => (axis === "reliability" ? RELIABILITY : CREDIBILITY);

/** Steps 1–5 for judgeable grades; null for F / 6. */
export function step(grade: Grade): number | null {
  const i = (RELIABILITY as readonly string[]).indexOf(grade);
  const n = i >= 0 ? i + 1 : Number(grade);
  return n >= 1 && n <= 5 ? n : null;
}

function gradeAt(axis: Axis, s: number): Grade {
  return scale(axis)[s - 1]!;
}

export type Aggregate = {
  /** Votes per grade, including "cannot judge". */
  distribution: Record<string, number>;
  total: number;
  judgeable: number;
  cannotJudge: number;
  /** Median of the judgeable votes; "F"/"6" when every vote says it cannot be judged; null without votes. */
  consensus: Grade | null;
  /** Share of judgeable votes within one step of the consensus (1 = full agreement). */
  agreement: number | null;
  /** Interquartile range in steps. */
  spread: number | null;
  /** Votes spread widely: an interquartile range of two steps or more. */
  contested: boolean;
};

/** Nearest-rank percentile on sorted steps. */
function percentile(sorted: number[], p: number): number {
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1]!;
}

/**
 * Distribution, consensus, agreement and the contested flag for one target.
 * With an even number of votes the median is the more cautious of the two
 * middle grades (the higher step), so a split team never reads as more
 * confident than half of it is.
 */
export function aggregate(axis: Axis, votes: Grade[]): Aggregate {
  const distribution = Object.fromEntries(scale(axis).map((g) => [g, 0])) as Record<string, number>;
  for (const v of votes) distribution[v] = (distribution[v] ?? 0) + 1;
  const steps = votes
    .map(step)
    .filter((s): s is number => s !== null)
    .sort((a, b) => a - b);
  const cannotJudge = votes.length - steps.length;
  if (steps.length === 0) {
    return {
      distribution,
      total: votes.length,
      judgeable: 0,
      cannotJudge,
      consensus: votes.length > 0 ? scale(axis)[5]! : null,
      agreement: null,
      spread: null,
      contested: false,
    };
  }
  const median = steps[Math.floor(steps.length / 2)]!;
  const spread = percentile(steps, 0.75) - percentile(steps, 0.25);
  return {
    distribution,
    total: votes.length,
    judgeable: steps.length,
    cannotJudge,
    consensus: gradeAt(axis, median),
    agreement: steps.filter((s) => Math.abs(s - median) <= 1).length / steps.length,
    spread,
    contested: steps.length >= 2 && spread >= 2,
  };
}

/**
 * Stands for a grade the reader may not see yet (blind voting: until they
 * vote or skip on it). "–" means nobody rated it.
 */
export const HIDDEN_GRADE = "?";

/** "B2", "B–", "–2", "B?" or "–": how a rating is written next to events. */
export function ratingLabel(
  reliability: Grade | null | undefined,
  credibility: Grade | null | undefined,
  hidden: { reliability?: boolean; credibility?: boolean } = {},
): string {
  return `${hidden.reliability ? HIDDEN_GRADE : (reliability ?? "–")}${hidden.credibility ? HIDDEN_GRADE : (credibility ?? "–")}`;
}

/** Steps between a vote and the current consensus (0 when either cannot be judged). */
export function distanceFromConsensus(vote: Grade, consensus: Grade | null): number {
  const a = step(vote);
  const b = consensus ? step(consensus) : null;
  return a === null || b === null ? 0 : Math.abs(a - b);
}

/** Credibility 1 is only suggested when two or more independent origins support the event. */
export function suggestConfirmed(independentOrigins: number): boolean {
  return independentOrigins >= 2;
}
