"use client";
import { MONTHS, type PartialDate } from "@/server/schemas/partial-date";
import { SOURCE_KIND_LABELS, SOURCE_KINDS, type SourceKind } from "@/server/schemas/source";
import { SelectField, TextField } from "../ui/field";

/** A source's details as the add and edit forms hold them (date parts as typed). */
export type SourceMetadataValues = {
  kind: SourceKind;
  title: string;
  publisherName: string;
  author: string;
  pubYear: string;
  pubMonth: string;
  pubDay: string;
  url: string;
  language: string;
};

export function pubDateOf(v: Pick<SourceMetadataValues, "pubYear" | "pubMonth" | "pubDay">): PartialDate | null {
  if (!v.pubYear) return null;
  return {
    year: Number(v.pubYear),
    month: v.pubMonth ? Number(v.pubMonth) : null,
    day: v.pubDay ? Number(v.pubDay) : null,
  };
}

const dateControl = "rounded-md border border-slate-300 px-2 py-2 text-sm";

/** The details fields shared by adding and editing a source. */
export function SourceMetadataFields({
  value,
  onChange,
  errors,
  urlLabel = "Web address",
}: {
  value: SourceMetadataValues;
  onChange: (patch: Partial<SourceMetadataValues>) => void;
  errors: Record<string, string>;
  urlLabel?: string;
}) {
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-[12rem_1fr]">
        <SelectField label="Kind" value={value.kind} onChange={(e) => onChange({ kind: e.target.value as SourceKind })}>
          {SOURCE_KINDS.map((k) => (
            <option key={k} value={k}>
              {SOURCE_KIND_LABELS[k]}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Title"
          value={value.title}
          error={errors.title}
          onChange={(e) => onChange({ title: e.target.value })}
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Publisher"
          hint="An outlet, agency or person; reused if already known (aliases count)."
          value={value.publisherName}
          error={errors.publisherName}
          onChange={(e) => onChange({ publisherName: e.target.value })}
        />
        <TextField
          label="Author"
          value={value.author}
          error={errors.author}
          onChange={(e) => onChange({ author: e.target.value })}
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">Published</legend>
          <div className="mt-1 flex gap-2">
            <input
              aria-label="Publication day"
              placeholder="Day"
              inputMode="numeric"
              className={`${dateControl} w-16`}
              value={value.pubDay}
              onChange={(e) => onChange({ pubDay: e.target.value.replace(/\D/g, "") })}
            />
            <select
              aria-label="Publication month"
              className={dateControl}
              value={value.pubMonth}
              onChange={(e) => onChange({ pubMonth: e.target.value })}
            >
              <option value="">Month</option>
              {MONTHS.map((m, i) => (
                <option key={m} value={i + 1}>
                  {m}
                </option>
              ))}
            </select>
            <input
              aria-label="Publication year"
              placeholder="Year"
              inputMode="numeric"
              className={`${dateControl} w-20`}
              value={value.pubYear}
              onChange={(e) => onChange({ pubYear: e.target.value.replace(/\D/g, "") })}
            />
          </div>
          {errors.pubDate && (
            <p role="alert" className="mt-1 text-xs font-medium text-red-700">
              {errors.pubDate}
            </p>
          )}
        </fieldset>
        <TextField
          label="Language"
          hint="A code such as en, fa, ps or ar."
          value={value.language}
          error={errors.language}
          onChange={(e) => onChange({ language: e.target.value })}
        />
      </div>
      <TextField
        label={urlLabel}
        type="url"
        value={value.url}
        error={errors.url}
        onChange={(e) => onChange({ url: e.target.value })}
      />
    </>
  );
}
