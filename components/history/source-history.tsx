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
import { Timestamp } from "../ui/timestamp";

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

const ACTIONS: Record<string, string> = {
  created: "Added",
  updated: "Edited",
  restored_version: "Restored an older version",
  proposed_change: "Proposed a change",
  proposed_restore: "Proposed restoring an older version",
  published_change: "Published the approved change",
  text_from_archive: "Took its text from an archived copy of the page",
  submitted: "Submitted the change for review",
  withdrawn: "Withdrew the submission",
  review_approve: "Approved",
  review_request_changes: "Asked for changes",
  review_reject: "Rejected",
};

/** Rows that hold the source's details; the others record review steps. */
const SNAPSHOT_ACTIONS = [
  "created",
  "updated",
  "restored_version",
  "proposed_change",
  "proposed_restore",
  "published_change",
  "text_from_archive",
];

function SourceHistory({ workspace }: { workspace: WorkspaceOverview }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { sourceId } = useParams<{ sourceId: string }>();
  const source = useQuery(trpc.source.get.queryOptions({ sourceId }));
  const history = useQuery(trpc.history.list.queryOptions({ targetType: "source", targetId: sourceId }));
  // A source that published material shows is changed through its proposal, whose version a restore names.
  const review = useQuery(trpc.proposal.get.queryOptions({ targetType: "SOURCE", targetId: sourceId }));
  const restore = useMutation(
    trpc.source.restoreVersion.mutationOptions({
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries(trpc.history.pathFilter()),
          queryClient.invalidateQueries(trpc.source.pathFilter()),
          queryClient.invalidateQueries(trpc.proposal.pathFilter()),
        ]),
    }),
  );
  if (history.error) return <Notice tone="error">{errorMessage(history.error)}</Notice>;
  if (!history.data || !source.data) return <p className="text-sm text-slate-500">Loading…</p>;
  let previous: Snapshot | null = null;
  const rows = history.data.map((r) => {
    const snap = SNAPSHOT_ACTIONS.includes(r.action) ? (r.snapshot as Snapshot) : null;
    const before = previous;
    if (snap) previous = snap;
    return { ...r, snap, before };
  });
  const latest = [...rows].reverse().find((r) => r.snap)?.id;
  const baseVersion = review.data?.proposal?.version ?? source.data.version;
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
                <span className="font-semibold">{ACTIONS[r.action] ?? r.action}</span>
                {r.snap && <span className="text-slate-500"> · version {r.version}</span>}
                <span className="text-slate-600">
                  {" "}
                  · {r.actor.name} · <Timestamp at={r.createdAt} />
                </span>
              </p>
              {r.snap && r.id !== latest && review.data?.proposal?.status !== "PENDING" && (
                <Button
                  size="sm"
                  variant="secondary"
                  busy={restore.isPending}
                  onClick={() => restore.mutate({ sourceId, revisionId: r.id, version: baseVersion })}
                >
                  Restore version {r.version}
                </Button>
              )}
            </div>
            {!r.snap ? (
              <ReviewLine entry={r.snapshot as { round?: number; comment?: string }} />
            ) : (
              <SnapshotFields before={r.before} after={r.snap} />
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}

function ReviewLine({ entry }: { entry: { round?: number; comment?: string } }) {
  return (
    <p className="mt-2 text-sm text-slate-700">
      {entry.round ? `Round ${entry.round}. ` : ""}
      {entry.comment && <q dir="auto">{entry.comment}</q>}
    </p>
  );
}

function SnapshotFields({ before, after }: { before: Snapshot | null; after: Snapshot }) {
  return (
    <dl className="mt-3 grid grid-cols-[7rem_1fr] gap-x-4 gap-y-2">
      {FIELDS.filter((f) => !before || f.text(before) !== f.text(after)).map((f) => (
        <Fragment key={f.label}>
          <dt className="text-xs font-semibold uppercase tracking-wide text-slate-500">{f.label}</dt>
          <dd>
            {before ? (
              <TextDiff before={f.text(before)} after={f.text(after)} />
            ) : (
              <span className="text-sm" dir="auto">
                {f.text(after) || "—"}
              </span>
            )}
          </dd>
        </Fragment>
      ))}
    </dl>
  );
}
