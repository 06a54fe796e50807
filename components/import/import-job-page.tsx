"use client";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useParams } from "next/navigation";
import { useState } from "react";
import type { RouterOutputs } from "@/components/trpc";

type CandidateView = RouterOutputs["import"]["candidates"]["items"][number];
import type { WorkspaceOverview } from "@/components/trpc";
import { errorMessage } from "../errors";
import { useTRPC } from "../trpc";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { EmptyState } from "../ui/card";
import { Notice } from "../ui/notice";
import { WorkspaceGate } from "../workspace/workspace-gate";
import { CandidateCard } from "./candidate-card";
import { JOB_STATUS_LABELS, JOB_STATUS_TONES } from "./job-status";

export function ImportJobPage() {
  return <WorkspaceGate>{(ws) => <Job workspace={ws} />}</WorkspaceGate>;
}

function Progress({ progress, total, queued }: { progress: number; total: number; queued: boolean }) {
  const percent = total > 0 ? Math.round((progress / total) * 100) : 0;
  if (queued)
    return (
      <p role="status" className="text-sm text-slate-600">
        Waiting for the imports started before this one to finish…
      </p>
    );
  return (
    <div className="space-y-1">
      <div
        role="progressbar"
        aria-label="Reading the document"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="h-2.5 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div
          className="h-full rounded-full bg-brand-600 transition-[width]"
          style={{ width: `${Math.max(percent, 4)}%` }}
        />
      </div>
      <p className="text-sm text-slate-600">
        Reading the document for dated events…{" "}
        {total > 0 ? `${progress.toLocaleString()} of ${total.toLocaleString()} paragraphs` : ""}
      </p>
    </div>
  );
}

function Job({ workspace }: { workspace: WorkspaceOverview }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { jobId } = useParams<{ jobId: string }>();
  const job = useQuery(
    trpc.import.job.queryOptions(
      { jobId },
      {
        refetchInterval: (q) =>
          q.state.data && (q.state.data.status === "QUEUED" || q.state.data.status === "RUNNING") ? 400 : false,
      },
    ),
  );
  const done = job.data?.status === "DONE";
  const candidates = useInfiniteQuery(
    trpc.import.candidates.infiniteQueryOptions(
      { jobId, limit: 50 },
      { enabled: done, getNextPageParam: (l) => l.nextCursor },
    ),
  );
  const items = candidates.data?.pages.flatMap((p) => p.items) ?? [];
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [results, setResults] = useState<string | null>(null);
  const refresh = () =>
    Promise.all([trpc.import, trpc.event].map((r) => queryClient.invalidateQueries(r.pathFilter())));
  const acceptMany = useMutation(
    trpc.import.acceptMany.mutationOptions({
      onSuccess: (r) => {
        const ok = r.filter((x) => x.ok).length;
        const refused = r.filter((x) => !x.ok);
        setResults(
          `${ok} accepted as draft events.${refused.length ? ` ${refused.length} could not be: ${refused.map((x) => (x.ok ? "" : x.message)).join(" ")}` : ""}`,
        );
        setSelected(new Set());
        void refresh();
      },
    }),
  );

  if (job.isPending) return <p className="text-sm text-slate-500">Loading…</p>;
  if (job.error) return <Notice tone="error">{errorMessage(job.error)}</Notice>;
  const j = job.data;
  const pending = items.filter((c) => c.status === "PENDING");
  const toggle = (c: CandidateView, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(c.id);
    else next.delete(c.id);
    setSelected(next);
  };
  const allSelected = pending.length > 0 && pending.every((c) => selected.has(c.id));

  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600">
        <Link className="underline" href={`/w/${workspace.slug}/import`}>
          Import
        </Link>{" "}
        / <span dir="auto">{j.title}</span>
      </nav>
      <header className="space-y-2">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight" dir="auto">
            {j.title}
          </h1>
          <Badge tone={JOB_STATUS_TONES[j.status]}>{JOB_STATUS_LABELS[j.status]}</Badge>
        </div>
        <p className="text-sm text-slate-600">
          {j.mode === "dossier"
            ? `Dossier: ${j.sources.length} address blocks, one source each`
            : j.mode === "stix"
              ? "STIX 2.1 bundle"
              : "Article"}
          {j.pubDateText
            ? ` · published ${j.pubDateText}`
            : " · no publication date (relative dates are left for you to set)"}
          {j.sources.some((s) => s.reused) ? " · read again from the existing source" : ""}
          {j.sources.length === 1 && (
            <>
              {" "}
              ·{" "}
              <Link className="underline" href={`/w/${workspace.slug}/sources/${j.sources[0]!.id}`}>
                open the source
              </Link>
            </>
          )}
        </p>
      </header>

      {(j.status === "QUEUED" || j.status === "RUNNING") && (
        <Progress progress={j.progress} total={j.total} queued={j.status === "QUEUED"} />
      )}
      {j.status === "FAILED" && <Notice tone="error">{j.error ?? "The import failed."}</Notice>}
      {done && j.message && <Notice tone="info">{j.message}</Notice>}

      {done && items.length > 0 && (
        <section aria-labelledby="candidates-heading" className="space-y-3">
          <div className="sticky top-0 z-10 flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white/95 px-4 py-2 shadow-sm backdrop-blur">
            <h2 id="candidates-heading" className="text-base font-semibold">
              Candidate events
            </h2>
            <span className="text-sm text-slate-600" aria-live="polite">
              {j.counts.PENDING} to review · {j.counts.ACCEPTED} accepted · {j.counts.MERGED} merged ·{" "}
              {j.counts.DISMISSED} dismissed
            </span>
            <label className="ml-auto inline-flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={allSelected}
                disabled={pending.length === 0}
                onChange={(e) => setSelected(e.target.checked ? new Set(pending.map((c) => c.id)) : new Set())}
              />
              Select all to review
            </label>
            <Button
              size="sm"
              disabled={selected.size === 0}
              busy={acceptMany.isPending}
              onClick={() =>
                acceptMany.mutate({
                  jobId,
                  items: items
                    .filter((c) => selected.has(c.id))
                    .map((c) => ({ candidateId: c.id, version: c.version })),
                })
              }
            >
              Accept selected ({selected.size})
            </Button>
          </div>
          {acceptMany.error && <Notice tone="error">{errorMessage(acceptMany.error)}</Notice>}
          {results && <Notice tone="success">{results}</Notice>}
          <ol className="space-y-3">
            {items.map((c) => (
              <li key={c.id}>
                <CandidateCard
                  workspace={workspace}
                  candidate={c}
                  selected={selected.has(c.id)}
                  onSelect={(on) => toggle(c, on)}
                  onDecided={refresh}
                />
              </li>
            ))}
          </ol>
          {candidates.hasNextPage && (
            <Button
              variant="secondary"
              onClick={() => void candidates.fetchNextPage()}
              busy={candidates.isFetchingNextPage}
            >
              Show more candidates
            </Button>
          )}
        </section>
      )}
      {done && candidates.error && <Notice tone="error">{errorMessage(candidates.error)}</Notice>}
      {done && !candidates.isPending && !candidates.error && items.length === 0 && !j.message && (
        <EmptyState title="No candidate events">Nothing dated was found.</EmptyState>
      )}
    </div>
  );
}
