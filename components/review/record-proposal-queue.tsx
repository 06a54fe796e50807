"use client";
import { useInfiniteQuery, useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { Fragment, useState } from "react";
import { can } from "@/server/policy";
import { PROPOSAL_TARGET_LABELS } from "@/server/schemas/proposal";
import type { RouterOutputs, WorkspaceOverview } from "@/components/trpc";
import { errorMessage, fieldErrors } from "../errors";
import { useTRPC } from "../trpc";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { EmptyState } from "../ui/card";
import { Notice } from "../ui/notice";
import { DecisionButtons } from "./decision-controls";
import { WorkspaceGate } from "../workspace/workspace-gate";
import { ChangeList, useRefreshAfterReview } from "./record-proposal-panel";

type Item = RouterOutputs["proposal"]["queue"]["items"][number];

export function RecordProposalQueuePage() {
  return <WorkspaceGate>{(ws) => <RecordProposalQueue workspace={ws} />}</WorkspaceGate>;
}

function age(since: Date | null): string {
  if (!since) return "";
  const hours = (Date.now() - since.getTime()) / 3_600_000;
  return hours < 1 ? "less than an hour" : hours < 48 ? `${Math.round(hours)} h` : `${Math.round(hours / 24)} days`;
}

/**
 * Proposed changes to sources and entities that published material shows,
 * each with its diff against what readers see and, for a reviewer who did
 * not write it, the decision buttons. One decision at a time, each with its
 * own comment: these change what every published event naming the record shows.
 */
export function RecordProposalQueue({ workspace }: { workspace: WorkspaceOverview }) {
  const trpc = useTRPC();
  const enabled = can(workspace.role, "event.readDrafts");
  const queue = useInfiniteQuery(
    trpc.proposal.queue.infiniteQueryOptions(
      { workspaceId: workspace.id, limit: 25, order: "oldest" },
      { getNextPageParam: (l) => l.nextCursor, enabled },
    ),
  );
  const items = queue.data?.pages.flatMap((p) => p.items) ?? [];
  // Said here, not on the item: a decided item leaves the list.
  const [outcome, setOutcome] = useState<string | null>(null);
  if (!enabled) return null;
  return (
    <section aria-labelledby="record-proposals-heading" className="space-y-3">
      <div>
        <h2 id="record-proposals-heading" className="text-lg font-semibold">
          Changes to sources and entities
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          Published events show these sources and entities; readers keep seeing the current details until a reviewer who
          did not write the change approves it.
        </p>
      </div>
      {outcome && <Notice tone="success">{outcome}</Notice>}
      {queue.error && <Notice tone="error">{errorMessage(queue.error)}</Notice>}
      {queue.isSuccess && items.length === 0 && (
        <EmptyState title="No changes to sources or entities wait for review" />
      )}
      <ul className="space-y-3" aria-label="Changes to sources and entities">
        {items.map((it) => (
          <RecordProposalItem
            key={`${it.targetType}:${it.targetId}`}
            item={it}
            workspace={workspace}
            onDecided={setOutcome}
          />
        ))}
      </ul>
      {queue.hasNextPage && (
        <Button variant="secondary" onClick={() => void queue.fetchNextPage()}>
          Show more
        </Button>
      )}
    </section>
  );
}

const OUTCOME = {
  PUBLISHED: "approved: readers now see the change",
  PENDING: "approved: it needs one more approval",
  REJECTED: "rejected",
  CHANGES_REQUESTED: "sent back for changes",
  DRAFT: "decided",
} as const;

function RecordProposalItem({
  item,
  workspace,
  onDecided,
}: {
  item: Item;
  workspace: WorkspaceOverview;
  onDecided: (text: string) => void;
}) {
  const trpc = useTRPC();
  const refresh = useRefreshAfterReview();
  const [comment, setComment] = useState("");
  const decide = useMutation(
    trpc.proposal.decide.mutationOptions({
      onSuccess: async (r) => {
        onDecided(`The change to “${item.name}” was ${OUTCOME[r.status]}.`);
        await refresh();
      },
    }),
  );
  const href = `/w/${workspace.slug}/${item.targetType === "SOURCE" ? "sources" : "entities"}/${item.targetId}`;
  const commentError = decide.error ? fieldErrors(decide.error).comment : undefined;
  const commentId = `record-comment-${item.targetType}-${item.targetId}`;
  return (
    <li
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      data-testid="record-proposal-item"
      aria-label={`${PROPOSAL_TARGET_LABELS[item.targetType]} ${item.name}`}
    >
      <div className="flex flex-wrap items-start gap-3">
        <div className="min-w-0 flex-1 space-y-2">
          <div className="flex flex-wrap items-center gap-2">
            <Link href={href} className="font-medium text-brand-700 hover:underline" dir="auto">
              {item.name}
            </Link>
            <Badge tone="amber">{`Change to ${PROPOSAL_TARGET_LABELS[item.targetType].toLowerCase()}`}</Badge>
          </div>
          <p className="text-xs text-slate-600">
            by{" "}
            {item.authors.map((a, i) => (
              <Fragment key={a.id}>
                {i > 0 && ", "}
                <bdi>{a.name}</bdi>
              </Fragment>
            ))}{" "}
            · waiting {age(item.submittedAt)} · round {item.round}
            {item.approvals.length > 0 && ` · approved by ${item.approvals.join(", ")}`}
          </p>
          <ChangeList changes={item.changes} />
          {decide.error && !commentError && <Notice tone="error">{errorMessage(decide.error)}</Notice>}
        </div>
        <div className="w-full space-y-1.5 sm:w-64">
          {item.canDecide ? (
            <form aria-label={`Decision on ${item.name}`} onSubmit={(e) => e.preventDefault()} className="space-y-1.5">
              <label htmlFor={commentId} className="block text-xs text-slate-700">
                Comment (required to ask for changes or reject)
              </label>
              <textarea
                id={commentId}
                dir="auto"
                rows={2}
                className={`block w-full rounded-md border px-2 py-1 text-sm ${commentError ? "border-red-500" : "border-slate-300"}`}
                value={comment}
                onChange={(e) => setComment(e.target.value)}
              />
              {commentError && (
                <p role="alert" className="text-xs font-medium text-red-700">
                  {commentError}
                </p>
              )}
              <DecisionButtons
                pending={decide.isPending ? (decide.variables?.decision ?? null) : null}
                onDecide={(d) =>
                  decide.mutate({
                    targetType: item.targetType,
                    targetId: item.targetId,
                    round: item.round,
                    decision: d,
                    comment,
                  })
                }
              />
            </form>
          ) : (
            <span className="block text-xs text-slate-600">
              {can(workspace.role, "review.decide")
                ? "You wrote this change, or decided on it already: another reviewer decides."
                : "Reviewers decide."}
            </span>
          )}
        </div>
      </div>
    </li>
  );
}
