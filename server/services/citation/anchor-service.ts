import type { Prisma } from "../../db/generated/client.ts";
import { reanchorQuote } from "../../lib/quote-anchor.ts";

export type ReanchorSummary = { kept: number; moved: number; notFound: number };
/** The summary, and the events whose quotes moved or were lost (what an approved text edit flags). */
export type ReanchorResult = ReanchorSummary & { affectedEventIds: string[] };

/**
 * Finds every citation of a source again in its new text, inside the
 * transaction that saves the text (the caller holds the source's lock).
 *
 * Why in the same transaction and not as a job: the work is bounded by the
 * source (one read of its citations, an in-memory search of a text of at most
 * 2 M characters per citation, one UPDATE for all that changed), and doing it
 * here means no reader ever sees the new text with citations still pointing
 * into the old one. Even a source cited a few thousand times re-anchors in well
 * under a second, the budget the project allows in a request.
 *
 * A citation whose words no longer occur keeps its offsets and quote and is
 * marked "quote not found" (with when); one found again loses the mark. When
 * two citations on one event would land on the same words, the one already
 * there keeps them and the other is marked: its own occurrence is gone.
 */
export async function reanchorSourceCitations(
  tx: Prisma.TransactionClient,
  sourceId: string,
  text: string,
  now = new Date(),
): Promise<ReanchorResult> {
  const rows = await tx.citation.findMany({
    where: { sourceId },
    orderBy: [{ startOffset: "asc" }, { id: "asc" }],
    select: {
      id: true,
      eventId: true,
      quote: true,
      startOffset: true,
      endOffset: true,
      contextBefore: true,
      contextAfter: true,
      quoteNotFoundAt: true,
    },
  });
  const summary: ReanchorSummary = { kept: 0, moved: 0, notFound: 0 };
  type Placed = { row: (typeof rows)[number]; start: number; end: number; prefix: string; suffix: string };
  const placed: Placed[] = [];
  const lost: (typeof rows)[number][] = [];
  for (const row of rows) {
    const r = reanchorQuote(text, {
      exact: row.quote,
      prefix: row.contextBefore,
      suffix: row.contextAfter,
      start: row.startOffset,
      end: row.endOffset,
    });
    if (r.status === "notFound") lost.push(row);
    else if (r.status === "kept") placed.push({ row, start: row.startOffset, end: row.endOffset, ...r });
    else placed.push({ row, start: r.start, end: r.end, prefix: r.prefix, suffix: r.suffix });
  }
  // Citations that stayed put claim their words first; a moved one landing on taken words is lost instead.
  const taken = new Set<string>();
  const affected = new Set<string>();
  const key = (p: Placed) => `${p.row.eventId}:${p.start}:${p.end}`;
  const stayed = placed.filter((p) => p.start === p.row.startOffset && p.end === p.row.endOffset);
  for (const p of stayed) taken.add(key(p));
  const updates: { id: string; start: number; end: number; prefix: string; suffix: string }[] = [];
  for (const p of placed) {
    const moved = p.start !== p.row.startOffset || p.end !== p.row.endOffset;
    if (moved) {
      if (taken.has(key(p))) {
        lost.push(p.row);
        continue;
      }
      taken.add(key(p));
      summary.moved++;
      affected.add(p.row.eventId);
    } else summary.kept++;
    const changed =
      moved || p.prefix !== p.row.contextBefore || p.suffix !== p.row.contextAfter || p.row.quoteNotFoundAt !== null;
    if (changed) updates.push({ id: p.row.id, start: p.start, end: p.end, prefix: p.prefix, suffix: p.suffix });
  }
  // A lost citation keeps its offsets, unless another citation of the same event now rightly sits on exactly
  // them (the unique key allows one): then it is parked below zero, pointing at no text at all.
  let parkedAt = Math.min(-1, ...rows.map((r) => r.startOffset - 1));
  const parked: { id: string; at: number }[] = [];
  for (const r of lost) {
    if (taken.has(`${r.eventId}:${r.startOffset}:${r.endOffset}`)) parked.push({ id: r.id, at: parkedAt-- });
  }
  summary.notFound = lost.length;
  for (const r of lost) affected.add(r.eventId);
  const newlyLost = lost.filter((r) => r.quoteNotFoundAt === null).map((r) => r.id);
  if (newlyLost.length)
    await tx.citation.updateMany({ where: { id: { in: newlyLost } }, data: { quoteNotFoundAt: now } });
  const moving = [...updates.map((u) => u.id), ...parked.map((p) => p.id)];
  if (moving.length) {
    // The unique key is checked row by row, so citations trading places (the same words cited twice on one
    // event, both shifted) would collide mid-statement: first every moving row steps aside to a free spot.
    await tx.$executeRaw`
      UPDATE "Citation" AS c SET "startOffset" = u.tmp, "endOffset" = u.tmp
      FROM unnest(${moving}::text[], ${moving.map((_, i) => parkedAt - 1 - i)}::int[]) AS u(id, tmp)
      WHERE c.id = u.id AND c."sourceId" = ${sourceId}`;
  }
  if (parked.length)
    await tx.$executeRaw`
      UPDATE "Citation" AS c SET "startOffset" = u.at, "endOffset" = u.at
      FROM unnest(${parked.map((p) => p.id)}::text[], ${parked.map((p) => p.at)}::int[]) AS u(id, at)
      WHERE c.id = u.id AND c."sourceId" = ${sourceId}`;
  if (updates.length) {
    await tx.$executeRaw`
      UPDATE "Citation" AS c
      SET "startOffset" = u.start, "endOffset" = u."end", "contextBefore" = u.prefix, "contextAfter" = u.suffix,
          "quoteNotFoundAt" = NULL
      FROM unnest(${updates.map((u) => u.id)}::text[], ${updates.map((u) => u.start)}::int[],
                  ${updates.map((u) => u.end)}::int[], ${updates.map((u) => u.prefix)}::text[],
                  ${updates.map((u) => u.suffix)}::text[]) AS u(id, start, "end", prefix, suffix)
      WHERE c.id = u.id AND c."sourceId" = ${sourceId}`;
  }
  return { ...summary, affectedEventIds: [...affected] };
}
