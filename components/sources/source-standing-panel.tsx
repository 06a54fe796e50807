"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import {
  MAX_STANDING_NOTE,
  SOURCE_STANDING_LABELS,
  SOURCE_STANDINGS,
  type SourceStanding,
} from "@/server/schemas/evidence";
import type { RouterOutputs } from "@/components/trpc";
import { errorMessage, fieldErrors } from "../errors";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { SelectField, TextArea, TextField } from "../ui/field";
import { Notice } from "../ui/notice";

/**
 * Whether the source was retracted, corrected or disputed, for every reader;
 * contributors mark it here (the events and briefings relying on it are then
 * flagged in the background).
 */
export function SourceStandingPanel({ source }: { source: RouterOutputs["source"]["get"] }) {
  const [open, setOpen] = useState(false);
  const s = source.standing;
  if (!s && !source.canCite) return null;
  const current = { standing: s?.kind ?? null, note: s?.note ?? "", link: s?.link ?? null, version: source.version };
  return (
    <section aria-label="Source standing" className="space-y-2">
      {s && (
        <div role="note" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          <p className="font-semibold">{SOURCE_STANDING_LABELS[s.kind]}</p>
          {s.note && (
            <p dir="auto" className="whitespace-pre-line">
              {s.note}
            </p>
          )}
          {s.link && (
            <a href={s.link} rel="noreferrer noopener" className="font-medium underline">
              Announcement
            </a>
          )}
        </div>
      )}
      {source.canCite &&
        (open ? (
          <StandingForm sourceId={source.id} current={current} onDone={() => setOpen(false)} />
        ) : (
          <Button variant="secondary" size="sm" onClick={() => setOpen(true)}>
            {s ? "Change retraction mark" : "Mark retracted, corrected or disputed"}
          </Button>
        ))}
    </section>
  );
}

function StandingForm({
  sourceId,
  current,
  onDone,
}: {
  sourceId: string;
  current: { standing: SourceStanding | null; note: string; link: string | null; version: number };
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [standing, setStanding] = useState<SourceStanding | "">(current.standing ?? "RETRACTED");
  const [note, setNote] = useState(current.note);
  const [link, setLink] = useState(current.link ?? "");
  const save = useMutation(
    trpc.source.setStanding.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.source.get.pathFilter());
        onDone();
      },
    }),
  );
  const errors = fieldErrors(save.error);
  return (
    <form
      aria-label="Mark the source"
      className="space-y-3 rounded-md border border-slate-200 bg-white p-3"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ sourceId, version: current.version, standing: standing || null, note, link });
      }}
    >
      <SelectField
        label="Standing"
        value={standing}
        onChange={(e) => setStanding(e.target.value as SourceStanding | "")}
      >
        {SOURCE_STANDINGS.map((v) => (
          <option key={v} value={v}>
            {SOURCE_STANDING_LABELS[v]}
          </option>
        ))}
        <option value="">Not retracted, corrected or disputed</option>
      </SelectField>
      <TextArea
        label="Note"
        value={note}
        maxLength={MAX_STANDING_NOTE}
        rows={3}
        error={errors.note}
        onChange={(e) => setNote(e.target.value)}
      />
      <TextField
        label="Link to the announcement"
        type="url"
        value={link}
        error={errors.link}
        onChange={(e) => setLink(e.target.value)}
      />
      <div className="flex gap-2">
        <Button type="submit" size="sm" busy={save.isPending}>
          Save
        </Button>
        <Button type="button" size="sm" variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
      {save.error && !errors.note && !errors.link && <Notice tone="error">{errorMessage(save.error)}</Notice>}
    </form>
  );
}
