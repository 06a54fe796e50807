"use client";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useParams, useRouter } from "next/navigation";
import { useState } from "react";
import { can } from "@/server/policy";
import { ENTITY_KIND_LABELS, ENTITY_KINDS, type EntityKind } from "@/server/schemas/entity";
import type { WorkspaceOverview } from "@/components/trpc";
import { StatusBadge } from "../events/status-badge";
import { VotePanel } from "../votes/vote-panel";
import { RecordProposalPanel } from "../review/record-proposal-panel";
import { errorCode, errorMessage, fieldErrors } from "../errors";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { Card, EmptyState } from "../ui/card";
import { Notice } from "../ui/notice";
import { WorkspaceGate } from "../workspace/workspace-gate";
import { Bidi } from "../ui/bidi";

export function EntityListPage() {
  return <WorkspaceGate>{(ws) => <EntityList workspace={ws} />}</WorkspaceGate>;
}

export function EntityPage() {
  return <WorkspaceGate>{(ws) => <EntityDetail workspace={ws} />}</WorkspaceGate>;
}

function EntityList({ workspace }: { workspace: WorkspaceOverview }) {
  const trpc = useTRPC();
  const [kind, setKind] = useState<EntityKind | "">("");
  const list = useInfiniteQuery(
    trpc.entity.list.infiniteQueryOptions(
      { workspaceId: workspace.id, limit: 50, kind: kind || undefined },
      { getNextPageParam: (l) => l.nextCursor },
    ),
  );
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Entities</h1>
          <p className="mt-1 text-sm text-slate-600">
            People, organisations and places, with the other names they go by.
          </p>
        </div>
        <label className="text-xs text-slate-600">
          Kind
          <select
            className="mt-1 block rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
            value={kind}
            onChange={(e) => setKind(e.target.value as EntityKind | "")}
          >
            <option value="">Any</option>
            {ENTITY_KINDS.map((k) => (
              <option key={k} value={k}>
                {ENTITY_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {list.error && <Notice tone="error">{errorMessage(list.error)}</Notice>}
      {list.isSuccess && items.length === 0 && (
        <EmptyState title="No entities yet">
          They are created when you link actors and places to events, or name a publisher.
        </EmptyState>
      )}
      <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3" aria-label="Entities">
        {items.map((e) => (
          <li key={e.id}>
            <Link
              href={`/w/${workspace.slug}/entities/${e.id}`}
              className="block rounded-md border border-slate-200 bg-white p-3 shadow-sm hover:border-brand-600"
            >
              <span className="font-medium" dir="auto">
                <Bidi text={e.name} />
              </span>
              <span className="ml-2 text-xs text-slate-500">
                {ENTITY_KIND_LABELS[e.kind]} · {e.eventCount} event{e.eventCount === 1 ? "" : "s"}
              </span>
              {e.aliases.length > 0 && (
                <span className="mt-0.5 block truncate text-xs text-slate-600" dir="auto">
                  also {e.aliases.join(", ")}
                </span>
              )}
            </Link>
          </li>
        ))}
      </ul>
      {list.hasNextPage && (
        <Button variant="secondary" onClick={() => void list.fetchNextPage()}>
          Show more
        </Button>
      )}
    </div>
  );
}

function EntityDetail({ workspace }: { workspace: WorkspaceOverview }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { entityId } = useParams<{ entityId: string }>();
  const entity = useQuery(trpc.entity.get.queryOptions({ entityId }));
  const events = useInfiniteQuery(
    trpc.entity.events.infiniteQueryOptions({ entityId, limit: 50 }, { getNextPageParam: (l) => l.nextCursor }),
  );
  const [mergeQ, setMergeQ] = useState("");
  const candidates = useQuery(
    trpc.entity.suggest.queryOptions(
      { workspaceId: workspace.id, q: mergeQ || "-", limit: 6 },
      { enabled: mergeQ.trim().length > 0 },
    ),
  );
  const merge = useMutation(
    trpc.entity.merge.mutationOptions({
      onSuccess: async (_r, vars) => {
        await queryClient.invalidateQueries(trpc.entity.pathFilter());
        router.push(`/w/${workspace.slug}/entities/${vars.intoEntityId}`);
      },
    }),
  );
  if (entity.error) return <Notice tone="error">{errorMessage(entity.error)}</Notice>;
  if (!entity.data) return <p className="text-sm text-slate-500">Loading…</p>;
  const e = entity.data;
  const items = events.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_20rem]">
      <div className="space-y-4">
        <div>
          <p className="text-sm text-slate-600">{ENTITY_KIND_LABELS[e.kind]}</p>
          <h1 className="text-2xl font-semibold tracking-tight" dir="auto">
            <Bidi text={e.name} />
          </h1>
          {e.aliases.length > 0 && (
            <p className="mt-1 text-sm text-slate-600" dir="auto">
              Also known as {e.aliases.join(" · ")}
            </p>
          )}
          {e.mergedIntoId && (
            <Notice tone="info" className="mt-2">
              Merged into{" "}
              <Link className="underline" href={`/w/${workspace.slug}/entities/${e.mergedIntoId}`}>
                another entity
              </Link>
              .
            </Notice>
          )}
          {e.sourceCount > 0 && (
            <p className="mt-1 text-sm text-slate-600">
              Publisher of {e.sourceCount} source{e.sourceCount === 1 ? "" : "s"}.
            </p>
          )}
        </div>
        <div className="flex flex-wrap items-baseline justify-between gap-x-4">
          <h2 className="text-lg font-semibold">Events, in date order</h2>
          <Link
            href={`/w/${workspace.slug}/events?entityId=${e.id}`}
            className="text-sm text-brand-700 hover:underline"
          >
            Filter the chronology
          </Link>
          <Link
            href={`/w/${workspace.slug}/timeline?entityId=${e.id}`}
            className="text-sm text-brand-700 hover:underline"
          >
            See them on a timeline
          </Link>
        </div>
        {events.isSuccess && items.length === 0 && <EmptyState title="No events linked yet" />}
        <ol className="space-y-1" aria-label="Events">
          {items.map((ev) => (
            <li key={ev.id}>
              <Link
                href={`/w/${workspace.slug}/events/${ev.id}`}
                className="flex gap-3 rounded px-2 py-1.5 hover:bg-white"
              >
                <span className="w-36 shrink-0 text-sm text-slate-600">{ev.dateText}</span>
                <span className="font-medium" dir="auto">
                  <Bidi text={ev.title} />
                </span>
                {can(workspace.role, "event.readDrafts") && <StatusBadge status={ev.status} />}
              </Link>
            </li>
          ))}
        </ol>
        {events.hasNextPage && (
          <Button variant="secondary" onClick={() => void events.fetchNextPage()}>
            Show more
          </Button>
        )}
      </div>
      {!e.mergedIntoId && (
        <aside className="space-y-4">
          {/* A track record belongs to a person or an organisation; a place is never an origin. */}
          {e.kind !== "PLACE" && (
            <VotePanel target={{ entityId: e.id }} title={`Reliability of ${e.name} as a source`} />
          )}
          {can(workspace.role, "event.readDrafts") && <RecordProposalPanel targetType="ENTITY" targetId={e.id} />}
          {can(workspace.role, "entity.write") && <EntityEditor entity={e} />}
          {can(workspace.role, "entity.write") && (
            <Card
              title="Merge into another entity"
              description="For duplicates: events and sources move over, and this name becomes an alias."
            >
              <label htmlFor="merge-q" className="sr-only">
                Find the entity to keep
              </label>
              <input
                id="merge-q"
                dir="auto"
                placeholder="Find the entity to keep"
                className="w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm"
                value={mergeQ}
                onChange={(ev) => setMergeQ(ev.target.value)}
              />
              <ul className="mt-2 space-y-1 text-sm">
                {candidates.data
                  ?.filter((c) => c.id !== e.id)
                  .map((c) => (
                    <li key={c.id} className="flex items-center justify-between gap-2">
                      <span dir="auto">
                        <Bidi text={c.name} />{" "}
                        <span className="text-xs text-slate-500">{ENTITY_KIND_LABELS[c.kind]}</span>
                      </span>
                      <Button
                        size="sm"
                        variant="secondary"
                        busy={merge.isPending}
                        onClick={() => {
                          if (window.confirm(`Merge “${e.name}” into “${c.name}”?`))
                            merge.mutate({ fromEntityId: e.id, intoEntityId: c.id });
                        }}
                      >
                        Merge
                      </Button>
                    </li>
                  ))}
              </ul>
              {merge.error && (
                <Notice tone="error" className="mt-2">
                  {errorMessage(merge.error)}
                </Notice>
              )}
            </Card>
          )}
        </aside>
      )}
    </div>
  );
}

type EntityFields = { name: string; kind: EntityKind; aliases: string[]; description: string };

/**
 * Edits an entity's name, kind and aliases. When published material shows
 * the entity the save is a proposed change (the server decides): the form
 * then starts from the proposal, and waits while it is under review.
 */
function EntityEditor({ entity }: { entity: EntityFields & { id: string; version: number } }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const review = useQuery(trpc.proposal.get.queryOptions({ targetType: "ENTITY", targetId: entity.id }));
  const update = useMutation(
    trpc.entity.update.mutationOptions({
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries(trpc.entity.pathFilter()),
          queryClient.invalidateQueries(trpc.proposal.pathFilter()),
          queryClient.invalidateQueries(trpc.review.pathFilter()),
        ]),
    }),
  );
  if (!review.data) return null;
  const p = review.data.proposal;
  const start: EntityFields = p?.entity?.proposed ?? entity;
  const version = p?.version ?? entity.version;
  const locked = p?.status === "PENDING";
  return (
    <Card
      title={review.data.reviewed ? "Propose a change" : "Name and aliases"}
      description={
        review.data.reviewed
          ? "Published material shows this entity: your edit waits for a reviewer before viewers see it."
          : undefined
      }
    >
      {locked ? (
        <p className="text-sm text-slate-600">
          A change to this entity is waiting for review. Withdraw it to edit again.
        </p>
      ) : (
        // Keyed by version: after a save or a reload the form starts again from what is current.
        <EntityForm
          key={version}
          start={start}
          busy={update.isPending}
          errors={update.error ? fieldErrors(update.error) : {}}
          submitLabel={review.data.reviewed ? (p ? "Save the proposal" : "Propose the change") : "Save"}
          onSave={(fields) => update.mutate({ entityId: entity.id, version, ...fields })}
        />
      )}
      {update.error && (
        <Notice tone="error" className="mt-3">
          {errorMessage(update.error)}
          {errorCode(update.error) === "CONFLICT" && (
            <button
              type="button"
              className="ml-2 font-medium underline"
              onClick={() => {
                update.reset();
                void queryClient.invalidateQueries(trpc.entity.pathFilter());
                void queryClient.invalidateQueries(trpc.proposal.pathFilter());
              }}
            >
              Load the current version
            </button>
          )}
        </Notice>
      )}
      {update.isSuccess && !locked && (
        <Notice tone="success" className="mt-3">
          {update.data.proposed
            ? "Saved as a proposed change. Submit it for review; viewers keep seeing the current details until a reviewer approves it."
            : "Saved."}
        </Notice>
      )}
    </Card>
  );
}

function EntityForm({
  start,
  busy,
  errors,
  submitLabel,
  onSave,
}: {
  start: EntityFields;
  busy: boolean;
  /** The server's message per field ("name", "aliases"…), shown under the field it is about. */
  errors: Record<string, string>;
  submitLabel: string;
  onSave: (fields: EntityFields) => void;
}) {
  const [name, setName] = useState(start.name);
  const [kind, setKind] = useState<EntityKind>(start.kind);
  const [aliases, setAliases] = useState(start.aliases.join(", "));
  return (
    <form
      aria-label="Entity"
      className="space-y-3"
      onSubmit={(ev) => {
        ev.preventDefault();
        onSave({
          name,
          kind,
          description: start.description,
          aliases: aliases
            .split(",")
            .map((a) => a.trim())
            .filter(Boolean),
        });
      }}
    >
      <label className="block text-sm">
        <span className="font-medium">Name</span>
        <input
          dir="auto"
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={errors.name ? "entity-name-error" : undefined}
          className={`mt-1 w-full rounded-md border px-2 py-1.5 text-sm ${errors.name ? "border-red-500" : "border-slate-300"}`}
          value={name}
          onChange={(ev) => setName(ev.target.value)}
        />
      </label>
      {errors.name && (
        <p id="entity-name-error" role="alert" className="text-xs font-medium text-red-700">
          {errors.name}
        </p>
      )}
      <label className="block text-sm">
        <span className="font-medium">Kind</span>
        <select
          className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm"
          value={kind}
          onChange={(ev) => setKind(ev.target.value as EntityKind)}
        >
          {ENTITY_KINDS.map((k) => (
            <option key={k} value={k}>
              {ENTITY_KIND_LABELS[k]}
            </option>
          ))}
        </select>
      </label>
      <label className="block text-sm">
        <span className="font-medium">Aliases</span>
        <input
          dir="auto"
          className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm"
          value={aliases}
          onChange={(ev) => setAliases(ev.target.value)}
        />
        <span className="text-xs text-slate-600">Other spellings and names, separated by commas.</span>
      </label>
      {Object.entries(errors)
        .filter(([field]) => field.startsWith("aliases"))
        .slice(0, 1)
        .map(([field, message]) => (
          <p key={field} role="alert" className="text-xs font-medium text-red-700">
            Aliases: {message}
          </p>
        ))}
      <Button type="submit" size="sm" busy={busy}>
        {submitLabel}
      </Button>
    </form>
  );
}
