"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { EventChangeList } from "../history/event-changes";
import { errorMessage, fieldErrors } from "../errors";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { Notice } from "../ui/notice";
import { DecisionForm, DecisionList } from "./decision-controls";
import { StatusBadge } from "../events/status-badge";

/**
 * Review on the event page: submit or withdraw, the decision form for
 * reviewers who did not write it, the decisions so far, and a proposed
 * change to a published event shown against what viewers see.
 */
export function ReviewBar({ eventId, workspaceSlug }: { eventId: string; workspaceSlug: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const state = useQuery(trpc.review.state.queryOptions({ eventId }));
  const [comment, setComment] = useState("");
  const refresh = () =>
    Promise.all(
      [trpc.review, trpc.event, trpc.history, trpc.notification].map((r) =>
        queryClient.invalidateQueries(r.pathFilter()),
      ),
    );
  const submit = useMutation(trpc.review.submit.mutationOptions({ onSuccess: refresh }));
  const withdraw = useMutation(trpc.review.withdraw.mutationOptions({ onSuccess: refresh }));
  const decide = useMutation(
    trpc.review.decide.mutationOptions({
      onSuccess: async () => {
        setComment("");
        await refresh();
      },
    }),
  );
  if (!state.data) return null;
  const s = state.data;
  const error = submit.error ?? withdraw.error ?? decide.error;
  const commentError = decide.error ? fieldErrors(decide.error).comment : undefined;

  return (
    <section aria-label="Review" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-sm font-semibold">
          Review {s.kind === "change" && <span className="font-normal text-slate-600">of a proposed change</span>}
        </h2>
        {s.kind !== "published" && <StatusBadge status={s.status} />}
      </div>
      {s.kind === "published" && (
        <p className="text-xs text-slate-600">
          Published. Editing it proposes a change; viewers keep seeing this version until the change is approved.
        </p>
      )}
      {s.status === "PENDING" && (
        <p className="text-xs text-slate-600">
          Waiting for {s.requiredApprovals === 2 ? "two approvals" : "an approval"} from a reviewer who did not write it
          (round {s.round}).
        </p>
      )}
      {s.proposal && s.kind === "change" && (
        <div className="space-y-2 rounded-md border border-amber-200 bg-amber-50 p-3" data-testid="proposal">
          <p className="text-xs font-semibold text-amber-900">Proposed change (not visible to viewers yet)</p>
          <EventChangeList changes={s.proposal.changes} />
          {s.proposal.status !== "PENDING" && (
            <Link
              href={`/w/${workspaceSlug}/events/${eventId}/edit`}
              className="text-xs font-medium text-brand-700 underline"
            >
              Edit the proposal
            </Link>
          )}
        </div>
      )}
      {error && !commentError && <Notice tone="error">{errorMessage(error)}</Notice>}
      <div className="flex flex-wrap gap-2">
        {s.can.submit && (
          <Button size="sm" busy={submit.isPending} onClick={() => submit.mutate({ eventId })}>
            Submit for review
          </Button>
        )}
        {s.can.withdraw && (
          <Button size="sm" variant="secondary" busy={withdraw.isPending} onClick={() => withdraw.mutate({ eventId })}>
            Withdraw
          </Button>
        )}
      </div>
      {s.status === "PENDING" && s.isAuthor && !s.can.decide && (
        <p className="text-xs text-slate-600">You wrote this, so another reviewer must decide.</p>
      )}
      {s.can.decide && (
        <DecisionForm
          comment={comment}
          onComment={setComment}
          commentError={commentError}
          pending={decide.isPending ? (decide.variables?.decision ?? null) : null}
          onDecide={(d) => decide.mutate({ eventId, round: s.round, decision: d, comment })}
        />
      )}
      <DecisionList decisions={s.decisions} />
    </section>
  );
}
