"use client";
import { DECISION_LABELS, DECISIONS, type Decision } from "@/server/schemas/review";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";

/** How each decision's button looks wherever a reviewer decides: approving is the main action, rejecting the dangerous one. */
export const DECISION_VARIANT = {
  APPROVE: "primary",
  REQUEST_CHANGES: "secondary",
  REJECT: "danger",
} as const satisfies Record<Decision, "primary" | "secondary" | "danger">;

const DECISION_TONE = { APPROVE: "green", REQUEST_CHANGES: "amber", REJECT: "red" } as const satisfies Record<
  Decision,
  string
>;

/**
 * A reviewer's comment and the three decisions, for one submission (an event,
 * a source or entity change, a briefing revision). The caller owns the
 * comment and sends the decision; `pending` is the decision being sent.
 */
export function DecisionForm({
  comment,
  onComment,
  commentError,
  label = "Comment (required to ask for changes or reject; @name notifies someone)",
  pending,
  onDecide,
}: {
  comment: string;
  onComment: (text: string) => void;
  commentError?: string;
  label?: string;
  pending: Decision | null;
  onDecide: (decision: Decision) => void;
}) {
  return (
    <form aria-label="Decision" className="space-y-2" onSubmit={(e) => e.preventDefault()}>
      <label className="block text-xs text-slate-700">
        {label}
        <textarea
          dir="auto"
          rows={3}
          className={`mt-1 block w-full rounded-md border px-2 py-1 text-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30 ${commentError ? "border-red-500" : "border-slate-300"}`}
          value={comment}
          aria-invalid={commentError ? true : undefined}
          onChange={(e) => onComment(e.target.value)}
        />
      </label>
      {commentError && (
        <p role="alert" className="text-xs font-medium text-red-700">
          {commentError}
        </p>
      )}
      <DecisionButtons pending={pending} onDecide={onDecide} className="flex flex-wrap gap-2" />
    </form>
  );
}

/** Approve, Request changes and Reject, in that order; `pending` is the decision being sent. */
export function DecisionButtons({
  pending,
  onDecide,
  className = "flex flex-wrap gap-1.5",
}: {
  pending: Decision | null;
  onDecide: (decision: Decision) => void;
  className?: string;
}) {
  return (
    <div className={className}>
      {DECISIONS.map((d) => (
        <Button key={d} size="sm" variant={DECISION_VARIANT[d]} busy={pending === d} onClick={() => onDecide(d)}>
          {DECISION_LABELS[d]}
        </Button>
      ))}
    </div>
  );
}

/** The decisions taken so far on a submission, oldest first, each with its reviewer, round and comment. */
export function DecisionList({
  decisions,
}: {
  decisions: { decision: Decision; reviewer: { name: string }; round: number; comment: string | null }[];
}) {
  if (decisions.length === 0) return null;
  return (
    <ul className="space-y-1.5 border-t border-slate-100 pt-2 text-xs" aria-label="Decisions">
      {decisions.map((d, i) => (
        <li key={i}>
          <Badge tone={DECISION_TONE[d.decision]}>{DECISION_LABELS[d.decision]}</Badge> <bdi>{d.reviewer.name}</bdi> ·
          round {d.round}
          {d.comment && (
            <p className="mt-0.5 text-slate-700" dir="auto">
              {d.comment}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
