"use client";
import { useState, type ReactNode } from "react";
import { eventFieldsSchema, type EventFieldsInput } from "@/server/schemas/event";
import type { EventDateInput } from "@/server/schemas/partial-date";
import { EntityPicker, type PickedEntity } from "../entities/entity-picker";
import { Button } from "../ui/button";
import { TextArea, TextField } from "../ui/field";
import { Markdown } from "../ui/markdown";
import { validate } from "../forms/validate";
import { DateFields } from "./date-fields";

export type EventFormValues = {
  title: string;
  summary: string;
  date: EventDateInput;
  tags: string;
  entities: PickedEntity[];
};

export const emptyEventForm = (): EventFormValues => ({
  title: "",
  summary: "",
  date: { start: { year: new Date().getUTCFullYear(), month: null, day: null }, end: null, qualifier: "EXACT" },
  tags: "",
  entities: [],
});

export function toEventFields(v: EventFormValues): EventFieldsInput {
  return {
    title: v.title,
    summary: v.summary,
    date: v.date,
    tags: v.tags
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean),
    entities: v.entities.map((e) => ({ entityId: e.entityId, role: e.role, placePrecision: e.placePrecision ?? null })),
  };
}

/** Field errors from the shared schema, keyed by the form's field names. */
export function validateEvent(v: EventFormValues): Record<string, string> {
  return validate(eventFieldsSchema, toEventFields(v));
}

export function EventForm({
  workspaceId,
  value,
  onChange,
  onSubmit,
  submitLabel,
  busy,
  errors,
  extra,
}: {
  workspaceId: string;
  value: EventFormValues;
  onChange: (v: EventFormValues) => void;
  onSubmit: () => void;
  submitLabel: string;
  busy?: boolean;
  errors: Record<string, string>;
  extra?: ReactNode;
}) {
  const [preview, setPreview] = useState(false);
  return (
    <form
      aria-label="Event"
      className="space-y-5"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <TextField
        label="Title"
        value={value.title}
        error={errors.title}
        onChange={(e) => onChange({ ...value, title: e.target.value })}
      />
      <DateFields value={value.date} onChange={(date) => onChange({ ...value, date })} error={errors.date} />
      <div>
        <div className="-mb-5 flex justify-end">
          <button
            type="button"
            className="relative z-10 text-xs font-medium text-brand-700 underline"
            onClick={() => setPreview((p) => !p)}
          >
            {preview ? "Back to editing" : "Preview the summary"}
          </button>
        </div>
        {preview ? (
          <div className="mt-6 min-h-24 rounded-md border border-slate-200 bg-white p-3" aria-label="Summary preview">
            <Markdown source={value.summary || "_Nothing yet._"} />
          </div>
        ) : (
          <TextArea
            label="Summary (Markdown)"
            className="min-h-32"
            hint="What happened, in your own words. Markdown: **bold**, _italic_, lists, links."
            value={value.summary}
            error={errors.summary}
            onChange={(e) => onChange({ ...value, summary: e.target.value })}
          />
        )}
      </div>
      <TextField
        label="Tags"
        hint="Separate tags with commas."
        value={value.tags}
        error={errors.tags}
        onChange={(e) => onChange({ ...value, tags: e.target.value })}
      />
      <EntityPicker
        workspaceId={workspaceId}
        value={value.entities}
        onChange={(entities) => onChange({ ...value, entities })}
      />
      {errors.entities && (
        <p role="alert" className="text-xs font-medium text-red-700">
          {errors.entities}
        </p>
      )}
      {extra}
      <Button type="submit" busy={busy}>
        {submitLabel}
      </Button>
    </form>
  );
}
