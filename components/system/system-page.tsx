"use client";
import { useQuery } from "@tanstack/react-query";
import { CircleAlert, CircleCheck, TriangleAlert } from "lucide-react";
import type { ReactNode } from "react";
import type { RouterOutputs, WorkspaceOverview } from "@/components/trpc";
import { can } from "@/server/policy";
import { errorMessage } from "../errors";
import { useTRPC } from "../trpc";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { Notice } from "../ui/notice";
import { WorkspaceGate } from "../workspace/workspace-gate";
import { Timestamp } from "../ui/timestamp";

type Status = RouterOutputs["system"]["status"];
type Check = Status["health"][number];

const PART_LABELS: Record<Check["part"], string> = {
  database: "Database",
  migrations: "Schema migrations",
  backups: "Backups",
  jobs: "Job queue",
};

const STATUS_VIEW = {
  ok: { label: "OK", tone: "green", Icon: CircleCheck, className: "text-emerald-700" },
  warning: { label: "Needs attention", tone: "amber", Icon: TriangleAlert, className: "text-amber-700" },
  error: { label: "Failing", tone: "red", Icon: CircleAlert, className: "text-red-700" },
} as const;

export function SystemPage() {
  return <WorkspaceGate>{(ws) => <SystemStatusView workspace={ws} />}</WorkspaceGate>;
}

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

function When({ at }: { at: Date }) {
  return <Timestamp at={at} />;
}

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
      {rows.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="text-slate-600">{term}</dt>
          <dd className="font-medium text-slate-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function SystemStatusView({ workspace }: { workspace: WorkspaceOverview }) {
  const trpc = useTRPC();
  const allowed = can(workspace.role, "system.read");
  const status = useQuery(
    trpc.system.status.queryOptions({ workspaceId: workspace.id }, { enabled: allowed, refetchInterval: 60_000 }),
  );
  if (!allowed) return <Notice tone="error">Only workspace admins can see how the system is doing.</Notice>;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">System</h1>
          <p className="mt-1 max-w-2xl text-sm text-slate-600">
            How this installation of Dossier is doing. Every workspace on it shares these figures; nothing here names or
            counts another workspace&rsquo;s material.
          </p>
        </div>
        <Button variant="secondary" busy={status.isFetching} onClick={() => void status.refetch()}>
          Check again
        </Button>
      </div>
      {status.error && <Notice tone="error">{errorMessage(status.error)}</Notice>}
      {status.isPending && <p className="text-sm text-slate-500">Loading…</p>}
      {status.data && <StatusCards data={status.data} />}
    </div>
  );
}

function StatusCards({ data }: { data: Status }) {
  const last = data.backups.last;
  const lastSuccess = data.backups.lastSuccess;
  return (
    <>
      <Card title="Health" description={<>Checked {<When at={data.checkedAt} />}.</>}>
        <ul className="divide-y divide-slate-100" aria-label="Health of each part">
          {data.health.map((check) => {
            const view = STATUS_VIEW[check.status];
            return (
              <li key={check.part} className="flex flex-wrap items-start gap-3 py-2">
                <view.Icon aria-hidden className={`mt-0.5 size-5 shrink-0 ${view.className}`} />
                <span className="w-44 font-medium text-slate-900">{PART_LABELS[check.part]}</span>
                <Badge tone={view.tone}>{view.label}</Badge>
                <span className="min-w-0 flex-1 text-sm text-slate-700">{check.summary}</span>
              </li>
            );
          })}
        </ul>
      </Card>
      <div className="grid gap-6 md:grid-cols-2">
        <Card title="Versions">
          <Facts
            rows={[
              ["Dossier", data.version],
              ["PostgreSQL", data.database.serverVersion],
              ["Node.js", data.nodeVersion],
              ["Metrics endpoint", data.metricsEnabled ? "On (/api/metrics, with its token)" : "Off"],
            ]}
          />
        </Card>
        <Card title="Database">
          <Facts
            rows={[
              ["Size", bytes(data.database.sizeBytes)],
              ["Migrations applied", `${data.migrations.applied}`],
              [
                "Latest migration",
                <code key="m" className="break-all text-xs">
                  {data.migrations.latest ?? "—"}
                </code>,
              ],
              [
                "Connections (this instance)",
                `${data.database.pool.total} open of ${data.database.pool.max}, ${data.database.pool.idle} idle, ${data.database.pool.waiting} waiting`,
              ],
            ]}
          />
        </Card>
        <Card title="Backups">
          <Facts
            rows={[
              [
                "Last backup",
                last ? (
                  <span key="l">
                    <When at={last.finishedAt} /> — {last.ok ? bytes(last.bytes) : "failed"}
                    {last.trigger === "schedule" ? " (scheduled)" : ""}
                  </span>
                ) : (
                  "None yet"
                ),
              ],
              [
                "Last successful",
                lastSuccess ? (
                  <span key="s">
                    <When at={lastSuccess.finishedAt} /> — {bytes(lastSuccess.bytes)},{" "}
                    {lastSuccess.rows.toLocaleString()} rows
                  </span>
                ) : (
                  "None yet"
                ),
              ],
              [
                "Schedule",
                data.backups.intervalHours ? `Every ${data.backups.intervalHours} hours` : "Off (npm run db:backup)",
              ],
            ]}
          />
        </Card>
        <Card
          title="Job queue"
          description="Imports read in the background, as jobs kept in the database: any instance takes them, and they survive a restart."
        >
          <Facts
            rows={[
              [
                "This workspace",
                `${data.jobs.workspace.running} running, ${data.jobs.workspace.queued} waiting, ${data.jobs.workspace.failedLastDay} failed in 24 hours`,
              ],
              ["All workspaces", `${data.jobs.install.running} running, ${data.jobs.install.queued} waiting`],
            ]}
          />
        </Card>
      </div>
    </>
  );
}
