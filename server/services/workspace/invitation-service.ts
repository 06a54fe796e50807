import { createHash, randomBytes } from "node:crypto";
import { db } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";
import { badRequest, conflict, DomainError, notFound } from "../../errors.ts";
import type { Role } from "../../policy.ts";
import type {
  AcceptInvitationAsNewUserInput,
  CreateInvitationInput,
  ListInvitationsInput,
} from "../../schemas/invitation.ts";
import { decodeCursor, decodeDate, encodeCursor } from "../../lib/cursor.ts";
import { requireAccess, requireAccessFor } from "../access/index.ts";
import type { Actor } from "../access/index.ts";
import { recordAudit } from "../audit/index.ts";
import { hashPassword } from "../../lib/password.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

// Only the hash is stored: a database leak does not hand out working links.
export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export type CreatedInvitation = { id: string; token: string; role: Role; email: string | null; expiresAt: Date };

export async function createInvitation(
  actor: Actor,
  input: CreateInvitationInput & { expiresInDays: number },
): Promise<CreatedInvitation> {
  await requireAccess(actor, input.workspaceId, "invitation.manage");
  const token = randomBytes(32).toString("base64url");
  return db.$transaction(async (tx) => {
    const invitation = await tx.invitation.create({
      data: {
        workspaceId: input.workspaceId,
        role: input.role,
        email: input.email ?? null,
        tokenHash: hashInvitationToken(token),
        createdById: actor.userId,
        expiresAt: new Date(Date.now() + input.expiresInDays * DAY_MS),
      },
      select: { id: true, role: true, email: true, expiresAt: true },
    });
    await recordAudit(tx, actor, {
      workspaceId: input.workspaceId,
      action: "invitation.created",
      targetType: "invitation",
      targetId: invitation.id,
      after: { role: invitation.role, email: invitation.email, expiresAt: invitation.expiresAt.toISOString() },
    });
    return { ...invitation, token };
  });
}

export type InvitationStatus = "pending" | "accepted" | "revoked" | "expired";

function statusOf(
  i: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date },
  now = new Date(),
): InvitationStatus {
  if (i.acceptedAt) return "accepted";
  if (i.revokedAt) return "revoked";
  if (i.expiresAt <= now) return "expired";
  return "pending";
}

/** Newest first, by cursor. */
export async function listInvitations(actor: Actor, input: ListInvitationsInput) {
  await requireAccess(actor, input.workspaceId, "invitation.manage");
  let after: Prisma.InvitationWhereInput = {};
  if (input.cursor) {
    const [at, id] = decodeCursor(input.cursor, 2);
    const createdAt = decodeDate(at!);
    after = { OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: id } }] };
  }
  const rows = await db.invitation.findMany({
    where: { workspaceId: input.workspaceId, ...after },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    select: {
      id: true,
      role: true,
      email: true,
      createdAt: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      createdBy: { select: { name: true } },
      acceptedBy: { select: { name: true, email: true } },
    },
  });
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({ ...r, status: statusOf(r) })),
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.createdAt, last.id]) : null,
  };
}

export async function revokeInvitation(actor: Actor, invitationId: string) {
  const invitation = await db.invitation.findUnique({ where: { id: invitationId }, select: { workspaceId: true } });
  if (!invitation) throw notFound("Invitation");
  await requireAccessFor("Invitation", actor, invitation.workspaceId, "invitation.manage");
  return db.$transaction(async (tx) => {
    const { count } = await tx.invitation.updateMany({
      where: { id: invitationId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) throw conflict("This invitation was already used or revoked.");
    await recordAudit(tx, actor, {
      workspaceId: invitation.workspaceId,
      action: "invitation.revoked",
      targetType: "invitation",
      targetId: invitationId,
    });
    return { ok: true as const };
  });
}

export type InvitationPreview = {
  workspaceName: string;
  role: Role;
  email: string | null;
  status: InvitationStatus;
  expiresAt: Date;
};

/** What the invite page shows before anyone signs in. The token itself is the secret. */
export async function previewInvitation(token: string): Promise<InvitationPreview> {
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: hashInvitationToken(token) },
    select: {
      role: true,
      email: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      workspace: { select: { name: true } },
    },
  });
  if (!invitation) throw notFound("Invitation");
  return {
    workspaceName: invitation.workspace.name,
    role: invitation.role,
    email: invitation.email,
    status: statusOf(invitation),
    expiresAt: invitation.expiresAt,
  };
}

const UNUSABLE: Record<Exclude<InvitationStatus, "pending">, string> = {
  accepted: "This invitation has already been used.",
  revoked: "This invitation was withdrawn by an admin.",
  expired: "This invitation has expired. Ask an admin for a new link.",
};

/**
 * Claims the single-use token and adds the membership in one transaction. The
 * guarded update means two people opening the same link at once cannot both
 * join.
 */
async function claim(
  tx: Prisma.TransactionClient,
  token: string,
  user: { id: string; email: string },
  ip?: string | null,
) {
  const invitation = await tx.invitation.findUnique({
    where: { tokenHash: hashInvitationToken(token) },
    select: {
      id: true,
      workspaceId: true,
      role: true,
      email: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      workspace: { select: { slug: true } },
    },
  });
  if (!invitation) throw notFound("Invitation");
  const status = statusOf(invitation);
  if (status !== "pending") throw conflict(UNUSABLE[status]);
  if (invitation.email && invitation.email !== user.email) {
    throw new DomainError(
      "FORBIDDEN",
      `This invitation is for ${invitation.email}. Sign in with that account to accept it.`,
    );
  }

  const existing = await tx.membership.findUnique({
    where: { workspaceId_userId: { workspaceId: invitation.workspaceId, userId: user.id } },
    select: { id: true, active: true, role: true },
  });
  if (existing?.active) throw conflict("You are already a member of this workspace.");

  const { count } = await tx.invitation.updateMany({
    where: { id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    data: { acceptedAt: new Date(), acceptedById: user.id },
  });
  if (count === 0) throw conflict(UNUSABLE.accepted);

  const membership = existing
    ? await tx.membership.update({
        where: { id: existing.id },
        data: { active: true, role: invitation.role, version: { increment: 1 } },
        select: { id: true },
      })
    : await tx.membership.create({
        data: { workspaceId: invitation.workspaceId, userId: user.id, role: invitation.role },
        select: { id: true },
      });
  await recordAudit(
    tx,
    { userId: user.id, ip },
    {
      workspaceId: invitation.workspaceId,
      action: "invitation.accepted",
      targetType: "membership",
      targetId: membership.id,
      before: existing ? { role: existing.role, active: false } : null,
      after: { userId: user.id, role: invitation.role, active: true, invitationId: invitation.id },
    },
  );
  return { workspaceSlug: invitation.workspace.slug, role: invitation.role };
}

export async function acceptInvitation(actor: Actor, token: string) {
  const user = await db.user.findUnique({ where: { id: actor.userId }, select: { id: true, email: true } });
  if (!user) throw notFound("Account");
  return db.$transaction((tx) => claim(tx, token, user, actor.ip));
}

/** Creates the account and accepts in one step, for people new to this install. */
export async function acceptInvitationAsNewUser(
  input: AcceptInvitationAsNewUserInput,
  meta: { ip?: string | null } = {},
) {
  const exists = await db.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (exists) {
    throw badRequest("An account with this email already exists. Sign in to accept the invitation.", {
      email: "An account with this email already exists. Sign in instead.",
    });
  }
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: { email: input.email, name: input.name, passwordHash },
      select: { id: true, email: true },
    });
    await recordAudit(
      tx,
      { userId: user.id, ip: meta.ip },
      {
        action: "user.created",
        targetType: "user",
        targetId: user.id,
        after: { email: user.email, via: "invitation" },
      },
    );
    const result = await claim(tx, input.token, user, meta.ip);
    return { ...result, email: user.email };
  });
}
