"use client";
import { useQuery } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import Link from "next/link";
import { can } from "@/server/policy";
import type { WorkspaceOverview } from "@/components/trpc";
import { errorMessage } from "../errors";
import { useTRPC } from "../trpc";
import { Card, EmptyState } from "../ui/card";
import { Notice } from "../ui/notice";
import { StatusBadge } from "./status-badge";
import { Bidi } from "../ui/bidi";

/** The overview's list of recently changed events, with the next steps an empty workspace needs. */
export function EventPanel({ workspace }: { workspace: WorkspaceOverview }) {
  const trpc = useTRPC();
  const canCreate = can(workspace.role, "event.create");
  const recent = useQuery(trpc.event.list.queryOptions({ workspaceId: workspace.id, limit: 8, order: "recent" }));
  const base = `/w/${workspace.slug}`;
  return (
    <Card
      title="Recently changed events"
      description={
        canCreate
          ? "Drafts stay visible to analysts until they are reviewed and published."
          : "Published events of this workspace."
      }
      actions={
        <div className="flex gap-2">
          <Link
            href={`${base}/events`}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50"
          >
            Chronology
          </Link>
          {canCreate && (
            <Link
              href={`${base}/events/new`}
              className="inline-flex items-center gap-1.5 rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
            >
              <Plus aria-hidden className="size-4" /> New event
            </Link>
          )}
        </div>
      }
    >
      {recent.error && <Notice tone="error">{errorMessage(recent.error)}</Notice>}
      {recent.isPending && <p className="text-sm text-slate-500">Loading…</p>}
      {recent.data?.items.length === 0 && (
        <EmptyState title={canCreate ? "No events yet" : "Nothing published yet"}>
          {canCreate ? (
            <>
              Start with a document:{" "}
              <Link className="text-brand-700 underline" href={`${base}/sources/new`}>
                add a source
              </Link>
              , select the passage that describes what happened and cite it on a new event.
            </>
          ) : (
            "Events appear here once analysts have written them and a reviewer has published them."
          )}
        </EmptyState>
      )}
      {recent.data && recent.data.items.length > 0 && (
        <ul className="divide-y divide-slate-100" aria-label="Recent events">
          {recent.data.items.map((e) => (
            <li key={e.id} className="py-2.5">
              <Link href={`${base}/events/${e.id}`} className="flex flex-wrap items-center gap-2 hover:underline">
                <span className="w-36 shrink-0 text-sm text-slate-600">{e.dateText}</span>
                <span className="font-medium text-slate-900" dir="auto">
                  <Bidi text={e.title} />
                </span>
                {canCreate && <StatusBadge status={e.status} />}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
