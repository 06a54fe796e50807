"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { MARKINGS, type Marking } from "@/server/schemas/briefing";
import type { WorkspaceOverview } from "@/components/trpc";
import { errorMessage } from "../errors";
import { useTRPC } from "../trpc";
import { Card } from "../ui/card";
import { Notice } from "../ui/notice";

export function BriefingSettings({ workspace }: { workspace: WorkspaceOverview }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const update = useMutation(
    trpc.workspace.updateBriefingSettings.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.workspace.pathFilter()),
    }),
  );
  return (
    <Card
      title="Briefings"
      description="The handling marking new briefings start with. Authors can still choose another for each briefing."
    >
      <label className="flex items-center gap-3 text-sm">
        <span>Default marking</span>
        <select
          className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
          value={workspace.defaultMarking}
          disabled={update.isPending}
          onChange={(e) => update.mutate({ workspaceId: workspace.id, defaultMarking: e.target.value as Marking })}
        >
          {MARKINGS.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </label>
      {update.isSuccess && !update.isPending && (
        <Notice tone="success" className="mt-2">
          Saved: new briefings start as {update.data.defaultMarking}.
        </Notice>
      )}
      {update.error && (
        <Notice tone="error" className="mt-2">
          {errorMessage(update.error)}
        </Notice>
      )}
    </Card>
  );
}
