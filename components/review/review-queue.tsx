"use client";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { Check, EyeOff, X } from "lucide-react";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { can } from "@/server/policy";
import { DECISION_LABELS, type Decision } from "@/server/schemas/review";
import type { WorkspaceOverview } from "@/components/trpc";
import { TextDiff } from "../history/field-diff";
import { errorMessage } from "../errors";
import { useTRPC, useTRPCClient } from "../trpc";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { EmptyState } from "../ui/card";
import { Notice } from "../ui/notice";
import { RatingBadge } from "../votes/rating-badge";
import { WorkspaceGate } from "../workspace/workspace-gate";
import {
  describeDecision,
  heldEventIds,
  hold,
  NONE_HELD,
  secondsLeft,
  takeAll,
  takeDue,
  undo,
  UNDO_WINDOW_MS,
  type Held,
  type HeldDecision,
} from "./pending-decisions";
import { focusTargetOf, reviewShortcut } from "./shortcuts";

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
 * comment), for the focused item or for all selected items; u undoes. Keys
 * count only on their own, outside text fields (shortcuts.ts).
 *
 * A decision made by keyboard or on a selection is held here for a few
 * seconds with an Undo before it is sent (pending-decisions.ts): nothing is
 * published and then taken back. Leaving the page sends what is held; closing
 * the tab first asks. A decision clicked on one item's own button is sent at
 * once, since the click names both the decision and the item.
 */
function ReviewQueue({ workspace }: { workspace: WorkspaceOverview }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [order, setOrder] = useState<"oldest" | "newest">("oldest");
  const [kind, setKind] = useState<"all" | "new" | "change">("all");
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [focus, setFocus] = useState(0);
  const [comment, setComment] = useState("");
  const [outcome, setOutcome] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [held, setHeld] = useState<Held>(NONE_HELD);
  // The held decisions as of now, for the clock, Undo and leaving the page: state may lag a render behind.
  const heldRef = useRef<Held>(NONE_HELD);
  const setHeldNow = (state: Held) => {
    heldRef.current = state;
    setHeld(state);
  };
  const [now, setNow] = useState(() => Date.now());
  const commentRef = useRef<HTMLTextAreaElement>(null);
  const queue = useInfiniteQuery(
    trpc.review.queue.infiniteQueryOptions(
      { workspaceId: workspace.id, limit: 25, order, kind },
      { getNextPageParam: (l) => l.nextCursor },
    ),
  );
  const items = queue.data?.pages.flatMap((p) => p.items) ?? [];
  const heldIds = heldEventIds(held);
  const refresh = () =>
    Promise.all([trpc.review, trpc.event, trpc.notification].map((r) => queryClient.invalidateQueries(r.pathFilter())));
  const decideMany = useMutation(trpc.review.decideMany.mutationOptions({ onSettled: refresh }));

  /** Sends a decision and says what it did, or what was refused. */
  const send = (d: {
    decision: Decision;
    items: { eventId: string; round: number; title: string }[];
    comment: string;
  }) =>
    // Each call keeps its own answer: two held decisions may fall due in the same tick.
    decideMany
      .mutateAsync({
        items: d.items.map((t) => ({ eventId: t.eventId, round: t.round })),
        decision: d.decision,
        comment: d.comment,
      })
      .then(
        (results) => {
          const done = d.items.filter((_, i) => results[i]?.ok);
          const failed = results.filter((r) => !r.ok);
          setOutcome(
            failed.length
              ? {
                  tone: "error",
                  text: `${done.length ? `${describeDecision({ ...d, items: done })}; ` : ""}${failed.length} refused: ${failed.map((f) => f.message).join(" ")}`,
                }
              : { tone: "success", text: `${describeDecision(d)}.` },
          );
        },
        (err: unknown) => setOutcome({ tone: "error", text: `${describeDecision(d)} failed: ${errorMessage(err)}` }),
      );

  const decideOn = (decision: Decision, targets: typeof items, how: "now" | "hold", fromSelection = false) => {
    const ok = targets.filter((t) => t.canDecide && !heldIds.has(t.eventId));
    if (ok.length === 0)
      return setOutcome({
        tone: "error",
        text: targets.some((t) => heldIds.has(t.eventId))
          ? "A decision on this is already waiting: undo it first to decide otherwise."
          : "You cannot decide on your own submissions.",
      });
    if (decision !== "APPROVE" && !comment.trim()) {
      setOutcome({ tone: "error", text: "Write a comment first: say what needs to change, or why it is rejected." });
      commentRef.current?.focus();
      return;
    }
    const d = { decision, items: ok.map((t) => ({ eventId: t.eventId, round: t.round, title: t.title })), comment };
    setComment("");
    if (fromSelection) setSelected(new Set());
    if (how === "now") return send(d);
    const at = Date.now();
    setNow(at);
    setHeldNow(hold(heldRef.current, { ...d, fromSelection }, at).state);
    setOutcome(null);
  };

  const takeBack = (id?: number) => {
    // From the ref, not this render's state: the clock may have sent it a moment ago.
    const { state, undone } = undo(heldRef.current, id);
    if (!undone) return;
    setHeldNow(state);
    // What the decision cleared comes back: its comment (unless a new one is being written) and its selection.
    setComment((c) => c || undone.comment);
    if (undone.fromSelection) setSelected((s) => new Set([...s, ...undone.items.map((i) => i.eventId)]));
    setOutcome({ tone: "success", text: `Undone: ${describeDecision(undone)} was not sent.` });
  };

  // The clock of held decisions: each is sent when its time is up.
  const pending = held.decisions.length > 0;
  const sendRef = useRef(send);
  useEffect(() => {
    sendRef.current = send;
  });
  useEffect(() => {
    if (!pending) return;
    const t = setInterval(() => {
      const at = Date.now();
      setNow(at);
      const { state, due } = takeDue(heldRef.current, at);
      if (due.length === 0) return;
      setHeldNow(state);
      for (const d of due) sendRef.current(d);
    }, 250);
    return () => clearInterval(t);
  }, [pending]);

  // Leaving the page within the window: the reviewer meant these, so they are sent (without waiting for an answer).
  useEffect(
    () => () => {
      for (const d of takeAll(heldRef.current).due)
        void client.review.decideMany
          .mutate({
            items: d.items.map((t) => ({ eventId: t.eventId, round: t.round })),
            decision: d.decision,
            comment: d.comment,
          })
          .catch(() => undefined);
    },
    [client],
  );
  // Closing the tab or reloading would lose them: the browser asks first.
  useEffect(() => {
    if (!pending) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [pending]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = reviewShortcut({
        key: e.key,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        altKey: e.altKey,
        shiftKey: e.shiftKey,
        repeat: e.repeat,
        isComposing: e.isComposing,
        defaultPrevented: e.defaultPrevented,
        target: focusTargetOf(e.target),
      });
      if (!action) return;
      const current = items[focus];
      const onSelection = selected.size > 0;
      const targets = onSelection ? items.filter((i) => selected.has(i.eventId)) : current ? [current] : [];
      if (action === "next") setFocus((f) => Math.min(items.length - 1, f + 1));
      else if (action === "previous") setFocus((f) => Math.max(0, f - 1));
      else if (action === "toggle") {
        if (!current) return;
        setSelected((s) => {
          const n = new Set(s);
          if (n.has(current.eventId)) n.delete(current.eventId);
          else n.add(current.eventId);
          return n;
        });
      } else if (action === "approve") decideOn("APPROVE", targets, "hold", onSelection);
      else if (action === "requestChanges") decideOn("REQUEST_CHANGES", targets, "hold", onSelection);
      else if (action === "reject") decideOn("REJECT", targets, "hold", onSelection);
      else if (action === "undo") takeBack();
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
            approve, c ask for changes, r reject, u undo. A decision by key or on a selection waits{" "}
            {UNDO_WINDOW_MS / 1000} seconds before it is sent, so it can be undone.
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
              onClick={() => decideOn(d, chosen, "hold", true)}
            >
              {DECISION_LABELS[d]} selected
            </Button>
          ))}
        </div>
        <HeldDecisions held={held.decisions} now={now} onUndo={takeBack} />
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
                  {heldIds.has(it.eventId) && <Badge tone="amber">Decision waiting to be sent</Badge>}
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
                  ).map(([k, label]) => {
                    const v = it.checklist[k];
                    return (
                      <li
                        key={k}
                        className={`flex items-center gap-1 ${v === null ? "text-slate-600" : v ? "text-emerald-800" : "text-red-700"}`}
                        title={v === null ? "Vote or skip on the event's credibility to see it" : undefined}
                      >
                        {v === null ? (
                          <EyeOff aria-hidden className="size-3.5" />
                        ) : v ? (
                          <Check aria-hidden className="size-3.5" />
                        ) : (
                          <X aria-hidden className="size-3.5" />
                        )}
                        <span>
                          {label}
                          {v === null ? " — hidden until you vote or skip" : v ? "" : " — missing"}
                        </span>
                      </li>
                    );
                  })}
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
                      busy={decideMany.isPending && decideMany.variables?.items.some((v) => v.eventId === it.eventId)}
                      disabled={heldIds.has(it.eventId)}
                      onClick={() => decideOn(d, [it], "now")}
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

/** Decisions waiting to be sent: what each did, the seconds left, and its Undo. */
function HeldDecisions({ held, now, onUndo }: { held: HeldDecision[]; now: number; onUndo: (id: number) => void }) {
  return (
    <ul aria-label="Decisions waiting to be sent" aria-live="polite" className="space-y-1">
      {held.map((d) => (
        <li
          key={d.id}
          data-testid="held-decision"
          className="flex flex-wrap items-center gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-1.5 text-sm text-amber-950"
        >
          <span>
            <span dir="auto">{describeDecision(d)}</span>{" "}
            <span className="text-xs text-amber-900">— sent in {secondsLeft(d, now)} s</span>
          </span>
          <Button size="sm" variant="secondary" onClick={() => onUndo(d.id)}>
            Undo
          </Button>
        </li>
      ))}
    </ul>
  );
}
