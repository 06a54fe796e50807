"use client";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { Check, X } from "lucide-react";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { can } from "@/server/policy";
import { DECISION_LABELS, type Decision } from "@/server/schemas/review";
import type { WorkspaceOverview } from "@/components/trpc";
import { TextDiff } from "../history/field-diff";
import { errorMessage } from "../errors";
import { useTRPC } from "../trpc";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { EmptyState } from "../ui/card";
import { Notice } from "../ui/notice";
import { RatingBadge } from "../votes/rating-badge";
import { WorkspaceGate } from "../workspace/workspace-gate";

export function ReviewQueuePage() {
  return <WorkspaceGate>{(ws) => <ReviewQueue workspace={ws} />}</WorkspaceGate>;
}

function age(since: Date | null): string {
  if (!since) return "";
  const hours = (Date.now() - since.getTime()) / 3_600_000;
  return hours < 1 ? "less than an hour" : hours < 48 ? `${Math.round(hours)} h` : `${Math.round(hours / 24)} days`;
}

const FIELD = {
  title: "Title",
  date: "Date",
  summary: "Summary",
  tags: "Tags",
  entities: "Entities",
  citations: "Citations",
} as const;

/**
 * Everything waiting for a decision. Keyboard: j / k move, x selects,
 * a approves, c asks for changes, r rejects (the comment box is used for the
 * comment), for the focused item or for all selected items.
 */
function ReviewQueue({ workspace }: { workspace: WorkspaceOverview }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [order, setOrder] = useState<"oldest" | "newest">("oldest");
  const [kind, setKind] = useState<"all" | "new" | "change">("all");
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [focus, setFocus] = useState(0);
  const [comment, setComment] = useState("");
  const [outcome, setOutcome] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const commentRef = useRef<HTMLTextAreaElement>(null);
  const queue = useInfiniteQuery(
    trpc.review.queue.infiniteQueryOptions(
      { workspaceId: workspace.id, limit: 25, order, kind },
      { getNextPageParam: (l) => l.nextCursor },
    ),
  );
  const items = queue.data?.pages.flatMap((p) => p.items) ?? [];
  const refresh = () =>
    Promise.all([trpc.review, trpc.event, trpc.notification].map((r) => queryClient.invalidateQueries(r.pathFilter())));
  const decideMany = useMutation(
    trpc.review.decideMany.mutationOptions({
      onSuccess: async (results) => {
        const failed = results.filter((r) => !r.ok);
        setOutcome(
          failed.length
            ? {
                tone: "error",
                text: `${results.length - failed.length} decided; ${failed.length} refused: ${failed.map((f) => f.message).join(" ")}`,
              }
            : { tone: "success", text: `${results.length} decided.` },
        );
        setSelected(new Set());
        setComment("");
        await refresh();
      },
      onError: (err) => setOutcome({ tone: "error", text: errorMessage(err) }),
    }),
  );

  const decideOn = (decision: Decision, targets: typeof items) => {
    const ok = targets.filter((t) => t.canDecide);
    if (ok.length === 0) return setOutcome({ tone: "error", text: "You cannot decide on your own submissions." });
    if (decision !== "APPROVE" && !comment.trim()) {
      setOutcome({ tone: "error", text: "Write a comment first: say what needs to change, or why it is rejected." });
      commentRef.current?.focus();
      return;
    }
    decideMany.mutate({ items: ok.map((t) => ({ eventId: t.eventId, round: t.round })), decision, comment });
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (
        e.target instanceof HTMLTextAreaElement ||
        e.target instanceof HTMLInputElement ||
        e.target instanceof HTMLSelectElement
      )
        return;
      const current = items[focus];
      const targets = selected.size ? items.filter((i) => selected.has(i.eventId)) : current ? [current] : [];
      if (e.key === "j") setFocus((f) => Math.min(items.length - 1, f + 1));
      else if (e.key === "k") setFocus((f) => Math.max(0, f - 1));
      else if (e.key === "x" && current)
        setSelected((s) => {
          const n = new Set(s);
          if (n.has(current.eventId)) n.delete(current.eventId);
          else n.add(current.eventId);
          return n;
        });
      else if (e.key === "a") decideOn("APPROVE", targets);
      else if (e.key === "c") decideOn("REQUEST_CHANGES", targets);
      else if (e.key === "r") decideOn("REJECT", targets);
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  useEffect(() => {
    document.getElementById(`queue-item-${focus}`)?.scrollIntoView({ block: "nearest" });
  }, [focus]);

  const chosen = items.filter((i) => selected.has(i.eventId));
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Pending review</h1>
          <p className="mt-1 text-sm text-slate-600">
            New events and proposed changes waiting for a reviewer who did not write them. Keys: j/k move, x select, a
            approve, c ask for changes, r reject.
          </p>
        </div>
        <div className="flex flex-wrap gap-3">
          <label className="text-xs text-slate-600">
            Show
            <select
              className="mt-1 block rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
              value={kind}
              onChange={(e) => setKind(e.target.value as typeof kind)}
            >
              <option value="all">Everything</option>
              <option value="new">New events</option>
              <option value="change">Changes to published events</option>
            </select>
          </label>
          <label className="text-xs text-slate-600">
            Order
            <select
              className="mt-1 block rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
              value={order}
              onChange={(e) => setOrder(e.target.value as typeof order)}
            >
              <option value="oldest">Waiting longest</option>
              <option value="newest">Newest</option>
            </select>
          </label>
        </div>
      </div>
      {/* Sticky from a tablet up; on a phone it would cover half of the screen. */}
      <div className="z-10 space-y-2 rounded-lg border border-slate-200 bg-white p-3 shadow-sm sm:sticky sm:top-0">
        <label className="block text-xs text-slate-700">
          Comment for the decision (@name notifies someone)
          <textarea
            ref={commentRef}
            dir="auto"
            rows={2}
            className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1 text-sm"
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
        </label>
        <div className="flex flex-wrap items-center gap-2">
          <span className="text-sm text-slate-600">{chosen.length} selected</span>
          {(["APPROVE", "REQUEST_CHANGES", "REJECT"] as const).map((d) => (
            <Button
              key={d}
              size="sm"
              variant={d === "APPROVE" ? "primary" : d === "REJECT" ? "danger" : "secondary"}
              disabled={chosen.length === 0}
              busy={decideMany.isPending}
              onClick={() => decideOn(d, chosen)}
            >
              {DECISION_LABELS[d]} selected
            </Button>
          ))}
        </div>
        {outcome && <Notice tone={outcome.tone}>{outcome.text}</Notice>}
      </div>
      {queue.error && <Notice tone="error">{errorMessage(queue.error)}</Notice>}
      {queue.isSuccess && items.length === 0 && (
        <EmptyState title="Nothing waits for review">Submitted events and proposed changes appear here.</EmptyState>
      )}
      <ul className="space-y-3" aria-label="Submissions">
        {items.map((it, i) => (
          <li
            key={it.eventId}
            id={`queue-item-${i}`}
            data-testid="queue-item"
            className={`rounded-lg border bg-white p-4 shadow-sm ${i === focus ? "border-brand-600 ring-2 ring-brand-600/30" : "border-slate-200"}`}
            onClick={() => setFocus(i)}
          >
            <div className="flex flex-wrap items-start gap-3">
              <input
                type="checkbox"
                aria-label={`Select ${it.title}`}
                className="mt-1"
                checked={selected.has(it.eventId)}
                onChange={(e) =>
                  setSelected((s) => {
                    const n = new Set(s);
                    if (e.target.checked) n.add(it.eventId);
                    else n.delete(it.eventId);
                    return n;
                  })
                }
              />
              <div className="min-w-0 flex-1">
                <div className="flex flex-wrap items-center gap-2">
                  <Link
                    href={`/w/${workspace.slug}/events/${it.eventId}`}
                    className="font-medium text-brand-700 hover:underline"
                    dir="auto"
                  >
                    {it.title}
                  </Link>
                  <Badge tone={it.kind === "new" ? "blue" : "amber"}>
                    {it.kind === "new" ? "New event" : "Change"}
                  </Badge>
                  <RatingBadge rating={it.rating} />
                  <span className="text-xs text-slate-600">{it.dateText}</span>
                </div>
                <p className="mt-0.5 text-xs text-slate-600">
                  by {it.authors.map((a) => a.name).join(", ")} · waiting {age(it.submittedAt)} · {it.citationCount}{" "}
                  citation{it.citationCount === 1 ? "" : "s"} · round {it.round}
                  {it.approvals.length > 0 && ` · approved by ${it.approvals.join(", ")}`}
                </p>
                <ul className="mt-2 flex flex-wrap gap-3 text-xs" aria-label="Checklist">
                  {(
                    [
                      ["supportingQuote", "Supporting citation with a quote"],
                      ["consensusRating", "Consensus rating"],
                      ["noConflict", "No unresolved disagreement"],
                    ] as const
                  ).map(([k, label]) => (
                    <li
                      key={k}
                      className={`flex items-center gap-1 ${it.checklist[k] ? "text-emerald-800" : "text-red-700"}`}
                    >
                      {it.checklist[k] ? (
                        <Check aria-hidden className="size-3.5" />
                      ) : (
                        <X aria-hidden className="size-3.5" />
                      )}
                      <span>
                        {label}
                        {it.checklist[k] ? "" : " — missing"}
                      </span>
                    </li>
                  ))}
                </ul>
                <dl className="mt-3 grid grid-cols-[5.5rem_1fr] gap-x-3 gap-y-1.5">
                  {it.changes.map((c) => (
                    <div key={c.field} className="contents">
                      <dt className="text-xs font-semibold uppercase tracking-wide text-slate-500">{FIELD[c.field]}</dt>
                      <dd className="min-w-0">
                        {c.before === null ? (
                          <span className="line-clamp-3 text-sm" dir="auto">
                            {c.after || "—"}
                          </span>
                        ) : (
                          <TextDiff before={c.before} after={c.after} />
                        )}
                      </dd>
                    </div>
                  ))}
                </dl>
              </div>
              {/* Beside the card from a tablet up; under it, in a row, on a phone. */}
              <div className="flex w-full flex-wrap gap-1.5 pl-7 sm:w-auto sm:flex-col sm:pl-0">
                {it.canDecide ? (
                  (["APPROVE", "REQUEST_CHANGES", "REJECT"] as const).map((d) => (
                    <Button
                      key={d}
                      size="sm"
                      variant={d === "APPROVE" ? "primary" : d === "REJECT" ? "danger" : "secondary"}
                      busy={decideMany.isPending}
                      onClick={() => decideOn(d, [it])}
                    >
                      {DECISION_LABELS[d]}
                    </Button>
                  ))
                ) : (
                  <span className="max-w-36 text-xs text-slate-500">
                    {can(workspace.role, "review.decide")
                      ? "You wrote this: another reviewer decides."
                      : "Reviewers decide."}
                  </span>
                )}
              </div>
            </div>
          </li>
        ))}
      </ul>
      {queue.hasNextPage && (
        <Button variant="secondary" onClick={() => void queue.fetchNextPage()}>
          Show more
        </Button>
      )}
    </div>
  );
}
