"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useParams, useRouter } from "next/navigation";
import { useState } from "react";
import { formatEventDate } from "@/server/schemas/partial-date";
import type { WorkspaceOverview } from "@/components/trpc";
import { errorCode, errorMessage, fieldErrors } from "../errors";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { Notice } from "../ui/notice";
import { WorkspaceGate } from "../workspace/workspace-gate";
import { PresenceNotice } from "../live/presence";
import { EventForm, toEventFields, validateEvent, type EventFormValues } from "./event-form";

export function EditEventPage() {
  return <WorkspaceGate>{(ws) => <EditEvent workspace={ws} />}</WorkspaceGate>;
}

/** What event.getForEdit returns, as far as the form needs it. */
type Loaded = {
  version: number;
  title: string;
  summary: string;
  tags: string[];
  date: EventFormValues["date"];
  entities: { entityId: string; role: "ACTOR" | "PLACE" | "OTHER"; placePrecision?: string | null }[];
  entityNames: Record<string, { name: string; kind: string }>;
};

function toForm(e: Loaded): EventFormValues {
  return {
    title: e.title,
    summary: e.summary,
    date: e.date,
    tags: e.tags.join(", "),
    entities: e.entities.map((l) => ({
      entityId: l.entityId,
      role: l.role,
      placePrecision: (l.placePrecision ?? null) as EventFormValues["entities"][number]["placePrecision"],
      name: e.entityNames[l.entityId]?.name ?? "?",
      kind: e.entityNames[l.entityId]?.kind ?? "OTHER",
    })),
  };
}

const FIELDS = ["title", "date", "summary", "tags", "entities"] as const;
type Field = (typeof FIELDS)[number];
const FIELD_LABELS: Record<Field, string> = {
  title: "Title",
  date: "Date",
  summary: "Summary",
  tags: "Tags",
  entities: "Entities",
};

function fieldValue(v: EventFormValues, f: Field): string {
  const fields = toEventFields(v);
  return JSON.stringify(
    f === "date"
      ? { ...fields.date, end: fields.date.end ?? null, qualifier: fields.date.qualifier ?? "EXACT" }
      : fields[f],
  );
}

function show(v: EventFormValues, f: Field): string {
  if (f === "date") return formatEventDate(v.date);
  if (f === "entities") return v.entities.map((e) => `${e.name} (${e.role.toLowerCase()})`).join(", ") || "—";
  return (v[f] as string) || "—";
}

/**
 * Editing with no lost work: a save based on an old version is refused by the
 * server, and the two versions are shown side by side so the editor picks,
 * field by field, what the merged event keeps.
 */
function EditEvent({ workspace }: { workspace: WorkspaceOverview }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { eventId } = useParams<{ eventId: string }>();
  const loaded = useQuery(
    trpc.event.getForEdit.queryOptions({ eventId }, { staleTime: Infinity, refetchOnWindowFocus: false }),
  );
  const [value, setValue] = useState<EventFormValues | null>(null);
  const [base, setBase] = useState<{ version: number; form: EventFormValues } | null>(null);
  const [theirs, setTheirs] = useState<{ version: number; form: EventFormValues; by?: string } | null>(null);
  const [choice, setChoice] = useState<Partial<Record<Field, "mine" | "theirs">>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});

  if (loaded.data && !base) {
    const form = toForm(loaded.data);
    setBase({ version: loaded.data.version, form });
    setValue(form);
  }

  const save = useMutation(
    trpc.event.update.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.event.pathFilter());
        await queryClient.invalidateQueries(trpc.history.pathFilter());
        router.push(`/w/${workspace.slug}/events/${eventId}`);
      },
      onError: async (err) => {
        setErrors(fieldErrors(err));
        if (errorCode(err) === "CONFLICT") {
          const fresh = await queryClient.fetchQuery(trpc.event.getForEdit.queryOptions({ eventId }, { staleTime: 0 }));
          const form = toForm(fresh);
          setTheirs({ version: fresh.version, form });
          const defaults: Partial<Record<Field, "mine" | "theirs">> = {};
          for (const f of FIELDS) {
            if (fieldValue(form, f) !== fieldValue(value!, f))
              defaults[f] = base && fieldValue(base.form, f) !== fieldValue(value!, f) ? "mine" : "theirs";
          }
          setChoice(defaults);
        }
      },
    }),
  );

  if (loaded.error) return <Notice tone="error">{errorMessage(loaded.error)}</Notice>;
  if (!value || !base) return <p className="text-sm text-slate-500">Loading…</p>;
  if (loaded.data?.locked) {
    return (
      <div className="mx-auto max-w-3xl">
        <Notice tone="info">
          This event is waiting for review. Withdraw the submission on the event page to edit it again.
        </Notice>
      </div>
    );
  }

  const submit = (form: EventFormValues, version: number) => {
    const found = validateEvent(form);
    setErrors(found);
    if (Object.keys(found).length === 0) save.mutate({ eventId, version, ...toEventFields(form) });
  };

  if (theirs) {
    const differing = FIELDS.filter((f) => fieldValue(theirs.form, f) !== fieldValue(value, f));
    const merged: EventFormValues = { ...value };
    for (const f of FIELDS) if (choice[f] === "theirs") (merged as Record<Field, unknown>)[f] = theirs.form[f];
    return (
      <div className="mx-auto max-w-4xl space-y-4">
        <h1 className="text-2xl font-semibold tracking-tight">Someone else saved this event first</h1>
        <Notice tone="info">
          Nothing was overwritten. For each field that differs, choose which version to keep, then save the merged
          event.
        </Notice>
        <div role="table" aria-label="Merge" className="overflow-hidden rounded-lg border border-slate-200 bg-white">
          <div
            role="row"
            className="grid grid-cols-[8rem_1fr_1fr] border-b border-slate-200 bg-slate-50 text-xs font-semibold uppercase tracking-wide text-slate-600"
          >
            <span role="columnheader" className="p-3">
              Field
            </span>
            <span role="columnheader" className="p-3">
              Their version (saved)
            </span>
            <span role="columnheader" className="p-3">
              Your version
            </span>
          </div>
          {differing.length === 0 && <p className="p-3 text-sm text-slate-600">Your changes are the same as theirs.</p>}
          {differing.map((f) => (
            <div role="row" key={f} className="grid grid-cols-[8rem_1fr_1fr] border-b border-slate-100 last:border-0">
              <span role="rowheader" className="p-3 text-sm font-medium">
                {FIELD_LABELS[f]}
              </span>
              {(["theirs", "mine"] as const).map((side) => (
                <label
                  key={side}
                  role="cell"
                  className={`flex cursor-pointer gap-2 p-3 text-sm ${choice[f] === side ? "bg-brand-50" : ""}`}
                >
                  <input
                    type="radio"
                    name={`merge-${f}`}
                    aria-label={`Keep ${side === "mine" ? "your" : "their"} ${FIELD_LABELS[f].toLowerCase()}`}
                    checked={choice[f] === side}
                    onChange={() => setChoice({ ...choice, [f]: side })}
                  />
                  <span className="whitespace-pre-wrap break-words" dir="auto">
                    {show(side === "mine" ? value : theirs.form, f)}
                  </span>
                </label>
              ))}
            </div>
          ))}
        </div>
        {save.error && errorCode(save.error) !== "CONFLICT" && <Notice tone="error">{errorMessage(save.error)}</Notice>}
        <div className="flex gap-2">
          <Button
            busy={save.isPending}
            onClick={() => {
              setBase({ version: theirs.version, form: theirs.form });
              setValue(merged);
              setTheirs(null);
              submit(merged, theirs.version);
            }}
          >
            Save merged version
          </Button>
          <Button
            variant="secondary"
            onClick={() => {
              setBase({ version: theirs.version, form: theirs.form });
              setValue(merged);
              setTheirs(null);
            }}
          >
            Keep editing the merge
          </Button>
        </div>
      </div>
    );
  }

  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">Edit event</h1>
      <PresenceNotice target={{ workspaceId: workspace.id, targetType: "event", targetId: eventId }} editing />
      {loaded.data?.editing === "proposal" && (
        <Notice tone="info">
          This event is published. Your changes are saved as a proposed change: viewers keep seeing the published
          version until a reviewer approves it.
        </Notice>
      )}
      <Card
        description={`Editing version ${base.version}. If someone saves in the meantime, you will be asked to merge.`}
      >
        {save.error && errorCode(save.error) !== "CONFLICT" && (
          <Notice tone="error" className="mb-4">
            {errorMessage(save.error)}
          </Notice>
        )}
        <EventForm
          workspaceId={workspace.id}
          value={value}
          onChange={setValue}
          errors={errors}
          busy={save.isPending}
          submitLabel="Save"
          onSubmit={() => submit(value, base.version)}
        />
      </Card>
    </div>
  );
}
