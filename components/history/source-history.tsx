"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useParams } from "next/navigation";
import { Fragment } from "react";
import { formatEventDate, type PartialDate } from "@/server/schemas/partial-date";
import { SOURCE_KIND_LABELS, type SourceKind } from "@/server/schemas/source";
import type { WorkspaceOverview } from "@/components/trpc";
import { errorMessage } from "../errors";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { Notice } from "../ui/notice";
import { WorkspaceGate } from "../workspace/workspace-gate";
import { TextDiff } from "./field-diff";
import { HistoryHeader } from "./history-header";

export function SourceHistoryPage() {
  return <WorkspaceGate>{(ws) => <SourceHistory workspace={ws} />}</WorkspaceGate>;
}

type Snapshot = {
  kind: SourceKind;
  title: string;
  publisherName: string;
  author: string;
  pubDate: PartialDate | null;
  url: string;
  language: string;
  derivedFromId: string | null;
};

const FIELDS: { label: string; text: (s: Snapshot) => string }[] = [
  { label: "Kind", text: (s) => SOURCE_KIND_LABELS[s.kind] ?? s.kind },
  { label: "Title", text: (s) => s.title },
  { label: "Publisher", text: (s) => s.publisherName },
  { label: "Author", text: (s) => s.author },
  { label: "Published", text: (s) => (s.pubDate ? formatEventDate({ start: s.pubDate }) : "") },
  { label: "Address", text: (s) => s.url },
  { label: "Language", text: (s) => s.language },
  { label: "Derived from", text: (s) => (s.derivedFromId ? "another source" : "") },
];

function SourceHistory({ workspace }: { workspace: WorkspaceOverview }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { sourceId } = useParams<{ sourceId: string }>();
  const source = useQuery(trpc.source.get.queryOptions({ sourceId }));
  const history = useQuery(trpc.history.list.queryOptions({ targetType: "source", targetId: sourceId }));
  const restore = useMutation(
    trpc.source.restoreVersion.mutationOptions({
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries(trpc.history.pathFilter()),
          queryClient.invalidateQueries(trpc.source.pathFilter()),
        ]),
    }),
  );
  if (history.error) return <Notice tone="error">{errorMessage(history.error)}</Notice>;
  if (!history.data || !source.data) return <p className="text-sm text-slate-500">Loading…</p>;
  const rows = history.data.map((r, i) => ({
    ...r,
    snap: r.snapshot as Snapshot,
    before: i > 0 ? (history.data[i - 1]!.snapshot as Snapshot) : null,
  }));
  const latest = rows.at(-1)?.id;
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <HistoryHeader
        backHref={`/w/${workspace.slug}/sources/${sourceId}`}
        backLabel="Back to the source"
        title={source.data.title}
        restore={restore}
      />
      <ol className="space-y-4" aria-label="Versions">
        {[...rows].reverse().map((r) => (
          <li key={r.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="revision">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <p className="text-sm">
                <span className="font-semibold">
                  {r.action === "created"
                    ? "Added"
                    : r.action === "restored_version"
                      ? "Restored an older version"
                      : "Edited"}
                </span>
                <span className="text-slate-500"> · version {r.version}</span>
                <span className="text-slate-600">
                  {" "}
                  · {r.actor.name} · {r.createdAt.toLocaleString()}
                </span>
              </p>
              {r.id !== latest && (
                <Button
                  size="sm"
                  variant="secondary"
                  busy={restore.isPending}
                  onClick={() => restore.mutate({ sourceId, revisionId: r.id, version: source.data.version })}
                >
                  Restore version {r.version}
                </Button>
              )}
            </div>
            <dl className="mt-3 grid grid-cols-[7rem_1fr] gap-x-4 gap-y-2">
              {FIELDS.filter((f) => !r.before || f.text(r.before) !== f.text(r.snap)).map((f) => (
                <Fragment key={f.label}>
                  <dt className="text-xs font-semibold uppercase tracking-wide text-slate-500">{f.label}</dt>
                  <dd>
                    {r.before ? (
                      <TextDiff before={f.text(r.before)} after={f.text(r.snap)} />
                    ) : (
                      <span className="text-sm" dir="auto">
                        {f.text(r.snap) || "—"}
                      </span>
                    )}
                  </dd>
                </Fragment>
              ))}
            </dl>
          </li>
        ))}
      </ol>
    </div>
  );
}
