import { db } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";
import type { Page } from "../../schemas/common.ts";
import type { ListAuditInput } from "../../schemas/audit.ts";
import { requireAccess } from "../access/index.ts";
import type { Actor } from "../access/index.ts";
import { decodeBigInt, decodeCursor, encodeCursor } from "../../lib/cursor.ts";
import type { Role } from "../../policy.ts";
import { lensFor, unlockedTargets } from "../vote/index.ts";

export type AuditRow = {
  id: string;
  action: string;
  targetType: string;
  targetId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  createdAt: Date;
  actor: { id: string; name: string; email: string } | null;
};

/**
 * The workspace's own entries plus the account events (sign-ins, failures,
 * password changes) of its current and former members, newest first.
 */
export async function listAudit(actor: Actor, input: ListAuditInput): Promise<Page<AuditRow>> {
  const access = await requireAccess(actor, input.workspaceId, "audit.read");
  const members = await db.membership.findMany({ where: { workspaceId: input.workspaceId }, select: { userId: true } });
  const memberIds = members.map((m) => m.userId);

  let beforeId: bigint | undefined;
  if (input.cursor) {
    const [raw] = decodeCursor(input.cursor, 1);
    beforeId = decodeBigInt(raw!);
  }
  const where: Prisma.AuditLogWhereInput = {
    AND: [
      {
        OR: [
          { workspaceId: input.workspaceId },
          { workspaceId: null, targetType: "user", targetId: { in: memberIds } },
        ],
      },
      input.action ? { action: { startsWith: input.action } } : {},
      beforeId !== undefined ? { id: { lt: beforeId } } : {},
    ],
  };
  const rows = await db.auditLog.findMany({
    where,
    orderBy: { id: "desc" },
    take: input.limit + 1,
    select: {
      id: true,
      action: true,
      targetType: true,
      targetId: true,
      before: true,
      after: true,
      ip: true,
      createdAt: true,
      actor: { select: { id: true, name: true, email: true } },
    },
  });
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  const shown = await votesShown(actor, access.role, page);
  return {
    items: page.map((r) =>
      shown(r) ? { ...r, id: r.id.toString() } : { ...r, id: r.id.toString(), before: WITHHELD, after: WITHHELD },
    ),
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.id.toString()]) : null,
  };
}

/** What a vote's audit row shows in place of its grade and reason while the reader is blind to that target. */
const WITHHELD = { withheld: "Hidden until you vote or skip on this rating" } as const;

/**
 * Blind voting holds in the audit log too: a reader who may vote sees the
 * grades of others' votes on a target only once they have voted or skipped on
 * it. Their own votes are theirs to see.
 */
async function votesShown(
  actor: Actor,
  role: Role,
  rows: { action: string; targetType: string; targetId: string | null; actor: { id: string } | null }[],
): Promise<(row: (typeof rows)[number]) => boolean> {
  const isOthersVote = (r: (typeof rows)[number]) =>
    r.action.startsWith("vote.") && r.targetId !== null && r.actor?.id !== actor.userId;
  const votes = rows.filter(isOthersVote);
  const lens = lensFor(actor, role);
  if (!lens.blind || votes.length === 0) return () => true;
  const { unlocked } = await unlockedTargets(lens, {
    eventIds: votes.filter((r) => r.targetType === "event").map((r) => r.targetId!),
    entityIds: votes.filter((r) => r.targetType === "entity").map((r) => r.targetId!),
  });
  return (r) => !isOthersVote(r) || unlocked.has(`${r.targetType}:${r.targetId}`);
}
