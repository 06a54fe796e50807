"use client";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { FileText, Plus } from "lucide-react";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useState, type ReactNode } from "react";
import { can, REVIEW_STATUSES, type ReviewStatus } from "@/server/policy";
import { MARKINGS, type Marking } from "@/server/schemas/briefing";
import type { WorkspaceOverview } from "@/components/trpc";
import { errorMessage, fieldErrors } from "../errors";
import { useTRPC } from "../trpc";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { EmptyState } from "../ui/card";
import { SelectField, TextField } from "../ui/field";
import { Notice } from "../ui/notice";
import { WorkspaceGate } from "../workspace/workspace-gate";
import { BriefingStatusBadge, STATUS_LABELS } from "./briefing-status";
import { MarkingBadge } from "./marking-badge";
import { Timestamp } from "../ui/timestamp";

export function BriefingListPage() {
  return <WorkspaceGate>{(ws) => <BriefingList workspace={ws} />}</WorkspaceGate>;
}

const control =
  "block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30";

function BriefingList({ workspace }: { workspace: WorkspaceOverview }) {
  const trpc = useTRPC();
  const router = useRouter();
  const params = useSearchParams();
  const contributor = can(workspace.role, "briefing.readDrafts");
  const raw = params.get("status") ?? "";
  const status =
    contributor && (REVIEW_STATUSES as readonly string[]).includes(raw) ? (raw as ReviewStatus) : undefined;
  const reviewer = can(workspace.role, "review.decide");
  const queueMode = reviewer && raw === "queue";
  const [creating, setCreating] = useState(false);

  const all = useInfiniteQuery(
    trpc.briefing.list.infiniteQueryOptions(
      { workspaceId: workspace.id, status, limit: 25 },
      { getNextPageParam: (last) => last.nextCursor, enabled: !queueMode },
    ),
  );
  const queue = useInfiniteQuery(
    trpc.briefing.queue.infiniteQueryOptions(
      { workspaceId: workspace.id, limit: 25 },
      { getNextPageParam: (last) => last.nextCursor, enabled: queueMode },
    ),
  );
  const list = queueMode ? queue : all;
  const items = all.data?.pages.flatMap((p) => p.items) ?? [];
  const queued = queue.data?.pages.flatMap((p) => p.items) ?? [];
  const base = `/w/${workspace.slug}/briefings`;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Briefings</h1>
          <p className="mt-1 text-sm text-slate-600">
            {contributor
              ? "Notes written from the workspace's events and sources, reviewed before anyone outside the team reads them."
              : "Reviewed briefings from this workspace, ready to read or download."}
          </p>
        </div>
        {can(workspace.role, "briefing.write") && !creating && (
          <Button onClick={() => setCreating(true)}>
            <Plus aria-hidden className="size-4" /> New briefing
          </Button>
        )}
      </div>

      {creating && (
        <NewBriefingForm
          workspace={workspace}
          onCancel={() => setCreating(false)}
          onCreated={(id) => router.push(`${base}/${id}/edit`)}
        />
      )}

      {contributor && (
        <div className="flex flex-wrap items-end gap-3">
          <label className="text-xs font-medium text-slate-700">
            Show
            <select
              className={`${control} mt-1`}
              value={queueMode ? "queue" : (status ?? "")}
              onChange={(e) => router.replace(e.target.value ? `${base}?status=${e.target.value}` : base)}
            >
              <option value="">All briefings</option>
              {reviewer && <option value="queue">Waiting for my review</option>}
              {REVIEW_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </label>
          {reviewer && !queueMode && (
            <Link
              href={`${base}?status=queue`}
              className="pb-2 text-sm font-medium text-brand-700 underline underline-offset-2"
            >
              Waiting for my review
            </Link>
          )}
        </div>
      )}

      {list.error && <Notice tone="error">{errorMessage(list.error)}</Notice>}
      {list.isPending && <p className="text-sm text-slate-500">Loading…</p>}
      {queueMode && queue.isSuccess && queued.length === 0 && (
        <EmptyState title="Nothing waits for your review">
          Submitted briefings by other analysts appear here, oldest first.
        </EmptyState>
      )}
      {queued.length > 0 && queueMode && (
        <BriefingRows label="Waiting for review">
          {queued.map((b) => (
            <BriefingRow key={b.id} href={`${base}/${b.id}`} title={b.title}>
              <MarkingBadge marking={b.marking} />
              <span>{b.authors.map((a) => a.name).join(", ")}</span>
              <span aria-hidden>·</span>
              <span>
                submitted {b.submittedAt ? <Timestamp at={b.submittedAt} /> : ""} (round {b.round})
              </span>
              <span aria-hidden>·</span>
              <span>
                {b.approvals} of {b.requiredApprovals} approvals
              </span>
              {b.isAuthor ? (
                <Badge>You are an author</Badge>
              ) : b.canDecide ? (
                <Badge tone="amber">Your decision</Badge>
              ) : (
                <Badge tone="green">You approved</Badge>
              )}
            </BriefingRow>
          ))}
        </BriefingRows>
      )}
      {!queueMode && all.isSuccess && items.length === 0 && (
        <EmptyState title={status ? `No briefings ${STATUS_LABELS[status].toLowerCase()}` : "No briefings yet"}>
          {contributor
            ? "Start one with “New briefing”: write the key judgments, cite the events behind them, and send it for review."
            : "Briefings appear here once a reviewer has approved them."}
        </EmptyState>
      )}
      {!queueMode && items.length > 0 && (
        <BriefingRows label="Briefings">
          {items.map((b) => (
            <BriefingRow key={b.id} href={`${base}/${b.id}`} title={b.title}>
              <MarkingBadge marking={b.marking} />
              {contributor && <BriefingStatusBadge status={b.status} />}
              {contributor && b.hasPublished && b.status !== "PUBLISHED" && (
                <Badge tone="green">Published version live</Badge>
              )}
              <span>{b.authors.map((a) => a.name).join(", ")}</span>
              <span aria-hidden>·</span>
              <span>
                {b.publishedAt && !contributor ? (
                  <>
                    published <Timestamp at={b.publishedAt} />
                  </>
                ) : (
                  <>
                    updated <Timestamp at={b.updatedAt} />
                  </>
                )}
              </span>
            </BriefingRow>
          ))}
        </BriefingRows>
      )}
      {list.hasNextPage && (
        <Button variant="secondary" busy={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          Load more
        </Button>
      )}
    </div>
  );
}

function BriefingRows({ label, children }: { label: string; children: ReactNode }) {
  return (
    <ul
      className="divide-y divide-slate-200 overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm"
      aria-label={label}
    >
      {children}
    </ul>
  );
}

/** One briefing in a list: its title, then the line of details the children give. */
function BriefingRow({ href, title, children }: { href: string; title: string; children: ReactNode }) {
  return (
    <li data-testid="briefing-row">
      <Link href={href} className="flex items-start gap-3 px-4 py-3 hover:bg-slate-50 focus-visible:bg-slate-50">
        <FileText aria-hidden className="mt-0.5 size-5 shrink-0 text-slate-400" />
        <span className="min-w-0 flex-1">
          <span className="block font-medium text-slate-900" dir="auto">
            {title}
          </span>
          <span className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-600">{children}</span>
        </span>
      </Link>
    </li>
  );
}

function NewBriefingForm({
  workspace,
  onCancel,
  onCreated,
}: {
  workspace: WorkspaceOverview;
  onCancel: () => void;
  onCreated: (id: string) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState("");
  const [marking, setMarking] = useState<Marking | "">("");
  const create = useMutation(
    trpc.briefing.create.mutationOptions({
      onSuccess: async (res) => {
        await queryClient.invalidateQueries(trpc.briefing.list.pathFilter());
        onCreated(res.id);
      },
    }),
  );
  const errors = fieldErrors(create.error);
  return (
    <form
      aria-label="New briefing"
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate({ workspaceId: workspace.id, title, ...(marking && { marking }) });
      }}
    >
      <h2 className="text-base font-semibold">New briefing</h2>
      <div className="grid gap-4 sm:grid-cols-[1fr_14rem]">
        <TextField
          label="Title"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          error={errors.title}
          autoFocus
          required
          maxLength={300}
        />
        <SelectField
          label="Handling marking"
          value={marking}
          onChange={(e) => setMarking(e.target.value as Marking | "")}
          error={errors.marking}
          hint="Who may see it outside the team."
        >
          <option value="">Workspace default</option>
          {MARKINGS.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </SelectField>
      </div>
      {create.error && !errors.title && !errors.marking && <Notice tone="error">{errorMessage(create.error)}</Notice>}
      <div className="flex gap-2">
        <Button type="submit" busy={create.isPending}>
          Create and start writing
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
