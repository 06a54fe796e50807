import { db } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";
import { conflict, notFound } from "../../errors.ts";
import { decodeCursor, decodeDate, encodeCursor } from "../../lib/cursor.ts";
import { requireAccess, requireAccessFor } from "../access/index.ts";
import type { Actor } from "../access/index.ts";
import { recordAudit } from "../audit/index.ts";
import type { Role } from "../../policy.ts";
import { lensFor, unlockedTargets } from "../vote/index.ts";
import { reasonOf } from "./runner.ts";

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

type ChangeRow = Prisma.EvidenceChangeGetPayload<{ select: typeof changeSelect }>;

/**
 * Blind voting holds for evidence changes too: a reader who may vote and has
 * not voted or skipped on an origin reads that its reliability fell, but not
 * the grades (they would give the others' consensus away). Returns how this
 * reader sees each change: its reason, and the grades or null.
 */
async function changeReader(actor: Actor, role: Role, changes: ChangeRow[]) {
  const lens = lensFor(actor, role);
  const origins = [
    ...new Set(changes.flatMap((c) => (c.kind === "ORIGIN_DOWNGRADED" && c.entityId ? [c.entityId] : []))),
  ];
  const { unlocked } =
    lens.blind && origins.length ? await unlockedTargets(lens, { entityIds: origins }) : { unlocked: null };
  return (change: ChangeRow, storedReason: string) => {
    const hidden = unlocked !== null && change.entityId !== null && !unlocked.has(`entity:${change.entityId}`);
    return hidden
      ? {
          reason: reasonOf(change, { grades: false }),
          change: { ...change, gradeBefore: null, gradeAfter: null },
        }
      : { reason: storedReason, change };
  };
}

/**
 * Everything in the workspace that evidence changes affected and nobody has
 * handled yet (flagged events, briefings waiting for a correction), newest
 * first, by cursor. For contributors: they are the ones who act on it.
 */
export async function listAffected(
  actor: Actor,
  input: { workspaceId: string; cursor?: string | null; limit: number },
) {
  const access = await requireAccess(actor, input.workspaceId, "source.write");
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
  const read = await changeReader(
    actor,
    access.role,
    page.map((r) => r.change),
  );
  return {
    items: page.map((r) => ({
      id: r.id,
      kind: r.event ? ("event" as const) : ("briefing" as const),
      target: r.event ?? r.briefing!,
      ...read(r.change, r.reason),
      flaggedAt: r.createdAt,
      counts: countsOf(r),
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
 * history, not a warning. No access check: callers have done it (`role` is
 * the reader's, for blind voting).
 */
export async function eventEvidenceWarnings(eventId: string, actor: Actor, role: Role) {
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
      change: { select: changeSelect },
    },
  });
  const read = await changeReader(
    actor,
    role,
    rows.map((r) => r.change),
  );
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
    reason: read(r.change, r.reason).reason,
    note: r.change.note,
    link: r.change.link,
    /** When the source was marked or the origin's rating fell. */
    changedAt: r.change.createdAt,
    flaggedAt: r.createdAt,
    counts: countsOf(r),
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
 * briefing's reader was checked by the caller (`role` is theirs, for blind voting).
 */
export async function briefingEvidence(
  briefingId: string,
  publication: { approvedAt: Date; correction: string; correctedAt: Date | null } | null,
  actor: Actor,
  role: Role,
) {
  if (!publication) return null;
  const flags = await db.evidenceFlag.findMany({
    where: { briefingId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 50,
    select: { id: true, reason: true, createdAt: true, change: { select: changeSelect } },
  });
  const read = await changeReader(
    actor,
    role,
    flags.map((f) => f.change),
  );
  const changes = flags.map((f) => ({
    id: f.id,
    reason: read(f.change, f.reason).reason,
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

/** The support counted before and after the change, when the flag stored them (a briefing's flag has none). */
function countsOf(r: {
  supportingBefore: number | null;
  supportingAfter: number | null;
  originsBefore: number | null;
  originsAfter: number | null;
}) {
  return r.supportingBefore === null
    ? null
    : {
        supportingBefore: r.supportingBefore,
        supportingAfter: r.supportingAfter!,
        originsBefore: r.originsBefore!,
        originsAfter: r.originsAfter!,
      };
}
