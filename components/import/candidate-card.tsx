"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState } from "react";
import { eventFieldsSchema } from "@/server/schemas/event";
import { precisionLabel, ROLE_BY_KIND, type CandidateEntity } from "@/server/schemas/import";
import type { EventDateInput } from "@/server/schemas/partial-date";
import type { RouterOutputs } from "@/components/trpc";

type CandidateView = RouterOutputs["import"]["candidates"]["items"][number];
import type { WorkspaceOverview } from "@/components/trpc";
import { errorMessage } from "../errors";
import { DateFields } from "../events/date-fields";
import { validate } from "../forms/validate";
import { useTRPC } from "../trpc";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { TextArea, TextField } from "../ui/field";
import { Notice } from "../ui/notice";
import { CANDIDATE_STATUS_LABELS, CANDIDATE_STATUS_TONES } from "./job-status";
import { Passage } from "./passage";

const KIND_LABELS: Record<CandidateEntity["kind"], string> = {
  PERSON: "person",
  ORGANIZATION: "organisation",
  PLACE: "place",
  OTHER: "name",
};
const LONG_PASSAGE = 700;
// A blank year: the analyst sets the date of a candidate the importer could not place.
const UNDATED: EventDateInput = { start: { year: Number.NaN }, qualifier: "EXACT" };

type Props = {
  workspace: WorkspaceOverview;
  candidate: CandidateView;
  selected: boolean;
  onSelect: (on: boolean) => void;
  onDecided: () => unknown;
};

export function CandidateCard({ workspace, candidate: c, selected, onSelect, onDecided }: Props) {
  const trpc = useTRPC();
  const id = useId();
  const [title, setTitle] = useState(c.title);
  const [editing, setEditing] = useState(false);
  const [date, setDate] = useState<EventDateInput>(c.date ?? UNDATED);
  // A STIX report brings its summary; a passage found in a document has none to offer.
  const [summary, setSummary] = useState(c.summary);
  const [formErrors, setFormErrors] = useState<Record<string, string>>({});
  const [createNames, setCreateNames] = useState<Set<string>>(new Set());
  const [choosing, setChoosing] = useState(false);
  const options = { onSuccess: () => onDecided() };
  const accept = useMutation(trpc.import.accept.mutationOptions(options));
  const merge = useMutation(trpc.import.merge.mutationOptions(options));
  const dismiss = useMutation(trpc.import.dismiss.mutationOptions(options));
  const error = accept.error ?? merge.error ?? dismiss.error;
  const busy = accept.isPending || merge.isPending || dismiss.isPending;
  const pending = c.status === "PENDING";
  const known = c.entities.filter((e) => e.entityId);
  const fresh = c.entities.filter((e) => !e.entityId);
  const links = known.map((e) => ({ entityId: e.entityId!, role: ROLE_BY_KIND[e.kind] }));
  // Matches the analyst may want to check: the text spells the name another way.
  const explained = known.filter((e) => e.why && e.why !== "its name in the workspace");

  const doAccept = (edited: boolean) => {
    const event = edited
      ? { title, summary, tags: c.tags, date, entities: links }
      : title !== c.title
        ? { title, summary: c.summary, tags: c.tags, date: c.date ?? UNDATED, entities: links }
        : undefined;
    if (event) {
      const found = validate(eventFieldsSchema, event);
      setFormErrors(found);
      if (Object.keys(found).length) return;
    }
    accept.mutate({ candidateId: c.id, version: c.version, event, createEntities: [...createNames] });
  };

  return (
    <article
      aria-labelledby={`${id}-title`}
      className={cn(
        "rounded-lg border bg-white p-4 shadow-sm",
        selected ? "border-brand-600 ring-2 ring-brand-600/20" : "border-slate-200",
        !pending && "opacity-90",
      )}
      data-testid="candidate"
    >
      <div className="flex flex-wrap items-start gap-3">
        {pending && (
          <input
            type="checkbox"
            className="mt-1.5 size-4"
            checked={selected}
            onChange={(e) => onSelect(e.target.checked)}
            aria-label={`Select “${c.title}”`}
          />
        )}
        <div className="min-w-0 flex-1 space-y-3">
          <div className="flex flex-wrap items-center gap-2 text-sm">
            {c.date ? (
              <>
                <span className="font-semibold text-slate-900" title="As parsed">
                  {c.parsedDateText}
                </span>
                <span className="text-slate-600">
                  written “<span dir="auto">{c.dateText}</span>”
                </span>
                <Badge>{precisionLabel(c.date)}</Badge>
              </>
            ) : (
              <>
                <Badge tone="amber">date not placed</Badge>
                <span className="text-slate-700">
                  written “<span dir="auto">{c.dateText}</span>”, with nothing in the document to count from: set the
                  date when accepting
                </span>
              </>
            )}
            <Badge tone={CANDIDATE_STATUS_TONES[c.status]}>{CANDIDATE_STATUS_LABELS[c.status]}</Badge>
          </div>
          <h3 id={`${id}-title`} className="sr-only">
            {c.title}
          </h3>
          {pending ? (
            <TextField
              label="Proposed title"
              value={title}
              error={formErrors.title}
              onChange={(e) => setTitle(e.target.value)}
            />
          ) : (
            <p className="text-base font-medium text-slate-900" dir="auto">
              {c.title}
            </p>
          )}
          {c.passages.length > 1 ? (
            <section aria-label="Passages" className="space-y-2">
              <p className="text-xs font-medium text-slate-600">
                Told {c.passages.length} times in this document; accepting or merging cites each passage.
              </p>
              <ol className="space-y-2">
                {c.passages.map((p) => (
                  <li key={p.startOffset}>
                    <PassageBlock text={p.text} dateText={p.dateText} />
                  </li>
                ))}
              </ol>
            </section>
          ) : (
            c.passages.map((p) => <PassageBlock key={p.startOffset} text={p.text} dateText={p.dateText} />)
          )}
          <p className="text-xs text-slate-600">
            From{" "}
            <Link className="underline" href={`/w/${workspace.slug}/sources/${c.source.id}`} dir="auto">
              {c.source.title}
            </Link>
            {c.source.urls.length > 0 && (
              <>
                {" "}
                ·{" "}
                {c.source.urls.map((u) => (
                  <span key={u} className="ml-1 break-all text-slate-500">
                    {u}
                  </span>
                ))}
              </>
            )}
          </p>
          {c.entities.length > 0 && (
            <div className="flex flex-wrap items-center gap-1.5 text-sm" aria-label="Recognised names">
              {known.map((e) => (
                <span
                  key={e.entityId}
                  className="inline-flex items-center gap-1 rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-800 ring-1 ring-inset ring-brand-100"
                  title={e.why ? `Known ${KIND_LABELS[e.kind]}: ${e.why}` : `Known ${KIND_LABELS[e.kind]}`}
                >
                  <span className="sr-only">Known: </span>
                  <span dir="auto">{e.name}</span>
                </span>
              ))}
              {fresh.map((e) => (
                <label
                  key={e.name}
                  className="inline-flex items-center gap-1 rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-900 ring-1 ring-inset ring-amber-200"
                  title={`New ${KIND_LABELS[e.kind]}: tick to add it as an entity when accepting`}
                >
                  {pending && (
                    <input
                      type="checkbox"
                      className="size-3"
                      checked={createNames.has(e.name)}
                      onChange={(ev) => {
                        const next = new Set(createNames);
                        if (ev.target.checked) next.add(e.name);
                        else next.delete(e.name);
                        setCreateNames(next);
                      }}
                      aria-label={`Add “${e.name}” as a new ${KIND_LABELS[e.kind]} when accepting`}
                    />
                  )}
                  <span dir="auto">{e.name}</span> <span className="text-amber-800">(new {KIND_LABELS[e.kind]})</span>
                </label>
              ))}
            </div>
          )}
          {explained.length > 0 && (
            <ul aria-label="Why these names matched" className="space-y-0.5 text-xs text-slate-600">
              {explained.map((e) => (
                <li key={e.entityId}>
                  <span className="font-medium text-slate-800" dir="auto">
                    {e.name}
                  </span>{" "}
                  — <span dir="auto">{e.why}</span>
                </li>
              ))}
            </ul>
          )}
          {c.similarEvent && (
            <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700">
              {c.updatesSimilarEvent ? "Accepting updates " : c.similarity === 1 ? "Already cited on " : "Looks like "}
              <Link
                className="font-medium text-brand-800 underline"
                href={`/w/${workspace.slug}/events/${c.similarEvent.id}`}
                dir="auto"
              >
                {c.similarEvent.title}
              </Link>{" "}
              ({c.similarEvent.dateText}
              {c.similarity != null && c.similarity < 1 ? `, similarity ${Math.round(c.similarity * 100)}%` : ""})
              {c.updatesSimilarEvent &&
                " with what the bundle says of it; a published event changes only through review."}
            </p>
          )}
          {c.event && !pending && (
            <p className="text-sm text-slate-700">
              {c.status === "MERGED" ? "Cited on " : "Became "}
              <Link
                className="font-medium text-brand-800 underline"
                href={`/w/${workspace.slug}/events/${c.event.id}`}
                dir="auto"
              >
                {c.event.title}
              </Link>
            </p>
          )}
          {error && <Notice tone="error">{errorMessage(error)}</Notice>}
          {editing && pending && (
            <div className="space-y-3 rounded-md border border-slate-200 p-3">
              <DateFields value={date} onChange={setDate} error={formErrors.date} />
              <TextArea
                label="Summary (optional)"
                value={summary}
                error={formErrors.summary}
                onChange={(e) => setSummary(e.target.value)}
              />
              <div className="flex gap-2">
                <Button size="sm" busy={accept.isPending} onClick={() => doAccept(true)}>
                  Accept as edited
                </Button>
                <Button size="sm" variant="ghost" onClick={() => setEditing(false)}>
                  Cancel
                </Button>
              </div>
            </div>
          )}
          {choosing && pending && (
            <MergeChooser
              workspace={workspace}
              onChoose={(eventId) => merge.mutate({ candidateId: c.id, version: c.version, eventId })}
              onCancel={() => setChoosing(false)}
            />
          )}
          {pending && !editing && (
            <div className="flex flex-wrap gap-2">
              <Button
                size="sm"
                busy={accept.isPending}
                disabled={busy}
                // Without a date there is nothing to accept as proposed: the date is set first.
                onClick={() => (c.date ? doAccept(false) : setEditing(true))}
              >
                {c.updatesSimilarEvent ? "Accept update" : "Accept"}
              </Button>
              <Button size="sm" variant="secondary" disabled={busy} onClick={() => setEditing(true)}>
                Edit then accept
              </Button>
              {c.similarEvent && (
                <Button
                  size="sm"
                  variant="secondary"
                  busy={merge.isPending}
                  disabled={busy}
                  onClick={() => merge.mutate({ candidateId: c.id, version: c.version, eventId: c.similarEvent!.id })}
                >
                  Merge into suggested event
                </Button>
              )}
              <Button size="sm" variant="secondary" disabled={busy} onClick={() => setChoosing(true)}>
                Merge into…
              </Button>
              <Button
                size="sm"
                variant="ghost"
                busy={dismiss.isPending}
                disabled={busy}
                onClick={() => dismiss.mutate({ candidateId: c.id, version: c.version })}
              >
                Dismiss
              </Button>
            </div>
          )}
        </div>
      </div>
    </article>
  );
}

/** Finds an existing event by words of its title to add the passage to. */
function MergeChooser({
  workspace,
  onChoose,
  onCancel,
}: {
  workspace: WorkspaceOverview;
  onChoose: (eventId: string) => void;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const [q, setQ] = useState("");
  const events = useQuery(
    trpc.event.list.queryOptions(
      { workspaceId: workspace.id, text: q.trim() || undefined, limit: 8, order: "recent" },
      { enabled: q.trim().length >= 2 },
    ),
  );
  return (
    <div className="space-y-2 rounded-md border border-slate-200 p-3">
      <TextField
        label="Merge into which event?"
        placeholder="Type words of its title"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        autoFocus
      />
      {events.data && events.data.items.length === 0 && <p className="text-sm text-slate-600">No event matches.</p>}
      <ul className="space-y-1">
        {events.data?.items.map((e) => (
          <li key={e.id}>
            <button
              type="button"
              className="w-full rounded-md px-2 py-1.5 text-left text-sm hover:bg-slate-50 focus:bg-slate-50"
              onClick={() => onChoose(e.id)}
            >
              <span className="font-medium" dir="auto">
                {e.title}
              </span>{" "}
              <span className="text-slate-500">{e.dateText}</span>
            </button>
          </li>
        ))}
      </ul>
      <Button size="sm" variant="ghost" onClick={onCancel}>
        Cancel
      </Button>
    </div>
  );
}

/** One passage, folded when long. */
function PassageBlock({ text, dateText }: { text: string; dateText: string }) {
  if (text.length <= LONG_PASSAGE) return <Passage text={text} dateText={dateText} />;
  return (
    <details>
      <summary className="cursor-pointer text-sm text-slate-700">
        <Passage text={`${text.slice(0, LONG_PASSAGE)}…`} dateText={dateText} />
        <span className="mt-1 inline-block text-xs font-medium text-brand-700 underline">
          Show the whole passage ({text.length.toLocaleString()} characters)
        </span>
      </summary>
      <div className="mt-2">
        <Passage text={text} dateText={dateText} />
      </div>
    </details>
  );
}
