"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { Fragment, useState } from "react";
import type { ProposalTarget, RecordChange } from "@/server/schemas/proposal";
import { StatusBadge } from "../events/status-badge";
import { TextDiff } from "../history/field-diff";
import { errorMessage, fieldErrors } from "../errors";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { Notice } from "../ui/notice";
import { DecisionForm, DecisionList } from "./decision-controls";

const NOUN = { SOURCE: "source", ENTITY: "entity" } as const satisfies Record<ProposalTarget, string>;

/**
 * Prose reads best as a word diff; an address, a date or a list must be read whole (a swapped domain hides
 * in a word diff). A source's text comes as the changed passages with their context, old and new.
 */
const WORD_DIFF = new Set(["title", "name", "author", "description", "text"]);

/** A proposed change field by field: what readers see now, struck through, and what they would see. */
export function ChangeList({ changes }: { changes: RecordChange[] }) {
  if (changes.length === 0) return <p className="text-xs text-slate-600">No field differs from what readers see.</p>;
  return (
    <dl className="grid grid-cols-[7rem_1fr] gap-x-3 gap-y-1.5">
      {changes.map((c) => (
        <Fragment key={c.field}>
          <dt className="pt-0.5 text-xs font-semibold uppercase tracking-wide text-slate-600">{c.label}</dt>
          <dd className="min-w-0">
            {WORD_DIFF.has(c.field) ? (
              <TextDiff before={c.before} after={c.after} />
            ) : (
              <div className="space-y-0.5 break-all text-sm">
                <p>
                  <span className="sr-only">Now: </span>
                  {c.before ? (
                    <del className="bg-red-100 text-red-800" dir="auto">
                      {c.before}
                    </del>
                  ) : (
                    <span className="text-slate-600">(empty)</span>
                  )}
                </p>
                <p>
                  <span className="sr-only">Proposed: </span>
                  {c.after ? (
                    <ins className="bg-emerald-100 text-emerald-900 no-underline" dir="auto">
                      {c.after}
                    </ins>
                  ) : (
                    <span className="text-slate-600">(empty)</span>
                  )}
                </p>
              </div>
            )}
          </dd>
        </Fragment>
      ))}
    </dl>
  );
}

/** Everything a change of a source or an entity touches on screen, refreshed after a review step. */
export function useRefreshAfterReview() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all(
      [
        trpc.proposal,
        trpc.source,
        trpc.entity,
        trpc.event,
        trpc.citation,
        trpc.search,
        trpc.history,
        trpc.review,
        trpc.notification,
      ].map((r) => queryClient.invalidateQueries(r.pathFilter())),
    );
}

/**
 * Review of a source's or an entity's details on its page, for contributors:
 * whether editing proposes a change, the proposed change against what readers
 * see, submit and withdraw, the decision form for reviewers who did not write
 * it, and the decisions so far. Mirrors the event page's review bar.
 */
export function RecordProposalPanel({
  targetType,
  targetId,
  editHref,
}: {
  targetType: ProposalTarget;
  targetId: string;
  /** Where the proposal is edited (the entity page edits in place). */
  editHref?: string;
}) {
  const trpc = useTRPC();
  const refresh = useRefreshAfterReview();
  const state = useQuery(trpc.proposal.get.queryOptions({ targetType, targetId }));
  const [comment, setComment] = useState("");
  const submit = useMutation(trpc.proposal.submit.mutationOptions({ onSuccess: refresh }));
  const withdraw = useMutation(trpc.proposal.withdraw.mutationOptions({ onSuccess: refresh }));
  const decide = useMutation(
    trpc.proposal.decide.mutationOptions({
      onSuccess: async () => {
        setComment("");
        await refresh();
      },
    }),
  );
  if (!state.data) return null;
  const s = state.data;
  const p = s.proposal;
  const noun = NOUN[targetType];
  if (!p && !s.reviewed && s.decisions.length === 0) return null;
  const error = submit.error ?? withdraw.error ?? decide.error;
  const commentError = decide.error ? fieldErrors(decide.error).comment : undefined;
  const target = { targetType, targetId };

  return (
    <section
      aria-label={`Review of changes to this ${noun}`}
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      data-testid="record-proposal"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-sm font-semibold">{p ? "Proposed change" : "Changes go through review"}</h2>
        {p && <StatusBadge status={p.status} />}
      </div>
      {!p && (
        <p className="text-xs text-slate-600">
          Published material shows this {noun}. Editing it proposes a change; viewers keep seeing these details until a
          reviewer approves it.
        </p>
      )}
      {p && (
        <div className="space-y-2 rounded-md border border-amber-200 bg-amber-50 p-3">
          <p className="text-xs font-semibold text-amber-900">
            Not visible to viewers yet · by {p.authors.map((a) => a.name).join(", ")}
          </p>
          <ChangeList changes={p.changes} />
          {p.status === "PENDING" ? (
            <p className="text-xs text-slate-700">
              Waiting for {s.requiredApprovals === 2 ? "two approvals" : "an approval"} from a reviewer who did not
              write it (round {p.round}
              {p.approvals.length > 0 ? `; approved by ${p.approvals.join(", ")}` : ""}).
            </p>
          ) : (
            editHref && (
              <Link href={editHref} className="text-xs font-medium text-brand-700 underline">
                Edit the proposal
              </Link>
            )
          )}
        </div>
      )}
      {error && !commentError && <Notice tone="error">{errorMessage(error)}</Notice>}
      {p && (p.can.submit || p.can.withdraw) && (
        <div className="flex flex-wrap gap-2">
          {p.can.submit && (
            <Button size="sm" busy={submit.isPending} onClick={() => submit.mutate(target)}>
              Submit for review
            </Button>
          )}
          {p.can.withdraw && (
            <Button size="sm" variant="secondary" busy={withdraw.isPending} onClick={() => withdraw.mutate(target)}>
              Withdraw
            </Button>
          )}
        </div>
      )}
      {p?.status === "PENDING" && p.isAuthor && (
        <p className="text-xs text-slate-600">You wrote this change, so another reviewer must decide.</p>
      )}
      {p?.can.decide && (
        <DecisionForm
          comment={comment}
          onComment={setComment}
          commentError={commentError}
          pending={decide.isPending ? (decide.variables?.decision ?? null) : null}
          onDecide={(d) => decide.mutate({ ...target, round: p.round, decision: d, comment })}
        />
      )}
      <DecisionList decisions={s.decisions} />
    </section>
  );
}
