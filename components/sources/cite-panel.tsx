"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { STANCE_LABELS, STANCES, type Stance } from "@/server/schemas/citation";
import { eventFieldsSchema } from "@/server/schemas/event";
import type { EventDateInput, PartialDate } from "@/server/schemas/partial-date";
import type { WorkspaceOverview } from "@/components/trpc";
import { DateFields } from "../events/date-fields";
import { errorMessage } from "../errors";
import { validate } from "../forms/validate";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { TextField } from "../ui/field";
import { Notice } from "../ui/notice";
import { Bidi } from "../ui/bidi";

/** Cites the selected passage on a new draft event or on an existing one. */
export function CitePanel({
  workspace,
  sourceId,
  text,
  passage,
  pubDate,
  onDone,
  onCancel,
}: {
  workspace: WorkspaceOverview;
  sourceId: string;
  text: string;
  passage: { start: number; end: number };
  /** The source's own date: what it reports happened then or shortly before, so the new event starts there. */
  pubDate: PartialDate | null;
  onDone: () => void;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const quote = text.slice(passage.start, passage.end);
  const [stance, setStance] = useState<Stance>("SUPPORTS");
  const [target, setTarget] = useState<"new" | "existing">("new");
  const [title, setTitle] = useState("");
  // The month of publication, not its day: a report rarely appears on the day of what it reports.
  // Without a date on the source the year stays empty rather than guessed.
  const [date, setDate] = useState<EventDateInput>({
    start: pubDate
      ? { year: pubDate.year, month: pubDate.month ?? null, day: null }
      : { year: NaN, month: null, day: null },
    end: null,
    qualifier: "EXACT",
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [q, setQ] = useState("");
  const [eventId, setEventId] = useState<string | null>(null);
  const matches = useQuery(
    trpc.event.list.queryOptions(
      { workspaceId: workspace.id, text: q.trim(), limit: 8, order: "recent" },
      { enabled: target === "existing" && q.trim().length > 1 },
    ),
  );
  const base = { sourceId, stance, startOffset: passage.start, endOffset: passage.end, quote, note: "" };
  const queryClient = useQueryClient();
  // Citations show on the source, the event, the lists and search: all of them refetch.
  const refresh = () =>
    Promise.all(
      [trpc.source, trpc.event, trpc.citation, trpc.search].map((r) => queryClient.invalidateQueries(r.pathFilter())),
    );
  const withEvent = useMutation(
    trpc.citation.createWithEvent.mutationOptions({
      onSuccess: async (r) => {
        await refresh();
        router.push(`/w/${workspace.slug}/events/${r.event.id}`);
      },
    }),
  );
  const onExisting = useMutation(
    trpc.citation.create.mutationOptions({
      onSuccess: async () => {
        await refresh();
        onDone();
      },
    }),
  );
  const error = withEvent.error ?? onExisting.error;

  const submit = () => {
    if (target === "new") {
      const fields = { title, summary: "", date, tags: [], entities: [] };
      const found = validate(eventFieldsSchema, fields);
      setErrors(found);
      if (Object.keys(found).length) return;
      withEvent.mutate({ ...base, event: fields });
    } else if (eventId) {
      onExisting.mutate({ ...base, eventId });
    } else {
      setErrors({ event: "Choose the event to cite this on" });
    }
  };

  return (
    <section
      aria-label="Cite this passage"
      className="space-y-4 rounded-lg border-2 border-brand-600 bg-white p-4 shadow-md"
    >
      <h2 className="text-sm font-semibold">Cite this passage</h2>
      <blockquote
        className="max-h-40 overflow-auto border-l-4 border-brand-100 pl-3 text-sm italic text-slate-800"
        dir="auto"
        data-testid="selected-quote"
      >
        <Bidi text={quote} />
      </blockquote>
      <fieldset>
        <legend className="text-xs font-medium text-slate-700">The passage…</legend>
        <div className="mt-1 flex gap-3 text-sm">
          {STANCES.map((s) => (
            <label key={s} className="flex items-center gap-1">
              <input type="radio" name="stance" value={s} checked={stance === s} onChange={() => setStance(s)} />{" "}
              {STANCE_LABELS[s].toLowerCase()}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend className="text-xs font-medium text-slate-700">…the event</legend>
        <div className="mt-1 flex gap-3 text-sm">
          <label className="flex items-center gap-1">
            <input type="radio" name="target" checked={target === "new"} onChange={() => setTarget("new")} /> new event
          </label>
          <label className="flex items-center gap-1">
            <input type="radio" name="target" checked={target === "existing"} onChange={() => setTarget("existing")} />{" "}
            existing event
          </label>
        </div>
      </fieldset>
      {target === "new" ? (
        <div className="space-y-3">
          <TextField
            label="Event title"
            value={title}
            error={errors.title}
            onChange={(e) => setTitle(e.target.value)}
          />
          <DateFields value={date} onChange={setDate} error={errors.date} />
        </div>
      ) : (
        <div className="space-y-2">
          <TextField
            label="Find the event"
            value={q}
            onChange={(e) => {
              setQ(e.target.value);
              setEventId(null);
            }}
            error={errors.event}
          />
          <ul className="max-h-48 space-y-1 overflow-auto text-sm">
            {matches.data?.items.map((e) => (
              <li key={e.id}>
                <label className="flex cursor-pointer items-baseline gap-2 rounded px-1 py-0.5 hover:bg-slate-50">
                  <input type="radio" name="event" checked={eventId === e.id} onChange={() => setEventId(e.id)} />
                  <span dir="auto">
                    <Bidi text={e.title} />
                  </span>
                  <span className="text-xs text-slate-500">{e.dateText}</span>
                </label>
              </li>
            ))}
            {matches.data?.items.length === 0 && <li className="text-xs text-slate-500">No event matches.</li>}
          </ul>
        </div>
      )}
      {error && <Notice tone="error">{errorMessage(error)}</Notice>}
      <div className="flex gap-2">
        <Button onClick={submit} busy={withEvent.isPending || onExisting.isPending}>
          Cite
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </section>
  );
}
