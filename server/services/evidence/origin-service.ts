import { db } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";
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

/** The consensus as published: every vote on the origin counted, nothing withheld. */
async function consensusOf(tx: Prisma.TransactionClient, entityId: string): Promise<Grade | null> {
  const votes = await tx.vote.findMany({ where: { entityId }, select: { grade: true } });
  return aggregate(
    "reliability",
    votes.map((v) => v.grade as Grade),
  ).consensus;
}

/**
 * The one way the votes on an origin change: `write` runs in a transaction
 * that holds the origin's row, between two readings of its consensus, and
 * when the consensus fell an evidence change is recorded (and its
 * propagation queued) in the same transaction. So a vote cast, changed or
 * withdrawn is checked alike, and two votes landing together are compared
 * each against the other's result, never both against the same "before".
 *
 * What else could move an origin's consensus, and why it does not go through
 * here: votes of deactivated members, of members whose role changed and of
 * former members keep counting (the published view counts every vote), so
 * none of those changes it; a merge moves no votes (the sources it moves are
 * then rated as the kept entity: a change of their origin, not of an
 * origin's consensus).
 */
export async function changeOriginVotes<T>(
  args: { workspaceId: string; entityId: string; actorId: string },
  write: (tx: Prisma.TransactionClient) => Promise<T>,
): Promise<{ result: T; changeId: string | null }> {
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Entity" WHERE id = ${args.entityId} FOR UPDATE`;
    const before = await consensusOf(tx, args.entityId);
    const result = await write(tx);
    const after = await consensusOf(tx, args.entityId);
    if (!reliabilityFell(before, after)) return { result, changeId: null };
    const entity = await tx.entity.findUniqueOrThrow({ where: { id: args.entityId }, select: { name: true } });
    const changeId = await recordEvidenceChange(tx, {
      workspaceId: args.workspaceId,
      kind: "ORIGIN_DOWNGRADED",
      entityId: args.entityId,
      subject: entity.name,
      gradeBefore: before,
      gradeAfter: after,
      actorId: args.actorId,
    });
    return { result, changeId };
  });
}
