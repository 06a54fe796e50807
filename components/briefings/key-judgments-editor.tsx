"use client";
import { ArrowDown, ArrowUp, Plus, Trash2, X } from "lucide-react";
import {
  CONFIDENCE_LABELS,
  CONFIDENCES,
  LIMITS,
  PROBABILITIES,
  PROBABILITY_LABELS,
  type Confidence,
  type KeyJudgment,
  type Probability,
} from "@/server/schemas/briefing";
import { Button } from "../ui/button";
import type { ResolvedLookup } from "./references";

const control =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30";

export function newJudgment(): KeyJudgment {
  return {
    id: `kj-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`,
    statement: "",
    probability: "LIKELY",
    confidence: "MODERATE",
    eventIds: [],
    sourceIds: [],
  };
}

/**
 * Structured key judgments: statement, ICD-203 probability (term and range),
 * analytic confidence, and the events and sources behind each.
 */
export function KeyJudgmentsEditor({
  value,
  onChange,
  lookup,
  onAddSupport,
  readOnly,
}: {
  value: KeyJudgment[];
  onChange: (next: KeyJudgment[]) => void;
  lookup: ResolvedLookup | undefined;
  onAddSupport: (index: number) => void;
  readOnly?: boolean;
}) {
  const set = (i: number, patch: Partial<KeyJudgment>) =>
    onChange(value.map((kj, k) => (k === i ? { ...kj, ...patch } : kj)));
  const move = (i: number, d: -1 | 1) => {
    const next = [...value];
    [next[i], next[i + d]] = [next[i + d]!, next[i]!];
    onChange(next);
  };
  const titleOf = (kind: "event" | "source", id: string) =>
    (kind === "event" ? lookup?.events : lookup?.sources)?.find((x) => x.id === id)?.title;
  const problemOf = (kind: "event" | "source", id: string) =>
    lookup?.problems.find((p) => p.kind === kind && p.id === id);

  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium text-slate-800">Key judgments</legend>
      {value.length === 0 && (
        <p className="text-sm text-slate-600">
          The few things the reader must take away, each with how likely it is and how confident you are.
        </p>
      )}
      <ol className="space-y-3">
        {value.map((kj, i) => {
          const n = i + 1;
          const support = [
            ...kj.eventIds.map((id) => ({ kind: "event" as const, id })),
            ...kj.sourceIds.map((id) => ({ kind: "source" as const, id })),
          ];
          return (
            <li
              key={kj.id}
              className="space-y-3 rounded-lg border border-slate-200 bg-slate-50/60 p-3"
              aria-label={`Key judgment ${n}`}
            >
              <div className="flex items-start gap-2">
                <span className="mt-2 w-5 shrink-0 text-sm font-semibold text-slate-500">{n}.</span>
                <label className="min-w-0 flex-1">
                  <span className="sr-only">Statement of key judgment {n}</span>
                  <textarea
                    dir="auto"
                    rows={2}
                    readOnly={readOnly}
                    maxLength={LIMITS.judgment}
                    placeholder="We assess that…"
                    value={kj.statement}
                    onChange={(e) => set(i, { statement: e.target.value })}
                    className={control}
                  />
                </label>
                {!readOnly && (
                  <div className="flex shrink-0 flex-col gap-0.5">
                    <button
                      type="button"
                      aria-label={`Move key judgment ${n} up`}
                      disabled={i === 0}
                      onClick={() => move(i, -1)}
                      className="rounded p-1 text-slate-600 hover:bg-slate-200 disabled:opacity-30"
                    >
                      <ArrowUp aria-hidden className="size-4" />
                    </button>
                    <button
                      type="button"
                      aria-label={`Move key judgment ${n} down`}
                      disabled={i === value.length - 1}
                      onClick={() => move(i, 1)}
                      className="rounded p-1 text-slate-600 hover:bg-slate-200 disabled:opacity-30"
                    >
                      <ArrowDown aria-hidden className="size-4" />
                    </button>
                    <button
                      type="button"
                      aria-label={`Remove key judgment ${n}`}
                      onClick={() => onChange(value.filter((_, k) => k !== i))}
                      className="rounded p-1 text-red-700 hover:bg-red-50"
                    >
                      <Trash2 aria-hidden className="size-4" />
                    </button>
                  </div>
                )}
              </div>
              <div className="grid gap-3 ps-7 sm:grid-cols-2">
                <label className="text-xs font-medium text-slate-700">
                  Probability (ICD 203)
                  <select
                    disabled={readOnly}
                    value={kj.probability}
                    onChange={(e) => set(i, { probability: e.target.value as Probability })}
                    className={`${control} mt-1`}
                  >
                    {PROBABILITIES.map((p) => (
                      <option key={p} value={p}>
                        {PROBABILITY_LABELS[p].term} ({PROBABILITY_LABELS[p].range})
                      </option>
                    ))}
                  </select>
                </label>
                <label className="text-xs font-medium text-slate-700">
                  Confidence
                  <select
                    disabled={readOnly}
                    value={kj.confidence}
                    onChange={(e) => set(i, { confidence: e.target.value as Confidence })}
                    className={`${control} mt-1`}
                  >
                    {CONFIDENCES.map((c) => (
                      <option key={c} value={c}>
                        {CONFIDENCE_LABELS[c]}
                      </option>
                    ))}
                  </select>
                </label>
              </div>
              <div className="ps-7">
                <p className="text-xs font-medium text-slate-700" id={`${kj.id}-support`}>
                  Based on
                </p>
                <ul className="mt-1 flex flex-wrap gap-1.5" aria-labelledby={`${kj.id}-support`}>
                  {support.map((s) => {
                    const problem = problemOf(s.kind, s.id);
                    const title = titleOf(s.kind, s.id) ?? `${s.kind} ${s.id}`;
                    return (
                      <li
                        key={`${s.kind}:${s.id}`}
                        className={`inline-flex max-w-full items-center gap-1 rounded-full border px-2 py-0.5 text-xs ${problem ? "border-red-300 bg-red-50 text-red-900" : "border-slate-300 bg-white text-slate-800"}`}
                      >
                        <span className="text-slate-500">{s.kind === "event" ? "Event" : "Source"}:</span>
                        <span className="truncate" dir="auto">
                          {title}
                        </span>
                        {problem && <span className="font-medium">({problem.reason})</span>}
                        {!readOnly && (
                          <button
                            type="button"
                            aria-label={`Remove ${title} from key judgment ${n}`}
                            onClick={() =>
                              set(
                                i,
                                s.kind === "event"
                                  ? { eventIds: kj.eventIds.filter((x) => x !== s.id) }
                                  : { sourceIds: kj.sourceIds.filter((x) => x !== s.id) },
                              )
                            }
                            className="rounded-full p-0.5 hover:bg-slate-200"
                          >
                            <X aria-hidden className="size-3" />
                          </button>
                        )}
                      </li>
                    );
                  })}
                  {!readOnly && (
                    <li>
                      <button
                        type="button"
                        onClick={() => onAddSupport(i)}
                        className="inline-flex items-center gap-1 rounded-full border border-dashed border-brand-600 px-2 py-0.5 text-xs font-medium text-brand-700 hover:bg-brand-50"
                      >
                        <Plus aria-hidden className="size-3" /> Add event or source
                      </button>
                    </li>
                  )}
                </ul>
              </div>
            </li>
          );
        })}
      </ol>
      {!readOnly && value.length < LIMITS.judgments && (
        <Button variant="secondary" size="sm" onClick={() => onChange([...value, newJudgment()])}>
          <Plus aria-hidden className="size-4" /> Add key judgment
        </Button>
      )}
    </fieldset>
  );
}
