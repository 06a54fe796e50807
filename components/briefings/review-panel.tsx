"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage, fieldErrors } from "../errors";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { Notice } from "../ui/notice";
import { DecisionForm } from "../review/decision-controls";
import { BriefingStatusBadge } from "./briefing-status";

export type ReviewState = {
  id: string;
  status: string;
  version: number;
  reviewRound: number;
  canSubmit: boolean;
  canWithdraw: boolean;
  canDecide: boolean;
  isAuthor: boolean;
  approvalsThisRound: number;
  requiredApprovals: number;
  hasPublished: boolean;
};

/**
 * Submit and withdraw for authors; the decision form only for reviewers who
 * did not write it (the server refuses self-approval either way). What each
 * caller may do comes from the server's briefing view, decided by the policy.
 */
export function ReviewPanel({ state }: { state: ReviewState }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [comment, setComment] = useState("");
  const refresh = () =>
    Promise.all([trpc.briefing, trpc.notification].map((r) => queryClient.invalidateQueries(r.pathFilter())));
  const submit = useMutation(trpc.briefing.submit.mutationOptions({ onSuccess: refresh }));
  const withdraw = useMutation(trpc.briefing.withdraw.mutationOptions({ onSuccess: refresh }));
  const decide = useMutation(
    trpc.briefing.decide.mutationOptions({
      onSuccess: async () => {
        setComment("");
        await refresh();
      },
    }),
  );
  const error = submit.error ?? withdraw.error ?? decide.error;
  const commentError = decide.error ? fieldErrors(decide.error).comment : undefined;
  const pending = state.status === "PENDING";

  return (
    <section aria-label="Review" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-sm font-semibold">Review</h2>
        <BriefingStatusBadge status={state.status} />
      </div>
      {pending && (
        <p className="text-xs text-slate-600">
          {state.approvalsThisRound} of {state.requiredApprovals} approval{state.requiredApprovals === 1 ? "" : "s"}{" "}
          from a reviewer who did not write it (round {state.reviewRound}).
        </p>
      )}
      {state.hasPublished && state.status !== "PUBLISHED" && (
        <p className="text-xs text-slate-600">
          Readers keep seeing the published version until this revision is approved.
        </p>
      )}
      {state.status === "PUBLISHED" && (
        <p className="text-xs text-slate-600">
          Published. Editing starts a new revision; the published version stays live meanwhile.
        </p>
      )}
      {error && !commentError && <Notice tone="error">{errorMessage(error)}</Notice>}
      <div className="flex flex-wrap gap-2">
        {state.canSubmit && (
          <Button
            size="sm"
            busy={submit.isPending}
            onClick={() => submit.mutate({ id: state.id, version: state.version })}
          >
            Submit for review
          </Button>
        )}
        {state.canWithdraw && (
          <Button
            size="sm"
            variant="secondary"
            busy={withdraw.isPending}
            onClick={() => withdraw.mutate({ id: state.id })}
          >
            Withdraw to edit
          </Button>
        )}
      </div>
      {pending && state.isAuthor && (
        <p className="text-xs text-slate-600">You are an author of this revision, so another reviewer decides.</p>
      )}
      {state.canDecide && (
        <DecisionForm
          comment={comment}
          onComment={setComment}
          commentError={commentError}
          label="Comment (needed to request changes or reject; @name notifies someone)"
          pending={decide.isPending ? (decide.variables?.decision ?? null) : null}
          onDecide={(d) => decide.mutate({ id: state.id, round: state.reviewRound, decision: d, comment })}
        />
      )}
    </section>
  );
}
