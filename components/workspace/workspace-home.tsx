"use client";
import { useQuery } from "@tanstack/react-query";
import { can, ROLE_DESCRIPTIONS, ROLE_LABELS } from "@/server/policy";
import type { WorkspaceOverview } from "@/components/trpc";
import { useTRPC } from "../trpc";
import { EventPanel } from "../events/event-panel";
import { Badge } from "../ui/badge";
import { WorkspaceGate } from "./workspace-gate";

export function WorkspaceHome() {
  return (
    <WorkspaceGate>
      {(ws) => (
        <div className="space-y-8">
          <div className="flex flex-wrap items-start justify-between gap-4">
            <div className="max-w-3xl">
              <h1 className="text-2xl font-semibold tracking-tight" dir="auto">
                {ws.name}
              </h1>
              {ws.description && (
                <p className="mt-1 text-sm text-slate-600" dir="auto">
                  {ws.description}
                </p>
              )}
            </div>
            <div className="text-right">
              <Badge tone="blue">{ROLE_LABELS[ws.role]}</Badge>
              <p className="mt-1 max-w-xs text-xs text-slate-600">{ROLE_DESCRIPTIONS[ws.role]}</p>
            </div>
          </div>
          <Stats workspace={ws} />
          <EventPanel workspace={ws} />
        </div>
      )}
    </WorkspaceGate>
  );
}

function Stats({ workspace: ws }: { workspace: WorkspaceOverview }) {
  const trpc = useTRPC();
  const counts = useQuery(trpc.workspace.eventCounts.queryOptions({ workspaceId: ws.id }));
  const c = counts.data;
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6" aria-busy={counts.isPending || undefined}>
      <Stat label="Members" value={ws.memberCount} />
      <Stat label="Published events" value={c?.published} />
      {can(ws.role, "event.readDrafts") && (
        <>
          <Stat label="Drafts" value={c?.draft} />
          <Stat label="Pending review" value={c?.pending} />
          <Stat label="Changes requested" value={c?.changesRequested} />
          <Stat label="Rejected" value={c?.rejected} />
        </>
      )}
    </dl>
  );
}

/** A figure, or a dash while it is counted (or when it could not be). */
function Stat({ label, value }: { label: string; value: number | undefined }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">{value ?? "–"}</dd>
    </div>
  );
}
