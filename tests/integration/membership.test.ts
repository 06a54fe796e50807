import { createHash } from "node:crypto";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { db } from "../../server/db/client.ts";
import { signInWithPassword } from "../../server/services/auth/index.ts";
import { anonymousCaller, callerFor } from "../helpers/caller.ts";
import { addMember, makeTeam, makeUser, makeWorkspace, TEST_PASSWORD } from "../helpers/factories.ts";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** Settles a call into its TRPC error code, or "ok". */
const outcome = (p: Promise<unknown>) =>
  p.then(
    () => "ok" as const,
    (e: { code?: string }) => e.code ?? "no code",
  );

async function teamWithAdmin() {
  const team = await makeTeam();
  const { caller: admin } = await callerFor(team.users.admin.id);
  return { ...team, admin };
}

const auditRows = (workspaceId: string, action: string) =>
  db.auditLog.findMany({ where: { workspaceId, action }, orderBy: { id: "asc" } });

describe("invitations", () => {
  it("returns the token once and stores only its hash", async () => {
    const t = await teamWithAdmin();
    const created = await t.admin.invitation.create({
      workspaceId: t.workspace.id,
      role: "REVIEWER",
      email: "Invitee@Example.org",
    });
    expect(created.token.length).toBeGreaterThanOrEqual(40);
    expect(created.email).toBe("invitee@example.org");

    const row = await db.invitation.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.tokenHash).toBe(sha256(created.token));
    // The token appears nowhere in the stored row, nor in the audit trail.
    expect(JSON.stringify(row)).not.toContain(created.token);
    const [audit] = await auditRows(t.workspace.id, "invitation.created");
    expect(audit).toBeDefined();
    expect(JSON.stringify({ ...audit, id: String(audit!.id) })).not.toContain(created.token);

    // Lists never hand the token (or its hash) out again.
    const { items: listed, nextCursor } = await t.admin.invitation.list({ workspaceId: t.workspace.id });
    expect(nextCursor).toBeNull();
    expect(listed.map((i) => i.id)).toEqual([created.id]);
    expect(listed[0]).toMatchObject({ status: "pending", role: "REVIEWER" });
    expect(JSON.stringify(listed)).not.toContain(created.token);
    expect(JSON.stringify(listed)).not.toContain(row.tokenHash);
  });

  it("lists invitations newest first, page by page, without repeats", async () => {
    const t = await teamWithAdmin();
    const ids: string[] = [];
    for (const role of ["VIEWER", "ANALYST", "REVIEWER"] as const) {
      ids.push((await t.admin.invitation.create({ workspaceId: t.workspace.id, role })).id);
    }
    const first = await t.admin.invitation.list({ workspaceId: t.workspace.id, limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await t.admin.invitation.list({ workspaceId: t.workspace.id, limit: 2, cursor: first.nextCursor });
    expect(second.nextCursor).toBeNull();
    const seen = [...first.items, ...second.items].map((i) => i.id);
    expect(new Set(seen).size).toBe(3);
    expect(seen).toEqual([...ids].reverse());
    await expect(
      t.admin.invitation.list({ workspaceId: t.workspace.id, cursor: "not-a-cursor" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("previews what the link offers to anyone holding it, and nothing for an unknown token", async () => {
    const t = await teamWithAdmin();
    const created = await t.admin.invitation.create({ workspaceId: t.workspace.id, role: "ANALYST", expiresInDays: 3 });
    const anon = await anonymousCaller();
    const preview = await anon.invitation.preview({ token: created.token });
    expect(preview).toEqual({
      workspaceName: t.workspace.name,
      role: "ANALYST",
      email: null,
      status: "pending",
      expiresAt: created.expiresAt,
    });
    expect(await outcome(anon.invitation.preview({ token: "x".repeat(43) }))).toBe("NOT_FOUND");
  });

  it("lets a signed-in user accept once, with the invited role; the link is then used up", async () => {
    const t = await teamWithAdmin();
    const created = await t.admin.invitation.create({ workspaceId: t.workspace.id, role: "REVIEWER" });
    const joiner = await makeUser();
    const { caller } = await callerFor(joiner.id);

    const result = await caller.invitation.accept({ token: created.token });
    expect(result).toEqual({ workspaceSlug: t.workspace.slug, role: "REVIEWER" });
    const membership = await db.membership.findUniqueOrThrow({
      where: { workspaceId_userId: { workspaceId: t.workspace.id, userId: joiner.id } },
    });
    expect(membership).toMatchObject({ role: "REVIEWER", active: true });
    expect(await caller.workspace.list()).toEqual([expect.objectContaining({ id: t.workspace.id, role: "REVIEWER" })]);

    // Single use: neither the same person nor anyone else can use it again.
    expect(await outcome(caller.invitation.accept({ token: created.token }))).toBe("CONFLICT");
    const second = await makeUser();
    expect(await outcome((await callerFor(second.id)).caller.invitation.accept({ token: created.token }))).toBe(
      "CONFLICT",
    );
    expect(await db.membership.count({ where: { workspaceId: t.workspace.id, userId: second.id } })).toBe(0);
    expect((await (await anonymousCaller()).invitation.preview({ token: created.token })).status).toBe("accepted");
    const row = await db.invitation.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.acceptedById).toBe(joiner.id);
    expect(row.acceptedAt).toBeInstanceOf(Date);
  });

  it("creates the account and the membership for someone new, who can then sign in", async () => {
    const t = await teamWithAdmin();
    const created = await t.admin.invitation.create({ workspaceId: t.workspace.id, role: "ANALYST" });
    const anon = await anonymousCaller();
    const result = await anon.invitation.acceptAsNewUser({
      token: created.token,
      name: "Nasrin Newcomer",
      email: "Nasrin@Example.org",
      password: "a long enough password",
    });
    expect(result).toEqual({ workspaceSlug: t.workspace.slug, role: "ANALYST", email: "nasrin@example.org" });

    const user = await db.user.findUniqueOrThrow({ where: { email: "nasrin@example.org" } });
    expect(user.name).toBe("Nasrin Newcomer");
    expect(user.passwordHash).not.toContain("a long enough password");
    expect(
      await db.membership.findUnique({
        where: { workspaceId_userId: { workspaceId: t.workspace.id, userId: user.id } },
      }),
    ).toMatchObject({
      role: "ANALYST",
      active: true,
    });
    const session = await signInWithPassword({
      email: "nasrin@example.org",
      password: "a long enough password",
      ip: "192.0.2.40",
    });
    expect(session.userId).toBe(user.id);
  });

  it("refuses an invitation bound to another email, without using it up", async () => {
    const t = await teamWithAdmin();
    const intended = await makeUser();
    const created = await t.admin.invitation.create({
      workspaceId: t.workspace.id,
      role: "ANALYST",
      email: intended.email,
    });

    const stranger = await makeUser();
    expect(await outcome((await callerFor(stranger.id)).caller.invitation.accept({ token: created.token }))).toBe(
      "FORBIDDEN",
    );
    // Nor can someone register a new account under another address to get in.
    const anon = await anonymousCaller();
    expect(
      await outcome(
        anon.invitation.acceptAsNewUser({
          token: created.token,
          name: "X",
          email: "other@example.org",
          password: "a long enough password",
        }),
      ),
    ).toBe("FORBIDDEN");
    // The refused sign-up rolled back: no account was left behind.
    expect(await db.user.count({ where: { email: "other@example.org" } })).toBe(0);
    expect(await db.membership.count({ where: { workspaceId: t.workspace.id, userId: stranger.id } })).toBe(0);

    // The intended person can still use it.
    expect(await outcome((await callerFor(intended.id)).caller.invitation.accept({ token: created.token }))).toBe("ok");
  });

  it("refuses expired and revoked invitations", async () => {
    const t = await teamWithAdmin();
    const expired = await t.admin.invitation.create({ workspaceId: t.workspace.id, role: "ANALYST" });
    await db.invitation.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 60_000) } });
    const revoked = await t.admin.invitation.create({ workspaceId: t.workspace.id, role: "ANALYST" });
    await t.admin.invitation.revoke({ invitationId: revoked.id });

    const anon = await anonymousCaller();
    expect((await anon.invitation.preview({ token: expired.token })).status).toBe("expired");
    expect((await anon.invitation.preview({ token: revoked.token })).status).toBe("revoked");

    const joiner = await makeUser();
    const { caller } = await callerFor(joiner.id);
    expect(await outcome(caller.invitation.accept({ token: expired.token }))).toBe("CONFLICT");
    expect(await outcome(caller.invitation.accept({ token: revoked.token }))).toBe("CONFLICT");
    expect(
      await outcome(
        anon.invitation.acceptAsNewUser({
          token: revoked.token,
          name: "Y",
          email: "y@example.org",
          password: "a long enough password",
        }),
      ),
    ).toBe("CONFLICT");
    expect(await db.membership.count({ where: { workspaceId: t.workspace.id, userId: joiner.id } })).toBe(0);
    expect(await db.user.count({ where: { email: "y@example.org" } })).toBe(0);
    // A revoked invitation cannot be revoked twice.
    expect(await outcome(t.admin.invitation.revoke({ invitationId: revoked.id }))).toBe("CONFLICT");
  });

  it("refuses someone who is already a member, leaving the invitation usable", async () => {
    const t = await teamWithAdmin();
    const created = await t.admin.invitation.create({ workspaceId: t.workspace.id, role: "ADMIN" });
    const { caller: viewer } = await callerFor(t.users.viewer.id);
    expect(await outcome(viewer.invitation.accept({ token: created.token }))).toBe("CONFLICT");
    // Not a way to promote yourself: the role is unchanged.
    expect(await db.membership.findUniqueOrThrow({ where: { id: t.memberships.viewer.id } })).toMatchObject({
      role: "VIEWER",
    });
    expect((await (await anonymousCaller()).invitation.preview({ token: created.token })).status).toBe("pending");
  });

  it("re-admits a deactivated member with the invited role", async () => {
    const t = await teamWithAdmin();
    await t.admin.member.setActive({ membershipId: t.memberships.analyst.id, active: false, version: 1 });
    const created = await t.admin.invitation.create({ workspaceId: t.workspace.id, role: "VIEWER" });
    const { caller } = await callerFor(t.users.analyst.id);
    await caller.invitation.accept({ token: created.token });
    expect(await db.membership.findUniqueOrThrow({ where: { id: t.memberships.analyst.id } })).toMatchObject({
      role: "VIEWER",
      active: true,
      version: 3,
    });
  });

  it("lets exactly one of two people accepting the same link at the same moment in", async () => {
    const t = await teamWithAdmin();
    const created = await t.admin.invitation.create({ workspaceId: t.workspace.id, role: "ANALYST" });
    const [u1, u2] = [await makeUser(), await makeUser()];
    const [c1, c2] = [(await callerFor(u1.id)).caller, (await callerFor(u2.id)).caller];

    const results = await Promise.all([
      outcome(c1.invitation.accept({ token: created.token })),
      outcome(c2.invitation.accept({ token: created.token })),
    ]);
    expect([...results].sort()).toEqual(["CONFLICT", "ok"]);
    const joined = await db.membership.findMany({
      where: { workspaceId: t.workspace.id, userId: { in: [u1.id, u2.id] } },
    });
    expect(joined).toHaveLength(1);
    const winner = results[0] === "ok" ? u1 : u2;
    expect(joined[0]!.userId).toBe(winner.id);
    expect((await db.invitation.findUniqueOrThrow({ where: { id: created.id } })).acceptedById).toBe(winner.id);
    expect(await auditRows(t.workspace.id, "invitation.accepted")).toHaveLength(1);
  });
});

describe("roles and activity", () => {
  it("changes a role when the version matches, and refuses a stale version without changing anything", async () => {
    const t = await teamWithAdmin();
    const id = t.memberships.analyst.id;
    const first = await t.admin.member.changeRole({ membershipId: id, role: "REVIEWER", version: 1 });
    expect(first).toMatchObject({ id, role: "REVIEWER", version: 2 });

    // A second admin screen still showing version 1 tries to make them a viewer.
    expect(await outcome(t.admin.member.changeRole({ membershipId: id, role: "VIEWER", version: 1 }))).toBe("CONFLICT");
    expect(await db.membership.findUniqueOrThrow({ where: { id } })).toMatchObject({
      role: "REVIEWER",
      version: 2,
      active: true,
    });
    expect(await auditRows(t.workspace.id, "member.role_changed")).toHaveLength(1);
  });

  it("deactivates and reactivates a member, who loses and regains access", async () => {
    const t = await teamWithAdmin();
    const id = t.memberships.analyst.id;
    const { caller: analyst } = await callerFor(t.users.analyst.id);

    await t.admin.member.setActive({ membershipId: id, active: false, version: 1 });
    expect(await db.membership.findUniqueOrThrow({ where: { id } })).toMatchObject({
      active: false,
      version: 2,
      role: "ANALYST",
    });
    expect(await outcome(analyst.event.list({ workspaceId: t.workspace.id }))).toBe("NOT_FOUND");
    // Admins still see the deactivated member; other members see the active team only.
    expect(
      (await t.admin.member.list({ workspaceId: t.workspace.id })).find((m) => m.membershipId === id),
    ).toMatchObject({ active: false });
    const { caller: viewer } = await callerFor(t.users.viewer.id);
    expect((await viewer.member.list({ workspaceId: t.workspace.id })).map((m) => m.membershipId)).not.toContain(id);

    await t.admin.member.setActive({ membershipId: id, active: true, version: 2 });
    expect(await db.membership.findUniqueOrThrow({ where: { id } })).toMatchObject({
      active: true,
      version: 3,
      role: "ANALYST",
    });
    expect(await outcome(analyst.event.list({ workspaceId: t.workspace.id }))).toBe("ok");
    expect((await auditRows(t.workspace.id, "member.reactivated"))[0]).toMatchObject({
      before: { userId: t.users.analyst.id, role: "ANALYST", active: false },
      after: { userId: t.users.analyst.id, role: "ANALYST", active: true },
    });
  });

  it("refuses to demote or deactivate the last active admin", async () => {
    const t = await teamWithAdmin();
    const id = t.memberships.admin.id;
    expect(await outcome(t.admin.member.changeRole({ membershipId: id, role: "REVIEWER", version: 1 }))).toBe(
      "CONFLICT",
    );
    expect(await outcome(t.admin.member.setActive({ membershipId: id, active: false, version: 1 }))).toBe("CONFLICT");
    expect(await db.membership.findUniqueOrThrow({ where: { id } })).toMatchObject({
      role: "ADMIN",
      active: true,
      version: 1,
    });

    // An inactive admin does not count: with a second, deactivated admin the last active one is still protected.
    const dormant = await makeUser();
    await addMember(t.workspace.id, dormant.id, "ADMIN", false);
    expect(await outcome(t.admin.member.changeRole({ membershipId: id, role: "REVIEWER", version: 1 }))).toBe(
      "CONFLICT",
    );

    // Once someone else is an active admin, stepping down is fine.
    await t.admin.member.changeRole({ membershipId: t.memberships.reviewer.id, role: "ADMIN", version: 1 });
    expect(await outcome(t.admin.member.changeRole({ membershipId: id, role: "REVIEWER", version: 1 }))).toBe("ok");
  });

  it("keeps at least one admin when two admins demote each other at the same moment", async () => {
    const t = await teamWithAdmin();
    await t.admin.member.changeRole({ membershipId: t.memberships.reviewer.id, role: "ADMIN", version: 1 });
    const { caller: secondAdmin } = await callerFor(t.users.reviewer.id);

    const results = await Promise.all([
      outcome(t.admin.member.changeRole({ membershipId: t.memberships.reviewer.id, role: "ANALYST", version: 2 })),
      outcome(secondAdmin.member.changeRole({ membershipId: t.memberships.admin.id, role: "ANALYST", version: 1 })),
    ]);
    // One wins; the other is refused (as the last admin, or because its author was just demoted).
    expect(results.filter((r) => r === "ok")).toHaveLength(1);
    expect(results.filter((r) => r !== "ok")[0]).toMatch(/^(CONFLICT|FORBIDDEN)$/);
    expect(await db.membership.count({ where: { workspaceId: t.workspace.id, role: "ADMIN", active: true } })).toBe(1);
  });

  it("re-checks the acting admin under the lock: an admin demoted mid-request cannot finish the change", async () => {
    const t = await teamWithAdmin();
    await t.admin.member.changeRole({ membershipId: t.memberships.reviewer.id, role: "ADMIN", version: 1 });
    const { caller: secondAdmin } = await callerFor(t.users.reviewer.id);

    const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await holder.connect();
    try {
      await holder.query("BEGIN");
      await holder.query(`SELECT id FROM "Workspace" WHERE id = $1 FOR UPDATE`, [t.workspace.id]);
      const pending = outcome(
        secondAdmin.member.changeRole({ membershipId: t.memberships.viewer.id, role: "ADMIN", version: 1 }),
      );
      // Wait (by condition, not by time) until that request is blocked on our lock.
      // (Polled outside the holder's transaction, which would see one frozen snapshot of pg_stat_activity.)
      for (;;) {
        const [row] = await db.$queryRaw<{ n: number }[]>`
          SELECT count(*)::int AS n FROM pg_stat_activity
           WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%FOR UPDATE%'`;
        if (row!.n > 0) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      // Meanwhile the first admin demotes the second.
      await holder.query(`UPDATE "Membership" SET role = 'ANALYST', version = version + 1 WHERE id = $1`, [
        t.memberships.reviewer.id,
      ]);
      await holder.query("COMMIT");

      expect(await pending).toBe("FORBIDDEN");
      expect(await db.membership.findUniqueOrThrow({ where: { id: t.memberships.viewer.id } })).toMatchObject({
        role: "VIEWER",
      });
    } finally {
      await holder.query("ROLLBACK").catch(() => {});
      await holder.end();
    }
  });

  it("addresses memberships by id only within the admin's own workspace", async () => {
    const t = await teamWithAdmin();
    // The outsider is admin of another workspace; its ids are useless here, and vice versa.
    const { caller: outsider } = await callerFor(t.users.outsider.id);
    expect(
      await outcome(outsider.member.changeRole({ membershipId: t.memberships.viewer.id, role: "ADMIN", version: 1 })),
    ).toBe("NOT_FOUND");
    expect(
      await outcome(t.admin.member.changeRole({ membershipId: "no-such-membership", role: "ADMIN", version: 1 })),
    ).toBe("NOT_FOUND");
    expect(await db.membership.findUniqueOrThrow({ where: { id: t.memberships.viewer.id } })).toMatchObject({
      role: "VIEWER",
      version: 1,
    });
  });
});

describe("audit trail", () => {
  it("records invitations and membership changes with who, before and after", async () => {
    const t = await teamWithAdmin();
    const invited = await t.admin.invitation.create({
      workspaceId: t.workspace.id,
      role: "REVIEWER",
      email: "joiner@example.org",
    });
    const joiner = await makeUser({ email: "joiner@example.org" });
    await (await callerFor(joiner.id, "198.51.100.77")).caller.invitation.accept({ token: invited.token });
    await t.admin.member.changeRole({ membershipId: t.memberships.analyst.id, role: "REVIEWER", version: 1 });
    await t.admin.member.setActive({ membershipId: t.memberships.viewer.id, active: false, version: 1 });

    const [created] = await auditRows(t.workspace.id, "invitation.created");
    expect(created).toMatchObject({
      actorId: t.users.admin.id,
      targetType: "invitation",
      targetId: invited.id,
      before: null,
      after: { role: "REVIEWER", email: "joiner@example.org", expiresAt: invited.expiresAt.toISOString() },
    });

    const joinedMembership = await db.membership.findUniqueOrThrow({
      where: { workspaceId_userId: { workspaceId: t.workspace.id, userId: joiner.id } },
    });
    const [accepted] = await auditRows(t.workspace.id, "invitation.accepted");
    expect(accepted).toMatchObject({
      actorId: joiner.id,
      ip: "198.51.100.77",
      targetType: "membership",
      targetId: joinedMembership.id,
      before: null,
      after: { userId: joiner.id, role: "REVIEWER", active: true, invitationId: invited.id },
    });

    const [roleChanged] = await auditRows(t.workspace.id, "member.role_changed");
    expect(roleChanged).toMatchObject({
      actorId: t.users.admin.id,
      targetType: "membership",
      targetId: t.memberships.analyst.id,
      before: { userId: t.users.analyst.id, role: "ANALYST", active: true },
      after: { userId: t.users.analyst.id, role: "REVIEWER", active: true },
    });

    const [deactivated] = await auditRows(t.workspace.id, "member.deactivated");
    expect(deactivated).toMatchObject({
      actorId: t.users.admin.id,
      targetId: t.memberships.viewer.id,
      before: { userId: t.users.viewer.id, role: "VIEWER", active: true },
      after: { userId: t.users.viewer.id, role: "VIEWER", active: false },
    });
  });

  it("is readable by admins only", async () => {
    const t = await teamWithAdmin();
    for (const who of ["viewer", "analyst", "reviewer"] as const) {
      const { caller } = await callerFor(t.users[who].id);
      expect(await outcome(caller.audit.list({ workspaceId: t.workspace.id })), who).toBe("FORBIDDEN");
    }
    expect(await outcome(t.admin.audit.list({ workspaceId: t.workspace.id }))).toBe("ok");
  });

  it("pages by cursor, newest first, without duplicates or gaps, and shows members' account events but no one else's", async () => {
    const t = await teamWithAdmin();
    for (const role of ["VIEWER", "ANALYST", "REVIEWER", "VIEWER", "ANALYST"] as const) {
      await t.admin.invitation.create({ workspaceId: t.workspace.id, role });
    }
    // Account events (no workspace) of a member belong in this log; an outsider's do not.
    const { caller: analyst } = await callerFor(t.users.analyst.id);
    await analyst.me.updateProfile({ name: "Analyst Renamed" });
    const { caller: outsider } = await callerFor(t.users.outsider.id);
    await outsider.me.updateProfile({ name: "Outsider Renamed" });
    // Noise from another workspace.
    const elsewhere = await makeWorkspace();
    await addMember(elsewhere.id, t.users.admin.id, "ADMIN");
    await t.admin.invitation.create({ workspaceId: elsewhere.id, role: "VIEWER" });
    await t.admin.member.changeRole({ membershipId: t.memberships.viewer.id, role: "ANALYST", version: 1 });

    const seen: { id: string; action: string; targetId: string | null }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof t.admin.audit.list>> = await t.admin.audit.list({
        workspaceId: t.workspace.id,
        limit: 2,
        cursor,
      });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    expect(cursor).toBeNull();

    const ids = seen.map((r) => BigInt(r.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort((a, b) => (b > a ? 1 : b < a ? -1 : 0))).toEqual(ids);
    expect(seen.map((r) => r.action)).toEqual([
      "member.role_changed",
      "user.profile_updated",
      "invitation.created",
      "invitation.created",
      "invitation.created",
      "invitation.created",
      "invitation.created",
    ]);
    expect(seen.find((r) => r.action === "user.profile_updated")?.targetId).toBe(t.users.analyst.id);
    expect(pages).toBe(4);

    // The action filter narrows by prefix; a forged cursor is refused.
    const onlyInvitations = await t.admin.audit.list({ workspaceId: t.workspace.id, action: "invitation.", limit: 50 });
    expect(onlyInvitations.items).toHaveLength(5);
    expect(onlyInvitations.nextCursor).toBeNull();
    expect(await outcome(t.admin.audit.list({ workspaceId: t.workspace.id, cursor: "bm90LWEtbnVtYmVy" }))).toBe(
      "BAD_REQUEST",
    );
  });

  it("shows a member's sign-ins (account events without a workspace) to the workspace's admins", async () => {
    const t = await teamWithAdmin();
    const viewer = await db.user.findUniqueOrThrow({ where: { id: t.users.viewer.id } });
    await signInWithPassword({ email: viewer.email, password: TEST_PASSWORD, ip: "192.0.2.41" });
    const page = await t.admin.audit.list({ workspaceId: t.workspace.id, action: "auth." });
    expect(page.items).toEqual([
      expect.objectContaining({ action: "auth.sign_in", targetId: viewer.id, ip: "192.0.2.41" }),
    ]);
  });
});
