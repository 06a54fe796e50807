import { HIGHLIGHT_END, HIGHLIGHT_START } from "../schemas/search.ts";
import { tsQuery } from "./search-query.ts";

/** An entity named in a query, with the names it also goes by (see the search service). */
type Named = { name: string; typed: string; names: string[] };

/**
 * Which other name of an entity a hit was found by, read from the words the
 * database highlighted in it: "Mashhad" for a hit on a search for "Mashad".
 * Null when the hit matched what was typed.
 */
export function matchedAlias(
  named: Named[],
  q: string,
  highlightedTexts: string[],
): { alias: string; entity: string } | null {
  if (named.length === 0) return null;
  const key = (v: string) => v.normalize("NFKC").toLowerCase();
  const hits = new Set<string>();
  for (const t of highlightedTexts) {
    for (const m of (t ?? "").matchAll(new RegExp(`${HIGHLIGHT_START}([^${HIGHLIGHT_END}]*)${HIGHLIGHT_END}`, "g")))
      for (const w of (tsQuery(m[1]!, { prefix: false }) ?? "").split(" & ")) if (w) hits.add(key(w));
  }
  const typedWords = new Set((tsQuery(q, { prefix: false }) ?? "").split(" & ").map(key));
  for (const n of named) {
    for (const alias of n.names) {
      const words = (tsQuery(alias, { prefix: false }) ?? "").split(" & ").map(key);
      if (words.length && words.every((w) => hits.has(w)) && !words.every((w) => typedWords.has(w)))
        return { alias, entity: n.name };
    }
  }
  return null;
}

/**
 * Copies of one article (the same title from the same publisher: a wire
 * story uploaded as text and as a PDF, or saved twice) shown as one result,
 * the best-ranked first, with the others listed under it.
 */
export function groupCopies<
  T extends { id: string; title: string; publisher: { id: string; name: string } | null; pubDateText: string },
>(hits: T[]): (T & { copies: { id: string; pubDateText: string }[] })[] {
  const byKey = new Map<string, T & { copies: { id: string; pubDateText: string }[] }>();
  const out: (T & { copies: { id: string; pubDateText: string }[] })[] = [];
  for (const h of hits) {
    const key = `${h.publisher?.id ?? "-"}\u0000${h.title.normalize("NFKC").replace(/\s+/g, " ").trim().toLowerCase()}`;
    const first = byKey.get(key);
    if (first && h.publisher) {
      first.copies.push({ id: h.id, pubDateText: h.pubDateText });
      continue;
    }
    const row = { ...h, copies: [] };
    byKey.set(key, row);
    out.push(row);
  }
  return out;
}
