import { db } from "../../db/client.ts";
import { conflict, notFound } from "../../errors.ts";
import type { UpdateProfileInput } from "../../schemas/auth.ts";
import type { Role } from "../../policy.ts";
import type { Actor } from "../access/index.ts";
import { recordAudit } from "../audit/index.ts";
import { hashPassword } from "../../lib/password.ts";

export type Profile = {
  id: string;
  email: string;
  name: string;
  hasPassword: boolean;
  memberships: { workspaceId: string; slug: string; name: string; role: Role }[];
};

export async function getProfile(actor: Actor): Promise<Profile> {
  const user = await db.user.findUnique({
    where: { id: actor.userId },
    select: {
      id: true,
      email: true,
      name: true,
      passwordHash: true,
      memberships: {
        where: { active: true },
        orderBy: { workspace: { name: "asc" } },
        select: { role: true, workspace: { select: { id: true, slug: true, name: true } } },
      },
    },
  });
  if (!user) throw notFound("Account");
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    hasPassword: user.passwordHash !== null,
    memberships: user.memberships.map((m) => ({
      workspaceId: m.workspace.id,
      slug: m.workspace.slug,
      name: m.workspace.name,
      role: m.role,
    })),
  };
}

export async function updateProfile(actor: Actor, input: UpdateProfileInput): Promise<{ name: string }> {
  return db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: actor.userId }, select: { name: true } });
    if (!before) throw notFound("Account");
    const after = await tx.user.update({
      where: { id: actor.userId },
      data: { name: input.name },
      select: { name: true },
    });
    await recordAudit(tx, actor, {
      action: "user.profile_updated",
      targetType: "user",
      targetId: actor.userId,
      before,
      after,
    });
    return after;
  });
}

/** Used by `npm run user:create` and the demo seed; not exposed over the API. */
export async function createUserWithPassword(input: {
  email: string;
  name: string;
  password: string;
}): Promise<{ id: string }> {
  const email = input.email.trim().toLowerCase();
  const existing = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (existing) throw conflict(`An account for ${email} already exists.`);
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const user = await tx.user.create({ data: { email, name: input.name.trim(), passwordHash }, select: { id: true } });
    await recordAudit(tx, null, { action: "user.created", targetType: "user", targetId: user.id, after: { email } });
    return user;
  });
}
