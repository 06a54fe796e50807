"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { WorkspaceOverview } from "@/components/trpc";
import { errorMessage, fieldErrors } from "../errors";
import { useTRPC } from "../trpc";
import { Card } from "../ui/card";
import { Notice } from "../ui/notice";
import { WorkspaceGate } from "../workspace/workspace-gate";
import { emptyEventForm, EventForm, toEventFields, validateEvent } from "./event-form";

export function NewEventPage() {
  return <WorkspaceGate>{(ws) => <NewEvent workspace={ws} />}</WorkspaceGate>;
}

function NewEvent({ workspace }: { workspace: WorkspaceOverview }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [value, setValue] = useState(emptyEventForm);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const create = useMutation(
    trpc.event.create.mutationOptions({
      onSuccess: (e) => router.push(`/w/${workspace.slug}/events/${e.id}`),
      onError: (err) => setErrors(fieldErrors(err)),
    }),
  );
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">New event</h1>
      <Card description="Saved as a draft. It is published only after review.">
        {create.error && (
          <Notice tone="error" className="mb-4">
            {errorMessage(create.error)}
          </Notice>
        )}
        <EventForm
          workspaceId={workspace.id}
          value={value}
          onChange={setValue}
          errors={errors}
          busy={create.isPending}
          submitLabel="Save draft"
          onSubmit={() => {
            const found = validateEvent(value);
            setErrors(found);
            if (Object.keys(found).length === 0) create.mutate({ workspaceId: workspace.id, ...toEventFields(value) });
          }}
        />
      </Card>
    </div>
  );
}
