import { db } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";
import { can, type Role } from "../../policy.ts";
import { aggregate, step, type Aggregate, type Grade } from "../../schemas/admiralty.ts";
import type { Actor } from "../access/index.ts";

/**
 * Blind-first voting, applied to every rating the server hands out.
 *
 * A reader who may vote (analyst, reviewer, admin) sees the others' values on
 * a target (an event's credibility, an origin's reliability) only once they
 * have voted on it or chosen to skip; until then a rating says how many voted
 * and that the value is hidden. A reader who cannot vote (viewer) sees the
 * consensus as published. A target nobody voted on has nothing to hide: the
 * number of votes is never secret, only their values.
 *
 * A reader's own vote alone is not a consensus: with only their vote on a
 * target, that target has no consensus for them.
 */
export type RatingLens = {
  /** Whose own votes and skips count; null for the published view. */
  userId: string | null;
  /** True for someone who may vote: values stay hidden until they vote or skip. */
  blind: boolean;
};

/** Every vote counted, nothing withheld: what a publication freezes and a viewer reads. */
export const PUBLISHED_VIEW: RatingLens = { userId: null, blind: false };

/** How a member in a given role reads ratings. */
export function lensFor(actor: Actor, role: Role): RatingLens {
  return { userId: actor.userId, blind: can(role, "vote.cast") };
}

/** One target's rating as a reader may see it. */
export type TargetRating = {
  /** The consensus, or null: no votes, only the reader's own vote, or hidden. */
  consensus: Grade | null;
  contested: boolean;
  votes: number;
  /** True when the target has votes whose values this reader may not see yet. */
  hidden: boolean;
};

export type EventRating = {
  /** Reliability of the origins that support the event (cautious median of their consensus grades). */
  reliability: Grade | null;
  credibility: Grade | null;
  contested: boolean;
  /** Credibility votes cast on the event: a number is never secret, its values are. */
  votes: number;
  /**
   * What this reader may not see yet: the credibility until they vote or skip
   * on the event, the reliability until they have on every voted origin
   * behind it. A hidden part is null above.
   */
  hidden: { reliability: boolean; credibility: boolean };
};

/** The client to read with: the shared one, or a transaction that must see its own writes. */
export type RatingReader = Pick<Prisma.TransactionClient, "vote" | "voteReveal" | "$queryRaw">;

const eventKey = (id: string) => `event:${id}`;
const entityKey = (id: string) => `entity:${id}`;

/**
 * The targets a reader has voted on, and those they may see (voted on or
 * skipped), as "event:<id>" / "entity:<id>" keys. Two queries, run together.
 */
export async function unlockedTargets(
  lens: RatingLens,
  targets: { eventIds?: string[]; entityIds?: string[] },
  client: RatingReader = db,
): Promise<{ voted: Set<string>; unlocked: Set<string> }> {
  const eventIds = targets.eventIds ?? [];
  const entityIds = targets.entityIds ?? [];
  if (!lens.userId || eventIds.length + entityIds.length === 0) return { voted: new Set(), unlocked: new Set() };
  const keys = [...eventIds.map(eventKey), ...entityIds.map(entityKey)];
  const [mine, reveals] = await Promise.all([
    client.vote.findMany({
      where: {
        voterId: lens.userId,
        OR: [
          ...(eventIds.length ? [{ eventId: { in: eventIds } }] : []),
          ...(entityIds.length ? [{ entityId: { in: entityIds } }] : []),
        ],
      },
      select: { eventId: true, entityId: true },
    }),
    client.voteReveal.findMany({
      where: { voterId: lens.userId, targetKey: { in: keys } },
      select: { targetKey: true },
    }),
  ]);
  const voted = new Set(mine.map((v) => (v.eventId ? eventKey(v.eventId) : entityKey(v.entityId!))));
  return { voted, unlocked: new Set([...voted, ...reveals.map((r) => r.targetKey)]) };
}

/**
 * A target's aggregate as the reader may see it: hidden while they are blind
 * to it, no consensus when the only vote is their own.
 */
function seen(
  axis: "reliability" | "credibility",
  grades: Grade[],
  key: string,
  lens: RatingLens,
  access: { voted: Set<string>; unlocked: Set<string> },
): TargetRating {
  const votes = grades.length;
  if (lens.blind && votes > 0 && !access.unlocked.has(key))
    return { consensus: null, contested: false, votes, hidden: true };
  if (votes === 1 && access.voted.has(key)) return { consensus: null, contested: false, votes, hidden: false };
  const a = aggregate(axis, grades);
  return { consensus: a.consensus, contested: a.contested, votes, hidden: false };
}

function group(rows: { key: string | null; grade: string; n: number }[]): Map<string, Grade[]> {
  const byKey = new Map<string, Grade[]>();
  for (const r of rows) {
    if (!r.key) continue;
    const list = byKey.get(r.key) ?? [];
    for (let i = 0; i < r.n; i++) list.push(r.grade as Grade);
    byKey.set(r.key, list);
  }
  return byKey;
}

/** Consensus reliability per origin entity as the reader may see it, for many origins at once. */
export async function reliabilityOf(
  entityIds: string[],
  lens: RatingLens,
  client: RatingReader = db,
): Promise<Map<string, TargetRating>> {
  if (entityIds.length === 0) return new Map();
  const [rows, access] = await Promise.all([
    client.vote.groupBy({
      by: ["entityId", "grade"],
      where: { entityId: { in: entityIds } },
      _count: { _all: true },
    }),
    lens.blind
      ? unlockedTargets(lens, { entityIds }, client)
      : { voted: new Set<string>(), unlocked: new Set<string>() },
  ]);
  const grouped = group(rows.map((r) => ({ key: r.entityId, grade: r.grade, n: r._count._all })));
  return new Map(
    entityIds.map((id) => [id, seen("reliability", grouped.get(id) ?? [], entityKey(id), lens, access)] as const),
  );
}

/**
 * Every origin in the workspace that has reliability votes, with its rating
 * as the reader may see it (the same rule as every other rating): what the
 * sources list filters on, so a filter never tells a blind reader more than
 * the list's reliability column does. Origins nobody voted on are not here.
 */
export async function workspaceOriginReliability(
  workspaceId: string,
  lens: RatingLens,
): Promise<Map<string, TargetRating>> {
  const voted = await db.vote.groupBy({
    by: ["entityId"],
    where: { workspaceId, entityId: { not: null } },
  });
  return reliabilityOf(
    voted.flatMap((v) => (v.entityId ? [v.entityId] : [])),
    lens,
  );
}

/** Consensus credibility per event as the reader may see it, for many events at once. */
export async function credibilityOf(
  eventIds: string[],
  lens: RatingLens,
  client: RatingReader = db,
): Promise<Map<string, TargetRating>> {
  if (eventIds.length === 0) return new Map();
  const [rows, access] = await Promise.all([
    client.vote.groupBy({ by: ["eventId", "grade"], where: { eventId: { in: eventIds } }, _count: { _all: true } }),
    lens.blind
      ? unlockedTargets(lens, { eventIds }, client)
      : { voted: new Set<string>(), unlocked: new Set<string>() },
  ]);
  const grouped = group(rows.map((r) => ({ key: r.eventId, grade: r.grade, n: r._count._all })));
  return new Map(
    eventIds.map((id) => [id, seen("credibility", grouped.get(id) ?? [], eventKey(id), lens, access)] as const),
  );
}

/** The origins (publishers) of each event's supporting sources, as readers see the evidence. */
async function supportingOrigins(eventIds: string[], client: RatingReader): Promise<Map<string, string[]>> {
  const rows = await client.$queryRaw<{ eventId: string; publisherId: string }[]>`
    SELECT DISTINCT c."eventId", s."publisherId"
    FROM "Citation" c JOIN "Source" s ON s.id = c."sourceId"
    WHERE c."eventId" = ANY(${eventIds}) AND c.stance = 'SUPPORTS' AND NOT c."proposedAdd" AND s."publisherId" IS NOT NULL
      AND s.standing IS DISTINCT FROM 'RETRACTED'`;
  const originsOf = new Map<string, string[]>();
  for (const r of rows) originsOf.set(r.eventId, [...(originsOf.get(r.eventId) ?? []), r.publisherId]);
  return originsOf;
}

/**
 * Ratings such as "B2" for a page of events as the reader may see them, in
 * two rounds of queries whatever the page size: credibility votes per event
 * and the origins of their supporting sources, then reliability votes per
 * origin (with the reader's own votes and skips alongside each when blind).
 */
export async function ratingsForEvents(
  eventIds: string[],
  lens: RatingLens,
  client: RatingReader = db,
): Promise<Map<string, EventRating>> {
  const result = new Map<string, EventRating>();
  if (eventIds.length === 0) return result;
  const [credibility, originsOf] = await Promise.all([
    credibilityOf(eventIds, lens, client),
    supportingOrigins(eventIds, client),
  ]);
  const reliability = await reliabilityOf([...new Set([...originsOf.values()].flat())], lens, client);

  for (const id of eventIds) {
    const cred = credibility.get(id)!;
    const origins = (originsOf.get(id) ?? []).map((p) => reliability.get(p)!);
    // One origin still hidden would show through the median, so the whole part waits.
    const relHidden = origins.some((o) => o.hidden);
    const originSteps = origins
      .map((o) => o.consensus)
      .filter((g): g is Grade => g != null && step(g) !== null)
      .map((g) => step(g)!)
      .sort((a, b) => a - b);
    const rel =
      !relHidden && originSteps.length
        ? (["A", "B", "C", "D", "E"] as const)[originSteps[Math.floor(originSteps.length / 2)]! - 1]!
        : null;
    result.set(id, {
      reliability: rel,
      credibility: cred.consensus,
      contested: cred.contested,
      votes: cred.votes,
      hidden: { reliability: relHidden, credibility: cred.hidden },
    });
  }
  return result;
}

/**
 * For ratings stored earlier (a publication's frozen material): which the
 * reader may see now. An event's credibility when they have voted or skipped
 * on the event; its reliability when they have on every origin supporting it
 * today (with none left to check, not at all: the stored value came from
 * somewhere); a source's reliability when they have on its origin.
 */
export async function storedRatingAccess(
  lens: RatingLens,
  targets: { eventIds: string[]; originIds: string[] },
  client: RatingReader = db,
): Promise<{
  credibility: (eventId: string) => boolean;
  reliability: (eventId: string) => boolean;
  origin: (entityId: string) => boolean;
}> {
  if (!lens.blind) return { credibility: () => true, reliability: () => true, origin: () => true };
  const originsOf = targets.eventIds.length
    ? await supportingOrigins(targets.eventIds, client)
    : new Map<string, string[]>();
  const { unlocked } = await unlockedTargets(
    lens,
    { eventIds: targets.eventIds, entityIds: [...new Set([...targets.originIds, ...[...originsOf.values()].flat()])] },
    client,
  );
  return {
    credibility: (id) => unlocked.has(eventKey(id)),
    reliability: (id) => {
      const origins = originsOf.get(id) ?? [];
      return origins.length > 0 && origins.every((o) => unlocked.has(entityKey(o)));
    },
    origin: (id) => unlocked.has(entityKey(id)),
  };
}

/**
 * The aggregate a reader may see in a target's vote summary: none while blind,
 * and no consensus (nor agreement or contest) when the only vote is theirs.
 */
export function summaryAggregate(axis: "reliability" | "credibility", grades: Grade[], onlyMine: boolean): Aggregate {
  const a = aggregate(axis, grades);
  return onlyMine ? { ...a, consensus: null, agreement: null, spread: null, contested: false } : a;
}
