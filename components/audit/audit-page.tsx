"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
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

function describe(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value !== "object") return String(value);
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${typeof v === "object" && v !== null ? JSON.stringify(v) : String(v)}`)
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
          <table className="w-full text-left text-sm">
            <thead className="text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="py-2 pr-3 font-medium">
                  When
                </th>
                <th scope="col" className="py-2 pr-3 font-medium">
                  Who
                </th>
                <th scope="col" className="py-2 pr-3 font-medium">
                  What
                </th>
                <th scope="col" className="py-2 pr-3 font-medium">
                  Before
                </th>
                <th scope="col" className="py-2 font-medium">
                  After
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 align-top">
              {rows.map((r) => (
                <tr key={r.id}>
                  <td className="whitespace-nowrap py-2 pr-3 tabular-nums text-slate-600">
                    <Timestamp at={r.createdAt} />
                  </td>
                  <td className="py-2 pr-3">{r.actor?.name ?? <span className="text-slate-500">—</span>}</td>
                  <td className="py-2 pr-3 font-medium">{ACTION_LABELS[r.action] ?? r.action}</td>
                  <td className="max-w-56 break-words py-2 pr-3 text-xs text-slate-600">{describe(r.before)}</td>
                  <td className="max-w-72 break-words py-2 text-xs text-slate-600">{describe(r.after)}</td>
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
