"use client";
import { useQuery } from "@tanstack/react-query";
import { CONTENT_FIELD_LABELS } from "@/server/schemas/briefing";
import { errorMessage } from "../errors";
import { useTRPC } from "../trpc";
import { Notice } from "../ui/notice";

/** "What changed since the last published version": only the fields that changed, removed text struck through. */
export function BriefingChanges({
  briefingId,
  from = "published",
  to = "working",
  heading = "What changed since the last published version",
}: {
  briefingId: string;
  from?: number | "published";
  to?: number | "working";
  heading?: string;
}) {
  const trpc = useTRPC();
  const diff = useQuery(trpc.briefing.diff.queryOptions({ id: briefingId, from, to }));
  const fields = (diff.data?.fields ?? []).filter((f) => f.changed);
  return (
    <section
      aria-labelledby={`changes-${from}-${to}`}
      className="space-y-3 rounded-lg border border-amber-200 bg-amber-50/60 p-4"
    >
      <h2 id={`changes-${from}-${to}`} className="text-base font-semibold text-slate-900">
        {heading}
      </h2>
      {diff.data && (
        <p className="text-xs text-slate-600">
          {diff.data.from.label} → {diff.data.to.label}
        </p>
      )}
      {diff.error && <Notice tone="error">{errorMessage(diff.error)}</Notice>}
      {diff.isSuccess && fields.length === 0 && <p className="text-sm text-slate-600">No changes to the text.</p>}
      {fields.map((f) => (
        <div key={f.field} className="space-y-1">
          <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-600">
            {CONTENT_FIELD_LABELS[f.field]}
          </h3>
          <p
            className="whitespace-pre-wrap break-words rounded-md bg-white p-3 text-sm leading-relaxed shadow-sm"
            dir="auto"
            data-testid={`diff-${f.field}`}
          >
            {f.parts.map((p, i) =>
              p.added ? (
                <ins key={i} className="bg-emerald-100 text-emerald-900 no-underline">
                  {p.value}
                </ins>
              ) : p.removed ? (
                <del key={i} className="bg-red-100 text-red-800">
                  {p.value}
                </del>
              ) : (
                <span key={i} className="text-slate-700">
                  {p.value}
                </span>
              ),
            )}
          </p>
        </div>
      ))}
    </section>
  );
}
