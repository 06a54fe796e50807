import { randomUUID } from "node:crypto";
import { db } from "../../db/client.ts";
import { fragment, query, sql } from "../../db/sql.ts";
import { badRequest, conflict, notFound } from "../../errors.ts";
import { can } from "../../policy.ts";
import {
  aggregate,
  distanceFromConsensus,
  suggestConfirmed,
  type Aggregate,
  type Grade,
} from "../../schemas/admiralty.ts";
import { castVoteSchema, type CastVoteInput } from "../../schemas/vote.ts";
import { requireAccessFor, requirePermission, type Access } from "../access/index.ts";
import type { Actor } from "../access/index.ts";
import { requireEventVisible, seesDrafts } from "../access/index.ts";
import { supportOfEvent } from "../citation/index.ts";

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

type Role = Access["role"];

/**
 * The target's workspace, the caller's membership there and the grades of the
 * other voters, in one query: what castVote needs before it may write. The
 * checks and their errors are those of resolveTarget(…, "vote.cast").
 */
async function loadCastTarget(
  actor: Actor,
  input: { entityId?: string; eventId?: string },
): Promise<{ target: Target; others: Grade[] }> {
  type Row = {
    workspaceId: string;
    gone: boolean;
    published: boolean;
    role: Role | null;
    active: boolean | null;
    others: string[];
  };
  const rows = input.entityId
    ? await query<Row>(sql`
        SELECT t."workspaceId", t."mergedIntoId" IS NOT NULL AS gone, true AS published, m.role::text AS role, m.active,
               ARRAY(SELECT v.grade FROM "Vote" v WHERE v."entityId" = t.id AND v."voterId" <> ${actor.userId}) AS others
        FROM "Entity" t LEFT JOIN "Membership" m ON m."workspaceId" = t."workspaceId" AND m."userId" = ${actor.userId}
        WHERE t.id = ${input.entityId}`)
    : await query<Row>(sql`
        SELECT t."workspaceId", t."deletedAt" IS NOT NULL AS gone, t.status = 'PUBLISHED' AS published, m.role::text AS role, m.active,
               ARRAY(SELECT v.grade FROM "Vote" v WHERE v."eventId" = t.id AND v."voterId" <> ${actor.userId}) AS others
        FROM "Event" t LEFT JOIN "Membership" m ON m."workspaceId" = t."workspaceId" AND m."userId" = ${actor.userId}
        WHERE t.id = ${input.eventId!}`);
  const row = rows[0];
  const what = input.entityId ? "Source origin" : "Event";
  if (!row || row.gone) throw notFound(what);
  if (!row.role || !row.active) throw notFound(what);
  if (!seesDrafts(row.role) && !row.published) throw notFound(what);
  requirePermission(row.role, "vote.cast");
  const target: Target = input.entityId
    ? { kind: "entity", id: input.entityId, workspaceId: row.workspaceId, axis: "RELIABILITY" }
    : { kind: "event", id: input.eventId!, workspaceId: row.workspaceId, axis: "CREDIBILITY" };
  return { target, others: row.others as Grade[] };
}

/**
 * Casts or changes the caller's vote. A rationale is required when the vote
 * is two or more steps from the consensus of the others.
 *
 * One read (loadCastTarget) and one write statement, so a vote costs two
 * round trips. The write is a single statement, hence atomic on its own:
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
  const { target, others } = await loadCastTarget(actor, input);
  const consensus = aggregate(target.kind === "entity" ? "reliability" : "credibility", others).consensus;
  if (distanceFromConsensus(input.grade as Grade, consensus) >= 2 && !input.rationale) {
    const message = `Explain your rating: it is two or more steps from the current consensus (${consensus}).`;
    throw badRequest(message, { rationale: message });
  }
  const entityId = target.kind === "entity" ? target.id : null;
  const eventId = target.kind === "event" ? target.id : null;
  const column = fragment(target.kind === "entity" ? '"entityId"' : '"eventId"');
  const after = JSON.stringify({ grade: input.grade, rationale: input.rationale });
  const ip = actor.ip ?? null;
  for (let attempt = 0; attempt < 5; attempt++) {
    // Plain SQL on the pool (see db/sql.ts): a vote is the hottest write there is.
    const written = await query<{ id: string }>(sql`
      WITH prev AS MATERIALIZED (
        SELECT grade, rationale FROM "Vote" WHERE "voterId" = ${actor.userId} AND ${column} = ${target.id} FOR UPDATE
      ), ins AS (
        INSERT INTO "Vote" (id, "workspaceId", "voterId", axis, "entityId", "eventId", grade, rationale, "createdAt", "updatedAt")
        SELECT ${randomUUID()}, ${target.workspaceId}, ${actor.userId}, ${target.axis}::"VoteAxis", ${entityId}, ${eventId}, ${input.grade}, ${input.rationale}, now(), now()
        WHERE NOT EXISTS (SELECT 1 FROM prev)
        ON CONFLICT DO NOTHING
        RETURNING true AS inserted
      ), upd AS (
        UPDATE "Vote" SET grade = ${input.grade}, rationale = ${input.rationale}, "updatedAt" = now()
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
      RETURNING id`);
    // The caller refetches the summary it shows; answering with it here would double the work of every vote.
    if (written.length > 0) return { ok: true as const, grade: input.grade };
  }
  throw conflict("Your vote could not be saved because it changed at the same moment. Please try again.");
}

/**
 * Withdraws the caller's vote in one statement: the DELETE waits for any write
 * on the row in progress and returns the version it removed, so the history
 * and audit rows record what was actually withdrawn.
 */
export async function withdrawVote(actor: Actor, input: { entityId?: string; eventId?: string }) {
  const { target } = await resolveTarget(actor, input, "vote.cast");
  const entityId = target.kind === "entity" ? target.id : null;
  const eventId = target.kind === "event" ? target.id : null;
  const ip = actor.ip ?? null;
  await db.$queryRaw`
    WITH gone AS (
      DELETE FROM "Vote" WHERE "voterId" = ${actor.userId} AND ("entityId" = ${entityId} OR "eventId" = ${eventId})
      RETURNING grade, rationale
    ), hist AS (
      INSERT INTO "VoteHistory" ("workspaceId", "voterId", axis, "entityId", "eventId", grade, rationale, "createdAt")
      SELECT ${target.workspaceId}, ${actor.userId}, ${target.axis}::"VoteAxis", ${entityId}, ${eventId}, NULL, '', now() FROM gone
    )
    INSERT INTO "AuditLog" ("workspaceId", "actorId", ip, action, "targetType", "targetId", before, "createdAt")
    SELECT ${target.workspaceId}, ${actor.userId}, ${ip}, 'vote.withdrawn', ${target.kind}, ${target.id}, jsonb_build_object('grade', grade, 'rationale', rationale), now()
    FROM gone
    RETURNING id`;
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
  total: number;
  canVote: boolean;
  /** Blind voting: values are hidden from someone who can vote until they vote or skip. */
  revealed: boolean;
  myVote: { grade: string; rationale: string } | null;
  aggregate: Aggregate | null;
  votes: { voter: string; grade: string; rationale: string; updatedAt: Date }[];
  /** Credibility 1 is suggested only with supporting citations from two or more independent origins. */
  suggestion: { grade: "1"; independentOrigins: number; supportingSources: number; suggested: boolean } | null;
  trackRecord: { confirmedOrProbable: number; doubtfulOrImprobable: number; published: number } | null;
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
      select: { grade: true, rationale: true, updatedAt: true, voterId: true, voter: { select: { name: true } } },
    }),
    canVote
      ? db.voteReveal.findUnique({
          where: { voterId_targetKey: { voterId: actor.userId, targetKey: keyOf(target) } },
          select: { voterId: true },
        })
      : null,
    target.kind === "event" ? supportOfEvent(target.id) : null,
    target.kind === "entity" ? trackRecord(target.id, target.workspaceId) : null,
  ]);
  const mine = votes.find((v) => v.voterId === actor.userId);
  const revealed = !canVote || Boolean(mine) || Boolean(reveal);
  const axis = target.kind === "entity" ? "reliability" : "credibility";
  return {
    axis: target.axis,
    total: votes.length,
    canVote,
    revealed,
    myVote: mine ? { grade: mine.grade, rationale: mine.rationale } : null,
    aggregate: revealed
      ? aggregate(
          axis,
          votes.map((v) => v.grade as Grade),
        )
      : null,
    votes: revealed
      ? votes.map((v) => ({ voter: v.voter.name, grade: v.grade, rationale: v.rationale, updatedAt: v.updatedAt }))
      : [],
    suggestion: support ? { grade: "1", ...support, suggested: suggestConfirmed(support.independentOrigins) } : null,
    trackRecord: track,
  };
}

/**
 * How the events the origin reported (its supporting citations) ended up:
 * published with credibility 1–2 against 4–5. An event it contradicted or
 * merely mentioned says nothing about whether its reporting held up.
 */
async function trackRecord(entityId: string, workspaceId: string) {
  // One row per (event, grade) with its votes; an event nobody voted on yet comes once with a null grade.
  const rows = await db.$queryRaw<{ eventId: string; grade: string | null; n: number }[]>`
    WITH supported AS (
      SELECT DISTINCT c."eventId" FROM "Citation" c
      JOIN "Source" s ON s.id = c."sourceId"
      JOIN "Event" e ON e.id = c."eventId"
      WHERE s."publisherId" = ${entityId} AND c."workspaceId" = ${workspaceId} AND c.stance = 'SUPPORTS' AND NOT c."proposedAdd" AND e.status = 'PUBLISHED' AND e."deletedAt" IS NULL
    )
    SELECT su."eventId", v.grade, count(v.id)::int AS n
    FROM supported su LEFT JOIN "Vote" v ON v."eventId" = su."eventId"
    GROUP BY su."eventId", v.grade`;
  const published = new Set(rows.map((r) => r.eventId)).size;
  const byEvent = new Map<string, Grade[]>();
  for (const r of rows)
    if (r.grade)
      byEvent.set(r.eventId, [...(byEvent.get(r.eventId) ?? []), ...Array<Grade>(r.n).fill(r.grade as Grade)]);
  let good = 0;
  let bad = 0;
  for (const grades of byEvent.values()) {
    const c = aggregate("credibility", grades).consensus;
    if (c === "1" || c === "2") good++;
    if (c === "4" || c === "5") bad++;
  }
  return { confirmedOrProbable: good, doubtfulOrImprobable: bad, published };
}
