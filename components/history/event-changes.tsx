import { Fragment } from "react";
import { STANCE_LABELS, type Stance } from "@/server/schemas/citation";
import { CHANGE_LABELS, type CitedLine, type EventChange } from "@/server/schemas/event-changes";
import { TextDiff } from "./field-diff";

/**
 * The fields of an event that changed, named: text as a word diff; entities,
 * places and tags as what was added and what was removed; citations by quote
 * and source. With `isNew` (nothing to compare with) values are listed plainly.
 * Shared by the review queue, the proposal box and the history.
 */
export function EventChangeList({
  changes,
  isNew = false,
  className = "",
}: {
  changes: EventChange[];
  isNew?: boolean;
  className?: string;
}) {
  if (changes.length === 0) return <p className="mt-2 text-sm text-slate-600">No field changed.</p>;
  return (
    <dl className={`grid grid-cols-[5.5rem_1fr] gap-x-3 gap-y-2 ${className}`} data-testid="event-changes">
      {changes.map((c) => (
        <Fragment key={c.field}>
          <dt className="pt-0.5 text-xs font-semibold uppercase tracking-wide text-slate-600">
            {CHANGE_LABELS[c.field]}
          </dt>
          <dd className="min-w-0" data-field={c.field}>
            <ChangeValue change={c} isNew={isNew} />
          </dd>
        </Fragment>
      ))}
    </dl>
  );
}

function ChangeValue({ change: c, isNew }: { change: EventChange; isNew: boolean }) {
  if (c.kind === "text")
    return c.before === null ? (
      <p className="line-clamp-3 whitespace-pre-wrap text-sm" dir="auto">
        {c.after || "—"}
      </p>
    ) : (
      <TextDiff before={c.before} after={c.after} />
    );
  if (c.kind === "set") {
    if (isNew)
      return (
        <p className="text-sm">
          <Names names={c.added} tone="plain" />
        </p>
      );
    return (
      <div className="space-y-1 text-sm">
        {c.added.length > 0 && (
          <p>
            <span className="mr-1.5 text-xs font-medium text-emerald-800">Added</span>
            <Names names={c.added} tone="added" />
          </p>
        )}
        {c.removed.length > 0 && (
          <p>
            <span className="mr-1.5 text-xs font-medium text-red-800">Removed</span>
            <Names names={c.removed} tone="removed" />
          </p>
        )}
      </div>
    );
  }
  return (
    <div className="space-y-1.5 text-sm">
      {c.added.map((l, i) => (
        <CitedChange key={`a${i}`} line={l} added />
      ))}
      {c.removed.map((l, i) => (
        <CitedChange key={`r${i}`} line={l} added={false} />
      ))}
    </div>
  );
}

/** A list of names, each isolated so a Persian name cannot reorder the commas around it. */
function Names({ names, tone }: { names: string[]; tone: "plain" | "added" | "removed" }) {
  return (
    <span className="inline">
      {names.map((n, i) => (
        <Fragment key={n}>
          {i > 0 && ", "}
          {tone === "added" ? (
            <ins className="rounded-sm bg-emerald-100 px-0.5 text-emerald-900 no-underline">
              <bdi>{n}</bdi>
            </ins>
          ) : tone === "removed" ? (
            <del className="rounded-sm bg-red-100 px-0.5 text-red-800">
              <bdi>{n}</bdi>
            </del>
          ) : (
            <bdi>{n}</bdi>
          )}
        </Fragment>
      ))}
    </span>
  );
}

function CitedChange({ line, added }: { line: CitedLine; added: boolean }) {
  const stance = STANCE_LABELS[line.stance as Stance] ?? line.stance;
  return (
    <p className={`rounded-md border-l-4 py-0.5 pl-2 ${added ? "border-emerald-500" : "border-red-400"}`}>
      <span className={`text-xs font-medium ${added ? "text-emerald-800" : "text-red-800"}`}>
        {added ? "Added" : "Removed"} · {stance.toLowerCase()}
      </span>{" "}
      {added ? (
        <q dir="auto">{line.quote}</q>
      ) : (
        <del className="text-red-800">
          <q dir="auto">{line.quote}</q>
        </del>
      )}{" "}
      <span className="text-xs text-slate-600">
        — <bdi>{line.sourceTitle}</bdi>
      </span>
    </p>
  );
}
