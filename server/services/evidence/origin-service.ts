import { db } from "../../db/client.ts";
import { aggregate, step, type Grade } from "../../schemas/admiralty.ts";
import { recordEvidenceChange } from "./standing-service.ts";

/**
 * Whether an origin's consensus reliability fell: it became D or E, or any
 * judgeable grade worse than before. F ("cannot be judged") is not a fall:
 * it says nothing about the origin's track record.
 */
export function reliabilityFell(before: Grade | null, after: Grade | null): boolean {
  const a = after ? step(after) : null;
  if (a === null) return false;
  const b = before ? step(before) : null;
  if (b === null) return a >= 4;
  return a > b;
}

/**
 * Called after a reliability vote on an origin changed: compares the consensus
 * (every vote counted, as published) with the one before the vote and, when it
 * fell, records an evidence change that flags what relies on the origin.
 */
export async function noteOriginRating(args: {
  workspaceId: string;
  entityId: string;
  actorId: string;
  gradesBefore: Grade[];
}): Promise<string | null> {
  const before = aggregate("reliability", args.gradesBefore).consensus;
  return db.$transaction(async (tx) => {
    // One vote at a time per origin here, so two votes landing together compare against each other's result.
    await tx.$queryRaw`SELECT id FROM "Entity" WHERE id = ${args.entityId} FOR UPDATE`;
    const votes = await tx.vote.findMany({ where: { entityId: args.entityId }, select: { grade: true } });
    const after = aggregate(
      "reliability",
      votes.map((v) => v.grade as Grade),
    ).consensus;
    if (!reliabilityFell(before, after)) return null;
    const entity = await tx.entity.findUniqueOrThrow({ where: { id: args.entityId }, select: { name: true } });
    return recordEvidenceChange(tx, {
      workspaceId: args.workspaceId,
      kind: "ORIGIN_DOWNGRADED",
      entityId: args.entityId,
      subject: entity.name,
      gradeBefore: before,
      gradeAfter: after,
      actorId: args.actorId,
    });
  });
}
