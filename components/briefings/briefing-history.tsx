"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage } from "../errors";
import { useTRPC } from "../trpc";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Notice } from "../ui/notice";
import { BriefingChanges } from "./briefing-changes";
import { Timestamp } from "../ui/timestamp";

const DECISIONS: Record<string, { label: string; tone: "green" | "amber" | "red" }> = {
  review_approve: { label: "Approved", tone: "green" },
  review_request_changes: { label: "Changes requested", tone: "amber" },
  review_reject: { label: "Rejected", tone: "red" },
};
const CONTENT = new Set(["created", "updated"]);

/** Who changed what and when, review decisions with their comments, and the text changes of each saved version. */
export function BriefingHistory({ briefingId }: { briefingId: string }) {
  const trpc = useTRPC();
  const history = useInfiniteQuery(
    trpc.briefing.history.infiniteQueryOptions(
      { id: briefingId, limit: 20 },
      { getNextPageParam: (l) => l.nextCursor },
    ),
  );
  const items = history.data?.pages.flatMap((p) => p.items) ?? [];
  const [open, setOpen] = useState<string | null>(null);
  // The version each saved version replaced: the next older content row.
  const previous = (index: number) => items.slice(index + 1).find((r) => CONTENT.has(r.action))?.version;

  return (
    <section
      aria-labelledby="history-heading"
      className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      <h2 id="history-heading" className="text-sm font-semibold">
        History and decisions
      </h2>
      {history.error && <Notice tone="error">{errorMessage(history.error)}</Notice>}
      {history.isSuccess && items.length === 0 && <p className="text-xs text-slate-500">Nothing yet.</p>}
      <ol className="space-y-2.5 text-xs" aria-label="History">
        {items.map((r, i) => {
          const decision = DECISIONS[r.action];
          const comment = typeof r.detail.comment === "string" ? r.detail.comment : "";
          const before = r.action === "updated" ? previous(i) : undefined;
          return (
            <li
              key={r.id}
              className={`border-s-2 ps-2 ${decision ? "border-brand-600" : "border-slate-200"}`}
              data-testid={decision ? "decision" : undefined}
            >
              <p className="text-slate-800">
                {decision && (
                  <>
                    <Badge tone={decision.tone}>{decision.label}</Badge>{" "}
                  </>
                )}
                <bdi className="font-semibold">{r.actor.name}</bdi>
                {r.coWriters.length > 0 && (
                  <>
                    {" "}
                    with{" "}
                    {r.coWriters.map((w, k) => (
                      <span key={w.id}>
                        {k > 0 && (k === r.coWriters.length - 1 ? " and " : ", ")}
                        <bdi className="font-semibold">{w.name}</bdi>
                      </span>
                    ))}
                  </>
                )}{" "}
                {decision ? (typeof r.detail.round === "number" ? `round ${r.detail.round}` : "") : r.summary}
              </p>
              {decision && comment && (
                <p className="mt-0.5 whitespace-pre-wrap text-slate-700" dir="auto">
                  {comment}
                </p>
              )}
              <p className="flex items-center gap-2 text-slate-500">
                <Timestamp at={r.createdAt} />
                {before !== undefined && before !== r.version && (
                  <button
                    type="button"
                    className="font-medium text-brand-700 underline"
                    aria-expanded={open === r.id}
                    onClick={() => setOpen(open === r.id ? null : r.id)}
                  >
                    {open === r.id ? "Hide changes" : "Changes"}
                  </button>
                )}
              </p>
              {open === r.id && before !== undefined && (
                <div className="mt-2">
                  <BriefingChanges
                    briefingId={briefingId}
                    from={before}
                    to={r.version}
                    heading="What this save changed"
                  />
                </div>
              )}
            </li>
          );
        })}
      </ol>
      {history.hasNextPage && (
        <Button
          variant="ghost"
          size="sm"
          busy={history.isFetchingNextPage}
          onClick={() => void history.fetchNextPage()}
        >
          Older
        </Button>
      )}
    </section>
  );
}
