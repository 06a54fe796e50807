"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Download } from "lucide-react";
import { useState } from "react";
import type { BriefingFigures } from "@/server/schemas/briefing";
import { errorMessage } from "../errors";
import { useTRPC } from "../trpc";
import { Notice } from "../ui/notice";

const LINK =
  "inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm font-medium text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600";

/**
 * The figures the PDF prints, with a preview of the timeline as the server
 * draws it for the PDF (the same SVG), and the figure alone as SVG or PNG.
 * Authors switch figures on and off for the working copy; a publication
 * prints what was approved.
 */
export function FiguresPanel({
  briefingId,
  version,
  figures,
  editable,
  briefingVersion,
}: {
  briefingId: string;
  version: "published" | "working";
  figures: BriefingFigures;
  editable: boolean;
  /** The save the setting is based on (a stale one is refused, as any edit). */
  briefingVersion: number;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [drawable, setDrawable] = useState<boolean | null>(null);
  const set = useMutation(
    trpc.briefing.setFigures.mutationOptions({
      // Awaited, so the mutation stays pending until the page shows the saved setting.
      onSettled: () => queryClient.invalidateQueries(trpc.briefing.get.queryFilter({ id: briefingId })),
    }),
  );
  const href = (format: "svg" | "png") =>
    `/api/briefings/${encodeURIComponent(briefingId)}/export?format=${format}${version === "working" ? "&version=working" : ""}`;
  // While the change is saved (and the briefing read again), the boxes show what was asked for.
  const shown = set.isPending && set.variables ? set.variables.figures : figures;
  const toggle = (kind: keyof BriefingFigures, on: boolean) => {
    // One change at a time: a second would be based on the version the first replaces.
    if (set.isPending) return;
    set.mutate({ id: briefingId, version: briefingVersion, figures: { ...figures, [kind]: on } });
  };

  return (
    <section
      aria-labelledby="figures-heading"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      <h2 id="figures-heading" className="text-sm font-semibold">
        Figures{version === "published" ? " (published version)" : ""}
      </h2>
      {editable ? (
        <fieldset className="space-y-1.5">
          <legend className="sr-only">Figures the PDF prints</legend>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={shown.timeline}
              aria-busy={set.isPending || undefined}
              onChange={(e) => toggle("timeline", e.target.checked)}
            />
            Timeline of the cited events in the PDF
          </label>
          <label className="flex items-center gap-2 text-sm text-slate-500">
            <input
              type="checkbox"
              checked={figures.network}
              disabled
              aria-describedby="figures-network-note"
              readOnly
            />
            Network of the cited entities
          </label>
          <p id="figures-network-note" className="text-xs text-slate-600">
            The network figure can be chosen once the network view is available.
          </p>
        </fieldset>
      ) : (
        <p className="text-sm text-slate-700">
          {figures.timeline ? "The PDF prints a timeline of the cited events." : "The PDF prints no figures."}
        </p>
      )}
      {set.error && <Notice tone="error">{errorMessage(set.error)}</Notice>}
      {drawable !== false && (
        // The server's SVG, exactly as the PDF embeds it.
        <img
          src={href("svg")}
          alt="Timeline of the events this briefing cites"
          className="w-full rounded border border-slate-100"
          data-testid="figure-preview"
          onLoad={() => setDrawable(true)}
          onError={() => setDrawable(false)}
        />
      )}
      {drawable === false ? (
        <p className="text-xs text-slate-600">No dated events are cited yet, so there is no timeline to draw.</p>
      ) : (
        <ul className="flex flex-wrap gap-2">
          {(["svg", "png"] as const).map((f) => (
            <li key={f}>
              <a href={href(f)} className={LINK} download>
                <Download aria-hidden className="size-4" /> Timeline ({f.toUpperCase()})
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
