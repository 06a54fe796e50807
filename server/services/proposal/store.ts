import { Prisma } from "../../db/generated/client.ts";
import { conflict } from "../../errors.ts";
import type { ProposalTarget } from "../../schemas/proposal.ts";
import type { Actor } from "../access/index.ts";
import { recordAudit } from "../audit/index.ts";
import { recordRevision } from "../history/index.ts";
import { entityShown, sourceShown } from "./shown.ts";

type Tx = Prisma.TransactionClient;

export type RecordRef = { targetType: ProposalTarget; targetId: string; workspaceId: string };

const NOUN = { SOURCE: "source", ENTITY: "entity" } as const;
export const nounOf = (t: ProposalTarget) => NOUN[t];

/** The proposal's row key: its source or its entity. */
export const whereTarget = (ref: { targetType: ProposalTarget; targetId: string }) =>
  ref.targetType === "SOURCE" ? { sourceId: ref.targetId } : { entityId: ref.targetId };

/**
 * Locks the source's or entity's row for the rest of the transaction: edits,
 * submissions and decisions on one record happen one at a time, so an edit
 * cannot slip in between a reviewer's look and the approval.
 */
export async function lockRecord(tx: Tx, ref: { targetType: ProposalTarget; targetId: string }) {
  if (ref.targetType === "SOURCE") await tx.$queryRaw`SELECT id FROM "Source" WHERE id = ${ref.targetId} FOR UPDATE`;
  else await tx.$queryRaw`SELECT id FROM "Entity" WHERE id = ${ref.targetId} FOR UPDATE`;
}

export type Gate = {
  /** Readers of published material see this record (see shown.ts). */
  shown: boolean;
  proposal: { status: string; version: number; authorIds: string[] } | null;
};

/**
 * Whether an edit of the record must go through review: once it has a
 * proposal, every edit joins it (an edit never bypasses a change under way);
 * otherwise, when published material shows it. Read under the record's lock.
 */
export async function reviewGate(tx: Tx, ref: { targetType: ProposalTarget; targetId: string }): Promise<Gate> {
  const proposal = await tx.recordProposal.findUnique({
    where: whereTarget(ref),
    select: { status: true, version: true, authorIds: true },
  });
  const shown = ref.targetType === "SOURCE" ? await sourceShown(tx, ref.targetId) : await entityShown(tx, ref.targetId);
  return { shown, proposal };
}

export const needsReview = (gate: Gate) => gate.shown || gate.proposal !== null;

const STALE = {
  SOURCE: "Someone else saved this source after you opened it. Reload to see their changes.",
  ENTITY: "Someone else saved this entity after you opened it. Reload to see their changes.",
} as const;
export const staleMessage = (t: ProposalTarget) => STALE[t];

/**
 * Writes an edit into the record's proposal, or starts one, and changes
 * nothing readers see. Versions continue the record's numbering, so a save
 * based on the approved version after someone started a proposal is stale.
 * The caller holds the record's lock and read `gate` under it.
 */
export async function proposeRecordChange(
  tx: Tx,
  actor: Actor,
  args: RecordRef & {
    gate: Gate;
    /** The record's version, read under the lock. */
    recordVersion: number;
    /** The version the edit was based on. */
    version: number;
    /** What the proposal stores (the fields as edited). */
    snapshot: Prisma.InputJsonValue;
    /** History rows: the proposal's fields in the record's history shape. */
    revision: Prisma.InputJsonValue;
    /** Only the changed fields, before (as readers see them now) and after. */
    diff: { before: Prisma.InputJsonValue; after: Prisma.InputJsonValue };
    action: "updated" | "restored_version";
    /**
     * A source's new text and that change in brief (null and null: the
     * change keeps the approved text); absent leaves what the proposal had.
     */
    text?: { text: string | null; change: Prisma.InputJsonValue | null };
  },
): Promise<{ version: number }> {
  const { gate } = args;
  const noun = nounOf(args.targetType);
  if (gate.proposal?.status === "PENDING")
    throw conflict(`A change to this ${noun} is waiting for review. Withdraw it to edit again.`);
  const expected = gate.proposal?.version ?? args.recordVersion;
  if (args.version !== expected) throw conflict(staleMessage(args.targetType));
  const next = expected + 1;
  const text = args.text
    ? { text: args.text.text, textChange: args.text.change ?? Prisma.DbNull }
    : ({} as Record<string, never>);
  if (gate.proposal) {
    const { count } = await tx.recordProposal.updateMany({
      where: { ...whereTarget(args), version: expected },
      data: {
        snapshot: args.snapshot,
        version: next,
        ...text,
        ...(gate.proposal.authorIds.includes(actor.userId) ? {} : { authorIds: { push: actor.userId } }),
        // Working on a rejected proposal reopens it, as for events.
        ...(gate.proposal.status === "REJECTED" ? { status: "DRAFT" as const } : {}),
      },
    });
    if (count === 0) throw conflict(staleMessage(args.targetType));
  } else {
    await tx.recordProposal.create({
      data: {
        workspaceId: args.workspaceId,
        targetType: args.targetType,
        ...whereTarget(args),
        snapshot: args.snapshot,
        version: next,
        ...text,
        authorIds: [actor.userId],
      },
    });
  }
  await recordRevision(tx, actor, {
    workspaceId: args.workspaceId,
    targetType: noun,
    targetId: args.targetId,
    version: next,
    action: args.action === "restored_version" ? "proposed_restore" : "proposed_change",
    snapshot: args.revision,
  });
  await recordAudit(tx, actor, {
    workspaceId: args.workspaceId,
    action: `${noun}.change_proposed`,
    targetType: noun,
    targetId: args.targetId,
    before: args.diff.before,
    after: args.diff.after,
  });
  return { version: next };
}
