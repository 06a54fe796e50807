import { db } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";
import { DomainError, forbidden, notFound } from "../../errors.ts";
import { can } from "../../policy.ts";
import type { Actor } from "../access/index.ts";
import { recordAudit } from "../audit/index.ts";
import { loadBriefingAccess } from "./access.ts";
import { decodeCursor, decodeDate, encodeCursor } from "../../lib/cursor.ts";
import { mentionedMembers, notify } from "../notification/index.ts";

/** The discussion on a briefing, oldest first (it reads as a conversation), by keyset cursor. */
export async function listBriefingComments(actor: Actor, input: { id: string; cursor?: string | null; limit: number }) {
  const { workspaceId, access } = await loadBriefingAccess(actor, input.id, "briefing.readDrafts");
  const and: Prisma.BriefingCommentWhereInput[] = [{ briefingId: input.id, workspaceId, deletedAt: null }];
  if (input.cursor) {
    const [at, id] = decodeCursor(input.cursor, 2);
    const key = decodeDate(at!);
    and.push({ OR: [{ createdAt: { gt: key } }, { createdAt: key, id: { gt: id } }] });
  }
  const rows = await db.briefingComment.findMany({
    where: { AND: and },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: input.limit + 1,
    select: { id: true, body: true, createdAt: true, author: { select: { id: true, name: true } } },
  });
  const page = rows.slice(0, input.limit);
  const admin = can(access.role, "workspace.update");
  const last = page.at(-1);
  return {
    items: page.map((c) => ({ ...c, canDelete: admin || c.author.id === actor.userId })),
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.createdAt, last.id]) : null,
  };
}

/**
 * Adds a comment. People named as @name are notified (if their role lets them
 * read drafts: a comment may quote unpublished work); the briefing's authors
 * hear about every comment.
 */
export async function addBriefingComment(actor: Actor, input: { briefingId: string; body: string }) {
  const { workspaceId } = await loadBriefingAccess(actor, input.briefingId, "briefing.comment");
  return db.$transaction(async (tx) => {
    const b = await tx.briefing.findUniqueOrThrow({
      where: { id: input.briefingId },
      select: { title: true, createdById: true, authorIds: true, revisionAuthorIds: true },
    });
    const comment = await tx.briefingComment.create({
      data: { workspaceId, briefingId: input.briefingId, authorId: actor.userId, body: input.body },
      select: { id: true, body: true, createdAt: true, author: { select: { id: true, name: true } } },
    });
    await recordAudit(tx, actor, {
      workspaceId,
      action: "briefing.commented",
      targetType: "briefing",
      targetId: input.briefingId,
      after: { commentId: comment.id },
    });
    const excerpt = `“${input.body.slice(0, 200)}${input.body.length > 200 ? "…" : ""}”`;
    const mentioned = await mentionedMembers(tx, workspaceId, input.body, "briefing.readDrafts");
    await notify(tx, {
      workspaceId,
      userIds: mentioned,
      kind: "mention",
      briefingId: input.briefingId,
      commentId: comment.id,
      actorId: actor.userId,
      message: `${comment.author.name} mentioned you on the briefing “${b.title}”: ${excerpt}`,
      permission: "briefing.readDrafts",
    });
    const authors = [...new Set([b.createdById, ...b.authorIds, ...b.revisionAuthorIds])].filter(
      (id) => !mentioned.includes(id),
    );
    await notify(tx, {
      workspaceId,
      userIds: authors,
      kind: "briefing.comment",
      briefingId: input.briefingId,
      commentId: comment.id,
      actorId: actor.userId,
      message: `${comment.author.name} commented on the briefing “${b.title}”: ${excerpt}`,
      permission: "briefing.readDrafts",
    });
    return { ...comment, canDelete: true };
  });
}

/** Authors remove their own comments; admins any (moderation). Soft, with an audit row. */
export async function deleteBriefingComment(actor: Actor, commentId: string) {
  const c = await db.briefingComment.findUnique({
    where: { id: commentId },
    select: { briefingId: true, authorId: true, deletedAt: true },
  });
  if (!c || c.deletedAt) throw notFound("Comment");
  // A comment on a briefing the caller cannot see is as unknown as one that does not exist.
  const { workspaceId, access } = await loadBriefingAccess(actor, c.briefingId, "briefing.comment").catch(
    (err: unknown) => {
      throw err instanceof DomainError && err.code === "NOT_FOUND" ? notFound("Comment") : err;
    },
  );
  if (c.authorId !== actor.userId && !can(access.role, "workspace.update"))
    throw forbidden("Only the author of a comment or an admin can delete it.");
  return db.$transaction(async (tx) => {
    const { count } = await tx.briefingComment.updateMany({
      where: { id: commentId, deletedAt: null },
      data: { deletedAt: new Date() },
    });
    if (count === 0) throw notFound("Comment");
    await recordAudit(tx, actor, {
      workspaceId,
      action: "briefing.comment_deleted",
      targetType: "briefing",
      targetId: c.briefingId,
      before: { commentId, authorId: c.authorId },
    });
    return { ok: true as const };
  });
}
