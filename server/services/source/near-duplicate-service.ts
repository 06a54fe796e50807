/**
 * The same document in another format: a source whose text shares most of
 * its five-word runs with the new one (near-duplicate.ts). Candidates come
 * from the band index (no source's text is read), then the stored signatures
 * say how alike they are. Sources in the trash are not offered.
 */
import { db } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";
import { fingerprint, NEAR_DUPLICATE_SIMILARITY, similarity, type Fingerprint } from "../../lib/near-duplicate.ts";

export type NearDuplicate = { id: string; title: string; similarity: number };

/** Stores the fingerprint of a new source, in the transaction that creates it. */
export async function saveFingerprint(
  tx: Prisma.TransactionClient,
  workspaceId: string,
  sourceId: string,
  text: string,
  computed?: Fingerprint,
) {
  const { signature, bands } = computed ?? fingerprint(text, workspaceId);
  await tx.sourceFingerprint.create({ data: { sourceId, workspaceId, signature, bands } });
}

/** Sources saved before fingerprints existed (or by the demo seed) get theirs the first time a lookup needs them. */
const BACKFILL_BATCH = 200;
async function backfill(workspaceId: string) {
  for (;;) {
    const missing = await db.$queryRaw<{ id: string; text: string }[]>`
      SELECT s.id, s.text FROM "Source" s
      WHERE s."workspaceId" = ${workspaceId}
        AND NOT EXISTS (SELECT 1 FROM "SourceFingerprint" f WHERE f."sourceId" = s.id)
      LIMIT ${BACKFILL_BATCH}`;
    if (missing.length === 0) return;
    await db.sourceFingerprint.createMany({
      data: missing.map((s) => ({ sourceId: s.id, workspaceId, ...fingerprint(s.text, workspaceId) })),
      skipDuplicates: true,
    });
    if (missing.length < BACKFILL_BATCH) return;
  }
}

/** The most similar source of the workspace to this text, if alike enough to be the same document. */
export async function findNearDuplicate(
  workspaceId: string,
  text: string,
  computed?: Fingerprint,
): Promise<NearDuplicate | null> {
  const { signature, bands } = computed ?? fingerprint(text, workspaceId);
  if (bands.length === 0) return null;
  await backfill(workspaceId);
  const rows = await db.$queryRaw<{ id: string; title: string; signature: number[] }[]>`
    SELECT s.id, s.title, f.signature FROM "SourceFingerprint" f JOIN "Source" s ON s.id = f."sourceId"
    WHERE f."workspaceId" = ${workspaceId} AND f.bands && ${bands}::int[] AND s."deletedAt" IS NULL
    LIMIT 50`;
  let best: NearDuplicate | null = null;
  for (const r of rows) {
    const score = similarity(signature, r.signature);
    if (score >= NEAR_DUPLICATE_SIMILARITY && (!best || score > best.similarity))
      best = { id: r.id, title: r.title, similarity: Math.round(score * 100) / 100 };
  }
  return best;
}
