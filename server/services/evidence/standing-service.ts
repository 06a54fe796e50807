import { db } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";
import { conflict, notFound } from "../../errors.ts";
import { setSourceStandingSchema, type SetSourceStandingInput, type SourceStanding } from "../../schemas/evidence.ts";
import { requireAccessFor } from "../access/index.ts";
import type { Actor } from "../access/index.ts";
import { recordAudit } from "../audit/index.ts";
import { enqueueEvidenceChange } from "./runner.ts";

const CHANGE_KIND = {
  RETRACTED: "SOURCE_RETRACTED",
  CORRECTED: "SOURCE_CORRECTED",
  DISPUTED: "SOURCE_DISPUTED",
} as const satisfies Record<SourceStanding, string>;

/**
 * Marks a source retracted, corrected or disputed (or clears the mark), based
 * on the version the form was opened at (else CONFLICT, nothing overwritten).
 * A new or changed mark is recorded as an evidence change and queued, in the
 * same transaction, for the job that flags what relied on the source. Clearing
 * a mark propagates nothing: the flags already raised stay until handled.
 */
export async function setSourceStanding(actor: Actor, raw: SetSourceStandingInput) {
  const input = setSourceStandingSchema.parse(raw);
  const existing = await db.source.findUnique({
    where: { id: input.sourceId },
    select: { workspaceId: true, deletedAt: true },
  });
  if (!existing || existing.deletedAt) throw notFound("Source");
  const { workspaceId } = existing;
  await requireAccessFor("Source", actor, workspaceId, "source.write");
  return db.$transaction(async (tx) => {
    const before = await tx.source.findUniqueOrThrow({
      where: { id: input.sourceId },
      select: { title: true, version: true, standing: true, standingNote: true, standingUrl: true },
    });
    const note = input.standing ? input.note : "";
    const link = input.standing ? input.link || null : null;
    const now = new Date();
    const { count } = await tx.source.updateMany({
      where: { id: input.sourceId, version: input.version, deletedAt: null },
      data: {
        standing: input.standing,
        standingNote: note,
        standingUrl: link,
        standingAt: input.standing ? now : null,
        standingById: input.standing ? actor.userId : null,
        updatedById: actor.userId,
        version: { increment: 1 },
      },
    });
    if (count === 0)
      throw conflict("This source was changed after you opened it. Reload to see the current version, then try again.");
    await recordAudit(tx, actor, {
      workspaceId,
      action: "source.standing_set",
      targetType: "source",
      targetId: input.sourceId,
      before: { standing: before.standing, note: before.standingNote, link: before.standingUrl },
      after: { standing: input.standing, note, link, version: input.version + 1 },
    });
    const changed =
      input.standing !== null &&
      (input.standing !== before.standing || note !== before.standingNote || link !== before.standingUrl);
    let changeId: string | null = null;
    if (changed) {
      changeId = await recordEvidenceChange(tx, {
        workspaceId,
        kind: CHANGE_KIND[input.standing!],
        sourceId: input.sourceId,
        subject: before.title,
        note,
        link,
        actorId: actor.userId,
      });
    }
    return { id: input.sourceId, version: input.version + 1, standing: input.standing, changeId };
  });
}

/** Records an evidence change and queues its propagation, both in the caller's transaction. */
export async function recordEvidenceChange(
  tx: Prisma.TransactionClient,
  data: Prisma.EvidenceChangeUncheckedCreateInput,
): Promise<string> {
  const change = await tx.evidenceChange.create({ data, select: { id: true } });
  await enqueueEvidenceChange(tx, change.id);
  return change.id;
}
