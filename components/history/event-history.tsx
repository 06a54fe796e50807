"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useParams } from "next/navigation";
import { describeEventChanges, type DescribedEvent, type LinkRole } from "@/server/schemas/event-changes";
import { formatEventDate, type EventDateInput } from "@/server/schemas/partial-date";
import { STANCE_LABELS, type Stance } from "@/server/schemas/citation";
import type { WorkspaceOverview } from "@/components/trpc";
import { errorMessage } from "../errors";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { Notice } from "../ui/notice";
import { WorkspaceGate } from "../workspace/workspace-gate";
import { EventChangeList } from "./event-changes";
import { HistoryHeader } from "./history-header";
import { Timestamp } from "../ui/timestamp";

export function EventHistoryPage() {
  return <WorkspaceGate>{(ws) => <EventHistory workspace={ws} />}</WorkspaceGate>;
}

type Snapshot = {
  title: string;
  summary: string;
  date: EventDateInput;
  tags: string[];
  /** Named by the server (history.list); the snapshot itself stores ids. */
  entities: { entityId: string; role: LinkRole; placePrecision?: string | null; name?: string }[];
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
                  · <bdi>{r.actor.name}</bdi> · <Timestamp at={r.createdAt} />
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
      <span className="font-medium">{(STANCE_LABELS[change.stance as Stance] ?? change.stance).toLowerCase()}</span>{" "}
      from <bdi>{change.sourceTitle}</bdi>: <q dir="auto">{change.quote}</q>
    </p>
  );
}

function describe(s: Snapshot): DescribedEvent {
  return {
    title: s.title,
    date: formatEventDate(s.date),
    summary: s.summary,
    tags: s.tags,
    entities: s.entities.map((e) => ({ ...e, name: e.name ?? "(deleted entity)" })),
  };
}

/** The fields a version changed against the one before, entities, places and tags named (the first lists all). */
function SnapshotDiff({ before, after }: { before: Snapshot | null; after: Snapshot }) {
  return (
    <EventChangeList
      className="mt-3"
      isNew={!before}
      changes={describeEventChanges(before && describe(before), describe(after))}
    />
  );
}
