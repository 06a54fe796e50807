"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Download } from "lucide-react";
import { useState } from "react";
import { FIGURE_KINDS, type BriefingFigures, type FigureKind } from "@/server/schemas/briefing";
import { errorMessage } from "../errors";
import { useTRPC } from "../trpc";
import { usePendingSetting } from "../ui/use-pending-setting";
import { Notice } from "../ui/notice";

const LINK =
  "inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm font-medium text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600";

/**
 * The figures the PDF prints (a timeline of the cited events, a network of the
 * entities they name), each with a preview as the server draws it for the PDF
 * (the same SVG), and the figure alone as SVG or PNG.
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
  const set = useMutation(
    trpc.briefing.setFigures.mutationOptions({
      // Awaited, so the save settles only once the page shows the saved setting.
      onSettled: () => queryClient.invalidateQueries(trpc.briefing.get.queryFilter({ id: briefingId })),
    }),
  );
  const href = (kind: FigureKind, format: "svg" | "png") =>
    `/api/briefings/${encodeURIComponent(briefingId)}/export?format=${format}&figure=${kind}${version === "working" ? "&version=working" : ""}`;
  const setting = usePendingSetting(figures, (next) =>
    set.mutateAsync({ id: briefingId, version: briefingVersion, figures: next }),
  );
  const printed = FIGURE_KINDS.filter((kind) => figures[kind]).map((kind) => FIGURE_TEXT[kind].printed);

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
          {FIGURE_KINDS.map((kind) => (
            <label key={kind} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={setting.shown[kind]}
                aria-busy={setting.busy || undefined}
                disabled={setting.busy}
                onChange={(e) => setting.change({ ...figures, [kind]: e.target.checked })}
              />
              {FIGURE_TEXT[kind].label}
            </label>
          ))}
        </fieldset>
      ) : (
        <p className="text-sm text-slate-700">
          {printed.length ? `The PDF prints ${printed.join(" and ")}.` : "The PDF prints no figures."}
        </p>
      )}
      {set.error && <Notice tone="error">{errorMessage(set.error)}</Notice>}
      {FIGURE_KINDS.map((kind) => (
        <FigurePreview key={kind} kind={kind} href={(format) => href(kind, format)} />
      ))}
    </section>
  );
}

const FIGURE_TEXT: Record<FigureKind, { label: string; printed: string; alt: string; nothing: string; name: string }> =
  {
    timeline: {
      label: "Timeline of the cited events in the PDF",
      printed: "a timeline of the cited events",
      alt: "Timeline of the events this briefing cites",
      nothing: "No dated events are cited yet, so there is no timeline to draw.",
      name: "Timeline",
    },
    network: {
      label: "Network of the people, organisations and places the cited events name",
      printed: "a network of the entities the cited events name",
      alt: "Network of the entities the events this briefing cites name",
      nothing: "The cited events name no people, organisations or places yet, so there is no network to draw.",
      name: "Network",
    },
  };

/** One figure as the server draws it for the PDF (the same SVG), and the figure alone as SVG or PNG. */
function FigurePreview({ kind, href }: { kind: FigureKind; href: (format: "svg" | "png") => string }) {
  const [drawable, setDrawable] = useState<boolean | null>(null);
  const text = FIGURE_TEXT[kind];
  return (
    <div className="space-y-2" data-testid={`figure-${kind}`}>
      {drawable !== false && (
        <img
          src={href("svg")}
          alt={text.alt}
          className="w-full rounded border border-slate-100"
          data-testid={kind === "timeline" ? "figure-preview" : `figure-preview-${kind}`}
          onLoad={() => setDrawable(true)}
          onError={() => setDrawable(false)}
        />
      )}
      {drawable === false ? (
        <p className="text-xs text-slate-600">{text.nothing}</p>
      ) : (
        <ul className="flex flex-wrap gap-2">
          {(["svg", "png"] as const).map((f) => (
            <li key={f}>
              <a href={href(f)} className={LINK} download>
                <Download aria-hidden className="size-4" /> {text.name} ({f.toUpperCase()})
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
