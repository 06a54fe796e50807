import { db } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";
import { conflict, forbidden, notFound } from "../../errors.ts";
import { can } from "../../policy.ts";
import type { CreateEntityInput, EntityKind, UpdateEntityInput } from "../../schemas/entity.ts";
import { entityFieldsSchema } from "../../schemas/entity.ts";
import { formatEventDate } from "../../schemas/partial-date.ts";
import { requireAccess, requireAccessFor } from "../access/index.ts";
import type { Actor } from "../access/index.ts";
import { visibleEvents } from "../access/index.ts";
import { recordAudit } from "../audit/index.ts";
import { decodeCursor, decodeDate, encodeCursor } from "../../lib/cursor.ts";
import { dateColumnSelect, fromDateColumns } from "../../lib/event-date-columns.ts";
import { cleanAliases, type EntityDetails } from "../../lib/record-changes.ts";
import { recordRevision } from "../history/index.ts";
import {
  entityDetailsOf,
  entityShown,
  lockRecord,
  needsReview,
  proposeRecordChange,
  reviewGate,
  staleMessage,
} from "../proposal/index.ts";

type Tx = Prisma.TransactionClient;

export async function createEntity(actor: Actor, input: CreateEntityInput) {
  const fields = entityFieldsSchema.parse(input);
  await requireAccess(actor, input.workspaceId, "entity.write");
  return db.$transaction(async (tx) => {
    const entity = await tx.entity.create({
      data: {
        workspaceId: input.workspaceId,
        kind: fields.kind,
        name: fields.name,
        description: fields.description,
        createdById: actor.userId,
        aliases: {
          create: cleanAliases(fields.name, fields.aliases).map((alias) => ({ alias, workspaceId: input.workspaceId })),
        },
      },
      select: { id: true, name: true, kind: true },
    });
    await recordAudit(tx, actor, {
      workspaceId: input.workspaceId,
      action: "entity.created",
      targetType: "entity",
      targetId: entity.id,
      after: { name: entity.name, kind: entity.kind, aliases: fields.aliases },
    });
    return entity;
  });
}

/** What the entity's history and audit rows hold: every editable field. */
function historyOf(d: EntityDetails): Prisma.InputJsonValue {
  return { kind: d.kind, name: d.name, description: d.description, aliases: d.aliases };
}

/** Only the fields that differ, before and after, for an audit row. */
function auditDiff(before: EntityDetails, after: EntityDetails) {
  const keys = (["kind", "name", "description", "aliases"] as const).filter(
    (k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]),
  );
  return {
    before: Object.fromEntries(keys.map((k) => [k, before[k]])) as Prisma.InputJsonValue,
    after: Object.fromEntries(keys.map((k) => [k, after[k]])) as Prisma.InputJsonValue,
    changed: keys.length > 0,
  };
}

/** Writes an entity's details and aliases (the caller holds its row lock). */
async function writeEntity(tx: Tx, entityId: string, workspaceId: string, d: EntityDetails, version: number) {
  await tx.entityAlias.deleteMany({ where: { entityId } });
  await tx.entity.update({
    where: { id: entityId },
    data: {
      kind: d.kind,
      name: d.name,
      description: d.description,
      version,
      aliases: { create: d.aliases.map((alias) => ({ alias, workspaceId })) },
    },
  });
}

/**
 * Saves an edit of an entity's name, kind, description and aliases, based on
 * the version the form was opened at (else CONFLICT, and nothing is lost).
 * When published material shows the entity (or a change to it is under way)
 * the edit becomes a proposed change that readers do not see until a reviewer
 * approves it; otherwise it is saved at once.
 */
export async function updateEntity(actor: Actor, input: UpdateEntityInput) {
  const fields = entityFieldsSchema.parse(input);
  const entity = await db.entity.findUnique({
    where: { id: input.entityId },
    select: { workspaceId: true, mergedIntoId: true },
  });
  if (!entity) throw notFound("Entity");
  await requireAccessFor("Entity", actor, entity.workspaceId, "entity.write");
  if (entity.mergedIntoId) throw conflict("This entity was merged into another one; edit that one instead.");
  const after: EntityDetails = {
    kind: fields.kind,
    name: fields.name,
    description: fields.description,
    aliases: cleanAliases(fields.name, fields.aliases),
  };
  const ref = { targetType: "ENTITY" as const, targetId: input.entityId, workspaceId: entity.workspaceId };
  return db.$transaction(async (tx) => {
    await lockRecord(tx, ref);
    const row = await tx.entity.findUniqueOrThrow({
      where: { id: input.entityId },
      select: { version: true, mergedIntoId: true },
    });
    if (row.mergedIntoId) throw conflict("This entity was merged into another one; edit that one instead.");
    const before = (await entityDetailsOf(tx, [input.entityId])).get(input.entityId)!;
    const gate = await reviewGate(tx, ref);
    const diff = auditDiff(before, after);
    if (needsReview(gate)) {
      // Saving the approved values again, with nothing under way, proposes nothing.
      if (!gate.proposal && !diff.changed && input.version === row.version)
        return { id: input.entityId, name: before.name, kind: before.kind, version: row.version, proposed: false };
      const { version } = await proposeRecordChange(tx, actor, {
        ...ref,
        gate,
        recordVersion: row.version,
        version: input.version,
        snapshot: historyOf(after),
        revision: historyOf(after),
        diff,
        action: "updated",
      });
      return { id: input.entityId, name: before.name, kind: before.kind, version, proposed: true };
    }
    if (input.version !== row.version) throw conflict(staleMessage("ENTITY"));
    const version = row.version + 1;
    await writeEntity(tx, input.entityId, entity.workspaceId, after, version);
    await recordRevision(tx, actor, {
      workspaceId: entity.workspaceId,
      targetType: "entity",
      targetId: input.entityId,
      version,
      action: "updated",
      snapshot: historyOf(after),
    });
    await recordAudit(tx, actor, {
      workspaceId: entity.workspaceId,
      action: "entity.updated",
      targetType: "entity",
      targetId: input.entityId,
      before: diff.before,
      after: diff.after,
    });
    return { id: input.entityId, name: after.name, kind: after.kind, version, proposed: false };
  });
}

/**
 * Applies an approved proposal to the entity, as one new version, inside the
 * decision's transaction (which holds the entity's lock). The aliases are
 * cleaned again: a merge may have added one since the proposal was written.
 */
export async function applyEntityChange(
  tx: Tx,
  actor: Actor,
  args: { entityId: string; workspaceId: string; details: EntityDetails; proposalVersion: number },
) {
  const row = await tx.entity.findUniqueOrThrow({
    where: { id: args.entityId },
    select: { version: true, mergedIntoId: true },
  });
  if (row.mergedIntoId) throw conflict("This entity was merged into another one meanwhile; its change cannot apply.");
  const before = (await entityDetailsOf(tx, [args.entityId])).get(args.entityId)!;
  const after = { ...args.details, aliases: cleanAliases(args.details.name, args.details.aliases) };
  const version = Math.max(row.version, args.proposalVersion) + 1;
  await writeEntity(tx, args.entityId, args.workspaceId, after, version);
  await recordRevision(tx, actor, {
    workspaceId: args.workspaceId,
    targetType: "entity",
    targetId: args.entityId,
    version,
    action: "published_change",
    snapshot: historyOf(after),
  });
  const diff = auditDiff(before, after);
  await recordAudit(tx, actor, {
    workspaceId: args.workspaceId,
    action: "entity.change_published",
    targetType: "entity",
    targetId: args.entityId,
    before: diff.before,
    after: diff.after,
  });
  return { version };
}

/** Finds a publisher by name or alias (case-insensitive), or creates it as an organisation. */
export async function findOrCreatePublisher(
  tx: Tx,
  actor: Actor,
  workspaceId: string,
  name: string,
): Promise<string | null> {
  const trimmed = name.trim();
  if (!trimmed) return null;
  const existing = await tx.entity.findFirst({
    where: {
      workspaceId,
      mergedIntoId: null,
      OR: [
        { name: { equals: trimmed, mode: "insensitive" } },
        { aliases: { some: { alias: { equals: trimmed, mode: "insensitive" } } } },
      ],
    },
    select: { id: true },
  });
  if (existing) return existing.id;
  const created = await tx.entity.create({
    data: { workspaceId, kind: "ORGANIZATION", name: trimmed, createdById: actor.userId },
    select: { id: true },
  });
  await recordAudit(tx, actor, {
    workspaceId,
    action: "entity.created",
    targetType: "entity",
    targetId: created.id,
    after: { name: trimmed, kind: "ORGANIZATION", as: "publisher" },
  });
  return created.id;
}

/**
 * An entity by name or alias (case-insensitive), created with that name and
 * kind when the workspace has none: an imported name the analyst confirmed.
 */
export async function findOrCreateNamedEntity(
  tx: Tx,
  actor: Actor,
  workspaceId: string,
  name: string,
  kind: EntityKind,
): Promise<{ id: string; kind: EntityKind }> {
  const trimmed = name.trim();
  const existing = await tx.entity.findFirst({
    where: {
      workspaceId,
      mergedIntoId: null,
      OR: [
        { name: { equals: trimmed, mode: "insensitive" } },
        { aliases: { some: { alias: { equals: trimmed, mode: "insensitive" } } } },
      ],
    },
    select: { id: true, kind: true },
  });
  if (existing) return existing;
  const created = await tx.entity.create({
    data: { workspaceId, kind, name: trimmed, createdById: actor.userId },
    select: { id: true, kind: true },
  });
  await recordAudit(tx, actor, {
    workspaceId,
    action: "entity.created",
    targetType: "entity",
    targetId: created.id,
    after: { name: trimmed, kind, as: "imported name" },
  });
  return created;
}

export type EntitySuggestion = { id: string; name: string; kind: EntityKind; matched: string; score: number };

/**
 * Entities by name or alias as you type: prefix and substring matches first,
 * then trigram similarity for misspellings ("Mashad" finds "Mashhad").
 */
export async function suggestEntities(
  actor: Actor,
  input: { workspaceId: string; q: string; kind?: EntityKind; limit: number },
): Promise<EntitySuggestion[]> {
  await requireAccess(actor, input.workspaceId, "entity.read");
  const q = input.q.trim();
  // Escaped so that "%" or "_" typed by the user are letters, not wildcards.
  const escaped = q.replace(/[\\%_]/g, (c) => `\\${c}`);
  const like = `%${escaped}%`;
  const prefix = `${escaped}%`;
  const kind = input.kind ?? null;
  const rows = await db.$queryRaw<{ id: string; name: string; kind: EntityKind; matched: string; score: number }[]>`
    WITH candidates AS (
      SELECT e.id, e.name, e.kind, e.name AS matched,
             CASE WHEN e.name ILIKE ${prefix} THEN 2 WHEN e.name ILIKE ${like} THEN 1.5 ELSE similarity(e.name, ${q}) END AS score
      FROM "Entity" e
      WHERE e."workspaceId" = ${input.workspaceId} AND e."mergedIntoId" IS NULL
        AND (${kind}::"EntityKind" IS NULL OR e.kind = ${kind}::"EntityKind")
        AND (e.name ILIKE ${like} OR e.name % ${q})
      UNION ALL
      SELECT e.id, e.name, e.kind, a.alias AS matched,
             CASE WHEN a.alias ILIKE ${prefix} THEN 1.9 WHEN a.alias ILIKE ${like} THEN 1.4 ELSE similarity(a.alias, ${q}) END AS score
      FROM "EntityAlias" a JOIN "Entity" e ON e.id = a."entityId"
      WHERE a."workspaceId" = ${input.workspaceId} AND e."mergedIntoId" IS NULL
        AND (${kind}::"EntityKind" IS NULL OR e.kind = ${kind}::"EntityKind")
        AND (a.alias ILIKE ${like} OR a.alias % ${q})
    )
    SELECT DISTINCT ON (id) id, name, kind, matched, score::float8 AS score
    FROM candidates ORDER BY id, score DESC`;
  return rows.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name)).slice(0, input.limit);
}

export async function getEntity(actor: Actor, entityId: string) {
  const entity = await db.entity.findUnique({
    where: { id: entityId },
    select: {
      id: true,
      workspaceId: true,
      kind: true,
      name: true,
      description: true,
      mergedIntoId: true,
      version: true,
      aliases: { select: { alias: true }, orderBy: { alias: "asc" } },
      _count: { select: { published: true } },
    },
  });
  if (!entity) throw notFound("Entity");
  await requireAccessFor("Entity", actor, entity.workspaceId, "entity.read");
  return { ...entity, aliases: entity.aliases.map((a) => a.alias), sourceCount: entity._count.published };
}

/** An entity's events in date order, by cursor; viewers see published ones only. */
export async function listEntityEvents(
  actor: Actor,
  input: { entityId: string; cursor?: string | null; limit: number },
) {
  const entity = await db.entity.findUnique({ where: { id: input.entityId }, select: { workspaceId: true } });
  if (!entity) throw notFound("Entity");
  const access = await requireAccessFor("Entity", actor, entity.workspaceId, "entity.read");
  const and: Prisma.EventWhereInput[] = [
    { workspaceId: entity.workspaceId, deletedAt: null, entities: { some: { entityId: input.entityId } } },
    visibleEvents(access.role),
  ];
  if (input.cursor) {
    const [at, id] = decodeCursor(input.cursor, 2);
    if (at === "none") and.push({ dateSortKey: null, id: { gt: id } });
    else {
      const key = decodeDate(at!);
      and.push({ OR: [{ dateSortKey: { gt: key } }, { dateSortKey: key, id: { gt: id } }, { dateSortKey: null }] });
    }
  }
  const rows = await db.event.findMany({
    where: { AND: and },
    orderBy: [{ dateSortKey: { sort: "asc", nulls: "last" } }, { id: "asc" }],
    take: input.limit + 1,
    select: {
      id: true,
      title: true,
      status: true,
      dateSortKey: true,
      ...dateColumnSelect,
      entities: { where: { entityId: input.entityId }, select: { role: true } },
    },
  });
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map((e) => {
      const date = fromDateColumns(e);
      return {
        id: e.id,
        title: e.title,
        status: e.status,
        dateText: date ? formatEventDate(date) : "Undated",
        roles: e.entities.map((x) => x.role),
      };
    }),
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.dateSortKey ?? "none", last.id]) : null,
  };
}

export async function listEntities(
  actor: Actor,
  input: { workspaceId: string; kind?: EntityKind; cursor?: string | null; limit: number },
) {
  await requireAccess(actor, input.workspaceId, "entity.read");
  let after: Prisma.EntityWhereInput = {};
  if (input.cursor) {
    const [name, id] = decodeCursor(input.cursor, 2);
    after = { OR: [{ name: { gt: name } }, { name, id: { gt: id } }] };
  }
  const rows = await db.entity.findMany({
    where: {
      workspaceId: input.workspaceId,
      mergedIntoId: null,
      ...(input.kind ? { kind: input.kind } : {}),
      ...after,
    },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: input.limit + 1,
    select: {
      id: true,
      name: true,
      kind: true,
      aliases: { select: { alias: true }, orderBy: { alias: "asc" } },
      _count: { select: { events: true } },
    },
  });
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      aliases: r.aliases.map((a) => a.alias),
      eventCount: r._count.events,
    })),
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.name, last.id]) : null,
  };
}

/**
 * Merges one entity into another: event links and publisher references move,
 * the merged entity's name and aliases become aliases of the survivor, and the
 * merged entity stays (marked) so history keeps pointing somewhere.
 */
export async function mergeEntities(actor: Actor, input: { fromEntityId: string; intoEntityId: string }) {
  const [from, into] = await Promise.all([
    db.entity.findUnique({ where: { id: input.fromEntityId }, select: { workspaceId: true, mergedIntoId: true } }),
    db.entity.findUnique({ where: { id: input.intoEntityId }, select: { workspaceId: true, mergedIntoId: true } }),
  ]);
  if (!from || !into) throw notFound("Entity");
  const access = await requireAccessFor("Entity", actor, from.workspaceId, "entity.write");
  if (from.workspaceId !== into.workspaceId) throw notFound("Entity");
  if (from.mergedIntoId || into.mergedIntoId) throw conflict("One of these entities was already merged.");
  return db.$transaction(async (tx) => {
    // Both rows locked, in id order so two opposite merges (A into B, B into A)
    // queue up instead of deadlocking; the second then sees the first and is
    // refused, rather than leaving two entities merged into each other.
    const locked = await tx.$queryRaw<{ id: string; mergedIntoId: string | null }[]>`
      SELECT id, "mergedIntoId" FROM "Entity" WHERE id IN (${input.fromEntityId}, ${input.intoEntityId}) ORDER BY id FOR UPDATE`;
    if (locked.length !== 2) throw notFound("Entity");
    if (locked.some((e) => e.mergedIntoId)) throw conflict("One of these entities was merged in the meantime.");
    const source = await tx.entity.findUniqueOrThrow({
      where: { id: input.fromEntityId },
      select: { name: true, aliases: { select: { alias: true } } },
    });
    const target = await tx.entity.findUniqueOrThrow({
      where: { id: input.intoEntityId },
      select: { name: true, aliases: { select: { alias: true } } },
    });
    const known = new Set([target.name, ...target.aliases.map((a) => a.alias)].map((a) => a.toLowerCase()));
    const newAliases = [source.name, ...source.aliases.map((a) => a.alias)].filter(
      (a) => !known.has(a.toLowerCase()) && known.add(a.toLowerCase()),
    );
    // Published material changes only through review: a merge rewrites the
    // merged entity's event links (or, for a publisher, the origin its rating
    // comes from) and gives the kept entity new aliases, at once. When readers
    // see either change it is a reviewer's or an admin's call (shown.ts says
    // what readers see, for merges and edits alike).
    if (!can(access.role, "review.decide")) {
      if (await entityShown(tx, input.fromEntityId))
        throw forbidden("This entity appears on published events: only reviewers and admins can merge it.");
      if (newAliases.length > 0 && (await entityShown(tx, input.intoEntityId)))
        throw forbidden(
          `“${target.name}” appears on published events, and merging would give it new aliases: only reviewers and admins can merge into it.`,
        );
    }
    // A change under review is reviewed as it was submitted: neither side may move under it.
    const changes = await tx.recordProposal.findMany({
      where: { entityId: { in: [input.fromEntityId, input.intoEntityId] } },
      select: { entityId: true, status: true, snapshot: true },
    });
    if (changes.some((p) => p.status === "PENDING"))
      throw conflict("A change to one of these entities is waiting for review. Decide or withdraw it before merging.");
    const fromProposal = changes.find((p) => p.entityId === input.fromEntityId);
    const intoProposal = changes.find((p) => p.entityId === input.intoEntityId);
    // The merged entity is retired: a change to it that was never submitted has nothing left to apply to.
    if (fromProposal) await tx.recordProposal.delete({ where: { entityId: input.fromEntityId } });
    // A change being written on the kept entity keeps the merged names, or approving it would drop them.
    if (intoProposal && newAliases.length > 0) {
      const snap = (intoProposal.snapshot ?? {}) as { name?: string; aliases?: string[] };
      await tx.recordProposal.update({
        where: { entityId: input.intoEntityId },
        data: {
          snapshot: {
            ...snap,
            aliases: cleanAliases(snap.name ?? target.name, [...(snap.aliases ?? []), ...newAliases]),
          },
          version: { increment: 1 },
        },
      });
    }
    const links = await tx.eventEntity.findMany({ where: { entityId: input.fromEntityId } });
    const existing = new Set(
      (
        await tx.eventEntity.findMany({
          where: { entityId: input.intoEntityId },
          select: { eventId: true, role: true },
        })
      ).map((l) => `${l.eventId}|${l.role}`),
    );
    await tx.eventEntity.deleteMany({ where: { entityId: input.fromEntityId } });
    const moved = links.filter((l) => !existing.has(`${l.eventId}|${l.role}`));
    if (moved.length)
      await tx.eventEntity.createMany({ data: moved.map((l) => ({ ...l, entityId: input.intoEntityId })) });
    const publisherMoves = await tx.source.updateMany({
      where: { publisherId: input.fromEntityId },
      data: { publisherId: input.intoEntityId },
    });
    if (newAliases.length) {
      await tx.entityAlias.createMany({
        data: newAliases.map((alias) => ({ alias, entityId: input.intoEntityId, workspaceId: from.workspaceId })),
      });
    }
    // Proposed changes that link the merged entity would otherwise publish a link to it.
    const proposals = await tx.$queryRaw<
      { eventId: string; snapshot: { entities?: { entityId: string; role: string }[] } }[]
    >`
      SELECT "eventId", snapshot FROM "EventProposal"
      WHERE "workspaceId" = ${from.workspaceId} AND snapshot->'entities' @> ${JSON.stringify([{ entityId: input.fromEntityId }])}::jsonb`;
    for (const p of proposals) {
      const seen = new Set<string>();
      const entities = (p.snapshot.entities ?? [])
        .map((l) => (l.entityId === input.fromEntityId ? { ...l, entityId: input.intoEntityId } : l))
        .filter((l) => !seen.has(`${l.entityId}|${l.role}`) && seen.add(`${l.entityId}|${l.role}`));
      await tx.eventProposal.update({ where: { eventId: p.eventId }, data: { snapshot: { ...p.snapshot, entities } } });
    }
    const { count } = await tx.entity.updateMany({
      where: { id: input.fromEntityId, mergedIntoId: null },
      data: { mergedIntoId: input.intoEntityId, version: { increment: 1 } },
    });
    if (count === 0) throw conflict("This entity was merged in the meantime.");
    // The kept entity's aliases changed: a form opened before the merge is stale, so it cannot drop them.
    if (newAliases.length)
      await tx.entity.update({ where: { id: input.intoEntityId }, data: { version: { increment: 1 } } });
    await recordAudit(tx, actor, {
      workspaceId: from.workspaceId,
      action: "entity.merged",
      targetType: "entity",
      targetId: input.intoEntityId,
      before: { merged: { id: input.fromEntityId, name: source.name } },
      after: {
        into: { id: input.intoEntityId, name: target.name },
        eventLinksMoved: moved.length,
        sourcesMoved: publisherMoves.count,
        aliasesAdded: newAliases,
      },
    });
    return { eventLinksMoved: moved.length, sourcesMoved: publisherMoves.count, aliasesAdded: newAliases };
  });
}
