"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { FolderOpen } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { ROLE_LABELS } from "@/server/policy";
import { createWorkspaceSchema } from "@/server/schemas/workspace";
import { errorMessage } from "../errors";
import { useTRPC } from "../trpc";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Card, EmptyState } from "../ui/card";
import { TextArea, TextField } from "../ui/field";
import { Notice } from "../ui/notice";

type Values = z.input<typeof createWorkspaceSchema>;

export function WorkspaceList() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const workspaces = useQuery(trpc.workspace.list.queryOptions());
  const create = useMutation(
    trpc.workspace.create.mutationOptions({
      onSuccess: async (ws) => {
        await queryClient.invalidateQueries(trpc.workspace.list.queryFilter());
        router.push(`/w/${ws.slug}`);
      },
    }),
  );
  const form = useForm<Values>({
    resolver: zodResolver(createWorkspaceSchema),
    defaultValues: { name: "", description: "" },
  });

  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_22rem]">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Your workspaces</h1>
        <p className="mt-1 text-sm text-slate-600">
          Each workspace is one dossier: its own members, chronology, sources and briefings.
        </p>
        <div className="mt-6 space-y-3">
          {workspaces.isPending && <p className="text-sm text-slate-500">Loading…</p>}
          {workspaces.error && <Notice tone="error">{errorMessage(workspaces.error)}</Notice>}
          {workspaces.data?.length === 0 && (
            <EmptyState title="You are not in any workspace yet">
              Ask a workspace admin for an invitation link, or start a workspace of your own with the form on this page.
            </EmptyState>
          )}
          {workspaces.data?.map((w) => (
            <Link
              key={w.id}
              href={`/w/${w.slug}`}
              className="flex items-start gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-600"
            >
              <FolderOpen aria-hidden className="mt-0.5 size-5 text-brand-600" />
              <div className="min-w-0 flex-1">
                <div className="flex items-center gap-2">
                  <span className="font-medium text-slate-900" dir="auto">
                    {w.name}
                  </span>
                  <Badge tone="blue">{ROLE_LABELS[w.role]}</Badge>
                </div>
                {w.description && (
                  <p className="mt-1 line-clamp-2 text-sm text-slate-600" dir="auto">
                    {w.description}
                  </p>
                )}
              </div>
            </Link>
          ))}
        </div>
      </div>
      <Card title="Start a workspace" description="You become its admin and can invite your team.">
        <form
          className="space-y-4"
          noValidate
          onSubmit={form.handleSubmit((v) => create.mutate({ name: v.name, description: v.description ?? "" }))}
        >
          {create.error && <Notice tone="error">{errorMessage(create.error)}</Notice>}
          <TextField
            label="Name"
            placeholder="e.g. Sahel armed groups"
            error={form.formState.errors.name?.message}
            {...form.register("name")}
          />
          <TextArea
            label="What is it about? (optional)"
            rows={3}
            error={form.formState.errors.description?.message}
            {...form.register("description")}
          />
          <Button type="submit" busy={create.isPending}>
            Create workspace
          </Button>
        </form>
      </Card>
    </div>
  );
}
