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

type Tx = Prisma.TransactionClient;

function cleanAliases(name: string, aliases: string[]): string[] {
  const seen = new Set([name.toLowerCase()]);
  return aliases.map((a) => a.trim()).filter((a) => a && !seen.has(a.toLowerCase()) && seen.add(a.toLowerCase()));
}

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

export async function updateEntity(actor: Actor, input: UpdateEntityInput) {
  const fields = entityFieldsSchema.parse(input);
  const entity = await db.entity.findUnique({
    where: { id: input.entityId },
    select: { workspaceId: true, mergedIntoId: true },
  });
  if (!entity) throw notFound("Entity");
  await requireAccessFor("Entity", actor, entity.workspaceId, "entity.write");
  if (entity.mergedIntoId) throw conflict("This entity was merged into another one; edit that one instead.");
  return db.$transaction(async (tx) => {
    const before = await tx.entity.findUniqueOrThrow({
      where: { id: input.entityId },
      select: { name: true, kind: true, description: true, aliases: { select: { alias: true } } },
    });
    await tx.entityAlias.deleteMany({ where: { entityId: input.entityId } });
    const updated = await tx.entity.update({
      where: { id: input.entityId },
      data: {
        kind: fields.kind,
        name: fields.name,
        description: fields.description,
        aliases: {
          create: cleanAliases(fields.name, fields.aliases).map((alias) => ({
            alias,
            workspaceId: entity.workspaceId,
          })),
        },
      },
      select: { id: true, name: true, kind: true },
    });
    await recordAudit(tx, actor, {
      workspaceId: entity.workspaceId,
      action: "entity.updated",
      targetType: "entity",
      targetId: input.entityId,
      before: { ...before, aliases: before.aliases.map((a) => a.alias) },
      after: { name: fields.name, kind: fields.kind, description: fields.description, aliases: fields.aliases },
    });
    return updated;
  });
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
      aliases: { select: { alias: true } },
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
    // Published events are changed only through review: a merge rewrites their
    // entity links (or, for a publisher, the origin their rating comes from)
    // at once, so it is a reviewer's or an admin's call when it touches one.
    if (!can(access.role, "review.decide")) {
      const [touch] = await tx.$queryRaw<{ published: boolean }[]>`
        SELECT EXISTS (
          SELECT 1 FROM "EventEntity" ee JOIN "Event" e ON e.id = ee."eventId" WHERE ee."entityId" = ${input.fromEntityId} AND e.status = 'PUBLISHED'
        ) OR EXISTS (
          SELECT 1 FROM "Source" s JOIN "Citation" c ON c."sourceId" = s.id JOIN "Event" e ON e.id = c."eventId"
          WHERE s."publisherId" = ${input.fromEntityId} AND e.status = 'PUBLISHED'
        ) AS published`;
      if (touch?.published)
        throw forbidden("This entity appears on published events: only reviewers and admins can merge it.");
    }
    const source = await tx.entity.findUniqueOrThrow({
      where: { id: input.fromEntityId },
      select: { name: true, aliases: { select: { alias: true } } },
    });
    const target = await tx.entity.findUniqueOrThrow({
      where: { id: input.intoEntityId },
      select: { name: true, aliases: { select: { alias: true } } },
    });
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
    const known = new Set([target.name, ...target.aliases.map((a) => a.alias)].map((a) => a.toLowerCase()));
    const newAliases = [source.name, ...source.aliases.map((a) => a.alias)].filter(
      (a) => !known.has(a.toLowerCase()) && known.add(a.toLowerCase()),
    );
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
      data: { mergedIntoId: input.intoEntityId },
    });
    if (count === 0) throw conflict("This entity was merged in the meantime.");
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
