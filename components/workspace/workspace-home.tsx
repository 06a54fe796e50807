"use client";
import { can, ROLE_DESCRIPTIONS, ROLE_LABELS } from "@/server/policy";
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
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
            <Stat label="Members" value={ws.memberCount} />
            <Stat label="Published events" value={ws.eventCounts.published} />
            {can(ws.role, "event.readDrafts") && (
              <>
                <Stat label="Drafts" value={ws.eventCounts.draft} />
                <Stat label="Pending review" value={ws.eventCounts.pending} />
                <Stat label="Changes requested" value={ws.eventCounts.changesRequested} />
                <Stat label="Rejected" value={ws.eventCounts.rejected} />
              </>
            )}
          </dl>
          <EventPanel workspace={ws} />
        </div>
      )}
    </WorkspaceGate>
  );
}

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">{value}</dd>
    </div>
  );
}
