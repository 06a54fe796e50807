import { db } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";
import { notFound } from "../../errors.ts";
import { can, checkTransition, type ReviewStatus } from "../../policy.ts";
import type { RecordQueueInput, RecordTarget } from "../../schemas/proposal.ts";
import { eventFieldsSchema } from "../../schemas/event.ts";
import { requireAccess, requireAccessFor } from "../access/index.ts";
import type { Actor } from "../access/index.ts";
import { decodeCursor, decodeDate, encodeCursor } from "../../lib/cursor.ts";
import { describeProposals } from "./details.ts";
import { entityShown, sourceShown } from "./shown.ts";
import { whereTarget } from "./store.ts";

/** What a NOT_FOUND about the record calls it, the same for an unknown id and another workspace's. */
export const recordName = (target: RecordTarget) => (target.targetType === "SOURCE" ? "Source" : "Entity");

/** The workspace of a source (not in the trash) or an entity; NOT_FOUND otherwise. */
export async function workspaceOfRecord(target: RecordTarget): Promise<string> {
  if (target.targetType === "SOURCE") {
    const s = await db.source.findUnique({
      where: { id: target.targetId },
      select: { workspaceId: true, deletedAt: true },
    });
    if (!s || s.deletedAt) throw notFound("Source");
    return s.workspaceId;
  }
  const e = await db.entity.findUnique({ where: { id: target.targetId }, select: { workspaceId: true } });
  if (!e) throw notFound("Entity");
  return e.workspaceId;
}

const proposalSelect = {
  targetType: true,
  sourceId: true,
  entityId: true,
  snapshot: true,
  status: true,
  version: true,
  reviewRound: true,
  authorIds: true,
  submittedAt: true,
  // The text change in brief; never the proposed text itself (up to 2 M characters).
  textChange: true,
} satisfies Prisma.RecordProposalSelect;

async function namesOf(ids: Iterable<string>) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map<string, string>();
  const users = await db.user.findMany({ where: { id: { in: unique } }, select: { id: true, name: true } });
  return new Map(users.map((u) => [u.id, u.name]));
}

/**
 * A source's or entity's proposed change for its page and its edit form: the
 * approved and proposed details with their diff, the review state and what
 * the caller may do. Proposals are unreviewed work: contributors only.
 */
export async function getRecordProposal(actor: Actor, target: RecordTarget) {
  const workspaceId = await workspaceOfRecord(target);
  const access = await requireAccessFor(recordName(target), actor, workspaceId, "event.readDrafts");
  const [proposal, shown, decisions, ws] = await Promise.all([
    db.recordProposal.findUnique({ where: whereTarget(target), select: proposalSelect }),
    target.targetType === "SOURCE" ? sourceShown(db, target.targetId) : entityShown(db, target.targetId),
    db.recordDecision.findMany({
      where: { targetType: target.targetType, targetId: target.targetId, workspaceId },
      orderBy: { createdAt: "desc" },
      take: 20,
      select: {
        round: true,
        decision: true,
        comment: true,
        createdAt: true,
        reviewerId: true,
        reviewer: { select: { name: true } },
      },
    }),
    db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { requiredApprovals: true } }),
  ]);
  const base = {
    targetType: target.targetType,
    targetId: target.targetId,
    /** Saving an edit proposes a change (published material shows the record, or a change is under way). */
    reviewed: shown || proposal !== null,
    shown,
    requiredApprovals: ws.requiredApprovals,
    decisions: decisions.map(({ reviewerId: _r, ...d }) => d),
  };
  if (!proposal) return { ...base, proposal: null };
  const described = (await describeProposals(db, [proposal])).get(`${target.targetType}:${target.targetId}`);
  if (!described) throw notFound(target.targetType === "SOURCE" ? "Source" : "Entity");
  const derivedId = described.targetType === "SOURCE" ? described.proposed.derivedFromId : null;
  const [names, derivedFrom, proposedText] = await Promise.all([
    namesOf(proposal.authorIds),
    derivedId
      ? db.source.findFirst({ where: { id: derivedId, workspaceId }, select: { id: true, title: true } })
      : null,
    // The edit form starts from the proposed text: read here, for one proposal, and nowhere in lists.
    target.targetType === "SOURCE" && proposal.textChange !== null
      ? db.recordProposal
          .findUnique({ where: whereTarget(target), select: { text: true } })
          .then((r) => r?.text ?? null)
      : null,
  ]);
  const status = proposal.status as ReviewStatus;
  const isAuthor = proposal.authorIds.includes(actor.userId);
  const round = proposal.reviewRound;
  const thisRound = status === "PENDING" ? decisions.filter((d) => d.round === round) : [];
  const decided = thisRound.some((d) => d.reviewerId === actor.userId);
  const check = (action: "submit" | "withdraw" | "approve") =>
    checkTransition({ status, action, role: access.role, isAuthor }).ok;
  return {
    ...base,
    proposal: {
      status,
      round,
      version: proposal.version,
      submittedAt: proposal.submittedAt,
      authors: [...new Set(proposal.authorIds)].map((id) => ({ id, name: names.get(id) ?? "Former member" })),
      isAuthor,
      approvals: thisRound.filter((d) => d.decision === "APPROVE").map((d) => d.reviewer.name),
      changes: described.changes,
      /** The approved and proposed details, for the edit form to start from. */
      source:
        described.targetType === "SOURCE"
          ? {
              current: described.current,
              proposed: described.proposed,
              proposedDerivedFrom: derivedFrom,
              /** The new text the change brings; null when it keeps the approved text. */
              proposedText,
            }
          : null,
      entity: described.targetType === "ENTITY" ? { current: described.current, proposed: described.proposed } : null,
      can: { submit: check("submit"), withdraw: check("withdraw"), decide: check("approve") && !decided },
    },
  };
}

/**
 * The proposed changes to what an event shows: its linked entities (today's
 * links and those its own proposed change adds), the sources it cites and
 * their publishers. For the event page, so contributors know a name or an
 * address they see may be about to change.
 */
export async function eventRecordProposals(actor: Actor, eventId: string) {
  const event = await db.event.findUnique({
    where: { id: eventId },
    select: {
      workspaceId: true,
      deletedAt: true,
      entities: { select: { entityId: true } },
      proposal: { select: { snapshot: true } },
      citations: { select: { sourceId: true, source: { select: { publisherId: true } } } },
    },
  });
  if (!event) throw notFound("Event");
  const access = await requireAccessFor("Event", actor, event.workspaceId, "event.readDrafts");
  if (event.deletedAt && !can(access.role, "trash.manage")) throw notFound("Event");
  const proposed = event.proposal ? (eventFieldsSchema.safeParse(event.proposal.snapshot).data?.entities ?? []) : [];
  const entityIds = [
    ...new Set([
      ...event.entities.map((e) => e.entityId),
      ...proposed.map((e) => e.entityId),
      ...event.citations.flatMap((c) => (c.source.publisherId ? [c.source.publisherId] : [])),
    ]),
  ];
  const sourceIds = [...new Set(event.citations.map((c) => c.sourceId))];
  if (entityIds.length === 0 && sourceIds.length === 0) return [];
  const proposals = await db.recordProposal.findMany({
    where: {
      workspaceId: event.workspaceId,
      OR: [{ sourceId: { in: sourceIds } }, { entityId: { in: entityIds } }],
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: proposalSelect,
  });
  const described = await describeProposals(db, proposals);
  return proposals.flatMap((p) => {
    const targetId = (p.sourceId ?? p.entityId)!;
    const d = described.get(`${p.targetType}:${targetId}`);
    return d ? [{ targetType: p.targetType, targetId, name: d.name, status: p.status, changes: d.changes }] : [];
  });
}

/**
 * Proposed changes to sources and entities waiting for a decision, with who
 * wrote them, their per-field diff against what readers see, the approvals
 * so far and whether the caller may decide.
 */
export async function listRecordQueue(actor: Actor, input: RecordQueueInput) {
  const access = await requireAccess(actor, input.workspaceId, "event.readDrafts");
  const asc = input.order === "oldest";
  const and: Prisma.RecordProposalWhereInput[] = [{ workspaceId: input.workspaceId, status: "PENDING" }];
  if (input.cursor) {
    const [at, id] = decodeCursor(input.cursor, 2);
    const key = decodeDate(at!);
    and.push(
      asc
        ? { OR: [{ submittedAt: { gt: key } }, { submittedAt: key, id: { gt: id } }] }
        : { OR: [{ submittedAt: { lt: key } }, { submittedAt: key, id: { lt: id } }] },
    );
  }
  const rows = await db.recordProposal.findMany({
    where: { AND: and },
    orderBy: [{ submittedAt: asc ? "asc" : "desc" }, { id: asc ? "asc" : "desc" }],
    take: input.limit + 1,
    select: { id: true, ...proposalSelect },
  });
  const page = rows.slice(0, input.limit);
  const [described, decisions, names] = await Promise.all([
    describeProposals(db, page),
    page.length
      ? db.recordDecision.findMany({
          where: {
            workspaceId: input.workspaceId,
            OR: page.map((p) => ({
              targetType: p.targetType,
              targetId: (p.sourceId ?? p.entityId)!,
              round: p.reviewRound,
            })),
          },
          select: {
            targetType: true,
            targetId: true,
            decision: true,
            reviewerId: true,
            reviewer: { select: { name: true } },
          },
        })
      : [],
    namesOf(page.flatMap((p) => p.authorIds)),
  ]);
  const mayDecide = can(access.role, "review.decide");
  const items = page.flatMap((p) => {
    const targetId = (p.sourceId ?? p.entityId)!;
    const d = described.get(`${p.targetType}:${targetId}`);
    if (!d) return [];
    const mine = decisions.filter((x) => x.targetType === p.targetType && x.targetId === targetId);
    const authors = [...new Set(p.authorIds)];
    return [
      {
        targetType: p.targetType,
        targetId,
        name: d.name,
        proposedName: d.proposedName,
        round: p.reviewRound,
        submittedAt: p.submittedAt,
        authors: authors.map((id) => ({ id, name: names.get(id) ?? "Former member" })),
        changes: d.changes,
        approvals: mine.filter((x) => x.decision === "APPROVE").map((x) => x.reviewer.name),
        /** A reviewer who did not write it and has not decided on this round yet. */
        canDecide: mayDecide && !authors.includes(actor.userId) && !mine.some((x) => x.reviewerId === actor.userId),
      },
    ];
  });
  const last = page.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? encodeCursor([last.submittedAt!, last.id]) : null };
}
