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

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * A source's text replaced after published material quoted it (an approved
 * change, see source/), told in the transaction that replaced it: when the
 * re-anchoring moved quotes or lost them, the events citing those quotes and
 * the published briefings citing them (or the source) are flagged and their
 * people notified by the same job as a retraction. A text whose quotes all
 * stayed where they were weakens nothing.
 */
export async function noteSourceTextEdited(
  tx: Prisma.TransactionClient,
  args: {
    workspaceId: string;
    sourceId: string;
    title: string;
    actorId: string;
    anchors: { moved: number; notFound: number; affectedEventIds: string[] };
  },
): Promise<string | null> {
  const { moved, notFound, affectedEventIds } = args.anchors;
  if (moved + notFound === 0) return null;
  const what = [
    moved ? `${count(moved, "quoted passage", "quoted passages")} moved` : "",
    notFound ? `${count(notFound, "quoted passage", "quoted passages")} no longer found` : "",
  ].filter(Boolean);
  return recordEvidenceChange(tx, {
    workspaceId: args.workspaceId,
    kind: "SOURCE_TEXT_EDITED",
    sourceId: args.sourceId,
    subject: args.title,
    note: `${what.join(", ")} in the new text.`,
    eventIds: affectedEventIds,
    actorId: args.actorId,
  });
}
