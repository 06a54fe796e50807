"use client";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { Check, EyeOff, X } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Fragment, useEffect, useRef, useState } from "react";
import { can } from "@/server/policy";
import { DECISION_LABELS, type Decision } from "@/server/schemas/review";
import { STANCE_LABELS } from "@/server/schemas/citation";
import type { RouterOutputs, WorkspaceOverview } from "@/components/trpc";
import { EventChangeList } from "../history/event-changes";
import { BriefingReviewQueue } from "./briefing-review-queue";
import { RecordProposalQueue } from "./record-proposal-queue";
import { errorMessage } from "../errors";
import { useTRPC, useTRPCClient } from "../trpc";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { EmptyState } from "../ui/card";
import { Notice } from "../ui/notice";
import { DECISION_VARIANT } from "./decision-controls";
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

/** What the queue can be narrowed to: events (new or changes), source and entity proposals, briefings. */
export const QUEUE_KINDS = {
  all: "Everything",
  events: "Events (new and changed)",
  new: "New events",
  change: "Changes to published events",
  records: "Changes to sources and entities",
  briefings: "Briefings",
} as const;
export type QueueKind = keyof typeof QUEUE_KINDS;
const isQueueKind = (v: string | null): v is QueueKind => v !== null && v in QUEUE_KINDS;

const STANCE_TONE = { SUPPORTS: "green", CONTRADICTS: "red", MENTIONS: "slate" } as const;

function age(since: Date | null): string {
  if (!since) return "";
  const hours = (Date.now() - since.getTime()) / 3_600_000;
  return hours < 1 ? "less than an hour" : hours < 48 ? `${Math.round(hours)} h` : `${Math.round(hours / 24)} days`;
}

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
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const kindParam = params.get("kind");
  const kind: QueueKind = isQueueKind(kindParam) ? kindParam : "all";
  // In the address, so a link (the briefings tab, a bookmark) opens the queue already narrowed.
  const setKind = (k: QueueKind) => router.replace(k === "all" ? pathname : `${pathname}?kind=${k}`, { scroll: false });
  const showEvents = kind === "all" || kind === "events" || kind === "new" || kind === "change";
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [focus, setFocus] = useState(0);
  // The batch bar's comment, for decisions on the selection; each card has its own below.
  const [comment, setComment] = useState("");
  const [cardComments, setCardComments] = useState<Record<string, string>>({});
  const [cardNotice, setCardNotice] = useState<{ eventId: string; text: string } | null>(null);
  const setCardComment = (eventId: string, text: string) => setCardComments((c) => ({ ...c, [eventId]: text }));
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
      { workspaceId: workspace.id, limit: 25, order, kind: kind === "new" || kind === "change" ? kind : "all" },
      { getNextPageParam: (l) => l.nextCursor, enabled: showEvents },
    ),
  );
  const items = showEvents ? (queue.data?.pages.flatMap((p) => p.items) ?? []) : [];
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
    // A decision on the selection takes the batch bar's comment; one on a single card, that card's own.
    const single = fromSelection ? null : ok.length === 1 ? ok[0]!.eventId : null;
    const text = single ? (cardComments[single] ?? "") : comment;
    if (decision !== "APPROVE" && !text.trim()) {
      const need = "Write a comment first: say what needs to change, or why it is rejected.";
      if (single) {
        setCardNotice({ eventId: single, text: need });
        document.getElementById(`queue-comment-${single}`)?.focus();
      } else {
        setOutcome({ tone: "error", text: need });
        commentRef.current?.focus();
      }
      return;
    }
    setCardNotice(null);
    const d = {
      decision,
      items: ok.map((t) => ({ eventId: t.eventId, round: t.round, title: t.title })),
      comment: text,
    };
    if (single) setCardComment(single, "");
    else setComment("");
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
    const one = undone.items.length === 1 && !undone.fromSelection ? undone.items[0]!.eventId : null;
    if (one) setCardComments((c) => ({ ...c, [one]: c[one] || undone.comment }));
    else setComment((c) => c || undone.comment);
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
        <div className="max-w-3xl">
          <h1 className="text-2xl font-semibold tracking-tight">Pending review</h1>
          <p className="mt-1 text-sm text-slate-600">
            New events, proposed changes, sources, entities and briefings waiting for a reviewer who did not write them.
            Keys: j/k move, x select, a approve, c ask for changes, r reject, u undo. A decision by key or on a
            selection waits {UNDO_WINDOW_MS / 1000} seconds before it is sent, so it can be undone.
          </p>
        </div>
        <div className="flex flex-wrap gap-3">
          <label className="text-xs text-slate-600">
            Show
            <select
              className="mt-1 block rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
              value={kind}
              onChange={(e) => setKind(e.target.value as QueueKind)}
            >
              {(Object.keys(QUEUE_KINDS) as QueueKind[]).map((k) => (
                <option key={k} value={k}>
                  {QUEUE_KINDS[k]}
                </option>
              ))}
            </select>
          </label>
          {showEvents && (
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
          )}
        </div>
      </div>
      {/*
        The batch bar sits in its own column beside the cards from a laptop up (sticky there, so it follows the
        scroll without ever lying over a card), and above the list on smaller screens, where it scrolls away.
      */}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_17rem] lg:items-start">
        <aside
          aria-label="Decide on the selection"
          data-testid="batch-bar"
          className="space-y-2 rounded-lg border border-slate-200 bg-white p-3 shadow-sm lg:sticky lg:top-4 lg:order-2"
        >
          <h2 className="text-sm font-semibold">Selection</h2>
          {showEvents ? (
            <>
              <p className="text-xs text-slate-600">
                {chosen.length === 0
                  ? "Tick events (or press x) to decide on several at once."
                  : `${chosen.length} event${chosen.length === 1 ? "" : "s"} selected.`}
              </p>
              {/* On a phone the batch tools wait until something is selected: they would push the cards down. */}
              <label className={`text-xs text-slate-700 ${chosen.length === 0 ? "hidden lg:block" : "block"}`}>
                Comment for the selected events (@name notifies someone)
                <textarea
                  ref={commentRef}
                  dir="auto"
                  rows={2}
                  className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1 text-sm"
                  value={comment}
                  onChange={(e) => setComment(e.target.value)}
                />
              </label>
              <div className={`flex-wrap gap-1.5 ${chosen.length === 0 ? "hidden lg:flex" : "flex"}`}>
                {(["APPROVE", "REQUEST_CHANGES", "REJECT"] as const).map((d) => (
                  <Button
                    key={d}
                    size="sm"
                    variant={DECISION_VARIANT[d]}
                    disabled={chosen.length === 0}
                    onClick={() => decideOn(d, chosen, "hold", true)}
                  >
                    {DECISION_LABELS[d]} selected
                  </Button>
                ))}
              </div>
            </>
          ) : (
            <p className="text-xs text-slate-600">Sources, entities and briefings are decided one at a time.</p>
          )}
          <HeldDecisions held={held.decisions} now={now} onUndo={takeBack} />
          {outcome && <Notice tone={outcome.tone}>{outcome.text}</Notice>}
        </aside>
        <div className="min-w-0 space-y-10 lg:order-1">
          {showEvents && (
            <section aria-labelledby="queue-events-heading" className="space-y-3">
              <h2 id="queue-events-heading" className="text-lg font-semibold">
                {kind === "new" ? "New events" : kind === "change" ? "Changes to published events" : "Events"}
              </h2>
              {queue.error && <Notice tone="error">{errorMessage(queue.error)}</Notice>}
              {queue.isSuccess && items.length === 0 && (
                <EmptyState title="Nothing waits for review">
                  Submitted events and proposed changes appear here.
                </EmptyState>
              )}
              <ul className="space-y-3" aria-label="Submissions">
                {items.map((it, i) => (
                  <QueueCard
                    key={it.eventId}
                    item={it}
                    index={i}
                    focused={i === focus}
                    workspace={workspace}
                    selected={selected.has(it.eventId)}
                    held={heldIds.has(it.eventId)}
                    busy={decideMany.isPending && !!decideMany.variables?.items.some((v) => v.eventId === it.eventId)}
                    comment={cardComments[it.eventId] ?? ""}
                    notice={cardNotice?.eventId === it.eventId ? cardNotice.text : null}
                    onComment={(text) => setCardComment(it.eventId, text)}
                    onFocus={() => setFocus(i)}
                    onSelect={(on) =>
                      setSelected((s) => {
                        const n = new Set(s);
                        if (on) n.add(it.eventId);
                        else n.delete(it.eventId);
                        return n;
                      })
                    }
                    onDecide={(d) => decideOn(d, [it], "now")}
                  />
                ))}
              </ul>
              {queue.hasNextPage && (
                <Button variant="secondary" onClick={() => void queue.fetchNextPage()}>
                  Show more
                </Button>
              )}
            </section>
          )}
          {(kind === "all" || kind === "records") && <RecordProposalQueue workspace={workspace} />}
          {(kind === "all" || kind === "briefings") && <BriefingReviewQueue workspace={workspace} />}
        </div>
      </div>
    </div>
  );
}

type QueueItem = RouterOutputs["review"]["queue"]["items"][number];

/** One submission: what changed, the evidence a reviewer checks, and its own comment and decision. */
function QueueCard({
  item: it,
  index,
  focused,
  workspace,
  selected,
  held,
  busy,
  comment,
  notice,
  onComment,
  onFocus,
  onSelect,
  onDecide,
}: {
  item: QueueItem;
  index: number;
  focused: boolean;
  workspace: WorkspaceOverview;
  selected: boolean;
  held: boolean;
  busy: boolean;
  comment: string;
  notice: string | null;
  onComment: (text: string) => void;
  onFocus: () => void;
  onSelect: (on: boolean) => void;
  onDecide: (d: Decision) => void;
}) {
  const commentId = `queue-comment-${it.eventId}`;
  return (
    <li
      id={`queue-item-${index}`}
      data-testid="queue-item"
      aria-label={it.title}
      className={`rounded-lg border bg-white p-4 shadow-sm ${focused ? "border-brand-600 ring-2 ring-brand-600/30" : "border-slate-200"}`}
      onClick={onFocus}
    >
      <div className="flex items-start gap-3">
        <input
          type="checkbox"
          aria-label={`Select ${it.title}`}
          className="mt-1.5 size-4 shrink-0"
          checked={selected}
          onChange={(e) => onSelect(e.target.checked)}
        />
        <div className="min-w-0 flex-1 space-y-3">
          <div>
            <div className="flex flex-wrap items-center gap-2">
              <Link
                href={`/w/${workspace.slug}/events/${it.eventId}`}
                className="font-medium text-brand-700 hover:underline"
                dir="auto"
              >
                {it.title}
              </Link>
              <Badge tone={it.kind === "new" ? "blue" : "amber"}>
                {it.kind === "new" ? "New event" : "Change to a published event"}
              </Badge>
              <RatingBadge rating={it.rating} />
              <span className="text-xs text-slate-600">{it.dateText}</span>
              {held && <Badge tone="amber">Decision waiting to be sent</Badge>}
            </div>
            <p className="mt-0.5 text-xs text-slate-600">
              by{" "}
              {it.authors.map((a, i) => (
                <Fragment key={a.id}>
                  {i > 0 && ", "}
                  <bdi>{a.name}</bdi>
                </Fragment>
              ))}{" "}
              · waiting {age(it.submittedAt)} · round {it.round}
              {it.approvals.length > 0 && (
                <>
                  {" "}
                  · approved by{" "}
                  {it.approvals.map((n, i) => (
                    <Fragment key={n}>
                      {i > 0 && ", "}
                      <bdi>{n}</bdi>
                    </Fragment>
                  ))}
                </>
              )}
            </p>
            <Checklist checklist={it.checklist} />
          </div>
          <EventChangeList changes={it.changes} isNew={it.kind === "new"} />
          <Evidence evidence={it.evidence} />
          {it.canDecide ? (
            <form
              aria-label={`Decision on ${it.title}`}
              className="space-y-1.5 border-t border-slate-100 pt-3"
              onSubmit={(e) => e.preventDefault()}
            >
              <label htmlFor={commentId} className="block text-xs text-slate-700">
                Comment on this item (required to ask for changes or reject; @name notifies someone)
              </label>
              <div className="flex flex-col gap-2 sm:flex-row sm:items-start">
                <textarea
                  id={commentId}
                  dir="auto"
                  rows={2}
                  aria-invalid={notice ? true : undefined}
                  className={`block min-w-0 flex-1 rounded-md border px-2 py-1 text-sm ${notice ? "border-red-500" : "border-slate-300"}`}
                  value={comment}
                  onChange={(e) => onComment(e.target.value)}
                />
                <div className="flex flex-wrap gap-1.5">
                  {(["APPROVE", "REQUEST_CHANGES", "REJECT"] as const).map((d) => (
                    <Button
                      key={d}
                      size="sm"
                      variant={DECISION_VARIANT[d]}
                      busy={busy}
                      disabled={held}
                      onClick={() => onDecide(d)}
                    >
                      {DECISION_LABELS[d]}
                    </Button>
                  ))}
                </div>
              </div>
              {notice && (
                <p role="alert" className="text-xs font-medium text-red-700">
                  {notice}
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
        </div>
      </div>
    </li>
  );
}

function Checklist({ checklist }: { checklist: QueueItem["checklist"] }) {
  return (
    <ul className="mt-2 flex flex-wrap gap-x-3 gap-y-1 text-xs" aria-label="Checklist">
      {(
        [
          ["supportingQuote", "Supporting citation with a quote"],
          ["consensusRating", "Consensus rating"],
          ["noConflict", "No unresolved disagreement"],
        ] as const
      ).map(([k, label]) => {
        const v = checklist[k];
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
  );
}

/** How many cited passages a card shows before "more". */
const SHOWN_PASSAGES = 3;

/** The cited passages with their stance, source and the source's reliability, and the independent-origin count. */
function Evidence({ evidence }: { evidence: QueueItem["evidence"] }) {
  const { citations, supportingSources, independentOrigins } = evidence;
  const shown = citations.slice(0, SHOWN_PASSAGES);
  const rest = citations.slice(SHOWN_PASSAGES);
  return (
    <section aria-label="Evidence" data-testid="evidence" className="rounded-md bg-slate-50 p-3">
      <p className="text-xs text-slate-700">
        <span className="font-semibold uppercase tracking-wide text-slate-600">Evidence</span> · {citations.length}{" "}
        passage{citations.length === 1 ? "" : "s"} cited · {supportingSources} supporting source
        {supportingSources === 1 ? "" : "s"} ·{" "}
        <strong data-testid="independent-origins">
          {independentOrigins} independent origin{independentOrigins === 1 ? "" : "s"}
        </strong>
      </p>
      {evidence.quoteNotFound > 0 && (
        <p className="mt-1 text-xs font-medium text-red-800" role="note" data-testid="quote-not-found">
          Quote not found: {evidence.quoteNotFound} cited passage{evidence.quoteNotFound === 1 ? " is" : "s are"} no
          longer in the source&apos;s edited text.
        </p>
      )}
      {citations.length === 0 ? (
        <p className="mt-1 text-xs text-red-700">No passage is cited yet.</p>
      ) : (
        <>
          <ul className="mt-2 space-y-2">
            {shown.map((c) => (
              <Passage key={c.id} citation={c} />
            ))}
          </ul>
          {rest.length > 0 && (
            <details className="mt-2">
              <summary className="cursor-pointer text-xs font-medium text-brand-700">
                {rest.length} more passage{rest.length === 1 ? "" : "s"}
              </summary>
              <ul className="mt-2 space-y-2">
                {rest.map((c) => (
                  <Passage key={c.id} citation={c} />
                ))}
              </ul>
            </details>
          )}
        </>
      )}
    </section>
  );
}

function Passage({ citation: c }: { citation: QueueItem["evidence"]["citations"][number] }) {
  const rel = c.source.reliability;
  return (
    <li data-testid="cited-passage" className="text-sm">
      <div className="flex flex-wrap items-center gap-1.5">
        <Badge tone={STANCE_TONE[c.stance]}>{STANCE_LABELS[c.stance]}</Badge>
        {c.proposed && <Badge tone="amber">{c.proposed === "add" ? "Proposed addition" : "Proposed removal"}</Badge>}
        {c.quoteNotFound && (
          <span data-testid="passage-quote-not-found" title="These words are no longer in the source's edited text">
            <Badge tone="red">Quote not found</Badge>
          </span>
        )}
      </div>
      <blockquote
        className={`mt-1 line-clamp-4 border-l-2 border-slate-300 pl-2 ${c.proposed === "remove" ? "line-through" : ""}`}
      >
        <q dir="auto">{c.quote || "(no quote)"}</q>
      </blockquote>
      <p className="mt-0.5 text-xs text-slate-600">
        — <bdi className="font-medium text-slate-800">{c.source.title}</bdi>
        {c.source.publisher && (
          <>
            , <bdi>{c.source.publisher}</bdi>
          </>
        )}{" "}
        ·{" "}
        <span data-testid="source-reliability">
          {!rel
            ? "origin unknown, not rated"
            : rel.hidden
              ? "reliability hidden until you vote or skip"
              : rel.grade
                ? `reliability ${rel.grade}${rel.contested ? " (contested)" : ""}`
                : "reliability not rated yet"}
        </span>
      </p>
    </li>
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
