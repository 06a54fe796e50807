/**
 * Propagates an evidence change (a source retracted, corrected or disputed, an
 * origin's reliability falling, a source's text edited after it was quoted) as a job of the durable queue
 * (server/jobs/queue.ts), queued in the transaction that records the change.
 *
 * The whole propagation is one transaction that first locks the change's row
 * and goes on only while it is unprocessed: a retried or re-run job (after a
 * restart, or a failure half-way) finds it processed and does nothing, so no
 * event or briefing is flagged twice and nobody is notified twice; a failure
 * leaves nothing half-written behind.
 */
import { db } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";
import { enqueue, jobQueue, QUEUES } from "../../jobs/queue.ts";
import { isTransientError } from "../../lib/transient-error.ts";
import { logger } from "../../logger.ts";
import { countIndependentOrigins, type OriginNode } from "../../schemas/origins.ts";
import { notify } from "../notification/index.ts";
import { sqlOn } from "../import/index.ts";

type Tx = Prisma.TransactionClient;
export type EvidenceJobData = { changeId: string };

/** How often a waiting caller looks at the change's row. */
const SETTLED_POLL_MS = 100;

export async function enqueueEvidenceChange(tx: Tx, changeId: string): Promise<void> {
  await enqueue(sqlOn(tx), QUEUES.evidence, { changeId } satisfies EvidenceJobData, { key: changeId });
}

const globalForWorker = globalThis as unknown as { __dossierEvidenceWorker?: Promise<void> };

/** Takes evidence jobs in this process, one at a time; idempotent. */
export function startEvidenceWorker(): Promise<void> {
  globalForWorker.__dossierEvidenceWorker ??= (async () => {
    const boss = await jobQueue();
    await boss.work<EvidenceJobData>(QUEUES.evidence, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) =>
      propagateEvidenceChange(job!.data.changeId),
    );
  })().catch((err: unknown) => {
    globalForWorker.__dossierEvidenceWorker = undefined;
    throw err;
  });
  return globalForWorker.__dossierEvidenceWorker;
}

export function forgetEvidenceWorker(): void {
  globalForWorker.__dossierEvidenceWorker = undefined;
}

/** Resolves once the change has been propagated; this process works the queue meanwhile. */
export async function evidenceSettled(changeId: string): Promise<void> {
  await startEvidenceWorker();
  for (;;) {
    const row = await db.evidenceChange
      .findUnique({ where: { id: changeId }, select: { processedAt: true } })
      .catch((err: unknown) => {
        if (isTransientError(err)) return { processedAt: null };
        throw err;
      });
    if (!row || row.processedAt) return;
    await new Promise((r) => setTimeout(r, SETTLED_POLL_MS));
  }
}

const VERB = {
  SOURCE_RETRACTED: "was retracted",
  SOURCE_CORRECTED: "was corrected",
  SOURCE_DISPUTED: "is disputed",
  ORIGIN_DOWNGRADED: "fell in reliability",
  SOURCE_TEXT_EDITED: "had its text edited after it was quoted",
} as const;

/**
 * The one-line reason shown on a flagged event, in the list and in the
 * briefing banner. An origin's grades before and after are left out for a
 * reader still blind to its rating (who has not voted or skipped on it), and
 * from notifications, which cannot tell who will read them when.
 */
export function reasonOf(
  change: {
    kind: keyof typeof VERB;
    subject: string;
    note: string;
    gradeBefore: string | null;
    gradeAfter: string | null;
  },
  opts: { grades: boolean } = { grades: true },
): string {
  const grades = opts.grades ? ` (${change.gradeBefore ?? "unrated"} → ${change.gradeAfter})` : "";
  const what =
    change.kind === "ORIGIN_DOWNGRADED"
      ? `Source origin “${change.subject}” ${VERB[change.kind]}${grades}`
      : `Source “${change.subject}” ${VERB[change.kind]}`;
  return change.note ? `${what}: ${change.note}` : `${what}.`;
}

type Support = { supportingSources: number; independentOrigins: number };

/**
 * Supporting sources and independent origins of each event, counted with and
 * without the sources now retracted, in two queries whatever the number of events.
 */
async function supportBeforeAfter(
  tx: Tx,
  eventIds: string[],
  nowRetracted: Set<string>,
): Promise<Map<string, { before: Support; after: Support }>> {
  const rows = await tx.citation.findMany({
    where: { eventId: { in: eventIds }, stance: "SUPPORTS", proposedAdd: false },
    distinct: ["eventId", "sourceId"],
    select: {
      eventId: true,
      source: { select: { id: true, publisherId: true, derivedFromId: true, standing: true } },
    },
  });
  const derived = [...new Set(rows.filter((r) => r.source.derivedFromId).map((r) => r.source.id))];
  const ancestors = derived.length
    ? await tx.$queryRaw<OriginNode[]>`
        WITH RECURSIVE chain AS (
          SELECT s.id, s."publisherId", s."derivedFromId" FROM "Source" s WHERE s.id = ANY(${derived})
          UNION
          SELECT p.id, p."publisherId", p."derivedFromId" FROM "Source" p JOIN chain c ON p.id = c."derivedFromId"
        )
        SELECT id, "publisherId", "derivedFromId" FROM chain`
    : [];
  const out = new Map<string, { before: Support; after: Support }>();
  for (const id of eventIds) {
    const all = rows.filter((r) => r.eventId === id).map((r) => r.source);
    // Before: as counted before this change (sources retracted earlier were already left out).
    const before = all.filter((s) => s.standing !== "RETRACTED" || nowRetracted.has(s.id));
    const after = all.filter((s) => s.standing !== "RETRACTED");
    const count = (list: OriginNode[]) => ({
      supportingSources: list.length,
      independentOrigins: countIndependentOrigins(list, ancestors),
    });
    out.set(id, { before: count(before), after: count(after) });
  }
  return out;
}

/** Flags, recounts and notifies for one change; does nothing when it was already done. */
export async function propagateEvidenceChange(changeId: string): Promise<{ outcome: "done" | "skipped" }> {
  return db.$transaction(
    async (tx) => {
      const locked = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM "EvidenceChange" WHERE id = ${changeId} AND "processedAt" IS NULL FOR UPDATE`;
      if (locked.length === 0) return { outcome: "skipped" as const };
      const change = await tx.evidenceChange.findUniqueOrThrow({
        where: { id: changeId },
        select: {
          workspaceId: true,
          kind: true,
          sourceId: true,
          entityId: true,
          subject: true,
          note: true,
          gradeBefore: true,
          gradeAfter: true,
          actorId: true,
          eventIds: true,
        },
      });
      const { workspaceId } = change;
      const reason = reasonOf(change);
      // The sources the change is about: the one marked, or every source of the origin that fell.
      const sourceIds = change.sourceId
        ? [change.sourceId]
        : (
            await tx.source.findMany({
              where: { workspaceId, publisherId: change.entityId!, deletedAt: null },
              select: { id: true },
            })
          ).map((s) => s.id);
      const nowRetracted = new Set(change.kind === "SOURCE_RETRACTED" && change.sourceId ? [change.sourceId] : []);

      // A text edit names the events whose quotes it moved or lost; other changes reach every event citing them.
      const events = sourceIds.length
        ? await tx.event.findMany({
            where: {
              workspaceId,
              deletedAt: null,
              citations: { some: { sourceId: { in: sourceIds } } },
              ...(change.eventIds.length ? { id: { in: change.eventIds } } : {}),
            },
            select: { id: true, title: true, createdById: true, revisionAuthorIds: true },
          })
        : [];
      const eventIds = events.map((e) => e.id);
      const support = await supportBeforeAfter(tx, eventIds, nowRetracted);
      await tx.evidenceFlag.createMany({
        data: events.map((e) => {
          const s = support.get(e.id)!;
          return {
            workspaceId,
            changeId,
            eventId: e.id,
            reason,
            supportingBefore: s.before.supportingSources,
            supportingAfter: s.after.supportingSources,
            originsBefore: s.before.independentOrigins,
            originsAfter: s.after.independentOrigins,
          };
        }),
        skipDuplicates: true,
      });

      // Published briefings whose current publication cites an affected event or source.
      const briefings = await tx.$queryRaw<
        { briefingId: string; title: string; authorIds: string[]; reviewerIds: string[] }[]
      >`
        SELECT p."briefingId", b.title, p."authorIds", p."reviewerIds"
        FROM "Briefing" b
        JOIN LATERAL (
          SELECT * FROM "BriefingPublication" bp WHERE bp."briefingId" = b.id ORDER BY bp.number DESC LIMIT 1
        ) p ON true
        WHERE b."workspaceId" = ${workspaceId} AND b."deletedAt" IS NULL
          AND (
            EXISTS (SELECT 1 FROM jsonb_array_elements(coalesce(p.cited->'events', '[]'::jsonb)) e
                    WHERE e->>'id' = ANY(${eventIds}))
            OR EXISTS (SELECT 1 FROM jsonb_array_elements(coalesce(p.cited->'sources', '[]'::jsonb)) s
                       WHERE s->>'id' = ANY(${sourceIds}))
          )`;
      await tx.evidenceFlag.createMany({
        data: briefings.map((b) => ({ workspaceId, changeId, briefingId: b.briefingId, reason })),
        skipDuplicates: true,
      });

      // Authors and approvers of each affected event.
      const approvals = eventIds.length
        ? await tx.reviewDecision.findMany({
            where: { eventId: { in: eventIds }, decision: "APPROVE" },
            select: { eventId: true, reviewerId: true },
          })
        : [];
      const proposals = eventIds.length
        ? await tx.eventProposal.findMany({
            where: { eventId: { in: eventIds } },
            select: { eventId: true, authorIds: true },
          })
        : [];
      const eventsOf = new Map<string, string[]>();
      const briefingsOf = new Map<string, string[]>();
      const add = (m: Map<string, string[]>, user: string, id: string) =>
        m.set(user, [...new Set([...(m.get(user) ?? []), id])]);
      for (const e of events) for (const u of [e.createdById, ...e.revisionAuthorIds]) add(eventsOf, u, e.id);
      for (const a of approvals) add(eventsOf, a.reviewerId, a.eventId);
      for (const p of proposals) for (const u of p.authorIds) add(eventsOf, u, p.eventId);
      for (const b of briefings) for (const u of [...b.authorIds, ...b.reviewerIds]) add(briefingsOf, u, b.briefingId);

      // One notification per person per change, naming what of theirs relies on it.
      const titleOf = new Map([
        ...events.map((e) => [e.id, e.title] as const),
        ...briefings.map((b) => [b.briefingId, b.title] as const),
      ]);
      for (const userId of new Set([...eventsOf.keys(), ...briefingsOf.keys()])) {
        const mineEvents = eventsOf.get(userId) ?? [];
        const mineBriefings = briefingsOf.get(userId) ?? [];
        const named = [...mineEvents, ...mineBriefings].slice(0, 3).map((id) => `“${titleOf.get(id)}”`);
        const more = mineEvents.length + mineBriefings.length - named.length;
        await notify(tx, {
          workspaceId,
          userIds: [userId],
          kind: "evidence.weakened",
          // Whoever marked the source knows already.
          actorId: change.actorId,
          eventId: mineEvents.length === 1 && mineBriefings.length === 0 ? mineEvents[0] : undefined,
          briefingId: mineBriefings.length === 1 && mineEvents.length === 0 ? mineBriefings[0] : undefined,
          message: `Evidence weakened. ${reasonOf(change, { grades: false })} It affects ${named.join(", ")}${more > 0 ? ` and ${more} more` : ""}.`,
        });
      }
      await tx.evidenceChange.update({ where: { id: changeId }, data: { processedAt: new Date() } });
      logger.info({ changeId, events: events.length, briefings: briefings.length }, "evidence change propagated");
      return { outcome: "done" as const };
    },
    { timeout: 60_000 },
  );
}
