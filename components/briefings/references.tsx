import { HIDDEN_GRADE } from "@/server/schemas/admiralty";
import { CITATION_TOKEN, type CitationRef } from "@/server/schemas/briefing";
import type { CitedMaterial } from "@/server/schemas/briefing-document";
import { Markdown, safeUrl } from "../ui/markdown";

export type ProblemReason = "missing" | "deleted" | "unpublished";
export type Problem = { kind: "event" | "source"; id: string; reason: ProblemReason | string };

/** One numbered reference as the reader sees it. */
export type Reference = CitationRef & {
  n: number;
  title: string | null;
  dateText: string | null;
  rating: string | null;
  publisher: string | null;
  url: string | null;
  problem: string | null;
};

export type ResolvedLookup = {
  events: { id: string; title: string; dateText: string; rating: string | null }[];
  sources: {
    id: string;
    title: string;
    publisher: string | null;
    dateText: string;
    reliability: string | null;
    url?: string | null;
  }[];
  problems: Problem[];
};

export const PROBLEM_TEXT: Record<ProblemReason, string> = {
  missing: "does not exist",
  deleted: "has been deleted",
  unpublished: "is not published yet",
};

export const problemText = (reason: string) => PROBLEM_TEXT[reason as ProblemReason] ?? reason;

export function fromCited(cited: CitedMaterial): ResolvedLookup {
  return {
    events: cited.events.map((e) => ({ id: e.id, title: e.title, dateText: e.dateText, rating: e.rating })),
    sources: cited.sources.map((s) => ({
      id: s.id,
      title: s.title,
      publisher: s.publisher,
      dateText: s.dateText,
      reliability: s.reliability,
      url: s.url,
    })),
    problems: [],
  };
}

export function buildReferences(refs: CitationRef[], lookup: ResolvedLookup | undefined): Reference[] {
  const events = new Map(lookup?.events.map((e) => [e.id, e]));
  const sources = new Map(lookup?.sources.map((s) => [s.id, s]));
  const problems = new Map(lookup?.problems.map((p) => [`${p.kind}:${p.id}`, p.reason]));
  return refs.map((r, i) => {
    const problem = problems.get(`${r.kind}:${r.id}`) ?? null;
    if (r.kind === "event") {
      const e = events.get(r.id);
      return {
        ...r,
        n: i + 1,
        title: e?.title ?? null,
        dateText: e?.dateText ?? null,
        rating: e?.rating ?? null,
        publisher: null,
        url: null,
        problem: problem ?? (lookup && !e ? "missing" : null),
      };
    }
    const s = sources.get(r.id);
    return {
      ...r,
      n: i + 1,
      title: s?.title ?? null,
      dateText: s?.dateText ?? null,
      rating: s?.reliability ?? null,
      publisher: s?.publisher ?? null,
      url: s?.url ?? null,
      problem: problem ?? (lookup && !s ? "missing" : null),
    };
  });
}

/**
 * The body with each `[@event:ID]` token turned into a numbered link to its
 * reference. The replacement is itself plain Markdown (an escaped link text
 * and an in-page anchor), so it goes through the same safe renderer.
 */
export function numberCitations(body: string, refs: Reference[], anchorPrefix: string): string {
  const byKey = new Map(refs.map((r) => [`${r.kind}:${r.id}`, r]));
  return body.replace(CITATION_TOKEN, (_all, kind: string, id: string) => {
    const r = byKey.get(`${kind}:${id}`);
    if (!r) return "\\[?\\]";
    return r.problem ? `\\[${r.n} ⚠\\]` : `[\\[${r.n}\\]](#${anchorPrefix}-${r.n})`;
  });
}

/** Tokens in plain text (a key judgment's statement) become "[n]". */
export function numberPlain(text: string, refs: Reference[]): string {
  const byKey = new Map(refs.map((r) => [`${r.kind}:${r.id}`, r]));
  return text.replace(CITATION_TOKEN, (_all, kind: string, id: string) => `[${byKey.get(`${kind}:${id}`)?.n ?? "?"}]`);
}

export function CitedMarkdown({ body, refs, anchorPrefix }: { body: string; refs: Reference[]; anchorPrefix: string }) {
  return <Markdown source={numberCitations(body, refs, anchorPrefix)} className="text-[15px] leading-7" />;
}

export function ReferenceList({
  refs,
  anchorPrefix,
  workspaceSlug,
}: {
  refs: Reference[];
  anchorPrefix: string;
  workspaceSlug: string;
}) {
  if (refs.length === 0) return null;
  return (
    <section aria-labelledby={`${anchorPrefix}-heading`} className="border-t border-slate-200 pt-4">
      <h2 id={`${anchorPrefix}-heading`} className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-600">
        References
      </h2>
      <ol className="space-y-1.5 text-sm" data-testid="references">
        {refs.map((r) => (
          <li
            key={`${r.kind}:${r.id}`}
            id={`${anchorPrefix}-${r.n}`}
            className={`flex gap-2 scroll-mt-24 ${r.problem ? "rounded bg-red-50 px-1 text-red-800" : "text-slate-700"}`}
          >
            <span className="w-7 shrink-0 text-end tabular-nums text-slate-500">{r.n}.</span>
            <span className="min-w-0" dir="auto">
              {r.title ? (
                <a
                  href={`/w/${workspaceSlug}/${r.kind === "event" ? "events" : "sources"}/${r.id}`}
                  className="font-medium text-slate-900 underline decoration-slate-300 underline-offset-2 hover:decoration-brand-600"
                >
                  {r.title}
                </a>
              ) : (
                <span className="font-mono text-xs">
                  [@{r.kind}:{r.id}]
                </span>
              )}
              {r.publisher && <span>, {r.publisher}</span>}
              {r.dateText && <span>, {r.dateText}</span>}
              {r.rating && (
                <span
                  className="ms-1.5 rounded bg-slate-100 px-1 font-mono text-xs text-slate-700"
                  title={
                    r.rating.includes(HIDDEN_GRADE)
                      ? "? is hidden until you vote or skip on it, so the others' votes do not anchor yours"
                      : r.kind === "event"
                        ? "Consensus rating"
                        : "Reliability of the origin"
                  }
                >
                  {r.rating}
                </span>
              )}
              {r.url && safeUrl(r.url) && (
                <>
                  {" "}
                  <a
                    href={safeUrl(r.url)!}
                    target="_blank"
                    rel="noopener noreferrer nofollow"
                    className="text-xs text-brand-700 underline"
                  >
                    link
                  </a>
                </>
              )}
              {r.problem && (
                <span className="ms-1.5 font-medium">
                  — the {r.kind} {problemText(r.problem)}
                </span>
              )}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
