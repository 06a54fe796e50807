import type { Prisma } from "../../db/generated/client.ts";
import type { Actor } from "../access/index.ts";

type Tx = Pick<Prisma.TransactionClient, "auditLog">;

export type AuditEntry = {
  workspaceId?: string | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  before?: Prisma.InputJsonValue | null;
  after?: Prisma.InputJsonValue | null;
};

/** Writes one audit row inside the caller's transaction, so the change and its record commit together. */
export async function recordAudit(tx: Tx, actor: Actor | null, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      workspaceId: entry.workspaceId ?? null,
      actorId: actor?.userId ?? null,
      ip: actor?.ip ?? null,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      before: entry.before ?? undefined,
      after: entry.after ?? undefined,
    },
  });
}
