import { db } from "../../db/client.ts";
import { badRequest, DomainError } from "../../errors.ts";
import { recordLoginFailure, recordLoginThrottled } from "../../metrics.ts";
import type { ChangePasswordInput } from "../../schemas/auth.ts";
import type { Actor } from "../access/index.ts";
import { recordAudit } from "../audit/index.ts";
import { beginLoginAttempt, loginSucceeded } from "./login-throttle.ts";
import { hashPassword, timingDummyHash, verifyPassword } from "../../lib/password.ts";
import { createSession } from "./session-service.ts";

export const INVALID_CREDENTIALS = "Email or password is incorrect.";

export type SignInResult = { userId: string; sessionId: string; email: string; name: string };

function retryMessage(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}

/**
 * Password sign-in. Unknown email and wrong password give the same message and
 * take the same time; every attempt counts against the login throttle before
 * the password is checked; every attempt is audited.
 */
export async function signInWithPassword(input: {
  email: string;
  password: string;
  ip: string;
  userAgent?: string | null;
}): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  const retryAfter = await beginLoginAttempt(email, input.ip);
  if (retryAfter > 0) {
    recordLoginThrottled();
    await db.auditLog.create({
      data: { action: "auth.sign_in_throttled", targetType: "user", after: { email }, ip: input.ip },
    });
    throw new DomainError("TOO_MANY_REQUESTS", retryMessage(retryAfter));
  }

  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true, active: true },
  });
  const ok = user?.passwordHash
    ? await verifyPassword(user.passwordHash, input.password)
    : (await verifyPassword(await timingDummyHash(), input.password), false);

  if (!user || !ok || !user.active) {
    const reason = !user ? "unknown_email" : !ok ? "wrong_password" : "deactivated";
    recordLoginFailure(reason);
    await db.auditLog.create({
      data: {
        action: "auth.sign_in_failed",
        targetType: "user",
        targetId: user?.id ?? null,
        after: { email, reason },
        ip: input.ip,
      },
    });
    throw new DomainError("BAD_REQUEST", INVALID_CREDENTIALS);
  }

  await loginSucceeded(email, input.ip);
  const sessionId = await db.$transaction(async (tx) => {
    const id = await createSession(tx, user.id, input);
    await recordAudit(
      tx,
      { userId: user.id, ip: input.ip },
      {
        action: "auth.sign_in",
        targetType: "user",
        targetId: user.id,
        after: { method: "password" },
      },
    );
    return id;
  });
  return { userId: user.id, sessionId, email: user.email, name: user.name };
}

/**
 * Single sign-on. Links the identity to an existing account with the same
 * (verified) email, or creates an account without workspaces; an admin then
 * adds it to workspaces by invitation.
 */
export async function signInWithIdentity(input: {
  provider: string;
  subject: string;
  email: string | null | undefined;
  /** Whether the identity provider vouches for the email; only then may it link to an existing account. */
  emailVerified: boolean;
  name: string | null | undefined;
  ip: string;
  userAgent?: string | null;
}): Promise<SignInResult> {
  const email = input.email?.trim().toLowerCase();
  if (!email) throw badRequest("Your single sign-on account has no email address.");
  const outcome = await db.$transaction(async (tx) => {
    const identity = await tx.identity.findUnique({
      where: { provider_subject: { provider: input.provider, subject: input.subject } },
      select: { user: { select: { id: true, email: true, name: true, active: true } } },
    });
    let user = identity?.user ?? null;
    if (!user) {
      const existing = await tx.user.findUnique({
        where: { email },
        select: { id: true, email: true, name: true, active: true },
      });
      if (existing && !input.emailVerified) {
        // Linking on an unverified email would let anyone who can register that
        // address at the provider take over the account.
        throw new DomainError(
          "FORBIDDEN",
          "Your identity provider has not verified this email address, so it cannot be linked to the existing account.",
        );
      }
      user =
        existing ??
        (await tx.user.create({
          data: { email, name: input.name?.trim() || email },
          select: { id: true, email: true, name: true, active: true },
        }));
      await tx.identity.create({ data: { userId: user.id, provider: input.provider, subject: input.subject } });
    }
    if (!user.active) return { refused: user.id } as const;
    const sessionId = await createSession(tx, user.id, input);
    await recordAudit(
      tx,
      { userId: user.id, ip: input.ip },
      {
        action: "auth.sign_in",
        targetType: "user",
        targetId: user.id,
        after: { method: input.provider },
      },
    );
    return { userId: user.id, sessionId, email: user.email, name: user.name };
  });
  if ("refused" in outcome) {
    recordLoginFailure("deactivated");
    // Written after the transaction, which has nothing to commit, so the refusal stays on record.
    await recordAudit(db, null, {
      action: "auth.sign_in_failed",
      targetType: "user",
      targetId: outcome.refused,
      after: { email, reason: "deactivated", method: input.provider },
    });
    throw new DomainError("FORBIDDEN", "This account has been deactivated.");
  }
  return outcome;
}

export async function signOut(actor: Actor, sessionId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.session.deleteMany({ where: { id: sessionId, userId: actor.userId } });
    if (count > 0) {
      await recordAudit(tx, actor, { action: "auth.sign_out", targetType: "user", targetId: actor.userId });
    }
  });
}

/** Changes the password and ends every other session of the user at once. */
export async function changePassword(
  actor: Actor & { sessionId: string },
  input: ChangePasswordInput,
): Promise<{ otherSessionsEnded: number }> {
  const user = await db.user.findUnique({
    where: { id: actor.userId },
    select: { passwordHash: true },
  });
  if (!user) throw new DomainError("NOT_FOUND", "Account not found.");
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw badRequest("The current password is incorrect.", { currentPassword: "The current password is incorrect." });
  }
  const passwordHash = await hashPassword(input.newPassword);
  return db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: actor.userId },
      data: { passwordHash, passwordChangedAt: new Date() },
    });
    const { count } = await tx.session.deleteMany({
      where: { userId: actor.userId, id: { not: actor.sessionId } },
    });
    await recordAudit(tx, actor, {
      action: "user.password_changed",
      targetType: "user",
      targetId: actor.userId,
      after: { otherSessionsEnded: count },
    });
    return { otherSessionsEnded: count };
  });
}
