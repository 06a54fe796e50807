import { db } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";
import { conflict, forbidden, notFound } from "../../errors.ts";
import { can, checkTransition, type ReviewStatus as Status } from "../../policy.ts";
import {
  figuresOf,
  type BriefingContent,
  type BriefingFigures,
  type QuoteLanguage,
  type SetFiguresInput,
} from "../../schemas/briefing.ts";
import { citedMaterialSchema, type CitedMaterial } from "../../schemas/briefing-document.ts";
import type { Page } from "../../schemas/common.ts";
import { requireAccess, requireAccessFor } from "../access/index.ts";
import type { Actor } from "../access/index.ts";
import { recordAudit } from "../audit/index.ts";
import {
  asMarking,
  contentOf,
  contentSelect,
  publishedContentOf,
  loadBriefingAccess,
  namesOf,
  people,
  requireRole,
  utc,
} from "./access.ts";
import { decodeCursor, decodeDate, encodeCursor } from "../../lib/cursor.ts";
import { storedMaterialFor } from "./cited.ts";
import { lensFor } from "../vote/index.ts";
import { briefingEvidence } from "../evidence/index.ts";
import { refuseUnlessEditable, writeNextVersion } from "./next-version.ts";

type Tx = Prisma.TransactionClient;

/** Appends to the briefing's history inside the caller's transaction. */
export async function recordBriefingRevision(
  tx: Tx,
  actor: Actor,
  entry: { workspaceId: string; briefingId: string; version: number; action: string; snapshot: Prisma.InputJsonValue },
) {
  await tx.revision.create({
    data: {
      workspaceId: entry.workspaceId,
      targetType: "briefing",
      targetId: entry.briefingId,
      version: entry.version,
      action: entry.action,
      snapshot: entry.snapshot,
      actorId: actor.userId,
    },
  });
}

/** History rows that hold a full copy of the content (the others record review steps). */
export const CONTENT_ACTIONS = ["created", "updated"] as const;

/** Autosave writes every few seconds: one author's saves within this window make one history entry. */
const COALESCE_MS = 5 * 60_000;

export async function createBriefing(
  actor: Actor,
  input: { workspaceId: string; title: string; marking?: BriefingContent["marking"] },
) {
  const access = await requireAccess(actor, input.workspaceId, "briefing.readPublished");
  requireRole(access, "briefing.write");
  return db.$transaction(async (tx) => {
    const ws = await tx.workspace.findUniqueOrThrow({
      where: { id: input.workspaceId },
      select: { defaultMarking: true },
    });
    const content: BriefingContent = {
      title: input.title,
      marking: input.marking ?? asMarking(ws.defaultMarking),
      summary: "",
      body: "",
      keyJudgments: [],
    };
    const b = await tx.briefing.create({
      data: {
        workspaceId: input.workspaceId,
        title: content.title,
        marking: content.marking,
        createdById: actor.userId,
        updatedById: actor.userId,
        authorIds: [actor.userId],
      },
      select: { id: true, version: true },
    });
    await recordBriefingRevision(tx, actor, {
      workspaceId: input.workspaceId,
      briefingId: b.id,
      version: 1,
      action: "created",
      snapshot: { ...content, status: "DRAFT" },
    });
    await recordAudit(tx, actor, {
      workspaceId: input.workspaceId,
      action: "briefing.created",
      targetType: "briefing",
      targetId: b.id,
      after: { title: content.title, marking: content.marking },
    });
    return b;
  });
}

/** Locks the briefing row: saves, submissions and decisions on one briefing happen one at a time. */
export async function lockBriefing(tx: Tx, id: string) {
  await tx.$queryRaw`SELECT id FROM "Briefing" WHERE id = ${id} FOR UPDATE`;
  return tx.briefing.findUniqueOrThrow({
    where: { id },
    select: {
      ...contentSelect,
      id: true,
      workspaceId: true,
      status: true,
      version: true,
      reviewRound: true,
      authorIds: true,
      revisionAuthorIds: true,
      createdById: true,
      updatedAt: true,
      publishedAt: true,
      deletedAt: true,
      updatedById: true,
      figures: true,
      quoteLanguage: true,
    },
  });
}

/** CONFLICT naming who saved last and when, so the author knows whose edits to merge. */
export async function staleSave(tx: Tx, row: { updatedAt: Date; updatedById: string }) {
  const who = await tx.user.findUnique({ where: { id: row.updatedById }, select: { name: true } });
  return conflict(
    `${who?.name ?? "Someone"} saved this briefing at ${utc(row.updatedAt)}, after the version you were editing. Compare their version with yours and merge.`,
  );
}

const FIELDS = ["title", "marking", "summary", "body", "keyJudgments"] as const;

/** Audit `after.live`: saves of the body typed together live (live-body-service.ts). */
export const LIVE_SAVE = "live";

/**
 * Whether every save since the version an edit was based on wrote only the
 * body typed together live (live-body-service.ts), and the edit leaves the
 * body alone: then the edit changes nothing anyone saved since, and is kept.
 * Authors typing the body together would otherwise refuse each other's
 * title, summary and judgment edits every few seconds.
 */
async function onlyLiveBodySince(
  tx: Tx,
  row: { version: number; body: string },
  input: { id: string; version: number; body?: string },
): Promise<boolean> {
  if (input.version > row.version || (input.body !== undefined && input.body !== row.body)) return false;
  const saves = await tx.$queryRaw<{ live: boolean }[]>`
    SELECT action = 'briefing.updated' AND coalesce((after->>${LIVE_SAVE})::boolean, false) AS live
    FROM "AuditLog"
    WHERE "targetType" = 'briefing' AND "targetId" = ${input.id}
      AND action IN ('briefing.updated', 'briefing.deleted', 'briefing.restored')
      AND (after->>'version')::int > ${input.version}`;
  return saves.length === row.version - input.version && saves.every((s) => s.live);
}

/**
 * Saves an edit only if it is based on the current version, else CONFLICT
 * naming who saved and when, and nothing is overwritten. Editing a published
 * briefing starts a new draft revision; the publication stays as it is.
 */
export async function updateBriefing(actor: Actor, input: Partial<BriefingContent> & { id: string; version: number }) {
  const { workspaceId } = await loadBriefingAccess(actor, input.id, "briefing.write");
  return db.$transaction(async (tx) => {
    const row = await lockBriefing(tx, input.id);
    refuseUnlessEditable(row);
    if (row.version !== input.version && !(await onlyLiveBodySince(tx, row, input))) throw await staleSave(tx, row);
    const before = contentOf(row);
    const after: BriefingContent = { ...before };
    for (const f of FIELDS) if (input[f] !== undefined) (after as Record<string, unknown>)[f] = input[f];
    const changed = FIELDS.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
    if (changed.length === 0) return { version: row.version, status: row.status };
    const { version, status } = await writeNextVersion(tx, row, [actor], {
      title: after.title,
      marking: after.marking,
      summary: after.summary,
      body: after.body,
      keyJudgments: after.keyJudgments as Prisma.InputJsonValue,
    });
    const snapshot = { ...after, status } as Prisma.InputJsonValue;
    const last = await tx.revision.findFirst({
      where: { targetType: "briefing", targetId: input.id },
      orderBy: { id: "desc" },
      select: { id: true, action: true, actorId: true, version: true, createdAt: true },
    });
    const coalesce =
      last &&
      last.action === "updated" &&
      last.actorId === actor.userId &&
      last.version === row.version &&
      Date.now() - last.createdAt.getTime() < COALESCE_MS;
    if (coalesce) await tx.revision.update({ where: { id: last.id }, data: { version, snapshot } });
    else
      await recordBriefingRevision(tx, actor, {
        workspaceId,
        briefingId: input.id,
        version,
        action: "updated",
        snapshot,
      });
    // Small fields before and after; long texts are named only (their versions are in the history).
    const small = changed.filter((f) => f === "title" || f === "marking");
    await recordAudit(tx, actor, {
      workspaceId,
      action: "briefing.updated",
      targetType: "briefing",
      targetId: input.id,
      before: { ...Object.fromEntries(small.map((f) => [f, before[f]])), status: row.status, version: row.version },
      after: { ...Object.fromEntries(small.map((f) => [f, after[f]])), status, version, changed },
    });
    return { version, status };
  });
}

/**
 * Which figures the PDF prints. It changes what the PDF shows, so it is an
 * edit like any other: based on the current version (else CONFLICT), a new
 * version, and a published briefing becomes a draft of its next version
 * (its publication keeps the figures it was approved with).
 */
export async function setBriefingFigures(actor: Actor, input: SetFiguresInput) {
  const { workspaceId } = await loadBriefingAccess(actor, input.id, "briefing.write");
  return db.$transaction(async (tx) => {
    const row = await lockBriefing(tx, input.id);
    refuseUnlessEditable(row);
    if (row.version !== input.version) throw await staleSave(tx, row);
    const before = figuresOf(row.figures);
    if (JSON.stringify(before) === JSON.stringify(input.figures)) return { version: row.version, status: row.status };
    const { version, status } = await writeNextVersion(tx, row, [actor], {
      figures: input.figures as Prisma.InputJsonValue,
    });
    await recordAudit(tx, actor, {
      workspaceId,
      action: "briefing.updated",
      targetType: "briefing",
      targetId: input.id,
      before: { figures: before, status: row.status, version: row.version },
      after: { figures: input.figures, status, version, changed: ["figures"] },
    });
    return { version, status };
  });
}

/**
 * Moves a briefing to the trash, from which admins restore it. A draft or a
 * submission waiting for review is its authors' to delete (whoever created or
 * wrote in it), and reviewers' and admins'; another analyst gets FORBIDDEN. A
 * publication may have been read and exported: only an admin takes it down.
 */
export async function deleteBriefing(actor: Actor, input: { id: string; version: number }) {
  const { workspaceId, access } = await loadBriefingAccess(actor, input.id, "briefing.write");
  return db.$transaction(async (tx) => {
    const row = await lockBriefing(tx, input.id);
    if (row.deletedAt) throw conflict("This briefing was already deleted.");
    const admin = can(access.role, "workspace.update");
    if (!admin && row.publishedAt) throw forbidden("Only admins can delete a briefing that has been published.");
    const authors = [row.createdById, ...row.authorIds, ...row.revisionAuthorIds];
    if (!can(access.role, "review.decide") && !authors.includes(actor.userId))
      throw forbidden(
        "Only its authors, reviewers and admins can delete a draft or a submission. Ask one of them, or edit it instead.",
      );
    if (row.version !== input.version) throw await staleSave(tx, row);
    await tx.briefing.update({
      where: { id: input.id },
      // Out of the review queue while in the trash; restoring puts a waiting submission back.
      data: { deletedAt: new Date(), deletedById: actor.userId, awaitingReview: false, version: row.version + 1 },
    });
    await recordBriefingRevision(tx, actor, {
      workspaceId,
      briefingId: input.id,
      version: row.version + 1,
      action: "deleted",
      snapshot: { title: row.title, status: row.status },
    });
    await recordAudit(tx, actor, {
      workspaceId,
      action: "briefing.deleted",
      targetType: "briefing",
      targetId: input.id,
      before: { title: row.title, status: row.status },
    });
    return { ok: true as const };
  });
}

/** Brings a briefing back from the trash, as it was: a waiting submission waits again. Admins only. */
export async function restoreBriefing(actor: Actor, id: string) {
  const found = await db.briefing.findUnique({ where: { id }, select: { workspaceId: true } });
  if (!found) throw notFound("Briefing");
  await requireAccessFor("Briefing", actor, found.workspaceId, "trash.manage");
  return db.$transaction(async (tx) => {
    const row = await lockBriefing(tx, id);
    if (!row.deletedAt) throw conflict("This briefing is not in the trash.");
    const version = row.version + 1;
    await tx.briefing.update({
      where: { id },
      data: { deletedAt: null, deletedById: null, awaitingReview: row.status === "PENDING", version },
    });
    await recordBriefingRevision(tx, actor, {
      workspaceId: row.workspaceId,
      briefingId: id,
      version,
      action: "restored",
      snapshot: { title: row.title, status: row.status },
    });
    await recordAudit(tx, actor, {
      workspaceId: row.workspaceId,
      action: "briefing.restored",
      targetType: "briefing",
      targetId: id,
      after: { title: row.title, status: row.status },
    });
    return { ok: true as const };
  });
}

/** Deleted briefings, most recently deleted first, for the admins' trash page. */
export async function listBriefingTrash(
  actor: Actor,
  input: { workspaceId: string; cursor?: string | null; limit: number },
) {
  await requireAccess(actor, input.workspaceId, "trash.manage");
  let after: Prisma.BriefingWhereInput = {};
  if (input.cursor) {
    const [at, id] = decodeCursor(input.cursor, 2);
    const key = decodeDate(at!);
    after = { OR: [{ deletedAt: { lt: key } }, { deletedAt: key, id: { lt: id } }] };
  }
  const rows = await db.briefing.findMany({
    where: { workspaceId: input.workspaceId, deletedAt: { not: null }, ...after },
    orderBy: [{ deletedAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    select: {
      id: true,
      title: true,
      marking: true,
      status: true,
      publishedAt: true,
      deletedAt: true,
      deletedById: true,
    },
  });
  const page = rows.slice(0, input.limit);
  const names = await namesOf(page.flatMap((r) => (r.deletedById ? [r.deletedById] : [])));
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.id,
      title: r.title,
      marking: r.marking,
      status: r.status,
      hasPublished: r.publishedAt !== null,
      deletedAt: r.deletedAt!,
      deletedBy: r.deletedById ? (names.get(r.deletedById) ?? "Former member") : null,
    })),
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.deletedAt!, last.id]) : null,
  };
}

export type PublishedView = {
  version: number;
  /** Which publication this is (1, 2, 3…): the version number people see. */
  number: number;
  content: BriefingContent;
  cited: CitedMaterial;
  approvedAt: Date;
  authors: { id: string; name: string }[];
  reviewers: { id: string; name: string }[];
  contentHash: string;
  figures: BriefingFigures;
  quoteLanguage: QuoteLanguage;
};

/** The latest publication of a briefing, or null. */
export function latestPublication(briefingId: string) {
  return db.briefingPublication.findFirst({
    where: { briefingId },
    orderBy: { version: "desc" },
    select: {
      id: true,
      version: true,
      number: true,
      content: true,
      cited: true,
      approvedAt: true,
      authorIds: true,
      reviewerIds: true,
      contentHash: true,
      figures: true,
      quoteLanguage: true,
      correction: true,
      correctedAt: true,
    },
  });
}

export async function getBriefing(actor: Actor, id: string) {
  const { workspaceId, access, drafts } = await loadBriefingAccess(actor, id);
  const [row, publication, ws] = await Promise.all([
    db.briefing.findUniqueOrThrow({
      where: { id },
      select: {
        ...contentSelect,
        status: true,
        version: true,
        reviewRound: true,
        awaitingReview: true,
        authorIds: true,
        revisionAuthorIds: true,
        createdById: true,
        updatedAt: true,
        updatedById: true,
        figures: true,
        quoteLanguage: true,
        correction: true,
      },
    }),
    latestPublication(id),
    db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { requiredApprovals: true } }),
  ]);
  const decisions = drafts
    ? await db.briefingDecision.findMany({
        where: { briefingId: id },
        orderBy: { createdAt: "desc" },
        take: 20,
        select: {
          round: true,
          decision: true,
          comment: true,
          createdAt: true,
          reviewerId: true,
          reviewer: { select: { id: true, name: true } },
        },
      })
    : [];
  const authorIds = drafts
    ? [...new Set([...(publication?.authorIds ?? []), row.createdById, ...row.authorIds])]
    : (publication?.authorIds ?? []);
  const names = await namesOf([...authorIds, ...(publication?.reviewerIds ?? []), row.createdById, row.updatedById]);
  const published: PublishedView | null = publication
    ? {
        version: publication.version,
        number: publication.number,
        content: publishedContentOf(publication.content),
        // A contributor sees "?" for each frozen grade they have not voted or skipped on yet.
        cited: (
          await storedMaterialFor(
            lensFor(actor, access.role),
            workspaceId,
            citedMaterialSchema.parse(publication.cited),
            db,
          )
        ).material,
        approvedAt: publication.approvedAt,
        authors: people(publication.authorIds, names),
        reviewers: people(publication.reviewerIds, names),
        contentHash: publication.contentHash,
        figures: figuresOf(publication.figures),
        quoteLanguage: publication.quoteLanguage,
      }
    : null;
  const pending = row.status === "PENDING";
  const isAuthor =
    drafts && (pending ? row.revisionAuthorIds : [row.createdById, ...row.authorIds]).includes(actor.userId);
  const thisRound = decisions.filter((d) => d.round === row.reviewRound);
  const approvalsThisRound = pending ? thisRound.filter((d) => d.decision === "APPROVE").length : 0;
  const decided = thisRound.some((d) => d.reviewerId === actor.userId);
  const check = (action: "submit" | "withdraw" | "approve") =>
    drafts && checkTransition({ status: row.status, action, role: access.role, isAuthor }).ok;
  return {
    id,
    workspaceId,
    // A viewer sees the publication only: nothing of the working copy, not even its state.
    status: drafts ? row.status : ("PUBLISHED" as const),
    version: drafts ? row.version : publication!.version,
    /**
     * The version number people see: the publication's for what is published, the next one for the working
     * copy ("draft of version 2"). Saves never change it (see publish in review-service.ts).
     */
    versionNumber: drafts && row.status !== "PUBLISHED" ? (publication?.number ?? 0) + 1 : (publication?.number ?? 1),
    reviewRound: drafts ? row.reviewRound : 0,
    awaitingReview: drafts ? row.awaitingReview : false,
    working: drafts ? contentOf(row) : null,
    /** The working copy's figures setting (the publication's is in `published`). */
    figures: drafts ? figuresOf(row.figures) : null,
    /** The working copy's quote language setting (the publication's is in `published`). */
    quoteLanguage: drafts ? row.quoteLanguage : null,
    published,
    authors: people(authorIds, names),
    createdBy: { id: row.createdById, name: names.get(row.createdById) ?? "Former member" },
    updatedBy: drafts ? { id: row.updatedById, name: names.get(row.updatedById) ?? "Former member" } : null,
    updatedAt: drafts ? row.updatedAt : publication!.approvedAt,
    canEdit: drafts && can(access.role, "briefing.write") && !pending,
    canSubmit: check("submit") && !(row.status === "PUBLISHED"),
    canWithdraw: check("withdraw"),
    canDecide: check("approve") && !decided,
    canComment: can(access.role, "briefing.comment"),
    // As deleteBriefing decides: a publication is an admin's to take down; drafts and submissions their authors', reviewers' and admins'.
    canDelete:
      drafts &&
      can(access.role, "briefing.write") &&
      (can(access.role, "workspace.update") ||
        (!publication &&
          (can(access.role, "review.decide") ||
            [row.createdById, ...row.authorIds, ...row.revisionAuthorIds].includes(actor.userId)))),
    isAuthor,
    approvalsThisRound,
    requiredApprovals: ws.requiredApprovals,
    decisions: decisions.map(({ reviewerId: _r, ...d }) => d),
    /** What changed in the evidence since approval, and the approved correction notice (null: nothing to say). */
    evidence: await briefingEvidence(id, publication, actor, access.role),
    /** The correction notice in the working copy (contributors only). */
    correctionDraft: drafts ? row.correction : null,
    canCorrect: drafts && can(access.role, "briefing.write") && !pending && !!publication,
  };
}

export type BriefingListItem = {
  id: string;
  title: string;
  marking: string;
  status: Status;
  version: number;
  updatedAt: Date;
  publishedAt: Date | null;
  hasPublished: boolean;
  awaitingReview: boolean;
  authors: { id: string; name: string }[];
};

/** The latest publication's title, marking and authors for a page of briefings, in one query. */
async function publicationHeads(ids: string[]) {
  if (ids.length === 0)
    return new Map<string, { version: number; title: string; marking: string; authorIds: string[] }>();
  const rows = await db.$queryRaw<
    { briefingId: string; version: number; title: string; marking: string; authorIds: string[] }[]
  >`
    SELECT DISTINCT ON ("briefingId") "briefingId", version, content->>'title' AS title, content->>'marking' AS marking, "authorIds"
    FROM "BriefingPublication" WHERE "briefingId" = ANY(${ids})
    ORDER BY "briefingId", version DESC`;
  return new Map(rows.map((r) => [r.briefingId, r]));
}

/**
 * Briefings, most recently changed first. Viewers get only published ones,
 * with the published title and marking; contributors see working copies. The
 * status filter reads the working copy's review state, except PUBLISHED: every
 * briefing with a live publication.
 */
export async function listBriefings(
  actor: Actor,
  input: { workspaceId: string; status?: Status; cursor?: string | null; limit: number },
): Promise<Page<BriefingListItem>> {
  const access = await requireAccess(actor, input.workspaceId, "briefing.readPublished");
  const drafts = can(access.role, "briefing.readDrafts");
  if (!drafts && input.status && input.status !== "PUBLISHED") return { items: [], nextCursor: null };
  const and: Prisma.BriefingWhereInput[] = [{ workspaceId: input.workspaceId, deletedAt: null }];
  // "Published" means live for readers, even while a revision of it is being written or reviewed.
  if (!drafts || input.status === "PUBLISHED") and.push({ publishedAt: { not: null } });
  else if (input.status) and.push({ status: input.status });
  if (input.cursor) {
    const [at, id] = decodeCursor(input.cursor, 2);
    const key = decodeDate(at!);
    and.push({ updatedAt: { lte: key }, OR: [{ updatedAt: { lt: key } }, { id: { lt: id } }] });
  }
  const rows = await db.briefing.findMany({
    where: { AND: and },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    select: {
      id: true,
      title: true,
      marking: true,
      status: true,
      version: true,
      updatedAt: true,
      publishedAt: true,
      awaitingReview: true,
      authorIds: true,
      createdById: true,
    },
  });
  const page = rows.slice(0, input.limit);
  const heads = await publicationHeads(page.filter((r) => r.publishedAt).map((r) => r.id));
  const authorsOf = (r: (typeof page)[number]) => {
    const head = heads.get(r.id);
    return drafts ? [...new Set([...(head?.authorIds ?? []), r.createdById, ...r.authorIds])] : (head?.authorIds ?? []);
  };
  const names = await namesOf(page.flatMap(authorsOf));
  const items = page.map((r): BriefingListItem => {
    const head = heads.get(r.id);
    return {
      id: r.id,
      title: drafts || !head ? r.title : head.title,
      marking: drafts || !head ? r.marking : head.marking,
      status: drafts ? r.status : "PUBLISHED",
      version: drafts || !head ? r.version : head.version,
      updatedAt: r.updatedAt,
      publishedAt: r.publishedAt,
      hasPublished: head !== undefined,
      awaitingReview: drafts ? r.awaitingReview : false,
      authors: people(authorsOf(r), names),
    };
  });
  const last = page.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? encodeCursor([last.updatedAt, last.id]) : null };
}
