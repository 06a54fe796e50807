"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { AlertTriangle, CheckCircle2 } from "lucide-react";
import { useState } from "react";
import { MAX_CORRECTION } from "@/server/schemas/evidence";
import type { RouterOutputs } from "@/components/trpc";
import { errorMessage } from "../errors";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { TextArea } from "../ui/field";
import { Notice } from "../ui/notice";

type Briefing = RouterOutputs["briefing"]["get"];

const day = (d: Date) =>
  new Date(d).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/**
 * What changed in the evidence a published briefing relies on since it was
 * approved (what, when, why), and the correction its authors published, for
 * every reader; its authors also write the correction here, which goes
 * through review like any revision.
 */
export function EvidenceBanner({ briefing }: { briefing: Briefing }) {
  const evidence = briefing.evidence;
  if (!evidence) return null;
  const open = evidence.changes.filter((c) => c.sinceApproval);
  return (
    <section
      aria-labelledby="evidence-banner-title"
      className={
        open.length
          ? "space-y-2 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950"
          : "space-y-2 rounded-md border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-950"
      }
    >
      {evidence.correction && (
        <div>
          <h2
            id={open.length ? undefined : "evidence-banner-title"}
            className="flex items-center gap-1.5 font-semibold"
          >
            <CheckCircle2 aria-hidden className="size-4" /> Corrected on {day(evidence.correction.date)}
          </h2>
          <p dir="auto" className="mt-1 whitespace-pre-line">
            {evidence.correction.text}
          </p>
        </div>
      )}
      {open.length > 0 && (
        <div>
          <h2 id="evidence-banner-title" className="flex items-center gap-1.5 font-semibold">
            <AlertTriangle aria-hidden className="size-4" /> Evidence changed since this briefing was approved
          </h2>
          <ul className="mt-1 list-disc space-y-1 pl-5">
            {open.map((c) => (
              <li key={c.id}>
                <span dir="auto">{c.reason}</span> <span className="text-amber-900">({day(c.at)})</span>
                {c.link && (
                  <>
                    {" "}
                    <a href={c.link} rel="noreferrer noopener" className="font-medium underline">
                      Announcement
                    </a>
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      {!evidence.correction && open.length === 0 && (
        <h2 id="evidence-banner-title" className="font-semibold">
          Evidence changes recorded
        </h2>
      )}
      {briefing.canCorrect && open.length > 0 && <CorrectionForm briefing={briefing} />}
    </section>
  );
}

function CorrectionForm({ briefing }: { briefing: Briefing }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [text, setText] = useState(briefing.correctionDraft ?? "");
  const save = useMutation(
    trpc.briefing.writeCorrection.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.briefing.get.queryFilter({ id: briefing.id })),
    }),
  );
  const saved = briefing.correctionDraft && briefing.correctionDraft === text;
  return (
    <form
      className="space-y-2 border-t border-amber-200 pt-2"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ id: briefing.id, version: briefing.version, text });
      }}
    >
      <TextArea
        label="Correction notice"
        hint="Published with the next approved version, dated the day it is approved. Submit it for review below."
        value={text}
        maxLength={MAX_CORRECTION}
        rows={3}
        onChange={(e) => setText(e.target.value)}
      />
      <div className="flex items-center gap-2">
        <Button type="submit" size="sm" busy={save.isPending} disabled={!text.trim() || Boolean(saved)}>
          Save correction
        </Button>
        {saved && <span className="text-xs">Saved in the working copy.</span>}
      </div>
      {save.error && <Notice tone="error">{errorMessage(save.error)}</Notice>}
    </form>
  );
}
