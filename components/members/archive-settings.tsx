"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { MAX_ALLOWED_HOSTS } from "@/server/schemas/archive";
import type { WorkspaceOverview } from "@/components/trpc";
import { errorCode, errorMessage, fieldErrors } from "../errors";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { TextArea } from "../ui/field";
import { Notice } from "../ui/notice";

/**
 * The hosts the server may fetch pages from when members archive a source's
 * address although the host's addresses are private (an intranet, a test
 * server). Everything else private stays refused. A save is based on the
 * version loaded: another admin's newer list is never overwritten, and what
 * was typed stays in the field to be merged by hand.
 */
export function ArchiveSettings({ workspace }: { workspace: WorkspaceOverview }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.workspace.archiveSettings.queryOptions({ workspaceId: workspace.id }));
  // What the admin typed; null until they type, so the saved list shows until then.
  const [draft, setDraft] = useState<string | null>(null);
  const save = useMutation(
    trpc.workspace.updateArchiveSettings.mutationOptions({
      onSuccess: (saved) => {
        queryClient.setQueryData(trpc.workspace.archiveSettings.queryKey({ workspaceId: workspace.id }), saved);
        setDraft(null);
      },
      // Another admin saved first: their list is read again (with its version), and what was typed stays.
      onError: (err) => {
        if (errorCode(err) === "CONFLICT") void settings.refetch();
      },
    }),
  );
  const errors = fieldErrors(save.error);
  const value = draft ?? settings.data?.allowedHosts.join("\n") ?? "";
  return (
    <Card
      title="Web archiving"
      description="Members archive a source's web page from its page. The server refuses private, loopback and link-local addresses unless their host is listed here."
    >
      {settings.error ? (
        <Notice tone="error">{errorMessage(settings.error)}</Notice>
      ) : (
        <form
          aria-label="Allowed hosts"
          className="space-y-3"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!settings.data) return;
            save.mutate({
              workspaceId: workspace.id,
              version: settings.data.version,
              allowedHosts: value
                .split("\n")
                .map((line) => line.trim())
                .filter(Boolean),
            });
          }}
        >
          <TextArea
            label="Hosts the server may fetch from although they are private"
            rows={4}
            spellCheck={false}
            value={value}
            disabled={settings.isPending}
            error={errors.allowedHosts}
            hint={`One per line: a host (intranet.example) or a host and port (10.0.0.5:8080). At most ${MAX_ALLOWED_HOSTS}.`}
            onChange={(e) => setDraft(e.target.value)}
          />
          {save.isSuccess && draft === null && <Notice tone="success">Allowed hosts saved.</Notice>}
          {save.error && !errors.allowedHosts && (
            <Notice tone="error">
              {errorMessage(save.error)}
              {errorCode(save.error) === "CONFLICT" && settings.data && (
                <>
                  {" "}
                  Saved now: {settings.data.allowedHosts.join(", ") || "no hosts"}. Your list is still in the field:
                  save again to replace it.
                </>
              )}
            </Notice>
          )}
          <Button type="submit" variant="secondary" busy={save.isPending} disabled={!settings.data}>
            Save allowed hosts
          </Button>
        </form>
      )}
    </Card>
  );
}
