"use client";
import { useId, useState } from "react";
import {
  CONFIDENCE_LABELS,
  CONTENT_FIELD_LABELS,
  CONTENT_FIELDS,
  PROBABILITY_LABELS,
  type BriefingContent,
  type ContentField,
  type KeyJudgment,
} from "@/server/schemas/briefing";
import { TextDiff } from "../history/field-diff";
import { Button } from "../ui/button";
import { sameField } from "./use-autosave";

const EDITABLE = new Set<ContentField>(["title", "summary", "body"]);
type Choice = "mine" | "theirs" | "edit";

const judgmentsText = (list: KeyJudgment[]) =>
  list
    .map(
      (j, i) =>
        `${i + 1}. ${j.statement} — ${PROBABILITY_LABELS[j.probability].term}; ${CONFIDENCE_LABELS[j.confidence]}; ${j.eventIds.length + j.sourceIds.length} supporting`,
    )
    .join("\n");
const asText = (c: BriefingContent, f: ContentField) =>
  f === "keyJudgments" ? judgmentsText(c.keyJudgments) : String(c[f]);

/**
 * Someone saved while you were writing: for each field that differs, keep
 * yours, take theirs, or edit a combination. Your text stays on screen (and in
 * this browser's storage) until you choose.
 */
export function MergeView({
  mine,
  theirs,
  message,
  onResolve,
}: {
  mine: BriefingContent;
  theirs: BriefingContent;
  message: string;
  onResolve: (merged: BriefingContent) => void;
}) {
  const id = useId();
  const fields = CONTENT_FIELDS.filter((f) => !sameField(mine, theirs, f));
  const [choices, setChoices] = useState<Record<string, Choice>>(() =>
    Object.fromEntries(fields.map((f) => [f, "mine"])),
  );
  const [edits, setEdits] = useState<Record<string, string>>(() =>
    Object.fromEntries(fields.filter((f) => EDITABLE.has(f)).map((f) => [f, asText(mine, f)])),
  );

  const merged = (): BriefingContent => {
    const out: BriefingContent = { ...theirs };
    for (const f of fields) {
      const c = choices[f];
      if (c === "mine") Object.assign(out, { [f]: mine[f] });
      else if (c === "edit") Object.assign(out, { [f]: edits[f] });
    }
    return out;
  };

  return (
    <section
      aria-labelledby={`${id}-h`}
      className="space-y-4 rounded-lg border-2 border-amber-400 bg-amber-50 p-4"
      data-testid="merge-view"
    >
      <div>
        <h2 id={`${id}-h`} className="text-lg font-semibold text-slate-900">
          Someone else saved this briefing while you were writing
        </h2>
        <p className="mt-1 text-sm text-slate-800">
          {message} Nothing you wrote is lost: choose, field by field, what to keep.
        </p>
      </div>
      {fields.length === 0 && <p className="text-sm">Their version matches yours.</p>}
      {fields.map((f) => (
        <fieldset key={f} className="space-y-2 rounded-md border border-amber-200 bg-white p-3">
          <legend className="px-1 text-sm font-semibold">{CONTENT_FIELD_LABELS[f]}</legend>
          <div className="grid gap-3 md:grid-cols-2">
            <div>
              <p className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-600">Theirs (saved)</p>
              <pre
                className="max-h-48 overflow-auto whitespace-pre-wrap break-words rounded border border-slate-200 bg-slate-50 p-2 font-sans text-sm"
                dir="auto"
                data-testid={`theirs-${f}`}
              >
                {asText(theirs, f) || "—"}
              </pre>
            </div>
            <div>
              <p className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-600">Yours (not saved)</p>
              <pre
                className="max-h-48 overflow-auto whitespace-pre-wrap break-words rounded border border-brand-100 bg-brand-50 p-2 font-sans text-sm"
                dir="auto"
                data-testid={`mine-${f}`}
              >
                {asText(mine, f) || "—"}
              </pre>
            </div>
          </div>
          <details className="text-sm">
            <summary className="cursor-pointer text-xs font-medium text-brand-700">Show the differences</summary>
            <div className="mt-1 max-h-48 overflow-auto rounded border border-slate-200 p-2">
              <TextDiff before={asText(theirs, f)} after={asText(mine, f)} />
            </div>
          </details>
          <div
            role="radiogroup"
            aria-label={`Which ${CONTENT_FIELD_LABELS[f].toLowerCase()} to keep`}
            className="flex flex-wrap gap-4 text-sm"
          >
            {(["mine", "theirs", ...(EDITABLE.has(f) ? ["edit" as const] : [])] as Choice[]).map((c) => (
              <label key={c} className="inline-flex items-center gap-1.5">
                <input
                  type="radio"
                  name={`${id}-${f}`}
                  checked={choices[f] === c}
                  onChange={() => setChoices({ ...choices, [f]: c })}
                  className="size-4 accent-brand-600"
                />
                {c === "mine" ? "Keep mine" : c === "theirs" ? "Take theirs" : "Edit a combination"}
              </label>
            ))}
          </div>
          {choices[f] === "edit" && (
            <label className="block text-xs font-medium text-slate-700">
              Combined {CONTENT_FIELD_LABELS[f].toLowerCase()}
              <textarea
                dir="auto"
                rows={f === "body" ? 10 : 3}
                value={edits[f]}
                onChange={(e) => setEdits({ ...edits, [f]: e.target.value })}
                className="mt-1 block w-full rounded-md border border-slate-300 p-2 font-mono text-[13px] focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30"
              />
            </label>
          )}
        </fieldset>
      ))}
      <Button onClick={() => onResolve(merged())}>Save with these choices</Button>
    </section>
  );
}
