import { describe, expect, it } from "vitest";
import { contextOf, reanchorQuote, type QuoteSelector } from "../../server/lib/quote-anchor.ts";

/** The selector a citation of `exact` at its first occurrence (or at `from` on) in `text` would keep. */
function selectorIn(text: string, exact: string, from = 0): QuoteSelector {
  const start = text.indexOf(exact, from);
  if (start < 0) throw new Error(`"${exact}" is not in the text`);
  const end = start + exact.length;
  return { exact, start, end, ...contextOf(text, start, end) };
}

describe("reanchorQuote", () => {
  const original = "The council met on Monday. The bridge was closed at noon. Traffic was diverted north.";

  it("keeps a passage whose words are still at their offsets", () => {
    const sel = selectorIn(original, "The bridge was closed at noon.");
    const result = reanchorQuote(original, sel);
    expect(result).toEqual({ status: "kept", prefix: sel.prefix, suffix: sel.suffix });
  });

  it("moves the offsets when text is inserted before the passage", () => {
    const sel = selectorIn(original, "The bridge was closed at noon.");
    const edited = `Updated: ${original}`;
    const result = reanchorQuote(edited, sel);
    expect(result).toMatchObject({ status: "moved", start: sel.start + 9, end: sel.end + 9 });
    if (result.status === "moved") expect(edited.slice(result.start, result.end)).toBe(sel.exact);
  });

  it("reports a passage whose words are gone, and never picks similar words", () => {
    const sel = selectorIn(original, "The bridge was closed at noon.");
    const edited = original.replace("closed at noon", "closed at dawn");
    expect(reanchorQuote(edited, sel)).toEqual({ status: "notFound" });
    expect(reanchorQuote("", sel)).toEqual({ status: "notFound" });
  });

  it("picks, of two occurrences, the one whose surroundings match the context", () => {
    const text = "Police said: no injuries. Later the ministry said: no injuries. Nothing else was reported.";
    // Cited at the second occurrence (the ministry's words).
    const sel = selectorIn(text, "no injuries.", text.indexOf("ministry"));
    // A sentence added at the start shifts both; the nearer-by-position one would be wrong if the shift were large.
    const edited = `A long paragraph of background was added at the start of the article. ${text}`;
    const result = reanchorQuote(edited, sel);
    expect(result.status).toBe("moved");
    if (result.status !== "moved") return;
    expect(edited.slice(result.start - 15, result.start)).toBe("ministry said: ");
    expect(result.start).toBe(edited.lastIndexOf("no injuries."));
  });

  it("follows the context even when the other occurrence lands on the old offsets", () => {
    const text = "A said: yes. B said: yes.";
    const sel = selectorIn(text, "yes.", 10);
    expect(sel.start).toBe(21);
    // The first statement grows so that "yes." of A now sits near offset 21; B's words are further on.
    const edited = "A said, after a pause: yes. B said: yes.";
    const result = reanchorQuote(edited, sel);
    expect(result).toMatchObject({ status: "moved", start: edited.lastIndexOf("yes.") });
  });

  it("uses UTF-16 offsets and does not cut Persian letters from their combining marks", () => {
    const text = "گزارش رسمی: پل بسته شد. مردم در خیابان‌ها بودند.";
    const sel = selectorIn(text, "پل بسته شد");
    // The same words now carry a kasra (U+0650) on the last letter first, then appear again plainly.
    const edited = `خبر: پل بسته شدِ قدیمی. گزارش رسمی: پل بسته شد. مردم در خیابان‌ها بودند.`;
    const result = reanchorQuote(edited, sel);
    expect(result.status).toBe("moved");
    if (result.status !== "moved") return;
    expect(result.start).toBe(edited.lastIndexOf("پل بسته شد"));
    expect(edited.slice(result.start, result.end)).toBe("پل بسته شد");
    expect(result.end - result.start).toBe("پل بسته شد".length);
  });

  it("does not end a quote between a letter and its combining accent, nor inside a surrogate pair", () => {
    const decomposed = "Le cafe\u0301 est ferme\u0301. Un cafe ouvert.";
    const sel: QuoteSelector = { exact: "cafe", start: 3, end: 7, prefix: "Le ", suffix: "\u0301 est" };
    const result = reanchorQuote(decomposed, sel);
    expect(result).toMatchObject({ status: "moved", start: decomposed.lastIndexOf("cafe") });

    const emoji = "Signal 🚩 raised.";
    const half: QuoteSelector = { exact: "\ud83d", start: 7, end: 8, prefix: "Signal ", suffix: "" };
    expect(reanchorQuote(emoji, half)).toEqual({ status: "notFound" });
  });

  it("keeps context of at most 80 characters either side", () => {
    const text = `${"x".repeat(200)}QUOTE${"y".repeat(200)}`;
    const sel = selectorIn(text, "QUOTE");
    expect(sel.prefix).toHaveLength(80);
    expect(sel.suffix).toHaveLength(80);
  });
});
