import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../server/db/client.ts";
import { loadBriefingForExport } from "../../server/services/briefing/index.ts";
import { callerFor } from "../helpers/caller.ts";
import { curationTeam, eventInput, outcome, type CurationTeam } from "../helpers/curation.ts";
import { addMember, makeUser } from "../helpers/factories.ts";

/**
 * Who may delete what. A draft or a submission waiting for review is its
 * author's to delete, and reviewers' and admins'; another analyst gets
 * FORBIDDEN and a viewer, who cannot see it, NOT_FOUND. A published event is
 * reviewers' and admins' to take down, a published briefing admins' only.
 * Deleted briefings go to a trash that admins list and restore from.
 */

type Caller = CurationTeam["analyst"];
type Team = CurationTeam & { otherAnalyst: Caller };
type Who = "author" | "otherAnalyst" | "reviewer" | "admin" | "viewer";
type State = "draft" | "pending" | "published";
type Outcome = "ok" | "FORBIDDEN" | "NOT_FOUND";

async function team(): Promise<Team> {
  const t = await curationTeam();
  const user = await makeUser({ name: "Other Analyst" });
  await addMember(t.ws, user.id, "ANALYST");
  return { ...t, otherAnalyst: (await callerFor(user.id)).caller };
}

const callerOf = (t: Team, who: Who): Caller =>
  who === "author" ? t.analyst : who === "otherAnalyst" ? t.otherAnalyst : t[who];

/** An event written by the analyst, brought to the state (published through the real review). */
async function eventIn(t: Team, state: State, title: string) {
  const e = await t.analyst.event.create({ workspaceId: t.ws, ...eventInput(title) });
  if (state !== "draft") {
    const { round } = await t.analyst.review.submit({ eventId: e.id });
    if (state === "published")
      await t.reviewer.review.decide({ eventId: e.id, round, decision: "APPROVE", comment: "" });
  }
  const { version } = await db.event.findUniqueOrThrow({ where: { id: e.id }, select: { version: true } });
  return { id: e.id, version };
}

/** A briefing written by the analyst, brought to the state. */
async function briefingIn(t: Team, state: State, title: string) {
  const b = await t.analyst.briefing.create({ workspaceId: t.ws, title });
  const saved = await t.analyst.briefing.update({ id: b.id, version: b.version, summary: "Where things stand." });
  if (state !== "draft") {
    const { round } = await t.analyst.briefing.submit({ id: b.id, version: saved.version });
    if (state === "published") await t.reviewer.briefing.decide({ id: b.id, round, decision: "APPROVE" });
  }
  const { version } = await db.briefing.findUniqueOrThrow({ where: { id: b.id }, select: { version: true } });
  return { id: b.id, version };
}

const EVENT_MATRIX: Record<State, Record<Who, Outcome>> = {
  draft: { author: "ok", otherAnalyst: "FORBIDDEN", reviewer: "ok", admin: "ok", viewer: "NOT_FOUND" },
  pending: { author: "ok", otherAnalyst: "FORBIDDEN", reviewer: "ok", admin: "ok", viewer: "NOT_FOUND" },
  published: { author: "FORBIDDEN", otherAnalyst: "FORBIDDEN", reviewer: "ok", admin: "ok", viewer: "FORBIDDEN" },
};

const BRIEFING_MATRIX: Record<State, Record<Who, Outcome>> = {
  draft: { author: "ok", otherAnalyst: "FORBIDDEN", reviewer: "ok", admin: "ok", viewer: "NOT_FOUND" },
  pending: { author: "ok", otherAnalyst: "FORBIDDEN", reviewer: "ok", admin: "ok", viewer: "NOT_FOUND" },
  // A publication may have been read and exported: admins only.
  published: {
    author: "FORBIDDEN",
    otherAnalyst: "FORBIDDEN",
    reviewer: "FORBIDDEN",
    admin: "ok",
    viewer: "FORBIDDEN",
  },
};

const cases = (matrix: Record<State, Record<Who, Outcome>>) =>
  (Object.keys(matrix) as State[]).flatMap((state) =>
    (Object.keys(matrix[state]) as Who[]).map((who) => ({ state, who, expected: matrix[state][who] })),
  );

describe("deleting an event", () => {
  let t: Team;
  beforeAll(async () => {
    t = await team();
  });

  it.each(cases(EVENT_MATRIX))("$state event, by $who → $expected", async ({ state, who, expected }) => {
    const e = await eventIn(t, state, `Event ${state} ${who}`);
    const result = await outcome(callerOf(t, who).event.delete({ eventId: e.id, version: e.version }));
    expect(result).toBe(expected);
    const row = await db.event.findUniqueOrThrow({
      where: { id: e.id },
      select: { deletedAt: true, deletedById: true, status: true },
    });
    const audit = await db.auditLog.count({ where: { targetType: "event", targetId: e.id, action: "event.deleted" } });
    if (expected === "ok") {
      expect(row.deletedAt).not.toBeNull();
      expect(audit).toBe(1);
      expect(await outcome(t.analyst.event.get({ eventId: e.id }))).toBe("NOT_FOUND");
      expect(await t.admin.event.get({ eventId: e.id })).toMatchObject({ id: e.id, status: row.status });
    } else {
      // A refusal changes nothing.
      expect(row).toMatchObject({ deletedAt: null, deletedById: null });
      expect(audit).toBe(0);
    }
  });

  it("anyone who edited a draft is one of its authors", async () => {
    const e = await eventIn(t, "draft", "Edited by two");
    await t.otherAnalyst.event.update({ eventId: e.id, version: e.version, ...eventInput("Edited by two, renamed") });
    expect(await t.otherAnalyst.event.delete({ eventId: e.id, version: e.version + 1 })).toEqual({ ok: true });
  });

  it("a deleted submission leaves the review queue, and comes back to it when restored", async () => {
    const e = await eventIn(t, "pending", "Submitted then deleted");
    await t.analyst.event.delete({ eventId: e.id, version: e.version });
    const queued = async () => (await t.reviewer.review.queue({ workspaceId: t.ws })).items.map((i) => i.eventId);
    expect(await queued()).not.toContain(e.id);
    await t.admin.event.restore({ eventId: e.id });
    expect(await queued()).toContain(e.id);
  });
});

describe("deleting a briefing", () => {
  let t: Team;
  beforeAll(async () => {
    t = await team();
  });

  it.each(cases(BRIEFING_MATRIX))("$state briefing, by $who → $expected", async ({ state, who, expected }) => {
    const b = await briefingIn(t, state, `Briefing ${state} ${who}`);
    const result = await outcome(callerOf(t, who).briefing.delete({ id: b.id, version: b.version }));
    expect(result).toBe(expected);
    const row = await db.briefing.findUniqueOrThrow({ where: { id: b.id }, select: { deletedAt: true } });
    const audit = await db.auditLog.count({
      where: { targetType: "briefing", targetId: b.id, action: "briefing.deleted" },
    });
    if (expected === "ok") {
      expect(row.deletedAt).not.toBeNull();
      expect(audit).toBe(1);
      expect(await outcome(t.admin.briefing.get({ id: b.id }))).toBe("NOT_FOUND");
    } else {
      expect(row.deletedAt).toBeNull();
      expect(audit).toBe(0);
      expect(await outcome(t.analyst.briefing.get({ id: b.id }))).toBe("ok");
    }
  });

  it("the page offers deletion exactly to those the server lets delete", async () => {
    const b = await briefingIn(t, "draft", "Offered to its author");
    expect((await t.analyst.briefing.get({ id: b.id })).canDelete).toBe(true);
    expect((await t.otherAnalyst.briefing.get({ id: b.id })).canDelete).toBe(false);
    expect((await t.reviewer.briefing.get({ id: b.id })).canDelete).toBe(true);
    const p = await briefingIn(t, "published", "Offered to admins");
    expect((await t.reviewer.briefing.get({ id: p.id })).canDelete).toBe(false);
    expect((await t.admin.briefing.get({ id: p.id })).canDelete).toBe(true);
  });
});

describe("the briefing trash", () => {
  it("hides a deleted briefing from lists, reads and exports until an admin restores it, with history and audit", async () => {
    const t = await team();
    const draft = await briefingIn(t, "draft", "Working notes on the border");
    const published = await briefingIn(t, "published", "Border water talks");
    await t.analyst.briefing.delete({ id: draft.id, version: draft.version });
    await t.admin.briefing.delete({ id: published.id, version: published.version });

    const listed = async (c: Caller) => (await c.briefing.list({ workspaceId: t.ws })).items.map((i) => i.id);
    expect(await listed(t.analyst)).toEqual([]);
    expect(await listed(t.viewer)).toEqual([]);
    for (const c of [t.analyst, t.admin, t.viewer])
      expect(await outcome(c.briefing.get({ id: published.id }))).toBe("NOT_FOUND");
    for (const c of [t.analyst, t.admin]) {
      expect(await outcome(c.briefing.get({ id: draft.id }))).toBe("NOT_FOUND");
      expect(await outcome(c.briefing.history({ id: draft.id }))).toBe("NOT_FOUND");
      expect(await outcome(c.briefing.comments({ id: draft.id }))).toBe("NOT_FOUND");
    }
    const exported = (userId: string, id: string, version: "published" | "working") =>
      outcome(loadBriefingForExport({ userId }, id, version));
    expect(await exported(t.users.viewer.id, published.id, "published")).toBe("NOT_FOUND");
    expect(await exported(t.users.admin.id, draft.id, "working")).toBe("NOT_FOUND");

    // The trash is the admins'.
    expect(await outcome(t.analyst.briefing.trash({ workspaceId: t.ws }))).toBe("FORBIDDEN");
    expect(await outcome(t.reviewer.briefing.restore({ id: draft.id }))).toBe("FORBIDDEN");
    expect(await outcome(t.outsider.briefing.trash({ workspaceId: t.ws }))).toBe("NOT_FOUND");
    expect(await outcome(t.outsider.briefing.restore({ id: draft.id }))).toBe("NOT_FOUND");
    const trash = await t.admin.briefing.trash({ workspaceId: t.ws });
    expect(trash.items).toEqual([
      expect.objectContaining({
        id: published.id,
        title: "Border water talks",
        hasPublished: true,
        deletedBy: "Admin",
      }),
      expect.objectContaining({
        id: draft.id,
        title: "Working notes on the border",
        status: "DRAFT",
        deletedBy: "Analyst",
      }),
    ]);
    // Paged by cursor.
    const first = await t.admin.briefing.trash({ workspaceId: t.ws, limit: 1 });
    const second = await t.admin.briefing.trash({ workspaceId: t.ws, limit: 1, cursor: first.nextCursor });
    expect([...first.items, ...second.items].map((i) => i.id)).toEqual([published.id, draft.id]);

    expect(await t.admin.briefing.restore({ id: draft.id })).toEqual({ ok: true });
    expect(await outcome(t.admin.briefing.restore({ id: draft.id }))).toBe("CONFLICT");
    expect(await t.admin.briefing.restore({ id: published.id })).toEqual({ ok: true });
    expect((await t.admin.briefing.trash({ workspaceId: t.ws })).items).toEqual([]);

    expect((await listed(t.analyst)).sort()).toEqual([draft.id, published.id].sort());
    expect(await listed(t.viewer)).toEqual([published.id]);
    const back = await t.analyst.briefing.get({ id: draft.id });
    expect(back).toMatchObject({ status: "DRAFT", working: { summary: "Where things stand." } });
    expect((await t.viewer.briefing.get({ id: published.id })).published?.content.title).toBe("Border water talks");
    expect(await exported(t.users.viewer.id, published.id, "published")).toBe("ok");

    const history = await t.analyst.briefing.history({ id: draft.id });
    expect(history.items.slice(0, 2).map((h) => [h.action, h.summary])).toEqual([
      ["restored", "Restored from the trash"],
      ["deleted", "Moved to the trash"],
    ]);
    const audit = await db.auditLog.findMany({
      where: { targetType: "briefing", targetId: draft.id, action: { in: ["briefing.deleted", "briefing.restored"] } },
      orderBy: { id: "asc" },
      select: { action: true, actorId: true },
    });
    expect(audit).toEqual([
      { action: "briefing.deleted", actorId: t.users.analyst.id },
      { action: "briefing.restored", actorId: t.users.admin.id },
    ]);
    // Saving needs the version after the restore: a form opened before the deletion is stale.
    expect(await outcome(t.analyst.briefing.update({ id: draft.id, version: draft.version, summary: "Old" }))).toBe(
      "CONFLICT",
    );
    expect(await outcome(t.analyst.briefing.update({ id: draft.id, version: back.version, summary: "New" }))).toBe(
      "ok",
    );
  });

  it("a submission deleted by its author leaves the queue, and waits again once restored", async () => {
    const t = await team();
    const b = await briefingIn(t, "pending", "Submitted, then deleted");
    const queued = async () => (await t.reviewer.briefing.queue({ workspaceId: t.ws })).items.map((i) => i.id);
    expect(await queued()).toEqual([b.id]);
    await t.analyst.briefing.delete({ id: b.id, version: b.version });
    expect(await queued()).toEqual([]);
    expect((await t.reviewer.review.counts({ workspaceId: t.ws })).briefings).toBe(0);
    await t.admin.briefing.restore({ id: b.id });
    expect(await queued()).toEqual([b.id]);
    expect((await t.reviewer.review.counts({ workspaceId: t.ws })).briefings).toBe(1);
  });
});
