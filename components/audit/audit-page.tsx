"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { statusLabel } from "@/server/schemas/status-labels";
import type { WorkspaceOverview } from "@/components/trpc";
import { errorMessage } from "../errors";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { Card, EmptyState } from "../ui/card";
import { SelectField } from "../ui/field";
import { Notice } from "../ui/notice";
import { WorkspaceGate } from "../workspace/workspace-gate";
import { Timestamp } from "../ui/timestamp";

const ACTION_LABELS: Record<string, string> = {
  "auth.sign_in": "Signed in",
  "auth.sign_in_failed": "Failed sign-in",
  "auth.sign_in_throttled": "Sign-in throttled",
  "auth.sign_out": "Signed out",
  "user.password_changed": "Changed password",
  "user.profile_updated": "Updated profile",
  "user.created": "Account created",
  "workspace.created": "Created workspace",
  "workspace.updated": "Updated workspace",
  "invitation.created": "Created invitation",
  "invitation.revoked": "Revoked invitation",
  "invitation.accepted": "Accepted invitation",
  "member.role_changed": "Changed role",
  "member.deactivated": "Deactivated member",
  "member.reactivated": "Reactivated member",
  "event.created": "Created event",
};

const FILTERS = [
  { value: "", label: "Everything" },
  { value: "auth.", label: "Sign-ins" },
  { value: "member.", label: "Members and roles" },
  { value: "invitation.", label: "Invitations" },
  { value: "event.", label: "Events" },
];

export function AuditPage() {
  return <WorkspaceGate>{(ws) => <AuditLog workspace={ws} />}</WorkspaceGate>;
}

/** Values that are review states: shown in words, as everywhere else. */
const STATUS_KEYS = new Set(["status", "outcome"]);

function describe(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value !== "object") return String(value);
  return Object.entries(value as Record<string, unknown>)
    .map(
      ([k, v]) =>
        `${k}: ${typeof v === "object" && v !== null ? JSON.stringify(v) : STATUS_KEYS.has(k) ? statusLabel(String(v)) : String(v)}`,
    )
    .join(", ");
}

function AuditLog({ workspace }: { workspace: WorkspaceOverview }) {
  const trpc = useTRPC();
  const [action, setAction] = useState("");
  const log = useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions(
      { workspaceId: workspace.id, limit: 50, action: action || undefined },
      { getNextPageParam: (last) => last.nextCursor },
    ),
  );
  const rows = log.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
          <p className="mt-1 text-sm text-slate-600">
            Who did what and when, with the values before and after. Newest first.
          </p>
        </div>
        <div className="w-56">
          <SelectField label="Show" value={action} onChange={(e) => setAction(e.target.value)}>
            {FILTERS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </SelectField>
        </div>
      </div>
      <Card>
        {log.error && <Notice tone="error">{errorMessage(log.error)}</Notice>}
        {log.isPending && <p className="text-sm text-slate-500">Loading…</p>}
        {log.isSuccess && rows.length === 0 && <EmptyState title="No entries" />}
        {rows.length > 0 && (
          // On a phone the rows reflow into short blocks (time and who, then what, then the values); from md up a
          // table. Roles are explicit because a table laid out as blocks loses its table semantics in some browsers.
          <table role="table" className="block w-full text-left text-sm md:table">
            <thead
              role="rowgroup"
              className="sr-only text-xs uppercase tracking-wide text-slate-500 md:not-sr-only md:table-header-group"
            >
              <tr role="row">
                <th role="columnheader" scope="col" className="py-2 pr-3 font-medium">
                  When
                </th>
                <th role="columnheader" scope="col" className="py-2 pr-3 font-medium">
                  Who
                </th>
                <th role="columnheader" scope="col" className="py-2 pr-3 font-medium">
                  What
                </th>
                <th role="columnheader" scope="col" className="py-2 pr-3 font-medium">
                  Before
                </th>
                <th role="columnheader" scope="col" className="py-2 font-medium">
                  After
                </th>
              </tr>
            </thead>
            <tbody role="rowgroup" className="block divide-y divide-slate-100 align-top md:table-row-group">
              {rows.map((r) => (
                <tr role="row" key={r.id} className="flex flex-wrap gap-x-3 py-2 md:table-row md:py-0">
                  <td
                    role="cell"
                    className="whitespace-nowrap tabular-nums text-slate-600 md:table-cell md:py-2 md:pr-3"
                  >
                    <Timestamp at={r.createdAt} />
                  </td>
                  <td role="cell" className="md:table-cell md:py-2 md:pr-3">
                    {r.actor?.name ?? <span className="text-slate-500">—</span>}
                  </td>
                  <td role="cell" className="w-full font-medium md:table-cell md:w-auto md:py-2 md:pr-3">
                    {ACTION_LABELS[r.action] ?? r.action}
                  </td>
                  <td
                    role="cell"
                    className="w-full min-w-0 text-xs text-slate-600 [overflow-wrap:anywhere] md:table-cell md:w-auto md:max-w-56 md:py-2 md:pr-3"
                  >
                    <span className="md:sr-only">Before: </span>
                    {describe(r.before)}
                  </td>
                  <td
                    role="cell"
                    className="w-full min-w-0 text-xs text-slate-600 [overflow-wrap:anywhere] md:table-cell md:w-auto md:max-w-72 md:py-2"
                  >
                    <span className="md:sr-only">After: </span>
                    {describe(r.after)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {log.hasNextPage && (
          <Button
            variant="secondary"
            className="mt-4"
            busy={log.isFetchingNextPage}
            onClick={() => void log.fetchNextPage()}
          >
            Older entries
          </Button>
        )}
      </Card>
    </div>
  );
}
