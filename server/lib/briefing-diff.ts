import { diffLines, diffWordsWithSpace } from "diff";
import {
  CONFIDENCE_LABELS,
  CONTENT_FIELDS,
  PROBABILITY_LABELS,
  type BriefingContent,
  type ContentField,
  type KeyJudgment,
} from "../schemas/briefing.ts";

/**
 * "What changed": a per-field text diff of two versions of a briefing. Pure,
 * so the page, the review screen and the tests read the same shape.
 */
export type DiffPart = { value: string; added: boolean; removed: boolean };
export type FieldDiff = { field: ContentField; changed: boolean; parts: DiffPart[] };

/** A key judgment as one readable line, so a judgment's edits diff like text. */
export function judgmentLine(j: KeyJudgment): string {
  const p = PROBABILITY_LABELS[j.probability];
  const support = [...j.eventIds.map((id) => `[@event:${id}]`), ...j.sourceIds.map((id) => `[@source:${id}]`)].join(
    " ",
  );
  return `${j.statement} — ${p.term} (${p.range}); ${CONFIDENCE_LABELS[j.confidence]}${support ? `; ${support}` : ""}`;
}

const judgmentsText = (list: KeyJudgment[]) => list.map((j, i) => `${i + 1}. ${judgmentLine(j)}\n`).join("");

function shape(parts: { value: string; added?: boolean; removed?: boolean }[]): DiffPart[] {
  return parts.map((p) => ({ value: p.value, added: Boolean(p.added), removed: Boolean(p.removed) }));
}

/**
 * Past this many changed lines (or words), or this much time, a field is shown
 * as replaced whole: the diff's cost grows with the text's length times the
 * number of edits, and two unrelated 60 KB bodies held the server's only
 * thread for over twenty seconds.
 */
const DIFF_BOUNDS = { maxEditLength: 2_000, timeout: 250 };

/** Body and judgments change by line (Markdown is line-oriented); short fields by word, spaces kept so both sides rebuild exactly. */
export function diffBriefing(before: BriefingContent, after: BriefingContent): FieldDiff[] {
  const text: Record<ContentField, [string, string]> = {
    title: [before.title, after.title],
    marking: [before.marking, after.marking],
    summary: [before.summary, after.summary],
    keyJudgments: [judgmentsText(before.keyJudgments), judgmentsText(after.keyJudgments)],
    body: [before.body, after.body],
  };
  return CONTENT_FIELDS.map((field) => {
    const [a, b] = text[field];
    if (a === b) return { field, changed: false, parts: a ? [{ value: a, added: false, removed: false }] : [] };
    const parts =
      (field === "body" || field === "keyJudgments"
        ? diffLines(a, b, DIFF_BOUNDS)
        : diffWordsWithSpace(a, b, DIFF_BOUNDS)) ?? replacedWhole(a, b);
    return { field, changed: true, parts: shape(parts) };
  });
}

function replacedWhole(a: string, b: string): DiffPart[] {
  return [
    ...(a ? [{ value: a, added: false, removed: true }] : []),
    ...(b ? [{ value: b, added: true, removed: false }] : []),
  ];
}

const DECISION_WORDS: Record<string, string> = {
  review_approve: "Approved",
  review_request_changes: "Asked for changes",
  review_reject: "Rejected",
};
const OUTCOMES: Record<string, string> = { PUBLISHED: "published", APPROVED_PENDING_MORE: "one more approval needed" };

/** One line a reader understands for a history row, from its action and small detail. */
export function describeRevision(action: string, _version: number, detail: Record<string, unknown> | null): string {
  const round = typeof detail?.round === "number" ? ` (round ${detail.round})` : "";
  const comment = typeof detail?.comment === "string" && detail.comment ? `: “${detail.comment}”` : "";
  switch (action) {
    case "created":
      return `Created “${String(detail?.title ?? "")}”`;
    // Saves are told apart by their time: numbering them would read as versions (see publish).
    case "updated":
      return "Saved changes";
    case "submitted":
      return `Submitted for review${round}`;
    case "withdrawn":
      return `Withdrew the submission${round}`;
    case "deleted":
      return "Moved to the trash";
    case "restored":
      return "Restored from the trash";
    default: {
      const word = DECISION_WORDS[action];
      if (!word) return action;
      const outcome =
        typeof detail?.outcome === "string" && OUTCOMES[detail.outcome] ? ` — ${OUTCOMES[detail.outcome]}` : "";
      return `${word}${round}${outcome}${comment}`;
    }
  }
}
