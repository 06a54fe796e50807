"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { can } from "@/server/policy";
import { eventTitleSchema } from "@/server/schemas/event";
import type { WorkspaceOverview } from "@/server/services/workspace-service";
import { errorMessage, fieldErrors } from "../errors";
import { useTRPC } from "../trpc";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Card, EmptyState } from "../ui/card";
import { TextArea, TextField } from "../ui/field";
import { Notice } from "../ui/notice";

const formSchema = z.object({ title: eventTitleSchema, summary: z.string().trim().max(20_000, "Use at most 20,000 characters") });
type Values = z.input<typeof formSchema>;

const STATUS = {
  DRAFT: { label: "Draft", tone: "slate" },
  PENDING: { label: "Pending review", tone: "amber" },
  PUBLISHED: { label: "Published", tone: "green" },
  REJECTED: { label: "Rejected", tone: "red" },
} as const;

export function EventPanel({ workspace }: { workspace: WorkspaceOverview }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [composing, setComposing] = useState(false);
  const canCreate = can(workspace.role, "event.create");
  const events = useInfiniteQuery(
    trpc.event.list.infiniteQueryOptions(
      { workspaceId: workspace.id, limit: 25 },
      { getNextPageParam: (last) => last.nextCursor },
    ),
  );
  const form = useForm<Values>({ resolver: zodResolver(formSchema), defaultValues: { title: "", summary: "" } });
  const create = useMutation(
    trpc.event.create.mutationOptions({
      onSuccess: async () => {
        form.reset();
        setComposing(false);
        await Promise.all([
          queryClient.invalidateQueries(trpc.event.list.pathFilter()),
          queryClient.invalidateQueries(trpc.workspace.bySlug.pathFilter()),
        ]);
      },
      onError: (err) => {
        for (const [name, message] of Object.entries(fieldErrors(err))) {
          if (name === "title" || name === "summary") form.setError(name, { message });
        }
      },
    }),
  );
  const items = events.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Card
      title="Events"
      description={canCreate ? "Newest first. Drafts stay visible to analysts until they are reviewed and published." : "Published events of this workspace."}
      actions={
        canCreate && !composing ? (
          <Button onClick={() => setComposing(true)}>
            <Plus aria-hidden className="size-4" /> New event
          </Button>
        ) : null
      }
    >
      {composing && (
        <form
          aria-label="New event"
          className="mb-6 space-y-4 rounded-md border border-slate-200 bg-slate-50 p-4"
          noValidate
          onSubmit={form.handleSubmit((v) => create.mutate({ workspaceId: workspace.id, title: v.title, summary: v.summary }))}
        >
          {create.error && <Notice tone="error">{errorMessage(create.error)}</Notice>}
          <TextField label="Title" autoFocus error={form.formState.errors.title?.message} {...form.register("title")} />
          <TextArea label="Summary" rows={3} hint="Markdown. Say what happened, in your own words." error={form.formState.errors.summary?.message} {...form.register("summary")} />
          <div className="flex gap-2">
            <Button type="submit" busy={create.isPending}>Save draft</Button>
            <Button variant="secondary" onClick={() => { setComposing(false); form.reset(); create.reset(); }}>Cancel</Button>
          </div>
        </form>
      )}
      {events.error && <Notice tone="error">{errorMessage(events.error)}</Notice>}
      {events.isPending && <p className="text-sm text-slate-500">Loading…</p>}
      {events.isSuccess && items.length === 0 && (
        <EmptyState title={canCreate ? "No events yet" : "Nothing published yet"}>
          {canCreate
            ? "Add the first event: something that happened, with a date, that your sources describe."
            : "Events appear here once analysts have written them and a reviewer has published them."}
        </EmptyState>
      )}
      {items.length > 0 && (
        <ul className="divide-y divide-slate-100" aria-label="Events">
          {items.map((e) => (
            <li key={e.id} className="py-3">
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-medium text-slate-900" dir="auto">{e.title}</span>
                <Badge tone={STATUS[e.status].tone}>{STATUS[e.status].label}</Badge>
              </div>
              {e.summary && <p className="mt-1 line-clamp-2 text-sm text-slate-600" dir="auto">{e.summary}</p>}
              <p className="mt-1 text-xs text-slate-500">by {e.createdBy.name}</p>
            </li>
          ))}
        </ul>
      )}
      {events.hasNextPage && (
        <Button variant="secondary" className="mt-4" busy={events.isFetchingNextPage} onClick={() => void events.fetchNextPage()}>
          Show more
        </Button>
      )}
    </Card>
  );
}
