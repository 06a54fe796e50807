import { db } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";
import { conflict, notFound } from "../../errors.ts";
import { decodeCursor, decodeDate, encodeCursor } from "../../lib/cursor.ts";
import { requireAccess, requireAccessFor } from "../access/index.ts";
import type { Actor } from "../access/index.ts";
import { recordAudit } from "../audit/index.ts";

const changeSelect = {
  kind: true,
  subject: true,
  note: true,
  link: true,
  gradeBefore: true,
  gradeAfter: true,
  sourceId: true,
  entityId: true,
  createdAt: true,
} satisfies Prisma.EvidenceChangeSelect;

/**
 * Everything in the workspace that evidence changes affected and nobody has
 * handled yet (flagged events, briefings waiting for a correction), newest
 * first, by cursor. For contributors: they are the ones who act on it.
 */
export async function listAffected(
  actor: Actor,
  input: { workspaceId: string; cursor?: string | null; limit: number },
) {
  await requireAccess(actor, input.workspaceId, "source.write");
  let after: Prisma.EvidenceFlagWhereInput = {};
  if (input.cursor) {
    const [at, id] = decodeCursor(input.cursor, 2);
    const key = decodeDate(at!);
    after = { OR: [{ createdAt: { lt: key } }, { createdAt: key, id: { lt: id } }] };
  }
  const rows = await db.evidenceFlag.findMany({
    where: { AND: [{ workspaceId: input.workspaceId, handledAt: null }, after] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    select: {
      id: true,
      reason: true,
      createdAt: true,
      supportingBefore: true,
      supportingAfter: true,
      originsBefore: true,
      originsAfter: true,
      event: { select: { id: true, title: true } },
      briefing: { select: { id: true, title: true } },
      change: { select: changeSelect },
    },
  });
  const page = rows.slice(0, input.limit);
  const last = rows.length > input.limit ? page.at(-1) : undefined;
  return {
    items: page.map((r) => ({
      id: r.id,
      kind: r.event ? ("event" as const) : ("briefing" as const),
      target: r.event ?? r.briefing!,
      reason: r.reason,
      flaggedAt: r.createdAt,
      counts:
        r.supportingBefore === null
          ? null
          : {
              supportingBefore: r.supportingBefore,
              supportingAfter: r.supportingAfter!,
              originsBefore: r.originsBefore!,
              originsAfter: r.originsAfter!,
            },
      change: r.change,
    })),
    nextCursor: last ? encodeCursor([last.createdAt, last.id]) : null,
  };
}

/** Marks one affected item handled (audited); handling it twice is CONFLICT, not a second audit row. */
export async function handleAffected(actor: Actor, input: { flagId: string }) {
  const flag = await db.evidenceFlag.findUnique({
    where: { id: input.flagId },
    select: { workspaceId: true, eventId: true, briefingId: true, reason: true },
  });
  if (!flag) throw notFound("Affected item");
  await requireAccessFor("Affected item", actor, flag.workspaceId, "source.write");
  return db.$transaction(async (tx) => {
    const now = new Date();
    const { count } = await tx.evidenceFlag.updateMany({
      where: { id: input.flagId, handledAt: null },
      data: { handledAt: now, handledById: actor.userId },
    });
    if (count === 0) throw conflict("Someone already marked this handled.");
    await recordAudit(tx, actor, {
      workspaceId: flag.workspaceId,
      action: "evidence.handled",
      targetType: flag.eventId ? "event" : "briefing",
      targetId: flag.eventId ?? flag.briefingId,
      before: { handled: false, reason: flag.reason },
      after: { handled: true, flagId: input.flagId },
    });
    return { id: input.flagId, handledAt: now };
  });
}

/**
 * The "evidence weakened" flags of one event, for its page: why (the kind of
 * change, its one-line reason, the note and link given), when, the support
 * before and after, and whether someone marked it handled (and who). Open
 * flags first, then the handled ones, most recent first; a handled flag is
 * history, not a warning. No access check: callers have done it.
 */
export async function eventEvidenceWarnings(eventId: string) {
  const rows = await db.evidenceFlag.findMany({
    where: { eventId },
    orderBy: [{ handledAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }, { id: "desc" }],
    take: 20,
    select: {
      id: true,
      reason: true,
      createdAt: true,
      supportingBefore: true,
      supportingAfter: true,
      originsBefore: true,
      originsAfter: true,
      handledAt: true,
      handledById: true,
      change: { select: { kind: true, note: true, link: true, createdAt: true } },
    },
  });
  const handlerIds = [...new Set(rows.flatMap((r) => (r.handledById ? [r.handledById] : [])))];
  const names = new Map(
    handlerIds.length
      ? (await db.user.findMany({ where: { id: { in: handlerIds } }, select: { id: true, name: true } })).map((u) => [
          u.id,
          u.name,
        ])
      : [],
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.change.kind,
    reason: r.reason,
    note: r.change.note,
    link: r.change.link,
    /** When the source was marked or the origin's rating fell. */
    changedAt: r.change.createdAt,
    flaggedAt: r.createdAt,
    counts:
      r.supportingBefore === null
        ? null
        : {
            supportingBefore: r.supportingBefore,
            supportingAfter: r.supportingAfter!,
            originsBefore: r.originsBefore!,
            originsAfter: r.originsAfter!,
          },
    handled: r.handledAt ? { at: r.handledAt, by: names.get(r.handledById ?? "") ?? "Former member" } : null,
  }));
}

/** How many open "evidence weakened" flags each event has (only those with any), in one query: the chronology's marker. */
export async function openEvidenceFlagCounts(eventIds: string[]): Promise<Map<string, number>> {
  if (eventIds.length === 0) return new Map();
  const rows = await db.evidenceFlag.groupBy({
    by: ["eventId"],
    where: { eventId: { in: eventIds }, handledAt: null },
    _count: { _all: true },
  });
  return new Map(rows.flatMap((r) => (r.eventId ? [[r.eventId, r._count._all] as const] : [])));
}

/**
 * What a published briefing's readers are told: every evidence change that
 * touched it, each marked whether it came after the current version was
 * approved, and the correction notice as approved. No access check: the
 * briefing's reader was checked by the caller.
 */
export async function briefingEvidence(
  briefingId: string,
  publication: { approvedAt: Date; correction: string; correctedAt: Date | null } | null,
) {
  if (!publication) return null;
  const flags = await db.evidenceFlag.findMany({
    where: { briefingId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 50,
    select: { id: true, reason: true, createdAt: true, change: { select: changeSelect } },
  });
  const changes = flags.map((f) => ({
    id: f.id,
    reason: f.reason,
    kind: f.change.kind,
    subject: f.change.subject,
    note: f.change.note,
    link: f.change.link,
    at: f.change.createdAt,
    sinceApproval: f.change.createdAt > publication.approvedAt,
  }));
  const correction =
    publication.correction && publication.correctedAt
      ? { text: publication.correction, date: publication.correctedAt }
      : null;
  if (changes.length === 0 && !correction) return null;
  return { changes, correction, needsCorrection: changes.some((c) => c.sinceApproval) };
}

/** Once a correction is approved, the briefing's open flags raised before it are handled by it. */
export async function markBriefingCorrected(
  tx: Prisma.TransactionClient,
  args: { briefingId: string; approverId: string; at: Date },
) {
  await tx.evidenceFlag.updateMany({
    where: { briefingId: args.briefingId, handledAt: null, createdAt: { lte: args.at } },
    data: { handledAt: args.at, handledById: args.approverId },
  });
}
