import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../server/db/client.ts";
import { createSession, signOut } from "../../server/services/auth/index.ts";
import { sessionCookie, setMemberActive, startAppServer, trpcCall, type AppServer } from "../helpers/app-client.ts";
import { addMember, makeTeam, makeUser } from "../helpers/factories.ts";
import { cutListeners } from "../helpers/listeners.ts";
import { until } from "../helpers/wait.ts";

/**
 * Two app instances on one database, each keeping session and membership
 * lookups in memory (server/db/auth-cache.ts). A sign-out, a deactivation or
 * a role change made through one instance, or straight in the database, takes
 * effect on the very next request to the other, once its notice has reached
 * it. PostgreSQL delivers the notice as the change commits; a busy machine may
 * schedule the listening connection a little later than the test's next
 * request, so each change waits for both instances to count its notice
 * (/api/metrics). The kept entries live two minutes here: only the notice can
 * end one within the test.
 */

let a: AppServer;
let b: AppServer;
let team: Awaited<ReturnType<typeof makeTeam>>;
const SLOW = { timeout: 120_000 };

// A long life for kept entries, so that only a notification can end one within the test.
const METRICS_TOKEN = "a-metrics-token-of-some-length";
const env = { AUTH_CACHE_TTL_MS: "120000", METRICS_TOKEN };

beforeAll(async () => {
  [a, b] = await Promise.all([startAppServer(env), startAppServer(env)]);
  team = await makeTeam();
}, 180_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
});

const cookieFor = async (userId: string) =>
  sessionCookie(await createSession(db, userId, { ip: "127.0.0.1", userAgent: "test" }));

/** Status of a read that needs a signed-in member (audit.list needs an admin). */
async function status(server: AppServer, cookie: string, procedure = "member.list"): Promise<number> {
  const res = await trpcCall(server.base, procedure, { workspaceId: team.workspace.id }, { cookie, method: "GET" });
  await res.arrayBuffer();
  return res.status;
}

/** Both instances answer, twice each, so that each has the lookups in memory. */
async function warm(cookie: string, procedure = "member.list"): Promise<void> {
  for (const server of [a, b, a, b]) expect(await status(server, cookie, procedure)).toBe(200);
}

/** How many notices of a changed session, account or membership the instance has received. */
async function notices(server: AppServer): Promise<number> {
  const res = await fetch(`${server.base}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(res.status).toBe(200);
  const line = /^dossier_auth_cache_notifications_total (\d+)$/m.exec(await res.text());
  expect(line, "the notices counter").not.toBeNull();
  return Number(line![1]);
}

/** Makes a change, then waits until both instances have received its notice (never as long as an entry lives). */
async function announced(change: () => Promise<unknown>): Promise<void> {
  const before = await Promise.all([a, b].map(notices));
  await change();
  await until(
    () => Promise.all([a, b].map(notices)),
    (now) => now.every((n, i) => n > before[i]!),
    20_000,
  );
}

/** A change straight in the database that announces nothing (triggers off), to tell a kept answer from a fresh one. */
async function silently(statement: string, values: unknown[]): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe("SET LOCAL session_replication_role = replica");
    await tx.$executeRawUnsafe(statement, ...values);
  });
}

describe("the session and membership copy on two instances", SLOW, () => {
  it("really answers from memory: a change that announces nothing is not seen, an announced one is", async () => {
    const user = await makeUser({ name: "Kept" });
    // Its notice in first, so that it cannot drop the copy the test is about to make.
    await announced(() => addMember(team.workspace.id, user.id, "ANALYST"));
    const cookie = await cookieFor(user.id);
    await warm(cookie);
    await silently(`UPDATE "Membership" SET active = false WHERE "userId" = $1`, [user.id]);
    // Both instances still hold the membership as it was: the database was not asked again.
    expect(await status(a, cookie)).toBe(200);
    expect(await status(b, cookie)).toBe(200);
    // The same change made normally is announced, and both instances drop the copy.
    await announced(() => db.membership.updateMany({ where: { userId: user.id }, data: { active: false } }));
    expect(await status(b, cookie)).toBe(404);
    expect(await status(a, cookie)).toBe(404);
  });

  it("a role change made through one instance holds on the next request to the other", async () => {
    const admin2 = await makeUser({ name: "Second admin" });
    await addMember(team.workspace.id, admin2.id, "ADMIN");
    const adminCookie = await cookieFor(admin2.id);
    const reviewerCookie = await cookieFor(team.users.reviewer.id);
    await warm(reviewerCookie);
    expect(await status(b, reviewerCookie, "audit.list")).toBe(403);

    const change = async (role: string) => {
      const m = await db.membership.findUniqueOrThrow({
        where: { workspaceId_userId: { workspaceId: team.workspace.id, userId: team.users.reviewer.id } },
        select: { id: true, version: true },
      });
      const res = await trpcCall(
        a.base,
        "member.changeRole",
        { membershipId: m.id, role, version: m.version },
        { cookie: adminCookie },
      );
      expect(res.status, await res.text()).toBe(200);
    };
    await announced(() => change("ADMIN"));
    expect(await status(b, reviewerCookie, "audit.list")).toBe(200);
    expect(await status(a, reviewerCookie, "audit.list")).toBe(200);
    await announced(() => change("VIEWER"));
    expect(await status(b, reviewerCookie, "audit.list")).toBe(403);
    expect(await status(a, reviewerCookie, "audit.list")).toBe(403);
  });

  it("a member deactivated through one instance is refused by the other at once", async () => {
    const admin3 = await makeUser({ name: "Third admin" });
    await addMember(team.workspace.id, admin3.id, "ADMIN");
    const adminCookie = await cookieFor(admin3.id);
    const cookie = await cookieFor(team.users.viewer.id);
    await warm(cookie);
    const m = await db.membership.findUniqueOrThrow({
      where: { workspaceId_userId: { workspaceId: team.workspace.id, userId: team.users.viewer.id } },
      select: { id: true, version: true },
    });
    await announced(() => setMemberActive(a.base, m, false, adminCookie));
    expect(await status(b, cookie)).toBe(404);
    expect(await status(a, cookie)).toBe(404);
  });

  it("a deactivated account and a signed-out session stop working on both at once", async () => {
    const cookie = await cookieFor(team.users.analyst.id);
    await warm(cookie);
    await announced(() => db.user.update({ where: { id: team.users.analyst.id }, data: { active: false } }));
    expect(await status(b, cookie)).toBe(401);
    expect(await status(a, cookie)).toBe(401);
    await announced(() => db.user.update({ where: { id: team.users.analyst.id }, data: { active: true } }));
    expect(await status(b, cookie)).toBe(200);

    const sessionId = await createSession(db, team.users.analyst.id, { ip: "127.0.0.1", userAgent: "test" });
    const own = await sessionCookie(sessionId);
    await warm(own);
    await announced(() => signOut({ userId: team.users.analyst.id }, sessionId));
    expect(await status(b, own)).toBe(401);
    expect(await status(a, own)).toBe(401);
    // Other sessions of the same user go on.
    expect(await status(b, cookie)).toBe(200);
  });

  it("forgets everything while its listening connection is down, and reads the database", async () => {
    const user = await makeUser({ name: "Listener" });
    // Its notice in first, so that it cannot drop the copy the test is about to make.
    await announced(() => addMember(team.workspace.id, user.id, "ANALYST"));
    const cookie = await cookieFor(user.id);
    await warm(cookie);

    // Both instances listen again, on new connections.
    await cutListeners(2);
    // The copy was dropped with the connection: an unannounced change is seen, because the database is read.
    await silently(`UPDATE "Membership" SET active = false WHERE "userId" = $1`, [user.id]);
    expect(await status(a, cookie)).toBe(404);
    expect(await status(b, cookie)).toBe(404);
  });
});
