"use client";
import { useEffect, useId, useRef, useState } from "react";
import {
  DATE_QUALIFIERS,
  describeEventDate,
  eventDateSchema,
  MONTHS,
  type DateQualifier,
  type EventDateInput,
} from "@/server/schemas/partial-date";
import { useTypedDate } from "./typed-date";

type PartialDateInput = EventDateInput["start"];

const QUALIFIER_LABELS: Record<DateQualifier, string> = {
  EXACT: "On",
  CIRCA: "About",
  BEFORE: "Before",
  AFTER: "After",
};

const input =
  "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30";

function toNumber(v: string): number | null {
  return v === "" ? null : Number(v);
}

function PartialDateFields({
  label,
  value,
  onChange,
  idPrefix,
}: {
  label: string;
  value: PartialDateInput;
  onChange: (v: PartialDateInput) => void;
  idPrefix: string;
}) {
  return (
    <fieldset className="flex flex-wrap items-end gap-2">
      <legend className="sr-only">{label}</legend>
      <div>
        <label htmlFor={`${idPrefix}-day`} className="block text-xs text-slate-600">
          Day
        </label>
        <input
          id={`${idPrefix}-day`}
          aria-label={`${label} day`}
          inputMode="numeric"
          className={`${input} w-16`}
          value={value.day ?? ""}
          placeholder="–"
          onChange={(e) => onChange({ ...value, day: toNumber(e.target.value.replace(/\D/g, "")) })}
        />
      </div>
      <div>
        <label htmlFor={`${idPrefix}-month`} className="block text-xs text-slate-600">
          Month
        </label>
        <select
          id={`${idPrefix}-month`}
          aria-label={`${label} month`}
          className={`${input} w-36`}
          value={value.month ?? ""}
          onChange={(e) => onChange({ ...value, month: toNumber(e.target.value) })}
        >
          <option value="">–</option>
          {MONTHS.map((m, i) => (
            <option key={m} value={i + 1}>
              {m}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${idPrefix}-year`} className="block text-xs text-slate-600">
          Year
        </label>
        <input
          id={`${idPrefix}-year`}
          aria-label={`${label} year`}
          inputMode="numeric"
          className={`${input} w-20`}
          value={Number.isNaN(value.year) || !value.year ? "" : value.year}
          onChange={(e) => onChange({ ...value, year: Number(e.target.value.replace(/\D/g, "")) })}
        />
      </div>
    </fieldset>
  );
}

/** How the date in the fields reads, or null while it is incomplete. */
function understoodValue(value: EventDateInput): string | null {
  const parsed = eventDateSchema.safeParse(value);
  return parsed.success ? describeEventDate(parsed.data) : null;
}

/**
 * A date as analysts write it: typed in words and read the way the importer
 * reads documents, or set in the fields (leave the day or month empty for
 * less precision, add an end for a range, and say "about", "before" or
 * "after"). How it reads is shown before saving.
 */
export function DateFields({
  value,
  onChange,
  error,
}: {
  value: EventDateInput;
  onChange: (v: EventDateInput) => void;
  error?: string;
}) {
  const id = useId();
  const isRange = value.end != null;
  const [typed, setTyped] = useState("");
  const read = useTypedDate(typed);
  const applied = useRef<string | null>(null);
  // A typed date that reads fills the fields once; the fields stay editable after.
  useEffect(() => {
    if (!read.date || applied.current === typed.trim()) return;
    applied.current = typed.trim();
    onChange({ ...read.date, end: read.date.end ?? null });
  }, [read.date, typed, onChange]);
  const reads = understoodValue(value);
  return (
    <div className="space-y-2" role="group" aria-labelledby={`${id}-label`}>
      <span id={`${id}-label`} className="block text-sm font-medium text-slate-800">
        Date
      </span>
      <div>
        <label htmlFor={`${id}-typed`} className="block text-xs text-slate-600">
          Type the date as the sources write it
        </label>
        <input
          id={`${id}-typed`}
          className={`${input} mt-0.5 w-full max-w-sm`}
          placeholder="March 2011, c. 2015, late 1990s, 2011–2012…"
          aria-describedby={`${id}-reads`}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
        />
        {read.unreadable && (
          <p className="mt-1 text-xs font-medium text-amber-800">
            “{typed.trim()}” is not a date we can read. Try “March 2011”, “c. 2015” or “before January 2016”, or set the
            fields below.
          </p>
        )}
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor={`${id}-q`} className="block text-xs text-slate-600">
            Certainty
          </label>
          <select
            id={`${id}-q`}
            aria-label="Date qualifier"
            className={`${input} w-28`}
            value={value.qualifier ?? "EXACT"}
            onChange={(e) => onChange({ ...value, qualifier: e.target.value as DateQualifier })}
          >
            {DATE_QUALIFIERS.map((q) => (
              <option key={q} value={q}>
                {QUALIFIER_LABELS[q]}
              </option>
            ))}
          </select>
        </div>
        <PartialDateFields
          label="Start"
          idPrefix={`${id}-start`}
          value={value.start}
          onChange={(start) => onChange({ ...value, start })}
        />
        {isRange && (
          <>
            <span className="pb-2 text-slate-500">to</span>
            <PartialDateFields
              label="End"
              idPrefix={`${id}-end`}
              value={value.end!}
              onChange={(end) => onChange({ ...value, end })}
            />
          </>
        )}
        <button
          type="button"
          className="pb-2 text-sm font-medium text-brand-700 underline"
          onClick={() => onChange({ ...value, end: isRange ? null : { year: value.start.year } })}
        >
          {isRange ? "Single date" : "Make it a range"}
        </button>
      </div>
      <p className="text-xs text-slate-600">Leave the day or the month empty when the sources do not say.</p>
      <p id={`${id}-reads`} className="text-sm text-slate-800" aria-live="polite" data-testid="date-understood">
        {reads ? (
          <>
            Understood as <strong className="font-semibold">{reads}</strong>
          </>
        ) : (
          <span className="text-slate-600">Give at least a year.</span>
        )}
      </p>
      {error && (
        <p role="alert" className="text-xs font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
