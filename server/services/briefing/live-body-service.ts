import { db } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";
import type { Actor } from "../access/index.ts";
import { recordAudit } from "../audit/index.ts";
import { contentOf, loadBriefingAccess } from "./access.ts";
import { LIVE_SAVE, lockBriefing, recordBriefingRevision } from "./briefing-service.ts";
import { closedForEdit, refuseUnlessEditable, writeNextVersion } from "./next-version.ts";

/** Why a briefing's body cannot be typed into together now; null when it can. */
/**
 * Opens a briefing's body for typing together: the same check as a save
 * (a member who may write, a briefing not deleted and not waiting for
 * review). Viewers and other workspaces get NOT_FOUND or FORBIDDEN, as from
 * the procedures, so a draft's live document never reaches them.
 */
export async function openLiveBriefing(actor: Actor, briefingId: string) {
  const { workspaceId } = await loadBriefingAccess(actor, briefingId, "briefing.write");
  const row = await db.briefing.findUniqueOrThrow({
    where: { id: briefingId },
    select: { body: true, status: true, deletedAt: true, version: true },
  });
  refuseUnlessEditable(row);
  return { workspaceId, body: row.body, version: row.version };
}

/** The body as saved now (a body changed through a save elsewhere is merged into the live document). */
export async function savedBriefingBody(briefingId: string, client: Prisma.TransactionClient = db) {
  const row = await client.briefing.findUnique({
    where: { id: briefingId },
    select: { body: true, status: true, deletedAt: true },
  });
  return row ? { body: row.body, closed: closedForEdit(row) } : null;
}

export type LiveSaveResult =
  | { kind: "saved"; version: number }
  | { kind: "unchanged"; version: number }
  /** The body was saved elsewhere since `expected`: merge `body` in first. */
  | { kind: "moved"; body: string }
  | { kind: "closed"; reason: string };

/**
 * Writes the live document's text as the briefing's body, for the authors
 * who typed it since the last write. Only if the saved body is still
 * `expected` (what the document last wrote or read): otherwise someone saved
 * the body another way and the caller merges that in first, so nothing is
 * overwritten. Like any save it makes a new version (a published briefing
 * becomes a draft of its next one) and a history entry; one author's writes
 * within a few minutes make one entry, and an entry names everyone who typed.
 * Runs in the caller's transaction (server/services/collab/), which holds the briefing's lock.
 */
export async function saveLiveBody(
  tx: Prisma.TransactionClient,
  writers: Actor[],
  input: { briefingId: string; expected: string; body: string },
): Promise<LiveSaveResult> {
  const [actor] = writers;
  if (!actor) throw new Error("saveLiveBody needs the authors who typed");
  {
    const row = await lockBriefing(tx, input.briefingId);
    const closed = closedForEdit(row);
    if (closed) return { kind: "closed", reason: closed };
    if (row.body !== input.expected) return { kind: "moved", body: row.body };
    if (row.body === input.body) return { kind: "unchanged", version: row.version };
    const writerIds = [...new Set(writers.map((w) => w.userId))];
    const { version, status } = await writeNextVersion(tx, row, writers, { body: input.body });
    const snapshot = { ...contentOf(row), body: input.body, status, writers: writerIds } as Prisma.InputJsonValue;
    await recordLiveRevision(tx, actor, { workspaceId: row.workspaceId, briefingId: input.briefingId }, version, {
      snapshot,
      writerIds,
      previous: row.version,
    });
    await recordAudit(tx, actor, {
      workspaceId: row.workspaceId,
      action: "briefing.updated",
      targetType: "briefing",
      targetId: input.briefingId,
      before: { status: row.status, version: row.version },
      after: { status, version, changed: ["body"], [LIVE_SAVE]: true, writers: writerIds },
    });
    return { kind: "saved", version };
  }
}

/** Autosave writes every few seconds: one set of authors' writes within this window make one history entry. */
const COALESCE_MS = 5 * 60_000;

async function recordLiveRevision(
  tx: Prisma.TransactionClient,
  actor: Actor,
  target: { workspaceId: string; briefingId: string },
  version: number,
  entry: { snapshot: Prisma.InputJsonValue; writerIds: string[]; previous: number },
) {
  const last = await tx.revision.findFirst({
    where: { targetType: "briefing", targetId: target.briefingId },
    orderBy: { id: "desc" },
    select: { id: true, action: true, actorId: true, version: true, createdAt: true, snapshot: true },
  });
  const lastWriters = (last?.snapshot as { writers?: unknown } | null)?.writers;
  const sameWriters =
    Array.isArray(lastWriters) &&
    lastWriters.length === entry.writerIds.length &&
    entry.writerIds.every((w) => lastWriters.includes(w));
  const coalesce =
    last &&
    last.action === "updated" &&
    last.actorId === actor.userId &&
    sameWriters &&
    last.version === entry.previous &&
    Date.now() - last.createdAt.getTime() < COALESCE_MS;
  if (coalesce) await tx.revision.update({ where: { id: last.id }, data: { version, snapshot: entry.snapshot } });
  else
    await recordBriefingRevision(tx, actor, {
      ...target,
      version,
      action: "updated",
      snapshot: entry.snapshot,
    });
}
