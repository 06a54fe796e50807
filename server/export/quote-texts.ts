import type { QuoteLanguage } from "../schemas/briefing.ts";
import type { FrozenEvent, FrozenTranslation } from "../schemas/briefing-document.ts";
import { languageName } from "../schemas/citation.ts";

type FrozenQuote = FrozenEvent["quotes"][number];

export type QuoteText = { kind: "original" | "translation"; text: string; label: string | null };

/** "Translated from the source by Ana (English), checked by Bo" / "Machine translation (Engine X, English), not checked". */
export function translationLabel(t: FrozenTranslation): string {
  const language = languageName(t.language);
  const who = t.engine
    ? `Machine translation (${t.engine}) into ${language}`
    : `Translated into ${language} by ${t.translator ?? "a former member"}`;
  return `${who}, ${t.checkedBy ? `checked by ${t.checkedBy}` : "not checked"}`;
}

/**
 * The texts of one quote an export prints, as the briefing's setting chooses:
 * the passage as the source has it, its translation, or both (original first).
 * A quote with no translation prints its original in every mode: the evidence
 * is never left out for want of a translation.
 */
export function quoteTexts(q: FrozenQuote, mode: QuoteLanguage = "ORIGINAL"): QuoteText[] {
  const original: QuoteText = { kind: "original", text: q.quote, label: null };
  const t = q.translation;
  if (!t || mode === "ORIGINAL") return [original];
  const translated: QuoteText = { kind: "translation", text: t.text, label: translationLabel(t) };
  return mode === "TRANSLATION" ? [translated] : [original, translated];
}
