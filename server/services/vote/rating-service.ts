import { db } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";
import { aggregate, step, type Aggregate, type Grade } from "../../schemas/admiralty.ts";

export type EventRating = {
  /** Reliability of the origins that support the event (cautious median of their consensus grades). */
  reliability: Grade | null;
  credibility: Grade | null;
  contested: boolean;
  votes: number;
};

/** The client to read with: the shared one, or a transaction that must see its own writes. */
type Reader = Pick<Prisma.TransactionClient, "vote" | "$queryRaw">;

function group<T extends string>(rows: { key: string | null; grade: T; n: number }[]): Map<string, Grade[]> {
  const byKey = new Map<string, Grade[]>();
  for (const r of rows) {
    if (!r.key) continue;
    const list = byKey.get(r.key) ?? [];
    for (let i = 0; i < r.n; i++) list.push(r.grade as Grade);
    byKey.set(r.key, list);
  }
  return byKey;
}

/** Consensus reliability per origin entity, for many origins in one query. */
export async function reliabilityOf(entityIds: string[], client: Reader = db): Promise<Map<string, Aggregate>> {
  if (entityIds.length === 0) return new Map();
  const rows = await client.vote.groupBy({
    by: ["entityId", "grade"],
    where: { entityId: { in: entityIds } },
    _count: { _all: true },
  });
  const grouped = group(rows.map((r) => ({ key: r.entityId, grade: r.grade, n: r._count._all })));
  return new Map([...grouped].map(([id, grades]) => [id, aggregate("reliability", grades)]));
}

/**
 * Ratings such as "B2" for a page of events, in three queries whatever the
 * page size: credibility votes per event, the origins of their supporting
 * sources, and reliability votes per origin.
 */
export async function ratingsForEvents(eventIds: string[], client: Reader = db): Promise<Map<string, EventRating>> {
  const result = new Map<string, EventRating>();
  if (eventIds.length === 0) return result;
  const [credRows, originRows] = await Promise.all([
    client.vote.groupBy({ by: ["eventId", "grade"], where: { eventId: { in: eventIds } }, _count: { _all: true } }),
    client.$queryRaw<{ eventId: string; publisherId: string }[]>`
      SELECT DISTINCT c."eventId", s."publisherId"
      FROM "Citation" c JOIN "Source" s ON s.id = c."sourceId"
      WHERE c."eventId" = ANY(${eventIds}) AND c.stance = 'SUPPORTS' AND NOT c."proposedAdd" AND s."publisherId" IS NOT NULL`,
  ]);
  const credibility = group(credRows.map((r) => ({ key: r.eventId, grade: r.grade, n: r._count._all })));
  const reliability = await reliabilityOf([...new Set(originRows.map((r) => r.publisherId))], client);
  const originsOf = new Map<string, string[]>();
  for (const r of originRows) originsOf.set(r.eventId, [...(originsOf.get(r.eventId) ?? []), r.publisherId]);

  for (const id of eventIds) {
    const cred = aggregate("credibility", credibility.get(id) ?? []);
    const originSteps = (originsOf.get(id) ?? [])
      .map((p) => reliability.get(p)?.consensus)
      .filter((g): g is Grade => g != null && step(g) !== null)
      .map((g) => step(g)!)
      .sort((a, b) => a - b);
    const rel = originSteps.length
      ? (["A", "B", "C", "D", "E"] as const)[originSteps[Math.floor(originSteps.length / 2)]! - 1]!
      : null;
    result.set(id, { reliability: rel, credibility: cred.consensus, contested: cred.contested, votes: cred.total });
  }
  return result;
}
