import { db } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";
import { notFound } from "../../errors.ts";
import { isBigIntId } from "../../schemas/common.ts";
import { requireAccessFor } from "../access/index.ts";
import type { Actor } from "../access/index.ts";

export type RevisionTarget = "event" | "source" | "entity";

type Tx = Pick<Prisma.TransactionClient, "revision">;

/** Appends a snapshot to a target's history, inside the caller's transaction. */
export async function recordRevision(
  tx: Tx,
  actor: Actor,
  entry: {
    workspaceId: string;
    targetType: RevisionTarget;
    targetId: string;
    version: number;
    action: string;
    snapshot: Prisma.InputJsonValue;
  },
): Promise<void> {
  await tx.revision.create({ data: { ...entry, actorId: actor.userId } });
}

export type RevisionRow = {
  id: string;
  version: number;
  action: string;
  snapshot: unknown;
  createdAt: Date;
  actor: { id: string; name: string };
};

/** The full history of one event, source or entity, oldest first (histories are short). */
export async function listRevisions(
  actor: Actor,
  targetType: RevisionTarget,
  targetId: string,
): Promise<RevisionRow[]> {
  const target =
    targetType === "event"
      ? await db.event.findUnique({ where: { id: targetId }, select: { workspaceId: true } })
      : targetType === "source"
        ? await db.source.findUnique({ where: { id: targetId }, select: { workspaceId: true } })
        : await db.entity.findUnique({ where: { id: targetId }, select: { workspaceId: true } });
  const what = targetType === "event" ? "Event" : targetType === "source" ? "Source" : "Entity";
  if (!target) throw notFound(what);
  await requireAccessFor(what, actor, target.workspaceId, "history.read");
  const rows = await db.revision.findMany({
    where: { targetType, targetId, workspaceId: target.workspaceId },
    orderBy: { id: "asc" },
    select: {
      id: true,
      version: true,
      action: true,
      snapshot: true,
      createdAt: true,
      actor: { select: { id: true, name: true } },
    },
  });
  const named = targetType === "event" ? await withEntityNames(rows, target.workspaceId) : rows;
  return named.map((r) => ({ ...r, id: r.id.toString() }));
}

/**
 * An event snapshot stores linked entities by id; the history names them, so
 * a diff reads "added Tayyab Agha (actor)" rather than a count. One query for
 * the whole history; an entity since deleted keeps a placeholder name.
 */
async function withEntityNames<R extends { snapshot: unknown }>(rows: R[], workspaceId: string): Promise<R[]> {
  const linksOf = (snapshot: unknown): { entityId?: unknown }[] => {
    const links = (snapshot as { entities?: unknown } | null)?.entities;
    return Array.isArray(links) ? (links as { entityId?: unknown }[]) : [];
  };
  const ids = new Set<string>();
  for (const r of rows) for (const l of linksOf(r.snapshot)) if (typeof l.entityId === "string") ids.add(l.entityId);
  if (ids.size === 0) return rows;
  const entities = await db.entity.findMany({
    where: { id: { in: [...ids] }, workspaceId },
    select: { id: true, name: true },
  });
  const names = new Map(entities.map((e) => [e.id, e.name]));
  return rows.map((r) => {
    const links = linksOf(r.snapshot);
    if (links.length === 0) return r;
    const entitiesNamed = links.map((l) => ({
      ...l,
      name: (typeof l.entityId === "string" && names.get(l.entityId)) || "(deleted entity)",
    }));
    return { ...r, snapshot: { ...(r.snapshot as object), entities: entitiesNamed } };
  });
}

export async function getRevision(
  workspaceId: string,
  targetType: RevisionTarget,
  targetId: string,
  revisionId: string,
) {
  if (!isBigIntId(revisionId)) throw notFound("Version");
  const row = await db.revision.findFirst({
    where: { id: BigInt(revisionId), targetType, targetId, workspaceId },
    select: { snapshot: true, version: true, action: true },
  });
  if (!row) throw notFound("Version");
  return row;
}
