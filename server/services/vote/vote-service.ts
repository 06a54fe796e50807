import { randomUUID } from "node:crypto";
import { db } from "../../db/client.ts";
import { fragment, query, sql, type Statement } from "../../db/sql.ts";
import type { Prisma } from "../../db/generated/client.ts";
import { badRequest, conflict, notFound } from "../../errors.ts";
import { can } from "../../policy.ts";
import {
  aggregate,
  distanceFromConsensus,
  suggestConfirmed,
  type Aggregate,
  type Grade,
} from "../../schemas/admiralty.ts";
import type { Role } from "../../policy.ts";
import { castVoteSchema, type CastVoteInput } from "../../schemas/vote.ts";
import { requireAccessFor, requirePermission, type Access } from "../access/index.ts";
import type { Actor } from "../access/index.ts";
import { requireEventVisible, seesDrafts } from "../access/index.ts";
import { supportOfEvent } from "../citation/index.ts";
import { changeOriginVotes } from "../evidence/index.ts";
import { credibilityOf, lensFor, summaryAggregate, type RatingLens } from "./rating-service.ts";

type Target =
  | { kind: "entity"; id: string; workspaceId: string; axis: "RELIABILITY" }
  | { kind: "event"; id: string; workspaceId: string; axis: "CREDIBILITY" };

const keyOf = (t: Target) => `${t.kind}:${t.id}`;

/**
 * Resolves the target's workspace from the database and checks the caller
 * there; viewers see published events only. Visibility is checked before the
 * permission, so a viewer who names an unpublished event learns that it is
 * not there (NOT_FOUND), not that it exists but may not be voted on.
 */
async function resolveTarget(
  actor: Actor,
  input: { entityId?: string; eventId?: string },
  permission: "vote.read" | "vote.cast",
): Promise<{ target: Target; access: Access }> {
  let target: Target;
  let access: Access;
  if (input.entityId) {
    const entity = await db.entity.findUnique({
      where: { id: input.entityId },
      select: { workspaceId: true, mergedIntoId: true },
    });
    if (!entity || entity.mergedIntoId) throw notFound("Source origin");
    access = await requireAccessFor("Source origin", actor, entity.workspaceId, "vote.read");
    target = { kind: "entity", id: input.entityId, workspaceId: entity.workspaceId, axis: "RELIABILITY" };
  } else {
    const event = await db.event.findUnique({
      where: { id: input.eventId! },
      select: { workspaceId: true, status: true, deletedAt: true },
    });
    if (!event || event.deletedAt) throw notFound("Event");
    access = await requireAccessFor("Event", actor, event.workspaceId, "vote.read");
    requireEventVisible(access.role, event.status);
    target = { kind: "event", id: input.eventId!, workspaceId: event.workspaceId, axis: "CREDIBILITY" };
  }
  // Refuses with the permission's own message (FORBIDDEN) when the role may read but not vote.
  requirePermission(access.role, permission);
  return { target, access };
}

const targetWhere = (t: Target) => (t.kind === "entity" ? { entityId: t.id } : { eventId: t.id });

/**
 * The target's workspace, the caller's membership there, the grades of the
 * other voters and whether the caller has seen them (voted or skipped), in one
 * query: what castVote needs before it may write. The checks and their errors
 * are those of resolveTarget(…, "vote.cast").
 */
async function loadCastTarget(
  actor: Actor,
  input: { entityId?: string; eventId?: string },
): Promise<{ target: Target; others: Grade[]; seen: boolean }> {
  type Row = {
    workspaceId: string;
    gone: boolean;
    published: boolean;
    role: Role | null;
    active: boolean | null;
    others: string[];
    seen: boolean;
    place: boolean;
  };
  const key = input.entityId ? `entity:${input.entityId}` : `event:${input.eventId!}`;
  const rows = input.entityId
    ? await query<Row>(sql`
        SELECT t."workspaceId", t."mergedIntoId" IS NOT NULL AS gone, true AS published, m.role::text AS role, m.active,
               t.kind::text = 'PLACE' AS place,
               ARRAY(SELECT v.grade FROM "Vote" v WHERE v."entityId" = t.id AND v."voterId" <> ${actor.userId}) AS others,
               EXISTS (SELECT 1 FROM "Vote" v WHERE v."entityId" = t.id AND v."voterId" = ${actor.userId})
                 OR EXISTS (SELECT 1 FROM "VoteReveal" r WHERE r."voterId" = ${actor.userId} AND r."targetKey" = ${key}) AS seen
        FROM "Entity" t LEFT JOIN "Membership" m ON m."workspaceId" = t."workspaceId" AND m."userId" = ${actor.userId}
        WHERE t.id = ${input.entityId}`)
    : await query<Row>(sql`
        SELECT t."workspaceId", t."deletedAt" IS NOT NULL AS gone, t.status = 'PUBLISHED' AS published, m.role::text AS role, m.active,
               false AS place,
               ARRAY(SELECT v.grade FROM "Vote" v WHERE v."eventId" = t.id AND v."voterId" <> ${actor.userId}) AS others,
               EXISTS (SELECT 1 FROM "Vote" v WHERE v."eventId" = t.id AND v."voterId" = ${actor.userId})
                 OR EXISTS (SELECT 1 FROM "VoteReveal" r WHERE r."voterId" = ${actor.userId} AND r."targetKey" = ${key}) AS seen
        FROM "Event" t LEFT JOIN "Membership" m ON m."workspaceId" = t."workspaceId" AND m."userId" = ${actor.userId}
        WHERE t.id = ${input.eventId!}`);
  const row = rows[0];
  const what = input.entityId ? "Source origin" : "Event";
  if (!row || row.gone) throw notFound(what);
  if (!row.role || !row.active) throw notFound(what);
  if (!seesDrafts(row.role) && !row.published) throw notFound(what);
  requirePermission(row.role, "vote.cast");
  // Reliability is a track record: a person or an organisation has one, a place does not.
  // (A vote cast on a place before this rule can still be withdrawn.)
  if (row.place)
    throw badRequest("A place is not rated for reliability: rate the person or organisation a source comes from.");
  const target: Target = input.entityId
    ? { kind: "entity", id: input.entityId, workspaceId: row.workspaceId, axis: "RELIABILITY" }
    : { kind: "event", id: input.eventId!, workspaceId: row.workspaceId, axis: "CREDIBILITY" };
  return { target, others: row.others as Grade[], seen: row.seen };
}

/**
 * Runs a statement that writes votes: on the pool for an event, the hot path;
 * for an origin through evidence/changeOriginVotes, which compares the
 * origin's consensus before and after in the same transaction and flags what
 * relies on it when it fell (whether the vote was cast, changed or withdrawn).
 */
async function writeVotes<T>(target: Target, actorId: string, statement: Statement): Promise<T[]> {
  if (target.kind === "event") return query<T>(statement);
  const { result } = await changeOriginVotes(
    { workspaceId: target.workspaceId, entityId: target.id, actorId },
    (tx: Prisma.TransactionClient) => tx.$queryRawUnsafe<T[]>(statement.text, ...statement.values),
  );
  return result;
}

/** After a vote far from the others' consensus without a reason: what to ask the voter. */
export type RationaleRequest = { othersConsensus: Grade } | null;

/**
 * Casts or changes the caller's vote.
 *
 * The rationale rule (a reason is required two or more steps from the others'
 * consensus) is applied once the voter can see that consensus, so it never
 * gives it away:
 * - a voter who has seen the votes (voted or skipped before) is refused
 *   without a reason, as the message may name what they have already seen;
 * - a first, blind vote is always accepted, since refusing it would tell how
 *   far it lies from the others (try a grade, get refused, try another). The
 *   answer then names the others' consensus and asks for the reason, and the
 *   summary keeps asking (rationaleRequest) until the voter gives one.
 *
 * One read (loadCastTarget) and one write statement, so a vote on an event
 * costs two round trips (a vote on an origin also reads the origin's
 * consensus either side of the write: see writeVotes). The write is a single
 * statement, hence atomic on its own:
 * - `prev` locks the voter's current vote (FOR UPDATE) before anything is
 *   written (the writes depend on it); under READ COMMITTED a lock that had to
 *   wait returns the newest committed version, so the "before" in the audit
 *   row is the vote actually replaced, even when one voter double-submits;
 * - with a vote there, it is updated; without one, a new vote is inserted, and
 *   if the same voter's other request inserted one meanwhile the unique
 *   (voter, target) key turns the insert into nothing: the statement then
 *   writes nothing at all and is run again, now finding that vote to lock;
 * - the history and audit rows come from the same statement, so a vote is
 *   never accepted without its history.
 */
export async function castVote(actor: Actor, raw: CastVoteInput) {
  const input = castVoteSchema.parse(raw);
  const { target, others, seen } = await loadCastTarget(actor, input);
  const consensus = aggregate(target.kind === "entity" ? "reliability" : "credibility", others).consensus;
  const far = distanceFromConsensus(input.grade as Grade, consensus) >= 2 && !input.rationale;
  if (far && seen) {
    const message = `Explain your rating: it is two or more steps from the others' consensus (${consensus}).`;
    throw badRequest(message, { rationale: message });
  }
  const rationaleRequest: RationaleRequest = far ? { othersConsensus: consensus! } : null;
  const requested = rationaleRequest !== null;
  const entityId = target.kind === "entity" ? target.id : null;
  const eventId = target.kind === "event" ? target.id : null;
  const column = fragment(target.kind === "entity" ? '"entityId"' : '"eventId"');
  const after = JSON.stringify({ grade: input.grade, rationale: input.rationale });
  const ip = actor.ip ?? null;
  for (let attempt = 0; attempt < 5; attempt++) {
    // Plain SQL (see db/sql.ts): a vote is the hottest write there is.
    const written = await writeVotes<{ id: string }>(
      target,
      actor.userId,
      sql`
      WITH prev AS MATERIALIZED (
        SELECT grade, rationale FROM "Vote" WHERE "voterId" = ${actor.userId} AND ${column} = ${target.id} FOR UPDATE
      ), ins AS (
        INSERT INTO "Vote" (id, "workspaceId", "voterId", axis, "entityId", "eventId", grade, rationale, "rationaleRequested", "createdAt", "updatedAt")
        SELECT ${randomUUID()}, ${target.workspaceId}, ${actor.userId}, ${target.axis}::"VoteAxis", ${entityId}, ${eventId}, ${input.grade}, ${input.rationale}, ${requested}, now(), now()
        WHERE NOT EXISTS (SELECT 1 FROM prev)
        ON CONFLICT DO NOTHING
        RETURNING true AS inserted
      ), upd AS (
        UPDATE "Vote" SET grade = ${input.grade}, rationale = ${input.rationale}, "rationaleRequested" = ${requested}, "updatedAt" = now()
        WHERE "voterId" = ${actor.userId} AND ${column} = ${target.id} AND EXISTS (SELECT 1 FROM prev)
        RETURNING false AS inserted
      ), up AS (
        SELECT inserted FROM ins UNION ALL SELECT inserted FROM upd
      ), hist AS (
        INSERT INTO "VoteHistory" ("workspaceId", "voterId", axis, "entityId", "eventId", grade, rationale, "createdAt")
        SELECT ${target.workspaceId}, ${actor.userId}, ${target.axis}::"VoteAxis", ${entityId}, ${eventId}, ${input.grade}, ${input.rationale}, now() FROM up
      )
      INSERT INTO "AuditLog" ("workspaceId", "actorId", ip, action, "targetType", "targetId", before, after, "createdAt")
      SELECT ${target.workspaceId}, ${actor.userId}, ${ip}, CASE WHEN up.inserted THEN 'vote.cast' ELSE 'vote.changed' END, ${target.kind}, ${target.id},
             (SELECT jsonb_build_object('grade', grade, 'rationale', rationale) FROM prev), ${after}::jsonb, now()
      FROM up
      RETURNING id`,
    );
    // The caller refetches the summary it shows; answering with it here would double the work of every vote.
    if (written.length > 0) return { ok: true as const, grade: input.grade, rationaleRequest };
  }
  throw conflict("Your vote could not be saved because it changed at the same moment. Please try again.");
}

/**
 * Withdraws the caller's vote in one statement: the DELETE waits for any write
 * on the row in progress and returns the version it removed, so the history
 * and audit rows record what was actually withdrawn. Whoever withdraws has seen
 * the votes, so the target stays open to them as after a skip.
 */
export async function withdrawVote(actor: Actor, input: { entityId?: string; eventId?: string }) {
  const { target } = await resolveTarget(actor, input, "vote.cast");
  const entityId = target.kind === "entity" ? target.id : null;
  const eventId = target.kind === "event" ? target.id : null;
  const ip = actor.ip ?? null;
  await writeVotes(
    target,
    actor.userId,
    sql`
    WITH gone AS (
      DELETE FROM "Vote" WHERE "voterId" = ${actor.userId} AND ("entityId" = ${entityId} OR "eventId" = ${eventId})
      RETURNING grade, rationale
    ), hist AS (
      INSERT INTO "VoteHistory" ("workspaceId", "voterId", axis, "entityId", "eventId", grade, rationale, "createdAt")
      SELECT ${target.workspaceId}, ${actor.userId}, ${target.axis}::"VoteAxis", ${entityId}, ${eventId}, NULL, '', now() FROM gone
    ), seen AS (
      INSERT INTO "VoteReveal" ("voterId", "targetKey", "createdAt")
      SELECT ${actor.userId}, ${keyOf(target)}, now() FROM gone
      ON CONFLICT DO NOTHING
    )
    INSERT INTO "AuditLog" ("workspaceId", "actorId", ip, action, "targetType", "targetId", before, "createdAt")
    SELECT ${target.workspaceId}, ${actor.userId}, ${ip}, 'vote.withdrawn', ${target.kind}, ${target.id}, jsonb_build_object('grade', grade, 'rationale', rationale), now()
    FROM gone
    RETURNING id`,
  );
  return { ok: true as const };
}

/** "Skip": see the others' votes without voting. Recorded, so the choice is deliberate and lasting. */
export async function revealVotes(actor: Actor, input: { entityId?: string; eventId?: string }) {
  const { target } = await resolveTarget(actor, input, "vote.cast");
  await db.voteReveal.upsert({
    where: { voterId_targetKey: { voterId: actor.userId, targetKey: keyOf(target) } },
    update: {},
    create: { voterId: actor.userId, targetKey: keyOf(target) },
  });
  return getVoteSummary(actor, input);
}

export type VoteSummary = {
  axis: "RELIABILITY" | "CREDIBILITY";
  /** How many voted: never secret, unlike what they voted. */
  total: number;
  canVote: boolean;
  /** Blind voting: values are hidden from someone who can vote until they vote or skip. */
  revealed: boolean;
  myVote: { grade: string; rationale: string } | null;
  /**
   * Null while blind. With only the caller's own vote there is no consensus
   * (nor agreement or contest): one vote is not a consensus of the team.
   */
  aggregate: Aggregate | null;
  votes: { voter: string; grade: string; rationale: string; updatedAt: Date }[];
  /**
   * Set while the caller's vote, cast blind two or more steps from the others'
   * consensus without a reason, still waits for its reason.
   */
  rationaleRequest: RationaleRequest;
  /** Credibility 1 is suggested only with supporting citations from two or more independent origins. */
  suggestion: { grade: "1"; independentOrigins: number; supportingSources: number; suggested: boolean } | null;
  trackRecord: TrackRecord | null;
};

export async function getVoteSummary(
  actor: Actor,
  input: { entityId?: string; eventId?: string },
): Promise<VoteSummary> {
  const { target, access } = await resolveTarget(actor, input, "vote.read");
  const canVote = can(access.role, "vote.cast");
  const [votes, reveal, support, track] = await Promise.all([
    db.vote.findMany({
      where: targetWhere(target),
      orderBy: { updatedAt: "asc" },
      select: {
        grade: true,
        rationale: true,
        rationaleRequested: true,
        updatedAt: true,
        voterId: true,
        voter: { select: { name: true } },
      },
    }),
    canVote
      ? db.voteReveal.findUnique({
          where: { voterId_targetKey: { voterId: actor.userId, targetKey: keyOf(target) } },
          select: { voterId: true },
        })
      : null,
    target.kind === "event" ? supportOfEvent(target.id) : null,
    target.kind === "entity" ? trackRecord(target.id, target.workspaceId, lensFor(actor, access.role)) : null,
  ]);
  const mine = votes.find((v) => v.voterId === actor.userId);
  const revealed = !canVote || Boolean(mine) || Boolean(reveal);
  const axis = target.kind === "entity" ? "reliability" : "credibility";
  const othersConsensus = mine?.rationaleRequested
    ? aggregate(
        axis,
        votes.filter((v) => v !== mine).map((v) => v.grade as Grade),
      ).consensus
    : null;
  return {
    axis: target.axis,
    total: votes.length,
    canVote,
    revealed,
    myVote: mine ? { grade: mine.grade, rationale: mine.rationale } : null,
    aggregate: revealed
      ? summaryAggregate(
          axis,
          votes.map((v) => v.grade as Grade),
          votes.length === 1 && Boolean(mine),
        )
      : null,
    votes: revealed
      ? votes.map((v) => ({ voter: v.voter.name, grade: v.grade, rationale: v.rationale, updatedAt: v.updatedAt }))
      : [],
    // Asked as it was when the vote was cast blind; named as the others stand now (the voter sees them).
    rationaleRequest: mine?.rationaleRequested && othersConsensus ? { othersConsensus } : null,
    suggestion: support ? { grade: "1", ...support, suggested: suggestConfirmed(support.independentOrigins) } : null,
    trackRecord: track,
  };
}

export type TrackRecord = {
  /** Published events the origin reported (supporting citations). */
  published: number;
  confirmedOrProbable: number;
  doubtfulOrImprobable: number;
  /** Of those, events whose credibility the caller has not voted or skipped on yet: not counted above. */
  withheld: number;
};

/**
 * How the events the origin reported (its supporting citations) ended up:
 * published with credibility 1–2 against 4–5. An event it contradicted or
 * merely mentioned says nothing about whether its reporting held up. Each
 * event's credibility is read as the caller may see it, so the record never
 * gives away a consensus they are still blind to.
 */
async function trackRecord(entityId: string, workspaceId: string, lens: RatingLens): Promise<TrackRecord> {
  const rows = await db.$queryRaw<{ eventId: string }[]>`
    SELECT DISTINCT c."eventId" FROM "Citation" c
    JOIN "Source" s ON s.id = c."sourceId"
    JOIN "Event" e ON e.id = c."eventId"
    WHERE s."publisherId" = ${entityId} AND c."workspaceId" = ${workspaceId} AND c.stance = 'SUPPORTS' AND NOT c."proposedAdd" AND e.status = 'PUBLISHED' AND e."deletedAt" IS NULL`;
  const credibility = await credibilityOf(
    rows.map((r) => r.eventId),
    lens,
  );
  let good = 0;
  let bad = 0;
  let withheld = 0;
  for (const c of credibility.values()) {
    if (c.hidden) withheld++;
    if (c.consensus === "1" || c.consensus === "2") good++;
    if (c.consensus === "4" || c.consensus === "5") bad++;
  }
  return { confirmedOrProbable: good, doubtfulOrImprobable: bad, published: rows.length, withheld };
}
