"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ExternalLink, History, Pencil, Trash2 } from "lucide-react";
import Link from "next/link";
import { useParams, useRouter } from "next/navigation";
import { can } from "@/server/policy";
import { STANCE_LABELS, STANCES } from "@/server/schemas/citation";
import { ENTITY_KIND_LABELS } from "@/server/schemas/entity";
import type { WorkspaceOverview } from "@/components/trpc";
import { errorCode, errorMessage } from "../errors";
import { useTRPC } from "../trpc";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Card, EmptyState } from "../ui/card";
import { LazyMarkdown } from "../ui/lazy-markdown";
import { Notice } from "../ui/notice";
import { WorkspaceGate } from "../workspace/workspace-gate";
import { RatingBadge } from "../votes/rating-badge";
import { EventRecordProposals } from "../review/event-record-proposals";
import { ReviewBar } from "../review/review-bar";
import { VotePanel } from "../votes/vote-panel";
import { StatusBadge } from "./status-badge";
import { Bidi } from "../ui/bidi";
import { Timestamp } from "../ui/timestamp";
import { PresenceNotice } from "../live/presence";
import { QuoteTranslation } from "./quote-translation";
import { EvidenceFlags } from "./evidence-flags";

export function EventPage() {
  return <WorkspaceGate>{(ws) => <EventDetail workspace={ws} />}</WorkspaceGate>;
}

const STANCE_TONE = { SUPPORTS: "green", CONTRADICTS: "red", MENTIONS: "slate" } as const;

function EventDetail({ workspace }: { workspace: WorkspaceOverview }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { eventId } = useParams<{ eventId: string }>();
  const event = useQuery(trpc.event.get.queryOptions({ eventId }));
  const citations = useQuery(trpc.citation.forEvent.queryOptions({ eventId }));
  const remove = useMutation(
    trpc.event.delete.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.event.pathFilter());
        router.push(`/w/${workspace.slug}/events`);
      },
    }),
  );
  const refreshEvidence = () =>
    Promise.all(
      [trpc.citation, trpc.source, trpc.event, trpc.search, trpc.review].map((r) =>
        queryClient.invalidateQueries(r.pathFilter()),
      ),
    );
  const uncite = useMutation(trpc.citation.delete.mutationOptions({ onSuccess: refreshEvidence }));
  const keep = useMutation(trpc.citation.keep.mutationOptions({ onSuccess: refreshEvidence }));

  if (event.isPending) return <p className="text-sm text-slate-500">Loading…</p>;
  if (event.error) {
    return errorCode(event.error) === "NOT_FOUND" ? (
      <EmptyState title="Event not found">It may have been deleted, or it is not published yet.</EmptyState>
    ) : (
      <Notice tone="error">{errorMessage(event.error)}</Notice>
    );
  }
  const e = event.data;
  const base = `/w/${workspace.slug}`;
  const editable = can(workspace.role, "event.edit") && !e.deletedAt;
  // Drafts and submissions are their authors' (and reviewers' and admins') to delete; published events reviewers' and admins'.
  const deletable = e.canDelete;
  const published = e.status === "PUBLISHED";

  return (
    <article className="grid gap-8 lg:grid-cols-[1fr_18rem]">
      <div className="space-y-6">
        <header className="space-y-2">
          <p className="text-sm font-medium text-brand-700">{e.dateText}</p>
          <h1 className="text-2xl font-semibold tracking-tight" dir="auto">
            <Bidi text={e.title} />
          </h1>
          <div className="flex flex-wrap items-center gap-2">
            <RatingBadge rating={e.rating} />
            {can(workspace.role, "event.readDrafts") && <StatusBadge status={e.status} />}
            {e.deletedAt && <Badge tone="red">In the trash</Badge>}
            {e.tags.map((t) => (
              <Link
                key={t}
                href={`${base}/events?tag=${encodeURIComponent(t)}`}
                className="text-sm text-slate-600 hover:underline"
              >
                #{t}
              </Link>
            ))}
          </div>
        </header>
        {!e.deletedAt && <PresenceNotice target={{ workspaceId: workspace.id, targetType: "event", targetId: e.id }} />}
        {can(workspace.role, "event.readDrafts") && !e.deletedAt && (
          <EventRecordProposals eventId={e.id} workspaceSlug={workspace.slug} />
        )}
        {citations.data && <EvidenceFlags warnings={citations.data.evidenceWarnings} />}
        {e.summary ? (
          <LazyMarkdown source={e.summary} />
        ) : (
          <p className="text-sm italic text-slate-500">No summary yet.</p>
        )}

        <section aria-labelledby="citations-heading" className="space-y-4">
          <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
            <h2 id="citations-heading" className="text-lg font-semibold">
              Citations
            </h2>
            {citations.data && (
              <p className="text-sm text-slate-600" data-testid="origin-count">
                {citations.data.supportingSources} supporting source{citations.data.supportingSources === 1 ? "" : "s"}{" "}
                from {citations.data.independentOrigins} independent origin
                {citations.data.independentOrigins === 1 ? "" : "s"}
              </p>
            )}
          </div>
          {citations.error && <Notice tone="error">{errorMessage(citations.error)}</Notice>}
          {(uncite.error ?? keep.error) && <Notice tone="error">{errorMessage((uncite.error ?? keep.error)!)}</Notice>}
          {published && citations.data?.canCite && (
            <p className="text-xs text-slate-600">
              This event is published: citations you add or remove here are proposed, and readers see them once a
              reviewer approves the change.
            </p>
          )}
          {citations.data?.citations.length === 0 && (
            <EmptyState title="No citations yet">
              Open a source, select the passage that shows this happened, and cite it here.
            </EmptyState>
          )}
          {STANCES.map((stance) => {
            const group = citations.data?.citations.filter((c) => c.stance === stance) ?? [];
            if (group.length === 0) return null;
            return (
              <div key={stance}>
                <h3 className="mb-2 flex items-center gap-2 text-sm font-semibold text-slate-700">
                  <Badge tone={STANCE_TONE[stance]}>{STANCE_LABELS[stance]}</Badge> {group.length}
                </h3>
                <ul className="space-y-3">
                  {group.map((c) => (
                    <li
                      key={c.id}
                      className={`rounded-md border bg-white p-3 shadow-sm ${c.proposed === "add" ? "border-dashed border-amber-400" : c.proposed === "remove" ? "border-dashed border-red-300" : "border-slate-200"}`}
                      data-proposed={c.proposed ?? undefined}
                    >
                      {c.proposed && (
                        <p className="mb-2">
                          <Badge tone={c.proposed === "add" ? "amber" : "red"}>
                            {c.proposed === "add" ? "Proposed — not yet published" : "Proposed for removal"}
                          </Badge>
                        </p>
                      )}
                      {c.quoteNotFoundAt && (
                        <p className="mb-2 text-xs text-red-800" role="note" data-testid="quote-not-found">
                          <Badge tone="red">Quote not found</Badge>{" "}
                          <span>
                            These words are no longer in the source&apos;s text (edited{" "}
                            <Timestamp at={c.quoteNotFoundAt} />
                            ). Check the source and cite the passage again.
                          </span>
                        </p>
                      )}
                      <blockquote
                        className={`border-l-4 border-brand-100 pl-3 text-[15px] leading-relaxed text-slate-800 ${c.proposed === "remove" ? "line-through decoration-red-400" : ""}`}
                        dir="auto"
                        lang={c.source.language || undefined}
                      >
                        <Bidi text={c.quote} />
                      </blockquote>
                      <QuoteTranslation
                        citation={c}
                        workspaceId={workspace.id}
                        canEdit={!!citations.data?.canCite}
                        onChanged={refreshEvidence}
                      />
                      <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-600">
                        <Link
                          href={`${base}/sources/${c.source.id}?citation=${c.id}`}
                          className="font-medium text-brand-700 hover:underline"
                          dir="auto"
                        >
                          <Bidi text={c.source.title} />
                        </Link>
                        {c.source.publisher && (
                          <span dir="auto">
                            <Bidi text={c.source.publisher.name} />
                          </span>
                        )}
                        <span>{c.source.pubDateText}</span>
                        {c.source.url && (
                          <a
                            href={c.source.url}
                            target="_blank"
                            rel="noopener noreferrer nofollow"
                            className="inline-flex items-center gap-0.5 hover:underline"
                          >
                            original <ExternalLink aria-hidden className="size-3" />
                          </a>
                        )}
                        <span>cited by {c.createdBy.name}</span>
                        {citations.data?.canCite &&
                          (c.proposed === "remove" ? (
                            <button
                              type="button"
                              className="ml-auto text-slate-600 hover:text-brand-700"
                              onClick={() => keep.mutate({ citationId: c.id })}
                            >
                              Keep
                            </button>
                          ) : (
                            <button
                              type="button"
                              className="ml-auto text-slate-500 hover:text-red-700"
                              onClick={() => uncite.mutate({ citationId: c.id })}
                            >
                              {published && !c.proposed ? "Propose removal" : "Remove"}
                            </button>
                          ))}
                      </div>
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </section>
      </div>

      <aside className="space-y-4">
        {editable && (
          <div className="flex flex-wrap gap-2">
            <Link
              href={`${base}/events/${e.id}/edit`}
              className="inline-flex items-center gap-1.5 rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
            >
              <Pencil aria-hidden className="size-4" /> Edit
            </Link>
            <Link
              href={`${base}/events/${e.id}/history`}
              className="inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50"
            >
              <History aria-hidden className="size-4" /> History
            </Link>
            {deletable && (
              <Button
                variant="danger"
                size="sm"
                busy={remove.isPending}
                onClick={() => {
                  if (window.confirm("Move this event to the trash? An admin can restore it."))
                    remove.mutate({ eventId: e.id, version: e.version });
                }}
              >
                <Trash2 aria-hidden className="size-4" /> Delete
              </Button>
            )}
          </div>
        )}
        {remove.error && <Notice tone="error">{errorMessage(remove.error)}</Notice>}
        {!e.deletedAt && can(workspace.role, "event.readDrafts") && (
          <ReviewBar eventId={e.id} workspaceSlug={workspace.slug} />
        )}
        {!e.deletedAt && <VotePanel target={{ eventId: e.id }} title="Credibility of this event" />}
        <Card title="Entities">
          {e.entities.length === 0 ? (
            <p className="text-sm text-slate-500">None linked.</p>
          ) : (
            <ul className="space-y-1.5 text-sm">
              {e.entities.map((l) => (
                <li key={`${l.entityId}-${l.role}`} className="flex justify-between gap-2">
                  <Link href={`${base}/entities/${l.entityId}`} className="text-brand-700 hover:underline" dir="auto">
                    <Bidi text={l.name} />
                  </Link>
                  <span className="text-xs text-slate-500">
                    {l.role === "PLACE"
                      ? `place${l.placePrecision ? ` (${l.placePrecision.toLowerCase()})` : ""}`
                      : l.role === "ACTOR"
                        ? "actor"
                        : ENTITY_KIND_LABELS[l.kind as keyof typeof ENTITY_KIND_LABELS]?.toLowerCase()}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <p className="text-xs text-slate-500">
          Created by {e.createdBy.name}; last change by {e.updatedBy.name}, <Timestamp at={e.updatedAt} /> (version{" "}
          {e.version}).
        </p>
      </aside>
    </article>
  );
}
