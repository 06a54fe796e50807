"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useParams } from "next/navigation";
import { Fragment } from "react";
import { formatEventDate, type EventDateInput } from "@/server/schemas/partial-date";
import type { WorkspaceOverview } from "@/components/trpc";
import { errorMessage } from "../errors";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { Notice } from "../ui/notice";
import { WorkspaceGate } from "../workspace/workspace-gate";
import { TextDiff } from "./field-diff";
import { HistoryHeader } from "./history-header";

export function EventHistoryPage() {
  return <WorkspaceGate>{(ws) => <EventHistory workspace={ws} />}</WorkspaceGate>;
}

type Snapshot = {
  title: string;
  summary: string;
  date: EventDateInput;
  tags: string[];
  entities: { entityId: string; role: string }[];
};
type CitationChange = { sourceTitle: string; stance: string; quote: string };

const ACTIONS: Record<string, string> = {
  created: "Created",
  updated: "Edited",
  restored_version: "Restored an older version",
  deleted: "Moved to the trash",
  restored: "Restored from the trash",
  citation_added: "Added a citation",
  citation_removed: "Removed a citation",
  citation_proposed: "Proposed adding a citation",
  citation_removal_proposed: "Proposed removing a citation",
  citation_removal_withdrawn: "Took back the proposed removal of a citation",
  proposed_change: "Proposed a change to the published event",
  proposed_restore: "Proposed restoring an older version",
  published_change: "Published the approved change",
  submitted: "Submitted for review",
  withdrawn: "Withdrew the submission",
  review_approve: "Approved",
  review_request_changes: "Asked for changes",
  review_reject: "Rejected",
};

function isSnapshot(action: string) {
  return [
    "created",
    "updated",
    "restored_version",
    "deleted",
    "restored",
    "proposed_change",
    "proposed_restore",
    "published_change",
  ].includes(action);
}

function isReview(action: string) {
  return ["submitted", "withdrawn", "review_approve", "review_request_changes", "review_reject"].includes(action);
}

/** Each version with a readable, per-field diff against the one before it; any version can be restored. */
function EventHistory({ workspace }: { workspace: WorkspaceOverview }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { eventId } = useParams<{ eventId: string }>();
  const event = useQuery(trpc.event.get.queryOptions({ eventId }));
  const history = useQuery(trpc.history.list.queryOptions({ targetType: "event", targetId: eventId }));
  // A published event is changed through its proposal, whose version the restore must name.
  const review = useQuery(trpc.review.state.queryOptions({ eventId }));
  const restore = useMutation(
    trpc.event.restoreVersion.mutationOptions({
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries(trpc.history.pathFilter()),
          queryClient.invalidateQueries(trpc.event.pathFilter()),
        ]),
    }),
  );

  if (history.error) return <Notice tone="error">{errorMessage(history.error)}</Notice>;
  if (!history.data || !event.data) return <p className="text-sm text-slate-500">Loading…</p>;

  let previous: Snapshot | null = null;
  const rows = history.data.map((r) => {
    const snap = isSnapshot(r.action) ? (r.snapshot as Snapshot) : null;
    const before = previous;
    if (snap) previous = snap;
    return { ...r, snap, before };
  });
  const latestSnapshotId = [...rows].reverse().find((r) => r.snap)?.id;

  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <HistoryHeader
        backHref={`/w/${workspace.slug}/events/${eventId}`}
        backLabel="Back to the event"
        title={event.data.title}
        restore={restore}
      >
        <p className="mt-1 text-sm text-slate-600">
          Newest first. Restoring an older version saves it as a new version; nothing is lost.
        </p>
      </HistoryHeader>
      <ol className="space-y-4" aria-label="Versions">
        {[...rows].reverse().map((r) => (
          <li key={r.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="revision">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <p className="text-sm">
                <span className="font-semibold">{ACTIONS[r.action] ?? r.action}</span>
                {r.snap && <span className="text-slate-500"> · version {r.version}</span>}
                <span className="text-slate-600">
                  {" "}
                  · {r.actor.name} · <time dateTime={r.createdAt.toISOString()}>{r.createdAt.toLocaleString()}</time>
                </span>
              </p>
              {r.snap && r.id !== latestSnapshotId && (
                <Button
                  size="sm"
                  variant="secondary"
                  busy={restore.isPending && restore.variables?.revisionId === r.id}
                  onClick={() =>
                    restore.mutate({
                      eventId,
                      revisionId: r.id,
                      version: review.data?.proposal?.version ?? event.data.version,
                    })
                  }
                >
                  Restore version {r.version}
                </Button>
              )}
            </div>
            {r.snap ? (
              <SnapshotDiff before={r.before} after={r.snap} />
            ) : isReview(r.action) ? (
              <ReviewLine entry={r.snapshot as { round?: number; comment?: string }} />
            ) : (
              <CitationLine change={r.snapshot as CitationChange} />
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

function CitationLine({ change }: { change: CitationChange }) {
  return (
    <p className="mt-2 text-sm text-slate-700">
      <span className="font-medium">{change.stance.toLowerCase()}</span> from{" "}
      <span dir="auto">{change.sourceTitle}</span>: <q dir="auto">{change.quote}</q>
    </p>
  );
}

function SnapshotDiff({ before, after }: { before: Snapshot | null; after: Snapshot }) {
  const rows: { label: string; node: React.ReactNode }[] = [];
  const text = (label: string, a: string, b: string) => {
    if (!before)
      rows.push({
        label,
        node: (
          <p className="whitespace-pre-wrap text-sm" dir="auto">
            {b || "—"}
          </p>
        ),
      });
    else if (a !== b) rows.push({ label, node: <TextDiff before={a} after={b} /> });
  };
  text("Title", before?.title ?? "", after.title);
  text("Date", before ? formatEventDate(before.date) : "", formatEventDate(after.date));
  text("Summary", before?.summary ?? "", after.summary);
  text("Tags", before?.tags.join(", ") ?? "", after.tags.join(", "));
  const entityCount = (s: Snapshot | null) => (s ? `${s.entities.length} linked` : "");
  if (!before || JSON.stringify(before.entities) !== JSON.stringify(after.entities))
    text("Entities", entityCount(before), entityCount(after));
  if (rows.length === 0) return <p className="mt-2 text-sm text-slate-500">No field changed.</p>;
  return (
    <dl className="mt-3 grid grid-cols-[6rem_1fr] gap-x-4 gap-y-2">
      {rows.map((r) => (
        <Fragment key={r.label}>
          <dt className="text-xs font-semibold uppercase tracking-wide text-slate-500">{r.label}</dt>
          <dd>{r.node}</dd>
        </Fragment>
      ))}
    </dl>
  );
}
