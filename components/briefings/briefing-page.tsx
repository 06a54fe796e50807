"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Pencil, Trash2 } from "lucide-react";
import Link from "next/link";
import { useParams, useRouter, useSearchParams } from "next/navigation";
import { can } from "@/server/policy";
import { orderedRefs, type BriefingContent } from "@/server/schemas/briefing";
import type { WorkspaceOverview } from "@/components/trpc";
import { errorCode, errorMessage } from "../errors";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { EmptyState } from "../ui/card";
import { cn } from "../ui/cn";
import { Notice } from "../ui/notice";
import { WorkspaceGate } from "../workspace/workspace-gate";
import { BriefingChanges } from "./briefing-changes";
import { BriefingComments } from "./briefing-comments";
import { EvidenceBanner } from "./evidence-banner";
import { BriefingHistory } from "./briefing-history";
import { BriefingReader } from "./briefing-reader";
import { BriefingStatusBadge } from "./briefing-status";
import { Downloads } from "./downloads";
import { FiguresPanel } from "./figures-panel";
import { QuoteLanguagePanel } from "./quote-language-panel";
import { MarkingBadge } from "./marking-badge";
import { buildReferences, fromCited } from "./references";
import { ReviewPanel } from "./review-panel";
import { useResolvedRefs } from "./use-resolved-refs";
import { Timestamp } from "../ui/timestamp";
import { PresenceNotice } from "../live/presence";

export function BriefingPage() {
  return <WorkspaceGate>{(ws) => <BriefingDetail workspace={ws} />}</WorkspaceGate>;
}

type View = "published" | "working";

function BriefingDetail({ workspace }: { workspace: WorkspaceOverview }) {
  const trpc = useTRPC();
  const router = useRouter();
  const search = useSearchParams();
  const { id } = useParams<{ id: string }>();
  const briefing = useQuery(trpc.briefing.get.queryOptions({ id }));
  const queryClient = useQueryClient();
  const remove = useMutation(
    trpc.briefing.delete.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.briefing.list.pathFilter());
        router.push(`/w/${workspace.slug}/briefings`);
      },
    }),
  );
  const b = briefing.data;
  const hasWorking = Boolean(b?.working);
  // Contributors land on the working copy unless it is identical to what is published.
  const defaultView: View = b?.published && (!b.working || b.status === "PUBLISHED") ? "published" : "working";
  const requested = search.get("view");
  const view: View =
    requested === "working" && hasWorking
      ? "working"
      : requested === "published" && b?.published
        ? "published"
        : defaultView;
  const workingRefs = useResolvedRefs(workspace.id, view === "working" ? (b?.working ?? null) : null, 0);

  if (briefing.isPending) return <p className="text-sm text-slate-500">Loading…</p>;
  if (briefing.error) {
    return errorCode(briefing.error) === "NOT_FOUND" ? (
      <EmptyState
        title="Briefing not found"
        action={
          <Link className="text-sm font-medium text-brand-700 underline" href={`/w/${workspace.slug}/briefings`}>
            All briefings
          </Link>
        }
      >
        It may have been deleted, or it has not been published yet.
      </EmptyState>
    ) : (
      <Notice tone="error">{errorMessage(briefing.error)}</Notice>
    );
  }
  const data = briefing.data;
  const content: BriefingContent = view === "published" ? data.published!.content : data.working!;
  const refs =
    view === "published"
      ? buildReferences(orderedRefs(content), fromCited(data.published!.cited))
      : buildReferences(orderedRefs(content), workingRefs.data);
  const base = `/w/${workspace.slug}/briefings`;
  const contributor = can(workspace.role, "briefing.readDrafts");
  const setView = (v: View) => router.replace(`${base}/${id}?view=${v}`, { scroll: false });

  return (
    <article className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_19rem]">
      <div className="min-w-0 space-y-6">
        <nav aria-label="Breadcrumb" className="text-sm">
          <Link href={base} className="text-brand-700 hover:underline">
            Briefings
          </Link>
        </nav>
        <header className="space-y-3 border-b border-slate-200 pb-5">
          <div className="flex flex-wrap items-center gap-2">
            <MarkingBadge marking={content.marking} />
            {contributor && <BriefingStatusBadge status={data.status} />}
          </div>
          <h1 className="text-3xl font-semibold leading-tight tracking-tight text-slate-900" dir="auto">
            {content.title}
          </h1>
          <p className="text-sm text-slate-600">
            {workspace.name} · by{" "}
            {(view === "published" ? data.published!.authors : data.authors).map((a) => a.name).join(", ") ||
              data.createdBy.name}
            {view === "published" && data.published && (
              <>
                {" "}
                · reviewed by {data.published.reviewers.map((r) => r.name).join(", ")} · version {data.published.number}
                , approved <Timestamp at={data.published.approvedAt} />
              </>
            )}
            {view === "working" && (
              <>
                {" "}
                · working copy, draft of version {data.versionNumber}
                {/* A reviewed revision is a round of review of that version; saves are not counted. */}
                {data.reviewRound > 0 && data.status !== "DRAFT" && data.status !== "PUBLISHED"
                  ? `, review round ${data.reviewRound}`
                  : ""}
                , last saved <Timestamp at={data.updatedAt} />
              </>
            )}
          </p>
          {data.published && hasWorking && (
            <div
              role="group"
              aria-label="Version to read"
              className="inline-flex rounded-md border border-slate-300 bg-white p-0.5 text-sm"
            >
              {(["published", "working"] as const).map((v) => (
                <button
                  key={v}
                  type="button"
                  aria-pressed={view === v}
                  onClick={() => setView(v)}
                  className={cn(
                    "rounded px-3 py-1 font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600",
                    view === v ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-100",
                  )}
                >
                  {v === "published" ? `Published (v${data.published!.number})` : "Working copy"}
                </button>
              ))}
            </div>
          )}
          {view === "working" && (
            <p className="text-xs font-medium text-amber-900">
              Not reviewed yet: readers outside the team cannot see this copy.
            </p>
          )}
        </header>
        <PresenceNotice target={{ workspaceId: workspace.id, targetType: "briefing", targetId: data.id }} />
        <EvidenceBanner briefing={data} />

        <BriefingReader content={content} refs={refs} workspaceSlug={workspace.slug} anchorPrefix={`ref-${view}`} />

        {contributor && data.published && hasWorking && data.status !== "PUBLISHED" && (
          <BriefingChanges briefingId={data.id} />
        )}
        {contributor && (
          <BriefingComments briefingId={data.id} workspaceId={workspace.id} canComment={data.canComment} />
        )}
      </div>

      <aside className="space-y-4">
        <div className="flex flex-wrap gap-2">
          {data.canEdit && (
            <Link
              href={`${base}/${data.id}/edit`}
              className="inline-flex items-center gap-1.5 rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
            >
              <Pencil aria-hidden className="size-4" /> {data.status === "PENDING" ? "Open the editor" : "Edit"}
            </Link>
          )}
          {/* The server decides who may delete (authors, reviewers and admins; a publication admins only). */}
          {data.canDelete && (
            <Button
              variant="danger"
              size="sm"
              busy={remove.isPending}
              onClick={() => {
                if (
                  window.confirm(
                    "Move this briefing to the trash? It disappears for everyone until an admin restores it.",
                  )
                )
                  remove.mutate({ id: data.id, version: data.version });
              }}
            >
              <Trash2 aria-hidden className="size-4" /> Delete
            </Button>
          )}
        </div>
        {remove.error && <Notice tone="error">{errorMessage(remove.error)}</Notice>}
        {data.published && (
          <Downloads
            briefingId={data.id}
            version="published"
            workspaceId={workspace.id}
            publishedVersion={contributor && hasWorking ? data.published.number : undefined}
          />
        )}
        {contributor && hasWorking && (view === "working" || !data.published) && (
          <Downloads briefingId={data.id} version="working" />
        )}
        {view === "working" && data.figures ? (
          <FiguresPanel
            briefingId={data.id}
            version="working"
            figures={data.figures}
            editable={data.canEdit}
            briefingVersion={data.version}
          />
        ) : (
          data.published && (
            <FiguresPanel
              briefingId={data.id}
              version="published"
              figures={data.published.figures}
              editable={false}
              briefingVersion={data.version}
            />
          )
        )}
        {view === "working" && data.quoteLanguage ? (
          <QuoteLanguagePanel
            briefingId={data.id}
            version="working"
            quoteLanguage={data.quoteLanguage}
            editable={data.canEdit}
            briefingVersion={data.version}
          />
        ) : (
          data.published && (
            <QuoteLanguagePanel
              briefingId={data.id}
              version="published"
              quoteLanguage={data.published.quoteLanguage}
              editable={false}
              briefingVersion={data.version}
            />
          )
        )}
        {contributor && (
          <ReviewPanel
            state={{
              id: data.id,
              status: data.status,
              version: data.version,
              reviewRound: data.reviewRound,
              canSubmit: data.canSubmit,
              canWithdraw: data.canWithdraw,
              canDecide: data.canDecide,
              isAuthor: data.isAuthor,
              approvalsThisRound: data.approvalsThisRound,
              requiredApprovals: data.requiredApprovals,
              hasPublished: Boolean(data.published),
            }}
          />
        )}
        {contributor && <BriefingHistory briefingId={data.id} />}
      </aside>
    </article>
  );
}
