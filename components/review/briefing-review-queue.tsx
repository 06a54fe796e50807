"use client";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { Fragment, useState } from "react";
import { can } from "@/server/policy";
import type { RouterOutputs, WorkspaceOverview } from "@/components/trpc";
import { MarkingBadge } from "../briefings/marking-badge";
import { errorMessage, fieldErrors } from "../errors";
import { useTRPC } from "../trpc";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { EmptyState } from "../ui/card";
import { Notice } from "../ui/notice";
import { DecisionButtons } from "./decision-controls";

type Item = RouterOutputs["briefing"]["queue"]["items"][number];

function age(since: Date | null): string {
  if (!since) return "";
  const hours = (Date.now() - since.getTime()) / 3_600_000;
  return hours < 1 ? "less than an hour" : hours < 48 ? `${Math.round(hours)} h` : `${Math.round(hours / 24)} days`;
}

const OUTCOME = {
  PUBLISHED: "approved and published",
  PENDING: "approved: it needs one more approval",
  REJECTED: "rejected",
  CHANGES_REQUESTED: "sent back for changes",
  DRAFT: "decided",
} as const;

/**
 * Briefings waiting for review, in the same queue as events, sources and
 * entities: who wrote it, how long it has waited, and for a reviewer who did
 * not write it a comment of its own and the decision. The text itself is read
 * on the briefing's page (a briefing is read whole, not as a diff in a card).
 */
export function BriefingReviewQueue({ workspace }: { workspace: WorkspaceOverview }) {
  const trpc = useTRPC();
  const enabled = can(workspace.role, "briefing.readDrafts");
  const queue = useInfiniteQuery(
    trpc.briefing.queue.infiniteQueryOptions(
      { workspaceId: workspace.id, limit: 25 },
      { getNextPageParam: (l) => l.nextCursor, enabled },
    ),
  );
  const [outcome, setOutcome] = useState<string | null>(null);
  if (!enabled) return null;
  const items = queue.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby="briefing-queue-heading" className="space-y-3">
      <div>
        <h2 id="briefing-queue-heading" className="text-lg font-semibold">
          Briefings
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          Readers keep seeing the last published version until a reviewer who did not write the briefing approves it.
        </p>
      </div>
      {outcome && <Notice tone="success">{outcome}</Notice>}
      {queue.error && <Notice tone="error">{errorMessage(queue.error)}</Notice>}
      {queue.isSuccess && items.length === 0 && <EmptyState title="No briefing waits for review" />}
      <ul className="space-y-3" aria-label="Briefings waiting for review">
        {items.map((it) => (
          <BriefingItem key={it.id} item={it} workspace={workspace} onDecided={setOutcome} />
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

function BriefingItem({
  item,
  workspace,
  onDecided,
}: {
  item: Item;
  workspace: WorkspaceOverview;
  onDecided: (text: string) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [comment, setComment] = useState("");
  const decide = useMutation(
    trpc.briefing.decide.mutationOptions({
      onSuccess: async (r) => {
        onDecided(`The briefing “${item.title}” was ${OUTCOME[r.status]}.`);
        await Promise.all(
          [trpc.briefing, trpc.review, trpc.notification].map((x) => queryClient.invalidateQueries(x.pathFilter())),
        );
      },
    }),
  );
  const commentError = decide.error ? fieldErrors(decide.error).comment : undefined;
  const commentId = `briefing-comment-${item.id}`;
  const href = `/w/${workspace.slug}/briefings/${item.id}`;
  return (
    <li
      data-testid="briefing-queue-item"
      aria-label={`Briefing ${item.title}`}
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      <div>
        <div className="flex flex-wrap items-center gap-2">
          <Link href={href} className="font-medium text-brand-700 hover:underline" dir="auto">
            {item.title}
          </Link>
          <Badge tone="blue">Briefing</Badge>
          <MarkingBadge marking={item.marking} />
          <span className="text-xs text-slate-600">
            version {item.edition}, review round {item.round}
          </span>
        </div>
        <p className="mt-0.5 text-xs text-slate-600">
          by{" "}
          {item.authors.map((a, i) => (
            <Fragment key={a.id}>
              {i > 0 && ", "}
              <bdi>{a.name}</bdi>
            </Fragment>
          ))}{" "}
          · waiting {age(item.submittedAt)} · {item.approvals} of {item.requiredApprovals} approval
          {item.requiredApprovals === 1 ? "" : "s"}
        </p>
        <Link href={href} className="mt-1 inline-block text-xs font-medium text-brand-700 underline">
          Read the briefing and what changed
        </Link>
      </div>
      {decide.error && !commentError && <Notice tone="error">{errorMessage(decide.error)}</Notice>}
      {item.canDecide ? (
        <form
          aria-label={`Decision on ${item.title}`}
          className="space-y-1.5 border-t border-slate-100 pt-3"
          onSubmit={(e) => e.preventDefault()}
        >
          <label htmlFor={commentId} className="block text-xs text-slate-700">
            Comment on this briefing (required to ask for changes or reject)
          </label>
          <div className="flex flex-col gap-2 sm:flex-row sm:items-start">
            <textarea
              id={commentId}
              dir="auto"
              rows={2}
              aria-invalid={commentError ? true : undefined}
              className={`block min-w-0 flex-1 rounded-md border px-2 py-1 text-sm ${commentError ? "border-red-500" : "border-slate-300"}`}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
            />
            <DecisionButtons
              pending={decide.isPending ? (decide.variables?.decision ?? null) : null}
              onDecide={(d) => decide.mutate({ id: item.id, round: item.round, decision: d, comment })}
            />
          </div>
          {commentError && (
            <p role="alert" className="text-xs font-medium text-red-700">
              {commentError}
            </p>
          )}
        </form>
      ) : (
        <p className="border-t border-slate-100 pt-3 text-xs text-slate-600">
          {can(workspace.role, "review.decide")
            ? "You wrote this, or decided on this round: another reviewer decides."
            : "Reviewers decide."}
        </p>
      )}
    </li>
  );
}
