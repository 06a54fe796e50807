import { beforeEach, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_WORKSPACE, seedDemo } from "../../prisma/seed.ts";
import { db } from "../../server/db/client.ts";
import { signInWithPassword } from "../../server/services/auth-service.ts";
import { callerForSession } from "../helpers/caller.ts";
import { makeTeam } from "../helpers/factories.ts";

/**
 * The demo workspace a first `npm start` shows. The seed is global state
 * (fixed slug and emails), so every test starts from a freshly rebuilt demo.
 */
beforeEach(async () => {
  await seedDemo({ reset: true });
});

/** Everything the seed produces, without generated ids, plus the ids separately. */
async function demoState() {
  const ws = await db.workspace.findUniqueOrThrow({
    where: { slug: DEMO_WORKSPACE.slug },
    select: {
      id: true,
      name: true,
      description: true,
      memberships: { select: { role: true, active: true, user: { select: { id: true, email: true, name: true } } } },
      events: {
        orderBy: { createdAt: "asc" },
        select: { title: true, summary: true, status: true, createdAt: true, createdBy: { select: { email: true } } },
      },
    },
  });
  const members = ws.memberships
    .map((m) => ({ email: m.user.email, name: m.user.name, role: m.role, active: m.active }))
    .sort((a, b) => (a.email < b.email ? -1 : 1));
  return {
    content: {
      name: ws.name,
      description: ws.description,
      members,
      events: ws.events.map((e) => ({ ...e, createdAt: e.createdAt.toISOString(), createdBy: e.createdBy.email })),
    },
    ids: { workspace: ws.id, users: ws.memberships.map((m) => m.user.id).sort() },
  };
}

const counts = async () => ({
  users: await db.user.count({ where: { email: { in: DEMO_ACCOUNTS.map((a) => a.email) } } }),
  workspaces: await db.workspace.count({ where: { slug: DEMO_WORKSPACE.slug } }),
  memberships: await db.membership.count({ where: { workspace: { slug: DEMO_WORKSPACE.slug } } }),
  events: await db.event.count({ where: { workspace: { slug: DEMO_WORKSPACE.slug } } }),
});

describe("seedDemo", () => {
  it("builds the demo workspace: five accounts covering every role, and events at fixed UTC instants", async () => {
    const { content } = await demoState();
    expect(content.name).toBe(DEMO_WORKSPACE.name);
    expect(content.members).toEqual(
      DEMO_ACCOUNTS.map((a) => ({ email: a.email, name: a.name, role: a.role, active: true })).sort((a, b) => (a.email < b.email ? -1 : 1)),
    );
    // Fixed instants, whatever the machine's time zone.
    expect(content.events.map((e) => [e.createdAt, e.status])).toEqual([
      ["2026-01-05T10:00:00.000Z", "PUBLISHED"],
      ["2026-01-05T11:00:00.000Z", "DRAFT"],
      ["2026-01-05T12:00:00.000Z", "PUBLISHED"],
      ["2026-01-05T13:00:00.000Z", "PUBLISHED"],
    ]);
  });

  it("is idempotent: a second run adds and changes nothing", async () => {
    const before = await demoState();
    const beforeCounts = await counts();
    await seedDemo();
    expect(await counts()).toEqual(beforeCounts);
    expect(await demoState()).toEqual(before);
    expect(beforeCounts).toEqual({ users: 5, workspaces: 1, memberships: 5, events: 4 });
  });

  it("gives working accounts: the demo viewer signs in and sees only published events", async () => {
    const viewer = DEMO_ACCOUNTS.find((a) => a.role === "VIEWER")!;
    const { sessionId } = await signInWithPassword({ email: viewer.email, password: DEMO_PASSWORD, ip: "192.0.2.200" });
    const caller = await callerForSession(sessionId);
    const [workspace] = await caller.workspace.list();
    expect(workspace).toMatchObject({ slug: DEMO_WORKSPACE.slug, role: "VIEWER" });
    const events = await caller.event.list({ workspaceId: workspace!.id });
    expect(events.items.map((e) => e.status)).toEqual(["PUBLISHED", "PUBLISHED", "PUBLISHED"]);
  });

  it("with reset: true rebuilds the demo from scratch and leaves other workspaces alone", async () => {
    const original = await demoState();
    const other = await makeTeam();

    // Someone played with the demo.
    await db.workspace.update({ where: { id: original.ids.workspace }, data: { name: "Renamed by a visitor" } });
    const analyst = await db.user.findUniqueOrThrow({ where: { email: "analyst@dossier.local" } });
    await db.membership.updateMany({ where: { userId: analyst.id }, data: { role: "VIEWER", active: false } });
    await db.event.deleteMany({ where: { workspaceId: original.ids.workspace, status: "DRAFT" } });
    await db.event.create({
      data: { workspaceId: original.ids.workspace, title: "Visitor's event", createdById: analyst.id, updatedById: analyst.id },
    });
    await db.user.update({ where: { id: analyst.id }, data: { passwordHash: null, name: "Changed" } });

    // Without reset the seed keeps what is there.
    await seedDemo();
    expect((await demoState()).content).not.toEqual(original.content);

    await seedDemo({ reset: true });
    const rebuilt = await demoState();
    expect(rebuilt.content).toEqual(original.content);
    expect(rebuilt.ids.workspace).not.toBe(original.ids.workspace);
    expect(rebuilt.ids.users.some((id) => original.ids.users.includes(id))).toBe(false);
    expect(await counts()).toEqual({ users: 5, workspaces: 1, memberships: 5, events: 4 });
    expect((await signInWithPassword({ email: "analyst@dossier.local", password: DEMO_PASSWORD, ip: "192.0.2.201" })).email).toBe(
      "analyst@dossier.local",
    );

    // Unrelated data survives.
    expect(await db.membership.count({ where: { workspaceId: other.workspace.id } })).toBe(4);
    expect(await db.user.count({ where: { id: other.users.admin.id } })).toBe(1);
  });
});
