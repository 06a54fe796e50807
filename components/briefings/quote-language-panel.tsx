"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { QUOTE_LANGUAGE_LABELS, QUOTE_LANGUAGES, type QuoteLanguage } from "@/server/schemas/briefing";
import { errorMessage } from "../errors";
import { useTRPC } from "../trpc";
import { usePendingSetting } from "../ui/use-pending-setting";
import { Notice } from "../ui/notice";

/**
 * Which text of each quote the exports (PDF and Markdown) print: the passage
 * as the source has it, its translation, or both. Authors set it for the
 * working copy; a publication prints what was approved.
 */
export function QuoteLanguagePanel({
  briefingId,
  version,
  quoteLanguage,
  editable,
  briefingVersion,
}: {
  briefingId: string;
  version: "published" | "working";
  quoteLanguage: QuoteLanguage;
  editable: boolean;
  /** The save the setting is based on (a stale one is refused, as any edit). */
  briefingVersion: number;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const set = useMutation(
    trpc.briefing.setQuoteLanguage.mutationOptions({
      onSettled: () => queryClient.invalidateQueries(trpc.briefing.get.queryFilter({ id: briefingId })),
    }),
  );
  const setting = usePendingSetting(quoteLanguage, (mode) =>
    set.mutateAsync({ id: briefingId, version: briefingVersion, quoteLanguage: mode }),
  );
  return (
    <section
      aria-labelledby="quote-language-heading"
      className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      <h2 id="quote-language-heading" className="text-sm font-semibold">
        Quotes in exports{version === "published" ? " (published version)" : ""}
      </h2>
      {editable ? (
        <fieldset className="space-y-1.5">
          <legend className="sr-only">Which text of each quote the PDF and Markdown print</legend>
          {QUOTE_LANGUAGES.map((mode) => (
            <label key={mode} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name={`quote-language-${briefingId}`}
                value={mode}
                checked={setting.shown === mode}
                aria-busy={setting.busy || undefined}
                disabled={setting.busy}
                onChange={() => setting.change(mode)}
              />
              {QUOTE_LANGUAGE_LABELS[mode]}
            </label>
          ))}
        </fieldset>
      ) : (
        <p className="text-sm text-slate-700">Quotes print: {QUOTE_LANGUAGE_LABELS[quoteLanguage].toLowerCase()}.</p>
      )}
      {set.error && <Notice tone="error">{errorMessage(set.error)}</Notice>}
    </section>
  );
}
