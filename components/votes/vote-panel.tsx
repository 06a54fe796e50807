"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import {
  CREDIBILITY,
  CREDIBILITY_LABELS,
  RELIABILITY,
  RELIABILITY_LABELS,
  type Grade,
} from "@/server/schemas/admiralty";
import { errorMessage, fieldErrors } from "../errors";
import { useTRPC } from "../trpc";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Notice } from "../ui/notice";

type Target = { entityId: string } | { eventId: string };

/**
 * Voting on one axis of the Admiralty code. Blind first: until you vote (or
 * choose to skip) you see how many voted, not what, so the first votes do not
 * anchor the rest. A first vote two or more steps from the others' consensus
 * without a reason is kept, and the reason is asked for then: refusing it
 * would have told how far it lay from a consensus you had not seen.
 */
export function VotePanel({ target, title }: { target: Target; title: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const summary = useQuery(trpc.vote.summary.queryOptions(target));
  const [grade, setGrade] = useState<Grade | null>(null);
  const [rationale, setRationale] = useState("");
  const rationaleRef = useRef<HTMLTextAreaElement>(null);
  // Every rating on screen may change once this target opens to the voter: lists, the queue, briefings.
  const refresh = () =>
    Promise.all(
      [trpc.vote, trpc.event, trpc.source, trpc.review, trpc.briefing].map((r) =>
        queryClient.invalidateQueries(r.pathFilter()),
      ),
    );
  const cast = useMutation(trpc.vote.cast.mutationOptions({ onSuccess: refresh }));
  const withdraw = useMutation(trpc.vote.withdraw.mutationOptions({ onSuccess: refresh }));
  const reveal = useMutation(trpc.vote.reveal.mutationOptions({ onSuccess: refresh }));

  const asked = Boolean(summary.data?.rationaleRequest);
  useEffect(() => {
    // The reason is asked for right after the vote: take the voter to the box.
    if (asked) rationaleRef.current?.focus();
  }, [asked]);

  if (summary.error) return <Notice tone="error">{errorMessage(summary.error)}</Notice>;
  const s = summary.data;
  if (!s) return null;
  const grades: readonly Grade[] = s.axis === "RELIABILITY" ? RELIABILITY : CREDIBILITY;
  const labels: Record<string, string> = s.axis === "RELIABILITY" ? RELIABILITY_LABELS : CREDIBILITY_LABELS;
  const chosen = grade ?? (s.myVote?.grade as Grade | undefined) ?? null;
  const rationaleError = cast.error ? fieldErrors(cast.error).rationale : undefined;
  // Asked after a blind vote far from the others: the answer to the cast, then the summary, until a reason is saved.
  const request = s.rationaleRequest;
  const max = Math.max(1, ...Object.values(s.aggregate?.distribution ?? {}));

  return (
    <section aria-label={title} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex items-baseline justify-between">
        <h2 className="text-sm font-semibold">{title}</h2>
        {s.aggregate?.consensus && (
          <span className="text-sm">
            consensus <strong className="font-mono">{s.aggregate.consensus}</strong>
            {s.aggregate.contested && <Badge tone="amber">contested</Badge>}
          </span>
        )}
        {s.revealed && s.aggregate && !s.aggregate.consensus && s.myVote && s.total === 1 && (
          <span className="text-xs text-slate-600" data-testid="own-vote-only">
            Only your vote so far: no consensus yet
          </span>
        )}
      </div>

      {s.suggestion && (
        <p
          className={`text-xs ${s.suggestion.suggested ? "text-emerald-800" : "text-slate-600"}`}
          data-testid="confirmed-hint"
        >
          {s.suggestion.suggested
            ? `“1 — confirmed” is suggested: supporting citations come from ${s.suggestion.independentOrigins} independent origins.`
            : `“1 — confirmed” needs support from two or more independent origins; this event has ${s.suggestion.independentOrigins}.`}
        </p>
      )}

      {!s.revealed && (
        <p className="rounded bg-slate-50 px-2 py-1.5 text-xs text-slate-700" data-testid="blind-hint">
          {s.total === 0
            ? "Nobody has voted yet."
            : `${s.total} ${s.total === 1 ? "vote" : "votes"}, hidden until you vote or skip.`}{" "}
          The others' votes stay hidden so they do not anchor yours.
        </p>
      )}

      {s.canVote && (
        <form
          aria-label={`Your vote: ${title}`}
          className="space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (chosen) cast.mutate({ ...target, grade: chosen, rationale: rationale || s.myVote?.rationale || "" });
          }}
        >
          <div role="radiogroup" aria-label="Grade" className="flex flex-wrap gap-1">
            {grades.map((g) => (
              <label
                key={g}
                title={labels[g]}
                className={`cursor-pointer rounded border px-2.5 py-1 font-mono text-sm ${chosen === g ? "border-brand-600 bg-brand-600 text-white" : "border-slate-300 bg-white hover:bg-slate-50"}`}
              >
                <input
                  type="radio"
                  name="grade"
                  value={g}
                  className="sr-only"
                  aria-label={`${g} — ${labels[g]}`}
                  checked={chosen === g}
                  onChange={() => setGrade(g)}
                />
                {g}
              </label>
            ))}
          </div>
          {chosen && (
            <p className="text-xs text-slate-600">
              {chosen}: {labels[chosen]}
            </p>
          )}
          <label className="block text-xs text-slate-700">
            Rationale{" "}
            {rationaleError || request
              ? "(required)"
              : "(required when you differ from the others' consensus by two steps or more)"}
            <textarea
              ref={rationaleRef}
              dir="auto"
              rows={2}
              className={`mt-1 block w-full rounded-md border px-2 py-1 text-sm ${rationaleError ? "border-red-500" : request ? "border-amber-500" : "border-slate-300"}`}
              value={rationale}
              placeholder={s.myVote?.rationale ?? ""}
              onChange={(e) => setRationale(e.target.value)}
            />
          </label>
          {rationaleError && (
            <p role="alert" className="text-xs font-medium text-red-700">
              {rationaleError}
            </p>
          )}
          {request && !rationaleError && (
            <p role="alert" className="text-xs font-medium text-amber-900" data-testid="rationale-request">
              Your vote {s.myVote?.grade} is counted. It is two or more steps from the others&apos; consensus (
              {request.othersConsensus}): explain your rating, then save it.
            </p>
          )}
          {cast.error && !rationaleError && <Notice tone="error">{errorMessage(cast.error)}</Notice>}
          <div className="flex flex-wrap gap-2">
            <Button type="submit" size="sm" disabled={!chosen} busy={cast.isPending}>
              {request && chosen === s.myVote?.grade ? "Save reason" : s.myVote ? "Change vote" : "Vote"}
            </Button>
            {s.myVote && (
              <Button size="sm" variant="ghost" busy={withdraw.isPending} onClick={() => withdraw.mutate(target)}>
                Withdraw
              </Button>
            )}
            {!s.revealed && (
              <Button size="sm" variant="ghost" busy={reveal.isPending} onClick={() => reveal.mutate(target)}>
                Skip and show votes
              </Button>
            )}
          </div>
        </form>
      )}

      {s.revealed && s.aggregate && s.total > 0 && (
        <div className="space-y-2">
          <ul aria-label="Distribution" className="space-y-1">
            {grades.map((g) => {
              const n = s.aggregate!.distribution[g] ?? 0;
              return (
                <li key={g} className="flex items-center gap-2 text-xs">
                  <span className="w-4 font-mono">{g}</span>
                  <span className="h-3 flex-1 rounded bg-slate-100">
                    <span
                      className={`block h-3 rounded ${g === "F" || g === "6" ? "bg-slate-400" : "bg-brand-600"}`}
                      style={{ width: `${(n / max) * 100}%` }}
                    />
                  </span>
                  <span className="w-4 text-right tabular-nums">{n}</span>
                </li>
              );
            })}
          </ul>
          {s.aggregate.agreement !== null && (
            <p className="text-xs text-slate-600">
              {Math.round(s.aggregate.agreement * 100)}% within one step of the consensus
              {s.aggregate.cannotJudge ? `; ${s.aggregate.cannotJudge} cannot judge` : ""}.
            </p>
          )}
          <ul className="space-y-1 border-t border-slate-100 pt-2 text-xs" aria-label="Votes">
            {s.votes.map((v, i) => (
              <li key={i}>
                <span className="font-mono font-semibold">{v.grade}</span> {v.voter}
                {v.rationale && (
                  <span className="text-slate-600" dir="auto">
                    {" "}
                    — {v.rationale}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      {s.trackRecord && s.trackRecord.published > 0 && (
        <p className="text-xs text-slate-600" data-testid="track-record">
          Track record: of {s.trackRecord.published} published events citing it, {s.trackRecord.confirmedOrProbable}{" "}
          rated 1–2 and {s.trackRecord.doubtfulOrImprobable} rated 4–5
          {s.trackRecord.withheld > 0 &&
            `; ${s.trackRecord.withheld} not counted: their credibility is hidden until you vote or skip on them`}
          .
        </p>
      )}
    </section>
  );
}
