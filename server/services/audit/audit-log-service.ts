import { db } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";
import type { Page } from "../../schemas/common.ts";
import type { ListAuditInput } from "../../schemas/audit.ts";
import { requireAccess } from "../access/index.ts";
import type { Actor } from "../access/index.ts";
import { decodeBigInt, decodeCursor, encodeCursor } from "../../lib/cursor.ts";

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
  await requireAccess(actor, input.workspaceId, "audit.read");
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
  return {
    items: page.map((r) => ({ ...r, id: r.id.toString() })),
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.id.toString()]) : null,
  };
}
