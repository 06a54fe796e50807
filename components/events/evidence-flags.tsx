import { AlertTriangle, CheckCircle2 } from "lucide-react";
import { EVIDENCE_CHANGE_LABELS } from "@/server/schemas/evidence";
import type { RouterOutputs } from "@/components/trpc";
import { Badge } from "../ui/badge";
import { EvidenceCounts } from "../evidence/evidence-counts";
import { Timestamp } from "../ui/timestamp";

type Warning = RouterOutputs["citation"]["forEvent"]["evidenceWarnings"][number];

/**
 * Why this event's evidence is weaker than when it was written: each change
 * (a source retracted, corrected, disputed or edited after it was quoted, an
 * origin's rating falling) with its reason, note and link, when it happened,
 * and the support before and after. Flags someone marked handled on the
 * Weakened evidence page stay listed, as handled, not as warnings.
 */
export function EvidenceFlags({ warnings }: { warnings: Warning[] }) {
  if (warnings.length === 0) return null;
  const open = warnings.filter((w) => !w.handled);
  return (
    <section
      aria-labelledby="evidence-flags-heading"
      data-testid="evidence-flags"
      className={
        open.length
          ? "space-y-3 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950"
          : "space-y-3 rounded-md border border-slate-200 bg-slate-50 px-4 py-3 text-sm text-slate-800"
      }
    >
      <h2 id="evidence-flags-heading" className="flex items-center gap-1.5 font-semibold">
        {open.length ? (
          <>
            <AlertTriangle aria-hidden className="size-4" /> Evidence weakened
          </>
        ) : (
          <>
            <CheckCircle2 aria-hidden className="size-4" /> Evidence changes, all handled
          </>
        )}
      </h2>
      <ul className="space-y-3">
        {warnings.map((w) => (
          <li key={w.id} data-handled={w.handled ? "true" : undefined} className="space-y-1">
            <p className="flex flex-wrap items-center gap-2">
              <Badge tone={w.handled ? "slate" : "amber"}>{EVIDENCE_CHANGE_LABELS[w.kind]}</Badge>
              {w.handled && <Badge tone="green">Handled</Badge>}
            </p>
            <p dir="auto" className={w.handled ? "text-slate-700" : undefined}>
              {w.reason}
              {w.link && (
                <>
                  {" "}
                  <a href={w.link} rel="noreferrer noopener" className="font-medium underline">
                    Announcement
                  </a>
                </>
              )}
            </p>
            {w.counts && <EvidenceCounts counts={w.counts} />}
            <p className="text-xs">
              Changed <Timestamp at={w.changedAt} />
              {w.handled && (
                <>
                  {" "}
                  · marked handled by <span dir="auto">{w.handled.by}</span>, <Timestamp at={w.handled.at} />
                </>
              )}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
