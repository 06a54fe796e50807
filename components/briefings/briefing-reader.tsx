import { CONFIDENCE_LABELS, PROBABILITY_LABELS, type BriefingContent } from "@/server/schemas/briefing";
import { CitedMarkdown, numberPlain, ReferenceList, type Reference } from "./references";

/** A briefing as its readers see it: summary, key judgments, body with numbered citations, references. */
export function BriefingReader({
  content,
  refs,
  workspaceSlug,
  anchorPrefix,
}: {
  content: BriefingContent;
  refs: Reference[];
  workspaceSlug: string;
  anchorPrefix: string;
}) {
  const byKey = new Map(refs.map((r) => [`${r.kind}:${r.id}`, r]));
  return (
    <div className="space-y-8">
      {content.summary.trim() && (
        <section aria-labelledby={`${anchorPrefix}-summary`}>
          <h2
            id={`${anchorPrefix}-summary`}
            className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-600"
          >
            Summary
          </h2>
          <CitedMarkdown body={content.summary} refs={refs} anchorPrefix={anchorPrefix} />
        </section>
      )}
      {content.keyJudgments.length > 0 && (
        <section aria-labelledby={`${anchorPrefix}-kj`}>
          <h2 id={`${anchorPrefix}-kj`} className="mb-3 text-sm font-semibold uppercase tracking-wide text-slate-600">
            Key judgments
          </h2>
          <ol className="space-y-3">
            {content.keyJudgments.map((kj, i) => {
              const cites = [
                ...kj.eventIds.map((id) => byKey.get(`event:${id}`)),
                ...kj.sourceIds.map((id) => byKey.get(`source:${id}`)),
              ].filter((r): r is Reference => Boolean(r));
              const p = PROBABILITY_LABELS[kj.probability];
              return (
                <li key={kj.id} className="rounded-md border-s-4 border-brand-600 bg-white px-4 py-3 shadow-sm">
                  <p className="text-[15px] leading-7 text-slate-900" dir="auto">
                    <span className="me-2 font-semibold text-slate-500">{i + 1}.</span>
                    {numberPlain(kj.statement, refs)}
                  </p>
                  <p className="mt-1.5 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-700">
                    <span className="font-semibold text-brand-800">
                      {p.term} <span className="font-normal text-slate-600">({p.range})</span>
                    </span>
                    <span>{CONFIDENCE_LABELS[kj.confidence]}</span>
                    {cites.length > 0 && (
                      <span>
                        Based on{" "}
                        {cites.map((r, k) => (
                          <span key={`${r.kind}:${r.id}`}>
                            {k > 0 && ", "}
                            <a href={`#${anchorPrefix}-${r.n}`} className="text-brand-700 underline underline-offset-2">
                              [{r.n}]
                            </a>
                          </span>
                        ))}
                      </span>
                    )}
                  </p>
                </li>
              );
            })}
          </ol>
        </section>
      )}
      {content.body.trim() ? (
        <section aria-label="Body">
          <CitedMarkdown body={content.body} refs={refs} anchorPrefix={anchorPrefix} />
        </section>
      ) : (
        <p className="text-sm italic text-slate-500">The body is empty.</p>
      )}
      <ReferenceList refs={refs} anchorPrefix={anchorPrefix} workspaceSlug={workspaceSlug} />
    </div>
  );
}
