"use client";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import type { WorkspaceOverview } from "@/components/trpc";
import { errorMessage } from "../errors";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { EmptyState } from "../ui/card";
import { Notice } from "../ui/notice";
import { WorkspaceGate } from "../workspace/workspace-gate";

export function TrashPage() {
  return <WorkspaceGate>{(ws) => <Trash workspace={ws} />}</WorkspaceGate>;
}

function Trash({ workspace }: { workspace: WorkspaceOverview }) {
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
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Trash</h1>
        <p className="mt-1 text-sm text-slate-600">
          Deleted events, newest first. Restoring puts an event back where it was, with its citations.
        </p>
      </div>
      {(trash.error || restore.error) && <Notice tone="error">{errorMessage(trash.error ?? restore.error)}</Notice>}
      {trash.isSuccess && items.length === 0 && <EmptyState title="The trash is empty" />}
      <ul
        className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white shadow-sm"
        aria-label="Deleted events"
      >
        {items.map((e) => (
          <li key={e.id} className="flex items-center gap-3 px-4 py-3">
            <span className="w-36 text-sm text-slate-600">{e.dateText}</span>
            <span className="flex-1 font-medium" dir="auto">
              {e.title}
            </span>
            <span className="text-xs text-slate-500">deleted {e.deletedAt.toLocaleString()}</span>
            <Button
              size="sm"
              variant="secondary"
              busy={restore.isPending && restore.variables?.eventId === e.id}
              onClick={() => restore.mutate({ eventId: e.id })}
            >
              Restore
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}
