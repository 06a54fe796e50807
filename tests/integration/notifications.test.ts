import { describe, expect, it } from "vitest";
import { db } from "../../server/db/client.ts";
import type { EventFieldsInput } from "../../server/schemas/event.ts";
import { anonymousCaller, callerFor } from "../helpers/caller.ts";
import { curationTeam, eventInput, outcome, type CurationTeam } from "../helpers/curation.ts";
import { addMember, makeUser } from "../helpers/factories.ts";

/**
 * In-app notifications from review: authors hear about every decision on
 * what they wrote, members named with @ hear about the comment, and each user
 * reads and clears only their own.
 */

type Caller = CurationTeam["analyst"];

async function submitted(t: CurationTeam, title = "Taliban delegation visits Tehran", by: Caller = t.analyst) {
  const e = await by.event.create({ workspaceId: t.ws, ...eventInput(title, { year: 2016 }) });
  const r = await by.review.submit({ eventId: e.id });
  return { id: e.id, round: r.round };
}

async function edit(by: Caller, eventId: string, change: Partial<EventFieldsInput>) {
  const f = await by.event.getForEdit({ eventId });
  return by.event.update({
    eventId,
    version: f.version,
    title: f.title,
    summary: f.summary,
    date: f.date,
    tags: f.tags,
    entities: f.entities,
    ...change,
  });
}

async function member(t: CurationTeam, role: "ANALYST" | "REVIEWER" | "VIEWER", name: string, email?: string) {
  const user = await makeUser({ name, email });
  const membership = await addMember(t.ws, user.id, role);
  return { user, membership, caller: (await callerFor(user.id)).caller };
}

const inbox = async (c: Caller) => {
  const r = await c.notification.list({});
  return {
    unread: r.unread,
    items: r.items.map((n) => ({ kind: n.kind, eventId: n.eventId, message: n.message, read: n.readAt !== null })),
  };
};

describe("decision notifications", () => {
  it("tell every author of a submission about each decision, with the comment, and not the reviewer who made it", async () => {
    const t = await curationTeam();
    const coAuthor = await member(t, "ANALYST", "Co Author");
    const e = await t.analyst.event.create({
      workspaceId: t.ws,
      ...eventInput("Envoys meet in Kabul", { year: 2016 }),
    });
    await edit(coAuthor.caller, e.id, { summary: "Added by the co-author." });
    await t.analyst.review.submit({ eventId: e.id });

    await t.reviewer.review.decide({
      eventId: e.id,
      round: 1,
      decision: "REQUEST_CHANGES",
      comment: "Which envoys? Name them.",
    });
    for (const c of [t.analyst, coAuthor.caller]) {
      const box = await inbox(c);
      expect(box.unread).toBe(1);
      expect(box.items).toEqual([
        {
          kind: "review.request_changes",
          eventId: e.id,
          read: false,
          message: expect.stringContaining("Which envoys? Name them."),
        },
      ]);
      expect(box.items[0]!.message).toContain("Reviewer");
      expect(box.items[0]!.message).toContain("Envoys meet in Kabul");
    }
    for (const c of [t.reviewer, t.admin, t.viewer, t.outsider]) expect((await inbox(c)).items).toEqual([]);

    await edit(t.analyst, e.id, { title: "Envoys Muttaqi and Kazemi meet in Kabul" });
    await t.analyst.review.submit({ eventId: e.id });
    await t.admin.review.updateSettings({ workspaceId: t.ws, requiredApprovals: 2 });
    await t.reviewer.review.decide({ eventId: e.id, round: 2, decision: "APPROVE" });
    await t.admin.review.decide({ eventId: e.id, round: 2, decision: "APPROVE", comment: "Good work." });
    const box = await inbox(t.analyst);
    expect(box.unread).toBe(3);
    expect(box.items.map((n) => n.kind)).toEqual(["review.approve", "review.approve", "review.request_changes"]);
    expect(box.items[1]!.message).toMatch(/needs one more approval/);
    expect(box.items[0]!.message).toMatch(/now published/);
    expect(box.items[0]!.message).toContain("Good work.");
    expect((await inbox(coAuthor.caller)).unread).toBe(3);
    expect((await inbox(t.reviewer)).items).toEqual([]);
  });

  it("tell the authors of a proposed change, not the published event's original author", async () => {
    const t = await curationTeam();
    const second = await member(t, "ANALYST", "Second Analyst");
    const e = await submitted(t, "Border crossing reopens");
    await t.reviewer.review.decide({ eventId: e.id, round: 1, decision: "APPROVE" });
    await t.analyst.notification.markRead({});

    await edit(second.caller, e.id, { title: "Border crossing at Islam Qala reopens" });
    const s = await second.caller.review.submit({ eventId: e.id });
    await t.reviewer.review.decide({
      eventId: e.id,
      round: s.round,
      decision: "REJECT",
      comment: "Islam Qala is not named in the sources.",
    });
    expect((await inbox(second.caller)).items).toEqual([
      {
        kind: "review.reject",
        eventId: e.id,
        read: false,
        message: expect.stringContaining("Islam Qala is not named in the sources."),
      },
    ]);
    // The message names what was under review: the proposed title.
    expect((await inbox(second.caller)).items[0]!.message).toContain("Border crossing at Islam Qala reopens");
    expect((await inbox(t.analyst)).unread).toBe(0);
  });
});

describe("mentions", () => {
  it("notify members named by first name, full name or email name, once, and nobody else", async () => {
    const t = await curationTeam();
    const bijan = await member(t, "ANALYST", "Bijan Rahimi", "bijan.rahimi@example.org");
    const second = await member(t, "REVIEWER", "Second Analyst", "analyst2@example.org");
    const laleh = await member(t, "ANALYST", "Laleh Karimi");
    const outsider = await makeUser({ name: "Darius Outside" });
    const outsiderCaller = (await callerFor(outsider.id)).caller;
    const e = await submitted(t);

    const comment =
      "@Bijan please check the date, and @analyst2 the second source. @darius, @LalehKarimi. Copying @Analyst and myself @Reviewer.";
    await t.reviewer.review.decide({ eventId: e.id, round: 1, decision: "REQUEST_CHANGES", comment });

    for (const c of [bijan.caller, second.caller, laleh.caller]) {
      expect((await inbox(c)).items).toEqual([
        {
          kind: "mention",
          eventId: e.id,
          read: false,
          message: expect.stringContaining("@Bijan please check the date"),
        },
      ]);
    }
    expect((await inbox(bijan.caller)).items[0]!.message).toMatch(/^Reviewer mentioned you/);
    // The author is told once, by the decision itself; the reviewer not at all; a non-member never.
    expect((await inbox(t.analyst)).items.map((n) => n.kind)).toEqual(["review.request_changes"]);
    expect((await inbox(t.reviewer)).items).toEqual([]);
    expect((await inbox(outsiderCaller)).items).toEqual([]);
    expect((await inbox(t.admin)).items).toEqual([]);
  });

  it("match case-insensitively and ignore trailing punctuation, and also work on approvals", async () => {
    const t = await curationTeam();
    const bijan = await member(t, "ANALYST", "Bijan Rahimi");
    const e = await submitted(t);
    await t.reviewer.review.decide({ eventId: e.id, round: 1, decision: "APPROVE", comment: "Thanks @BIJAN." });
    expect((await inbox(bijan.caller)).items.map((n) => n.kind)).toEqual(["mention"]);
  });

  it("do not tell viewers or former members about unpublished work", async () => {
    const t = await curationTeam();
    const vera = await member(t, "VIEWER", "Vera Viewer");
    const gone = await member(t, "ANALYST", "Gone Analyst");
    await db.membership.update({ where: { id: gone.membership.id }, data: { active: false } });
    const e = await submitted(t, "Secret draft about Quetta");
    await t.reviewer.review.decide({ eventId: e.id, round: 1, decision: "REJECT", comment: "@Vera @Gone see this." });
    expect((await inbox(vera.caller)).items).toEqual([]);
    expect((await inbox(gone.caller)).items).toEqual([]);
  });
});

describe("reading notifications", () => {
  it("counts unread, marks read by id or all at once, and keeps each user's to themselves", async () => {
    const t = await curationTeam();
    const second = await member(t, "ANALYST", "Second Analyst");
    const mine = [await submitted(t, "Mine one"), await submitted(t, "Mine two"), await submitted(t, "Mine three")];
    const theirs = await submitted(t, "Theirs", second.caller);
    for (const e of [...mine, theirs])
      await t.reviewer.review.decide({ eventId: e.id, round: 1, decision: "REJECT", comment: "Not corroborated." });

    const list = await t.analyst.notification.list({});
    expect(list.unread).toBe(3);
    expect(list.items.map((n) => n.eventId)).toEqual(mine.map((e) => e.id).reverse());
    expect(list.items.every((n) => n.workspaceSlug === t.workspace.slug)).toBe(true);
    expect((await t.analyst.notification.list({ limit: 2 })).items).toHaveLength(2);
    expect((await t.analyst.notification.list({ limit: 2 })).unread).toBe(3);
    const theirList = await second.caller.notification.list({});
    expect(theirList.items.map((n) => n.eventId)).toEqual([theirs.id]);

    // Marking someone else's notification read does nothing to it.
    await t.analyst.notification.markRead({ ids: [theirList.items[0]!.id] });
    expect((await second.caller.notification.list({})).unread).toBe(1);
    expect(
      await db.notification.findUniqueOrThrow({ where: { id: theirList.items[0]!.id }, select: { readAt: true } }),
    ).toEqual({ readAt: null });

    await t.analyst.notification.markRead({ ids: [list.items[0]!.id] });
    const after = await t.analyst.notification.list({});
    expect(after.unread).toBe(2);
    expect(after.items.map((n) => n.readAt !== null)).toEqual([true, false, false]);

    await t.analyst.notification.markRead({});
    expect((await t.analyst.notification.list({})).unread).toBe(0);
    expect((await second.caller.notification.list({})).unread).toBe(1);
    // Marking again is harmless.
    expect(await t.analyst.notification.markRead({})).toEqual({ ok: true });
  });

  it("needs a signed-in user", async () => {
    const anon = await anonymousCaller();
    expect(await outcome(anon.notification.list({}))).toBe("UNAUTHORIZED");
    expect(await outcome(anon.notification.markRead({}))).toBe("UNAUTHORIZED");
  });

  it("stops showing a workspace's notifications to someone no longer a member of it", async () => {
    const t = await curationTeam();
    const e = await submitted(t, "Before leaving");
    await t.reviewer.review.decide({ eventId: e.id, round: 1, decision: "REJECT", comment: "Not corroborated." });
    expect((await t.analyst.notification.list({})).unread).toBe(1);
    const { version } = await db.membership.findUniqueOrThrow({
      where: { id: t.memberships.analyst.id },
      select: { version: true },
    });
    await t.admin.member.setActive({ membershipId: t.memberships.analyst.id, active: false, version });
    const list = await t.analyst.notification.list({});
    expect(list).toMatchObject({ unread: 0, items: [] });
  });
});
