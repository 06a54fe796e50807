import type { Prisma } from "../../db/generated/client.ts";
import { conflict } from "../../errors.ts";
import type { ReviewStatus as Status } from "../../policy.ts";
import type { Actor } from "../access/index.ts";
import type { lockBriefing } from "./briefing-service.ts";

type LockedBriefing = Awaited<ReturnType<typeof lockBriefing>>;

/** Why the working copy cannot take an edit now, or null when it can. */
export function closedForEdit(row: { status: string; deletedAt: Date | null }): string | null {
  if (row.deletedAt) return "This briefing was deleted.";
  if (row.status === "PENDING") return "This briefing is waiting for review. Withdraw the submission to edit it.";
  return null;
}

/** CONFLICT when the locked briefing cannot take an edit (deleted, or waiting for review). */
export function refuseUnlessEditable(row: { status: string; deletedAt: Date | null }): void {
  const closed = closedForEdit(row);
  if (closed) throw conflict(closed);
}

/**
 * Every edit of a briefing's working copy is written the same way, whatever
 * it changes (text, figures, quote language, correction): the next version;
 * a published briefing becomes a draft of its next version while its
 * publication stays as it was approved; whoever wrote joins its authors.
 * `row` is the briefing as locked in this transaction (lockBriefing).
 */
export async function writeNextVersion(
  tx: Prisma.TransactionClient,
  row: LockedBriefing,
  writers: Actor[],
  data: Prisma.BriefingUpdateInput,
): Promise<{ version: number; status: Status }> {
  const [actor] = writers;
  if (!actor) throw new Error("writeNextVersion needs who wrote");
  const status: Status = row.status === "PUBLISHED" ? "DRAFT" : (row.status as Status);
  const version = row.version + 1;
  await tx.briefing.update({
    where: { id: row.id },
    data: {
      ...data,
      status,
      version,
      updatedById: actor.userId,
      authorIds: [...new Set([...row.authorIds, ...writers.map((w) => w.userId)])],
    },
  });
  return { version, status };
}
