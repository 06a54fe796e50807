"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { PROPOSAL_TARGET_LABELS } from "@/server/schemas/proposal";
import { StatusBadge } from "../events/status-badge";
import { useTRPC } from "../trpc";
import { ChangeList } from "./record-proposal-panel";

/**
 * On an event's page, for contributors: proposed changes to the entities it
 * names and the sources it cites (and their publishers), so nobody takes a
 * name or an address on screen for settled while a change to it is pending.
 */
export function EventRecordProposals({ eventId, workspaceSlug }: { eventId: string; workspaceSlug: string }) {
  const trpc = useTRPC();
  const list = useQuery(trpc.proposal.forEvent.queryOptions({ eventId }));
  if (!list.data || list.data.length === 0) return null;
  return (
    <section
      aria-labelledby="record-proposals-on-event"
      className="space-y-3 rounded-lg border border-amber-200 bg-amber-50 p-4"
      data-testid="event-record-proposals"
    >
      <div>
        <h2 id="record-proposals-on-event" className="text-sm font-semibold text-amber-900">
          Proposed changes to what this event shows
        </h2>
        <p className="text-xs text-slate-700">
          Viewers see the current names and details below until a reviewer approves these changes.
        </p>
      </div>
      <ul className="space-y-3">
        {list.data.map((p) => (
          <li key={`${p.targetType}:${p.targetId}`} className="space-y-1.5 rounded-md bg-white p-3 shadow-sm">
            <p className="flex flex-wrap items-center gap-2 text-sm">
              <span className="text-xs text-slate-600">{PROPOSAL_TARGET_LABELS[p.targetType]}</span>
              <Link
                href={`/w/${workspaceSlug}/${p.targetType === "SOURCE" ? "sources" : "entities"}/${p.targetId}`}
                className="font-medium text-brand-700 hover:underline"
                dir="auto"
              >
                {p.name}
              </Link>
              <StatusBadge status={p.status} />
            </p>
            <ChangeList changes={p.changes} />
          </li>
        ))}
      </ul>
    </section>
  );
}
