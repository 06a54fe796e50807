"use client";
import { problemText, type Problem } from "./references";

/** The editor's list of broken references: what is wrong and a way to jump to it. */
export function ProblemList({
  problems,
  onReveal,
  id,
}: {
  problems: Problem[];
  onReveal: (token: string) => void;
  id: string;
}) {
  return (
    <div id={id} aria-live="polite">
      {problems.length > 0 && (
        <div
          className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900"
          data-testid="reference-problems"
        >
          <p className="font-semibold">
            {problems.length === 1 ? "1 reference needs attention" : `${problems.length} references need attention`} —
            submission will be refused until it is fixed.
          </p>
          <ul className="mt-1 space-y-1">
            {problems.map((p) => {
              const token = `[@${p.kind}:${p.id}]`;
              return (
                <li key={token} className="flex flex-wrap items-center gap-2">
                  <code className="rounded bg-white px-1 text-xs">{token}</code>
                  <span>
                    the {p.kind} {problemText(p.reason)}.
                  </span>
                  <button
                    type="button"
                    className="rounded text-xs font-medium underline"
                    onClick={() => onReveal(token)}
                  >
                    Show in text
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </div>
  );
}
