"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { createWorkspaceSchema } from "@/server/schemas/workspace";
import type { WorkspaceOverview } from "@/components/trpc";
import { errorMessage, fieldErrors } from "../errors";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { TextArea, TextField } from "../ui/field";
import { Notice } from "../ui/notice";

type Values = z.input<typeof createWorkspaceSchema>;

/** The workspace's name and description, as its admins keep them. The address (slug) stays as it was made. */
export function WorkspaceSettings({ workspace }: { workspace: WorkspaceOverview }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm<Values>({
    resolver: zodResolver(createWorkspaceSchema),
    values: { name: workspace.name, description: workspace.description },
  });
  const update = useMutation(
    trpc.workspace.update.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.workspace.pathFilter()),
    }),
  );
  const serverErrors = fieldErrors(update.error);
  return (
    <Card title="Workspace" description="Its name and what it is about, as members see them.">
      <form
        aria-label="Workspace details"
        className="space-y-4"
        noValidate
        onSubmit={form.handleSubmit((v) =>
          update.mutate({ workspaceId: workspace.id, name: v.name, description: v.description ?? "" }),
        )}
      >
        <TextField
          label="Workspace name"
          error={form.formState.errors.name?.message ?? serverErrors.name}
          {...form.register("name")}
        />
        <TextArea
          label="What is it about?"
          rows={3}
          error={form.formState.errors.description?.message ?? serverErrors.description}
          {...form.register("description")}
        />
        {update.isSuccess && <Notice tone="success">Workspace details saved.</Notice>}
        {update.error && !Object.keys(serverErrors).length && (
          <Notice tone="error">{errorMessage(update.error)}</Notice>
        )}
        <Button type="submit" variant="secondary" busy={update.isPending}>
          Save details
        </Button>
      </form>
    </Card>
  );
}
