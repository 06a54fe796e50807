"use client";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import type { WorkspaceOverview } from "@/components/trpc";
import { StatusBadge } from "./status-badge";
import { MarkingBadge } from "../briefings/marking-badge";
import { errorMessage } from "../errors";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { EmptyState } from "../ui/card";
import { Notice } from "../ui/notice";
import { WorkspaceGate } from "../workspace/workspace-gate";
import { Bidi } from "../ui/bidi";
import { Timestamp } from "../ui/timestamp";

export function TrashPage() {
  return <WorkspaceGate>{(ws) => <Trash workspace={ws} />}</WorkspaceGate>;
}

function Trash({ workspace }: { workspace: WorkspaceOverview }) {
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Trash</h1>
        <p className="mt-1 text-sm text-slate-600">
          Deleted events and briefings, newest first. Restoring puts one back where it was, with its history.
        </p>
      </div>
      <DeletedEvents workspace={workspace} />
      <DeletedBriefings workspace={workspace} />
    </div>
  );
}

function DeletedEvents({ workspace }: { workspace: WorkspaceOverview }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const trash = useInfiniteQuery(
    trpc.event.trash.infiniteQueryOptions(
      { workspaceId: workspace.id, limit: 50 },
      { getNextPageParam: (l) => l.nextCursor },
    ),
  );
  const restore = useMutation(
    trpc.event.restore.mutationOptions({ onSuccess: () => queryClient.invalidateQueries(trpc.event.pathFilter()) }),
  );
  const items = trash.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby="deleted-events" className="space-y-3">
      <h2 id="deleted-events" className="text-lg font-semibold">
        Events
      </h2>
      <p className="text-sm text-slate-600">Restoring an event brings back its citations too.</p>
      {(trash.error || restore.error) && <Notice tone="error">{errorMessage(trash.error ?? restore.error)}</Notice>}
      {trash.isSuccess && items.length === 0 && <EmptyState title="No deleted events" />}
      {items.length > 0 && (
        <ul
          className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white shadow-sm"
          aria-label="Deleted events"
        >
          {items.map((e) => (
            <DeletedRow
              key={e.id}
              lead={<span className="w-36 text-sm text-slate-600">{e.dateText}</span>}
              item={e}
              restoring={restore.isPending && restore.variables?.eventId === e.id}
              onRestore={() => restore.mutate({ eventId: e.id })}
            />
          ))}
        </ul>
      )}
      {trash.hasNextPage && (
        <Button variant="secondary" onClick={() => void trash.fetchNextPage()}>
          Show more
        </Button>
      )}
    </section>
  );
}

function DeletedBriefings({ workspace }: { workspace: WorkspaceOverview }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const trash = useInfiniteQuery(
    trpc.briefing.trash.infiniteQueryOptions(
      { workspaceId: workspace.id, limit: 50 },
      { getNextPageParam: (l) => l.nextCursor },
    ),
  );
  const restore = useMutation(
    trpc.briefing.restore.mutationOptions({
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries(trpc.briefing.pathFilter()),
          queryClient.invalidateQueries(trpc.review.pathFilter()),
        ]),
    }),
  );
  const items = trash.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby="deleted-briefings" className="space-y-3">
      <h2 id="deleted-briefings" className="text-lg font-semibold">
        Briefings
      </h2>
      <p className="text-sm text-slate-600">
        A deleted briefing is gone from lists, reading and exports. Restoring brings back its working copy and
        publications; a submission waits for review again.
      </p>
      {(trash.error || restore.error) && <Notice tone="error">{errorMessage(trash.error ?? restore.error)}</Notice>}
      {trash.isSuccess && items.length === 0 && <EmptyState title="No deleted briefings" />}
      {items.length > 0 && (
        <ul
          className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white shadow-sm"
          aria-label="Deleted briefings"
        >
          {items.map((b) => (
            <DeletedRow
              key={b.id}
              lead={<MarkingBadge marking={b.marking} />}
              item={b}
              badge={b.hasPublished ? <StatusBadge status="PUBLISHED" /> : <StatusBadge status={b.status} />}
              restoring={restore.isPending && restore.variables?.id === b.id}
              onRestore={() => restore.mutate({ id: b.id })}
            />
          ))}
        </ul>
      )}
      {trash.hasNextPage && (
        <Button variant="secondary" onClick={() => void trash.fetchNextPage()}>
          Show more
        </Button>
      )}
    </section>
  );
}

/** One deleted event or briefing: what it is, who deleted it and when, and its Restore. */
function DeletedRow({
  lead,
  item,
  badge,
  restoring,
  onRestore,
}: {
  lead: React.ReactNode;
  item: { title: string; deletedAt: Date; deletedBy: string | null };
  badge?: React.ReactNode;
  restoring: boolean;
  onRestore: () => void;
}) {
  return (
    <li className="flex flex-wrap items-center gap-3 px-4 py-3">
      {lead}
      <span className="flex-1 font-medium" dir="auto">
        <Bidi text={item.title} />
      </span>
      {badge}
      <span className="text-xs text-slate-600">
        deleted <Timestamp at={item.deletedAt} />
        {item.deletedBy ? ` by ${item.deletedBy}` : ""}
      </span>
      <Button size="sm" variant="secondary" busy={restoring} onClick={onRestore}>
        Restore
      </Button>
    </li>
  );
}
