import { randomUUID } from "node:crypto";
import { db } from "../db/client.ts";
import { badRequest, notFound } from "../errors.ts";
import { can } from "../policy.ts";
import { aggregate, distanceFromConsensus, suggestConfirmed, type Aggregate, type Grade } from "../schemas/admiralty.ts";
import { castVoteSchema, type CastVoteInput } from "../schemas/vote.ts";
import { requireAccess, type Access } from "./access.ts";
import type { Actor } from "./actor.ts";
import { recordAudit } from "./audit.ts";
import { supportOfEvent } from "./citation-service.ts";

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
async function resolveTarget(actor: Actor, input: { entityId?: string; eventId?: string }, permission: "vote.read" | "vote.cast"): Promise<{ target: Target; access: Access }> {
  let target: Target;
  let access: Access;
  if (input.entityId) {
    const entity = await db.entity.findUnique({ where: { id: input.entityId }, select: { workspaceId: true, mergedIntoId: true } });
    if (!entity || entity.mergedIntoId) throw notFound("Source origin");
    access = await requireAccess(actor, entity.workspaceId, "vote.read");
    target = { kind: "entity", id: input.entityId, workspaceId: entity.workspaceId, axis: "RELIABILITY" };
  } else {
    const event = await db.event.findUnique({ where: { id: input.eventId! }, select: { workspaceId: true, status: true, deletedAt: true } });
    if (!event || event.deletedAt) throw notFound("Event");
    access = await requireAccess(actor, event.workspaceId, "vote.read");
    if (!can(access.role, "event.readDrafts") && event.status !== "PUBLISHED") throw notFound("Event");
    target = { kind: "event", id: input.eventId!, workspaceId: event.workspaceId, axis: "CREDIBILITY" };
  }
  // Refuses with the permission's own message (FORBIDDEN) when the role may read but not vote.
  if (!can(access.role, permission)) await requireAccess(actor, target.workspaceId, permission);
  return { target, access };
}

const targetWhere = (t: Target) => (t.kind === "entity" ? { entityId: t.id } : { eventId: t.id });

/**
 * Serialises one voter's writes on one target until the transaction ends, so
 * that the vote read as "before" is the one actually replaced: without it two
 * simultaneous submissions both read the same old vote and the audit trail
 * records a change from a value that had already been overwritten.
 */
async function lockVoterOnTarget(tx: Pick<typeof db, "$executeRaw">, voterId: string, target: Target) {
  await tx.$executeRaw`SELECT 1 FROM pg_advisory_xact_lock(hashtextextended(${`vote:${voterId}:${keyOf(target)}`}, 0))`;
}

/**
 * Casts or changes the caller's vote. A rationale is required when the vote
 * is two or more steps from the consensus of the others. The write is one
 * atomic upsert on the unique (voter, target) key, so fifty simultaneous
 * voters or one voter double-submitting still leave exactly one current vote
 * each.
 */
export async function castVote(actor: Actor, raw: CastVoteInput) {
  const input = castVoteSchema.parse(raw);
  const { target } = await resolveTarget(actor, input, "vote.cast");
  const others = await db.vote.findMany({ where: { ...targetWhere(target), voterId: { not: actor.userId } }, select: { grade: true } });
  const consensus = aggregate(target.kind === "entity" ? "reliability" : "credibility", others.map((o) => o.grade as Grade)).consensus;
  if (distanceFromConsensus(input.grade as Grade, consensus) >= 2 && !input.rationale) {
    const message = `Explain your rating: it is two or more steps from the current consensus (${consensus}).`;
    throw badRequest(message, { rationale: message });
  }
  await db.$transaction(async (tx) => {
    await lockVoterOnTarget(tx, actor.userId, target);
    const before = await tx.vote.findFirst({ where: { ...targetWhere(target), voterId: actor.userId }, select: { grade: true, rationale: true } });
    const entityId = target.kind === "entity" ? target.id : null;
    const eventId = target.kind === "event" ? target.id : null;
    if (target.kind === "entity") {
      await tx.$executeRaw`
        INSERT INTO "Vote" (id, "workspaceId", "voterId", axis, "entityId", "eventId", grade, rationale, "createdAt", "updatedAt")
        VALUES (${randomUUID()}, ${target.workspaceId}, ${actor.userId}, 'RELIABILITY', ${entityId}, NULL, ${input.grade}, ${input.rationale}, now(), now())
        ON CONFLICT ("voterId", "entityId") DO UPDATE SET grade = EXCLUDED.grade, rationale = EXCLUDED.rationale, "updatedAt" = now()`;
    } else {
      await tx.$executeRaw`
        INSERT INTO "Vote" (id, "workspaceId", "voterId", axis, "entityId", "eventId", grade, rationale, "createdAt", "updatedAt")
        VALUES (${randomUUID()}, ${target.workspaceId}, ${actor.userId}, 'CREDIBILITY', NULL, ${eventId}, ${input.grade}, ${input.rationale}, now(), now())
        ON CONFLICT ("voterId", "eventId") DO UPDATE SET grade = EXCLUDED.grade, rationale = EXCLUDED.rationale, "updatedAt" = now()`;
    }
    await tx.voteHistory.create({
      data: { workspaceId: target.workspaceId, voterId: actor.userId, axis: target.axis, entityId, eventId, grade: input.grade, rationale: input.rationale },
    });
    await recordAudit(tx, actor, {
      workspaceId: target.workspaceId,
      action: before ? "vote.changed" : "vote.cast",
      targetType: target.kind,
      targetId: target.id,
      before: before ?? null,
      after: { grade: input.grade, rationale: input.rationale },
    });
  });
  // The caller refetches the summary it shows; answering with it here would double the work of every vote.
  return { ok: true as const, grade: input.grade };
}

export async function withdrawVote(actor: Actor, input: { entityId?: string; eventId?: string }) {
  const { target } = await resolveTarget(actor, input, "vote.cast");
  await db.$transaction(async (tx) => {
    await lockVoterOnTarget(tx, actor.userId, target);
    const before = await tx.vote.findFirst({ where: { ...targetWhere(target), voterId: actor.userId }, select: { id: true, grade: true, rationale: true } });
    if (!before) return;
    await tx.vote.deleteMany({ where: { id: before.id } });
    await tx.voteHistory.create({
      data: { workspaceId: target.workspaceId, voterId: actor.userId, axis: target.axis, ...targetWhere(target), grade: null, rationale: "" },
    });
    await recordAudit(tx, actor, { workspaceId: target.workspaceId, action: "vote.withdrawn", targetType: target.kind, targetId: target.id, before: { grade: before.grade, rationale: before.rationale } });
  });
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

export async function getVoteSummary(actor: Actor, input: { entityId?: string; eventId?: string }): Promise<VoteSummary> {
  const { target, access } = await resolveTarget(actor, input, "vote.read");
  const canVote = can(access.role, "vote.cast");
  const [votes, reveal] = await Promise.all([
    db.vote.findMany({
      where: targetWhere(target),
      orderBy: { updatedAt: "asc" },
      select: { grade: true, rationale: true, updatedAt: true, voterId: true, voter: { select: { name: true } } },
    }),
    canVote ? db.voteReveal.findUnique({ where: { voterId_targetKey: { voterId: actor.userId, targetKey: keyOf(target) } }, select: { voterId: true } }) : null,
  ]);
  const mine = votes.find((v) => v.voterId === actor.userId);
  const revealed = !canVote || Boolean(mine) || Boolean(reveal);
  const axis = target.kind === "entity" ? "reliability" : "credibility";
  let suggestion: VoteSummary["suggestion"] = null;
  if (target.kind === "event") {
    const support = await supportOfEvent(target.id);
    suggestion = { grade: "1", ...support, suggested: suggestConfirmed(support.independentOrigins) };
  }
  return {
    axis: target.axis,
    total: votes.length,
    canVote,
    revealed,
    myVote: mine ? { grade: mine.grade, rationale: mine.rationale } : null,
    aggregate: revealed ? aggregate(axis, votes.map((v) => v.grade as Grade)) : null,
    votes: revealed ? votes.map((v) => ({ voter: v.voter.name, grade: v.grade, rationale: v.rationale, updatedAt: v.updatedAt })) : [],
    suggestion,
    trackRecord: target.kind === "entity" ? await trackRecord(target.id, target.workspaceId) : null,
  };
}

/**
 * How the events the origin reported (its supporting citations) ended up:
 * published with credibility 1–2 against 4–5. An event it contradicted or
 * merely mentioned says nothing about whether its reporting held up.
 */
async function trackRecord(entityId: string, workspaceId: string) {
  const rows = await db.$queryRaw<{ eventId: string; grade: string; n: number }[]>`
    SELECT v."eventId", v.grade, count(*)::int AS n
    FROM "Vote" v
    WHERE v."eventId" IN (
      SELECT DISTINCT c."eventId" FROM "Citation" c
      JOIN "Source" s ON s.id = c."sourceId"
      JOIN "Event" e ON e.id = c."eventId"
      WHERE s."publisherId" = ${entityId} AND c."workspaceId" = ${workspaceId} AND c.stance = 'SUPPORTS' AND e.status = 'PUBLISHED' AND e."deletedAt" IS NULL
    )
    GROUP BY v."eventId", v.grade`;
  const published = await db.$queryRaw<{ n: number }[]>`
    SELECT count(DISTINCT c."eventId")::int AS n FROM "Citation" c
    JOIN "Source" s ON s.id = c."sourceId" JOIN "Event" e ON e.id = c."eventId"
    WHERE s."publisherId" = ${entityId} AND c."workspaceId" = ${workspaceId} AND c.stance = 'SUPPORTS' AND e.status = 'PUBLISHED' AND e."deletedAt" IS NULL`;
  const byEvent = new Map<string, Grade[]>();
  for (const r of rows) byEvent.set(r.eventId, [...(byEvent.get(r.eventId) ?? []), ...Array<Grade>(r.n).fill(r.grade as Grade)]);
  let good = 0;
  let bad = 0;
  for (const grades of byEvent.values()) {
    const c = aggregate("credibility", grades).consensus;
    if (c === "1" || c === "2") good++;
    if (c === "4" || c === "5") bad++;
  }
  return { confirmedOrProbable: good, doubtfulOrImprobable: bad, published: published[0]?.n ?? 0 };
}
