"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { WorkspaceOverview } from "@/components/trpc";
import { errorMessage } from "../errors";
import { useTRPC } from "../trpc";
import { Card } from "../ui/card";
import { Notice } from "../ui/notice";
import { usePendingSetting } from "../ui/use-pending-setting";

export function ReviewSettings({ workspace }: { workspace: WorkspaceOverview }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const update = useMutation(
    trpc.review.updateSettings.mutationOptions({
      // Awaited, so the save settles only once the page shows the saved setting.
      onSettled: () => queryClient.invalidateQueries(trpc.workspace.pathFilter()),
    }),
  );
  const setting = usePendingSetting<1 | 2>(workspace.requiredApprovals === 2 ? 2 : 1, (n) =>
    update.mutateAsync({ workspaceId: workspace.id, requiredApprovals: n }),
  );
  return (
    <Card
      title="Review"
      description="How many reviewers, other than the authors, must approve before something is published."
    >
      <fieldset className="flex gap-6 text-sm">
        <legend className="sr-only">Approvals needed to publish</legend>
        {([1, 2] as const).map((n) => (
          <label key={n} className="flex items-center gap-2">
            <input
              type="radio"
              name="requiredApprovals"
              checked={setting.shown === n}
              aria-busy={setting.busy || undefined}
              disabled={setting.busy}
              onChange={() => setting.change(n)}
            />
            {n === 1 ? "One approval" : "Two approvals"}
          </label>
        ))}
      </fieldset>
      {update.isSuccess && !update.isPending && (
        <Notice tone="success" className="mt-2">
          Saved: {update.data.requiredApprovals === 1 ? "one approval" : "two approvals"} needed to publish.
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
