import { describe, expect, it } from "vitest";
import { db } from "../../server/db/client.ts";
import { DomainError } from "../../server/errors.ts";
import {
  INVALID_CREDENTIALS,
  signInWithIdentity,
  signInWithPassword,
  signOut,
} from "../../server/services/auth/index.ts";
import { revokeSession } from "../../server/services/auth/index.ts";
import { callerFor, callerForSession } from "../helpers/caller.ts";
import { makeTeam, makeUser, TEST_PASSWORD } from "../helpers/factories.ts";

/**
 * Every test uses its own addresses (TEST-NET ranges) and fresh accounts, so
 * the login throttle's counters of one test never affect another.
 */
let nextIp = 1;
const freshIp = () => `198.51.100.${nextIp++}`;

/** Settles a promise into the error it rejected with (or null). */
const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as { code?: string; message?: string },
  );

/** A fresh request on an existing session: the context is rebuilt from the database, as for a browser. */
const nextRequest = (sessionId: string) => callerForSession(sessionId);

describe("signInWithPassword", () => {
  it("creates a session row and audits the sign-in", async () => {
    const user = await makeUser();
    const ip = freshIp();
    // Emails are matched case-insensitively.
    const result = await signInWithPassword({
      email: ` ${user.email.toUpperCase()} `,
      password: TEST_PASSWORD,
      ip,
      userAgent: "Firefox",
    });
    expect(result).toMatchObject({ userId: user.id, email: user.email, name: user.name });

    const session = await db.session.findUniqueOrThrow({ where: { id: result.sessionId } });
    expect(session).toMatchObject({ userId: user.id, ip, userAgent: "Firefox" });
    expect(session.expiresAt.getTime()).toBeGreaterThan(Date.now());

    const audit = await db.auditLog.findMany({
      where: { targetType: "user", targetId: user.id, action: "auth.sign_in" },
    });
    expect(audit).toEqual([expect.objectContaining({ actorId: user.id, ip, after: { method: "password" } })]);
    // And the session works.
    expect((await (await nextRequest(result.sessionId)).me.get()).id).toBe(user.id);
  });

  it("gives the same answer for an unknown email and a wrong password, and audits both", async () => {
    const user = await makeUser();
    const ip = freshIp();
    const unknown = await failure(
      signInWithPassword({ email: "nobody-here@example.org", password: TEST_PASSWORD, ip }),
    );
    const wrong = await failure(signInWithPassword({ email: user.email, password: "not the password", ip }));

    for (const err of [unknown, wrong]) {
      expect(err).toBeInstanceOf(DomainError);
      expect(err).toMatchObject({ code: "BAD_REQUEST", message: INVALID_CREDENTIALS });
    }
    expect(unknown!.message).toBe(wrong!.message);

    const failed = await db.auditLog.findMany({ where: { action: "auth.sign_in_failed", ip }, orderBy: { id: "asc" } });
    expect(failed.map((r) => r.after)).toEqual([
      { email: "nobody-here@example.org", reason: "unknown_email" },
      { email: user.email, reason: "wrong_password" },
    ]);
    expect(failed[1]!.targetId).toBe(user.id);
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it("refuses a deactivated account even with the right password, with the same message", async () => {
    const user = await makeUser({ active: false });
    const ip = freshIp();
    const err = await failure(signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip }));
    expect(err).toMatchObject({ code: "BAD_REQUEST", message: INVALID_CREDENTIALS });
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.auditLog.findFirst({ where: { action: "auth.sign_in_failed", targetId: user.id } })).toMatchObject({
      after: { email: user.email, reason: "deactivated" },
    });
  });
});

describe("login throttle", () => {
  /** The number of minutes a TOO_MANY_REQUESTS message asks the caller to wait. */
  const waitMinutes = (err: { message?: string } | null) =>
    Number(/Try again in (\d+) minutes?\./.exec(err?.message ?? "")?.[1]);

  it("blocks an email + address pair after 10 failures, even with the right password, but not the same account elsewhere", async () => {
    const user = await makeUser();
    const attacker = freshIp();
    for (let i = 0; i < 10; i++) {
      const err = await failure(signInWithPassword({ email: user.email, password: `guess number ${i}`, ip: attacker }));
      expect(err, `attempt ${i + 1}`).toMatchObject({ message: INVALID_CREDENTIALS });
    }
    const blocked = await failure(signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip: attacker }));
    expect(blocked).toBeInstanceOf(DomainError);
    expect(blocked).toMatchObject({ code: "TOO_MANY_REQUESTS" });
    const minutes = waitMinutes(blocked);
    expect(minutes).toBeGreaterThanOrEqual(1);
    expect(minutes).toBeLessThanOrEqual(15);
    expect(await db.auditLog.count({ where: { action: "auth.sign_in_throttled", ip: attacker } })).toBe(1);

    // The real user, at home, is not locked out by the guesser.
    const real = await signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip: freshIp() });
    expect(real.userId).toBe(user.id);
  });

  it("lets no more than 10 guesses for one email + address through, even when they arrive at once", async () => {
    const user = await makeUser();
    const ip = freshIp();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        failure(signInWithPassword({ email: user.email, password: `parallel guess ${i}`, ip })),
      ),
    );
    // Every attempt that reached the password check left an auth.sign_in_failed row.
    expect(await db.auditLog.count({ where: { action: "auth.sign_in_failed", ip } })).toBeLessThanOrEqual(10);
  });

  it("keeps its counters in the rate_limits table, shared by every instance", async () => {
    const user = await makeUser();
    const ip = freshIp();
    for (let i = 0; i < 3; i++)
      await failure(signInWithPassword({ email: user.email, password: "wrong password", ip }));
    const rows = await db.rateLimit.findMany({
      where: { key: { in: [`login_pair:${user.email}|${ip}`, `login_account:${user.email}`, `login_ip:${ip}`] } },
      orderBy: { key: "asc" },
    });
    expect(rows.map((r) => [r.key, r.points])).toEqual([
      [`login_account:${user.email}`, 3],
      [`login_ip:${ip}`, 3],
      [`login_pair:${user.email}|${ip}`, 3],
    ]);
    for (const r of rows) expect(Number(r.expire)).toBeGreaterThan(Date.now());

    // A success clears the pair counter (so the owner's typos do not add up), not the others.
    await signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip });
    expect(await db.rateLimit.findUnique({ where: { key: `login_pair:${user.email}|${ip}` } })).toBeNull();
    expect(await db.rateLimit.findUnique({ where: { key: `login_account:${user.email}` } })).toMatchObject({
      points: 3,
    });
  });

  it("blocks an address that fails 100 times across many accounts", async () => {
    const sprayer = freshIp();
    const user = await makeUser();
    // 100 different (unknown) accounts, one guess each: no pair or account limit is reached.
    for (let batch = 0; batch < 10; batch++) {
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          failure(
            signInWithPassword({ email: `spray-${batch}-${i}@example.org`, password: "Winter2026!", ip: sprayer }),
          ),
        ),
      );
    }
    expect(await db.rateLimit.findUnique({ where: { key: `login_ip:${sprayer}` } })).toMatchObject({ points: 100 });

    const blocked = await failure(signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip: sprayer }));
    expect(blocked).toMatchObject({ code: "TOO_MANY_REQUESTS" });
    expect(blocked!.message).toMatch(/Try again in \d+ minutes?\./);
    // The account itself is fine from another address.
    expect((await signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip: freshIp() })).userId).toBe(
      user.id,
    );
  });

  it("blocks a spraying address for at most the documented hour", async () => {
    const sprayer = freshIp();
    for (let batch = 0; batch < 10; batch++) {
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          failure(
            signInWithPassword({ email: `spray-hour-${batch}-${i}@example.org`, password: "Winter2026!", ip: sprayer }),
          ),
        ),
      );
    }
    const blocked = await failure(signInWithPassword({ email: "anyone@example.org", password: "x", ip: sprayer }));
    expect(blocked).toMatchObject({ code: "TOO_MANY_REQUESTS" });
    expect(waitMinutes(blocked)).toBeLessThanOrEqual(60);
  });

  // ...and (same cause) an account guessed at from several addresses is locked
  // for up to 15 minutes for everyone, its owner included, instead of the
  // documented 5 minutes.
  it("locks an account attacked from many addresses for at most the documented 5 minutes", async () => {
    const user = await makeUser();
    const attackers = Array.from({ length: 5 }, () => freshIp());
    // 5 addresses × 10 guesses: no address reaches its own limit, the account reaches 50.
    await Promise.all(
      attackers.map(async (ip) => {
        for (let i = 0; i < 10; i++)
          await failure(signInWithPassword({ email: user.email, password: `guess ${i}`, ip }));
      }),
    );
    const owner = await failure(signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip: freshIp() }));
    expect(owner).toMatchObject({ code: "TOO_MANY_REQUESTS" });
    expect(waitMinutes(owner)).toBeLessThanOrEqual(5);
  });
});

describe("login throttle: a stranger cannot lock someone out", () => {
  /** The points a counter holds now (0 when it has none). */
  const points = async (key: string) => (await db.rateLimit.findUnique({ where: { key } }))?.points ?? 0;

  it("200 wrong passwords from one address leave the account open from another address", async () => {
    const user = await makeUser();
    const attacker = freshIp();
    const codes = new Map<string, number>();
    for (let i = 0; i < 200; i++) {
      const err = await failure(signInWithPassword({ email: user.email, password: `guess ${i}`, ip: attacker }));
      codes.set(String(err?.code), (codes.get(String(err?.code)) ?? 0) + 1);
    }
    // Ten guesses reached the password check; the address was refused for the rest.
    expect(Object.fromEntries(codes)).toEqual({ BAD_REQUEST: 10, TOO_MANY_REQUESTS: 190 });
    expect(await db.auditLog.count({ where: { action: "auth.sign_in_failed", ip: attacker } })).toBe(10);
    expect(await db.auditLog.count({ where: { action: "auth.sign_in_throttled", ip: attacker } })).toBe(190);
    // Only the guesses that were checked count against the account (and the address).
    expect(await points(`login_account:${user.email}`)).toBe(10);
    expect(await points(`login_ip:${attacker}`)).toBe(10);

    const owner = await signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip: freshIp() });
    expect(owner.userId).toBe(user.id);
    // The attacker's address stays stopped, the right password included.
    expect(
      await failure(signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip: attacker })),
    ).toMatchObject({ code: "TOO_MANY_REQUESTS" });
  });

  it("attempts refused by the throttle, arriving at once, add nothing to the account", async () => {
    const user = await makeUser();
    const attacker = freshIp();
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        failure(signInWithPassword({ email: user.email, password: `burst ${i}`, ip: attacker })),
      ),
    );
    expect(await points(`login_account:${user.email}`)).toBeLessThanOrEqual(10);
    expect((await signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip: freshIp() })).userId).toBe(
      user.id,
    );
  });

  it("an address blocked for spraying adds nothing to the accounts it goes on trying", async () => {
    const sprayer = freshIp();
    const user = await makeUser();
    for (let batch = 0; batch < 10; batch++) {
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          failure(signInWithPassword({ email: `spray-lock-${batch}-${i}@example.org`, password: "x", ip: sprayer })),
        ),
      );
    }
    for (let i = 0; i < 60; i++) {
      expect(
        await failure(signInWithPassword({ email: user.email, password: `guess ${i}`, ip: sprayer })),
      ).toMatchObject({ code: "TOO_MANY_REQUESTS" });
    }
    expect(await points(`login_account:${user.email}`)).toBe(0);
    expect(await points(`login_pair:${user.email}|${sprayer}`)).toBe(0);
    expect((await signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip: freshIp() })).userId).toBe(
      user.id,
    );
  });

  it("the owner's tries while the account is blocked do not block the owner's own address afterwards", async () => {
    const user = await makeUser();
    // Five addresses, ten guesses each: the account reaches its limit and is blocked for everyone.
    await Promise.all(
      Array.from({ length: 5 }, () => freshIp()).map(async (ip) => {
        for (let i = 0; i < 10; i++)
          await failure(signInWithPassword({ email: user.email, password: `guess ${i}`, ip }));
      }),
    );
    const home = freshIp();
    for (let i = 0; i < 15; i++) {
      expect(await failure(signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip: home }))).toMatchObject(
        {
          code: "TOO_MANY_REQUESTS",
        },
      );
    }
    expect(await points(`login_pair:${user.email}|${home}`)).toBe(0);
    expect(await points(`login_ip:${home}`)).toBe(0);

    // The account's block runs out (moved forward here rather than waited for).
    await db.rateLimit.update({
      where: { key: `login_account:${user.email}` },
      data: { expire: BigInt(Date.now() - 1) },
    });
    expect((await signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip: home })).userId).toBe(user.id);
  });
});

describe("revocation takes effect on the very next request", () => {
  it("after revokeSession", async () => {
    const user = await makeUser();
    const { sessionId } = await signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip: freshIp() });
    await expect((await nextRequest(sessionId)).me.get()).resolves.toMatchObject({ id: user.id });
    await revokeSession(sessionId);
    await expect((await nextRequest(sessionId)).me.get()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("after signOut, which cannot end someone else's session", async () => {
    const user = await makeUser();
    const other = await makeUser();
    const { sessionId } = await signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip: freshIp() });
    const { sessionId: otherSession } = await callerFor(other.id);

    await signOut({ userId: user.id }, otherSession);
    await expect((await nextRequest(otherSession)).me.get()).resolves.toMatchObject({ id: other.id });

    await signOut({ userId: user.id }, sessionId);
    await expect((await nextRequest(sessionId)).me.get()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(await db.auditLog.count({ where: { action: "auth.sign_out", actorId: user.id } })).toBe(1);
  });

  it("after changePassword: other sessions end, this one continues, only the new password works", async () => {
    const user = await makeUser();
    const laptop = await signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip: freshIp() });
    const phone = await signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip: freshIp() });
    const newPassword = "an entirely new passphrase";

    const result = await (
      await nextRequest(laptop.sessionId)
    ).me.changePassword({
      currentPassword: TEST_PASSWORD,
      newPassword,
      confirmPassword: newPassword,
    });
    expect(result).toEqual({ otherSessionsEnded: 1 });

    await expect((await nextRequest(phone.sessionId)).me.get()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect((await nextRequest(laptop.sessionId)).me.get()).resolves.toMatchObject({ id: user.id });

    const old = await failure(signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip: freshIp() }));
    expect(old).toMatchObject({ message: INVALID_CREDENTIALS });
    expect((await signInWithPassword({ email: user.email, password: newPassword, ip: freshIp() })).userId).toBe(
      user.id,
    );
  });

  it("refuses a password change with the wrong current password, changing nothing", async () => {
    const user = await makeUser();
    const a = await signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip: freshIp() });
    const b = await signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip: freshIp() });
    const err = await failure(
      (await nextRequest(a.sessionId)).me.changePassword({
        currentPassword: "not my password",
        newPassword: "an entirely new passphrase",
        confirmPassword: "an entirely new passphrase",
      }),
    );
    expect(err).toMatchObject({ code: "BAD_REQUEST" });
    await expect((await nextRequest(b.sessionId)).me.get()).resolves.toMatchObject({ id: user.id });
    expect((await signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip: freshIp() })).userId).toBe(
      user.id,
    );
  });

  it("after an admin deactivates the membership: the workspace is gone for that user, the account still works", async () => {
    const team = await makeTeam();
    const { caller: admin } = await callerFor(team.users.admin.id);
    const { sessionId } = await callerFor(team.users.analyst.id);
    await expect((await nextRequest(sessionId)).event.list({ workspaceId: team.workspace.id })).resolves.toBeTruthy();

    await admin.member.setActive({ membershipId: team.memberships.analyst.id, active: false, version: 1 });

    const next = await nextRequest(sessionId);
    await expect(next.event.list({ workspaceId: team.workspace.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(next.workspace.bySlug({ slug: team.workspace.slug })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(next.workspace.list()).resolves.toEqual([]);
    await expect(next.me.get()).resolves.toMatchObject({ memberships: [] });
  });

  it("after the account is deactivated: every request is unauthenticated", async () => {
    const team = await makeTeam();
    const { sessionId } = await callerFor(team.users.reviewer.id);
    await expect((await nextRequest(sessionId)).me.get()).resolves.toMatchObject({ id: team.users.reviewer.id });

    await db.user.update({ where: { id: team.users.reviewer.id }, data: { active: false } });

    const next = await nextRequest(sessionId);
    await expect(next.me.get()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(next.event.list({ workspaceId: team.workspace.id })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("after a demotion to viewer: no more creating, and drafts disappear from the list", async () => {
    const team = await makeTeam();
    const { caller: admin } = await callerFor(team.users.admin.id);
    const { sessionId } = await callerFor(team.users.analyst.id);
    const before = await nextRequest(sessionId);
    const draft = await before.event.create({
      workspaceId: team.workspace.id,
      title: "Reported talks in Mashhad",
      date: { start: { year: 2016 } },
    });
    const published = await before.event.create({
      workspaceId: team.workspace.id,
      title: "Delegation visits Tehran",
      date: { start: { year: 2015 } },
    });
    const { round } = await before.review.submit({ eventId: published.id });
    const { caller: reviewer } = await callerFor(team.users.reviewer.id);
    await reviewer.review.decide({ eventId: published.id, round, decision: "APPROVE" });
    expect((await before.event.list({ workspaceId: team.workspace.id })).items.map((e) => e.id).sort()).toEqual(
      [draft.id, published.id].sort(),
    );

    await admin.member.changeRole({ membershipId: team.memberships.analyst.id, role: "VIEWER", version: 1 });

    const after = await nextRequest(sessionId);
    await expect(
      after.event.create({ workspaceId: team.workspace.id, title: "Another draft", date: { start: { year: 2016 } } }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect((await after.event.list({ workspaceId: team.workspace.id })).items.map((e) => e.id)).toEqual([published.id]);
    expect(await db.event.count({ where: { workspaceId: team.workspace.id } })).toBe(2);
  });
});

describe("signInWithIdentity (single sign-on)", () => {
  const sso = (subject: string, email: string | null, name: string | null = "Someone", emailVerified = true) =>
    signInWithIdentity({ provider: "oidc", subject, email, emailVerified, name, ip: freshIp() });

  it("refuses to link an existing account on an email the provider has not verified", async () => {
    const user = await makeUser();
    expect(await failure(sso("sub-unverified-1", user.email, "Impostor", false))).toMatchObject({ code: "FORBIDDEN" });
    expect(await db.identity.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it("links to the existing account with the same email", async () => {
    const user = await makeUser();
    const result = await sso("sub-link-1", user.email.toUpperCase());
    expect(result).toMatchObject({ userId: user.id, email: user.email });
    expect(
      await db.identity.findMany({ where: { userId: user.id }, select: { provider: true, subject: true } }),
    ).toEqual([{ provider: "oidc", subject: "sub-link-1" }]);
    expect(await db.session.findUnique({ where: { id: result.sessionId } })).toMatchObject({ userId: user.id });
    expect(
      await db.auditLog.count({
        where: { action: "auth.sign_in", targetId: user.id, after: { equals: { method: "oidc" } } },
      }),
    ).toBe(1);
  });

  it("creates an account without password or workspaces for someone new", async () => {
    const result = await sso("sub-new-1", "Newcomer.SSO@Example.org", "  Leyla SSO  ");
    const user = await db.user.findUniqueOrThrow({ where: { id: result.userId }, include: { memberships: true } });
    expect(user).toMatchObject({
      email: "newcomer.sso@example.org",
      name: "Leyla SSO",
      passwordHash: null,
      active: true,
      memberships: [],
    });
    await expect((await nextRequest(result.sessionId)).me.get()).resolves.toMatchObject({
      hasPassword: false,
      memberships: [],
    });
  });

  it("reuses the identity on the next sign-in, even if the email changed at the provider", async () => {
    const first = await sso("sub-reuse-1", "reuse@example.org");
    const second = await sso("sub-reuse-1", "renamed-at-idp@example.org");
    expect(second.userId).toBe(first.userId);
    expect(second.sessionId).not.toBe(first.sessionId);
    expect(await db.identity.count({ where: { subject: "sub-reuse-1" } })).toBe(1);
    expect(await db.user.count({ where: { email: "renamed-at-idp@example.org" } })).toBe(0);
  });

  it("refuses a deactivated account and opens no session", async () => {
    const user = await makeUser({ active: false });
    const err = await failure(sso("sub-deactivated-1", user.email));
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ code: "FORBIDDEN" });
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);

    // Also when the identity was linked while the account was active.
    const linked = await makeUser();
    await sso("sub-deactivated-2", linked.email);
    await db.user.update({ where: { id: linked.id }, data: { active: false } });
    expect(await failure(sso("sub-deactivated-2", linked.email))).toMatchObject({ code: "FORBIDDEN" });
    expect(await db.session.count({ where: { userId: linked.id } })).toBe(1);
  });

  it("refuses an identity without an email", async () => {
    expect(await failure(sso("sub-no-email", null))).toMatchObject({ code: "BAD_REQUEST" });
    expect(await db.identity.count({ where: { subject: "sub-no-email" } })).toBe(0);
  });

  it("audits a refused single sign-on by a deactivated account", async () => {
    const user = await makeUser({ active: false });
    await failure(sso("sub-deactivated-audit", user.email));
    expect(await db.auditLog.findFirst({ where: { action: "auth.sign_in_failed", targetId: user.id } })).toMatchObject({
      after: { email: user.email, reason: "deactivated", method: "oidc" },
    });
  });
});
