import type { ReactNode } from "react";
import { cn } from "./cn";

export type ModeTab<M extends string> = { mode: M; label: string; icon: ReactNode };

/** A row of toggle buttons choosing how a form takes its input (paste, upload, …). */
export function ModeTabs<M extends string>({
  tabs,
  mode,
  onChange,
  label,
}: {
  tabs: ModeTab<M>[];
  mode: M;
  onChange: (mode: M) => void;
  label: string;
}) {
  return (
    <div role="tablist" aria-label={label} className="flex gap-2">
      {tabs.map((t) => (
        <button
          key={t.mode}
          role="tab"
          type="button"
          aria-selected={mode === t.mode}
          onClick={() => onChange(t.mode)}
          className={cn(
            "inline-flex items-center gap-1.5 rounded-md border px-3 py-1.5 text-sm font-medium",
            mode === t.mode
              ? "border-brand-600 bg-brand-50 text-brand-800"
              : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50",
          )}
        >
          {t.icon} {t.label}
        </button>
      ))}
    </div>
  );
}
