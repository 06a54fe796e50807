"use client";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import type { WorkspaceOverview } from "@/components/trpc";
import { errorMessage } from "../errors";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { EmptyState } from "../ui/card";
import { Notice } from "../ui/notice";
import { EvidenceCounts } from "./evidence-counts";
import { Timestamp } from "../ui/timestamp";
import { WorkspaceGate } from "../workspace/workspace-gate";

export function AffectedPage() {
  return <WorkspaceGate>{(ws) => <Affected workspace={ws} />}</WorkspaceGate>;
}

/** Events flagged "evidence weakened" and briefings needing a correction, until someone marks them handled. */
function Affected({ workspace }: { workspace: WorkspaceOverview }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useInfiniteQuery(
    trpc.evidence.affected.infiniteQueryOptions(
      { workspaceId: workspace.id, limit: 25 },
      { getNextPageParam: (l) => l.nextCursor },
    ),
  );
  const handle = useMutation(
    trpc.evidence.handle.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.evidence.affected.pathFilter()),
    }),
  );
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const base = `/w/${workspace.slug}`;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Weakened evidence</h1>
        <p className="mt-1 text-sm text-slate-600">
          Events and briefings that rely on a source since retracted, corrected or disputed, or on an origin whose
          reliability fell, newest first. Mark one handled once it has been checked; an approved correction handles a
          briefing by itself.
        </p>
      </div>
      {(list.error || handle.error) && <Notice tone="error">{errorMessage(list.error ?? handle.error)}</Notice>}
      {list.isSuccess && items.length === 0 && <EmptyState title="Nothing affected is waiting" />}
      {items.length > 0 && (
        <ul
          aria-label="Affected items"
          className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white shadow-sm"
        >
          {items.map((item) => (
            <li key={item.id} className="flex flex-wrap items-start justify-between gap-3 px-4 py-3">
              <div className="min-w-0 space-y-1 text-sm">
                <p>
                  <span className="mr-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-700">
                    {item.kind === "event" ? "Event" : "Briefing needs a correction"}
                  </span>
                  <Link
                    href={`${base}/${item.kind === "event" ? "events" : "briefings"}/${item.target.id}`}
                    className="font-medium text-brand-700 hover:underline"
                    dir="auto"
                  >
                    {item.target.title}
                  </Link>
                </p>
                <p dir="auto" className="text-slate-700">
                  {item.reason}
                </p>
                {item.counts && <EvidenceCounts counts={item.counts} className="text-xs text-slate-600" />}
                <p className="text-xs text-slate-600">
                  Flagged <Timestamp at={item.flaggedAt} />
                </p>
              </div>
              <Button
                variant="secondary"
                size="sm"
                busy={handle.isPending && handle.variables?.flagId === item.id}
                onClick={() => handle.mutate({ flagId: item.id })}
                aria-label={`Mark “${item.target.title}” handled`}
              >
                Mark handled
              </Button>
            </li>
          ))}
        </ul>
      )}
      {list.hasNextPage && (
        <Button variant="secondary" onClick={() => void list.fetchNextPage()}>
          Show more
        </Button>
      )}
    </div>
  );
}
