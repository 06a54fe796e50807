import { describe, expect, it } from "vitest";
import { db } from "../../server/db/client.ts";
import type { EventFieldsInput } from "../../server/schemas/event.ts";
import { callerFor } from "../helpers/caller.ts";
import { curationTeam, eventInput, outcome, passage, refusal, type CurationTeam } from "../helpers/curation.ts";
import { addMember, makeUser } from "../helpers/factories.ts";

/**
 * The four-eyes review through the API: submission rounds, decisions and who
 * may make them, required approvals, changes to published events reviewed as
 * proposals while viewers keep the published version, the queue, batches,
 * and what two reviewers deciding at the same moment leave in Postgres.
 */

type Caller = CurationTeam["analyst"];
type Decision = "APPROVE" | "REQUEST_CHANGES" | "REJECT";

const fieldsOf = (title: string, more: Partial<EventFieldsInput> = {}) =>
  eventInput(title, { year: 2015, month: 5, day: 18 }, more);

async function draft(t: CurationTeam, title: string, by: Caller = t.analyst, more: Partial<EventFieldsInput> = {}) {
  return by.event.create({ workspaceId: t.ws, ...fieldsOf(title, more) });
}

/** A new event, submitted by its author: round 1 waiting for review. */
async function submitted(t: CurationTeam, title: string, by: Caller = t.analyst, more: Partial<EventFieldsInput> = {}) {
  const e = await draft(t, title, by, more);
  const r = await by.review.submit({ eventId: e.id });
  return { id: e.id, round: r.round };
}

/** A new event taken through review to publication (the reviewer approves, or the admin when the reviewer wrote it). */
async function published(t: CurationTeam, title: string, by: Caller = t.analyst, more: Partial<EventFieldsInput> = {}) {
  const s = await submitted(t, title, by, more);
  const decider = by === t.reviewer ? t.admin : t.reviewer;
  expect(await decider.review.decide({ eventId: s.id, round: s.round, decision: "APPROVE" })).toMatchObject({
    status: "PUBLISHED",
  });
  return s.id;
}

/** Saves an edit through the form's own starting point (for a published event: a proposal). */
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

const decide = (c: Caller, eventId: string, round: number, decision: Decision, comment = "") =>
  c.review.decide({ eventId, round, decision, comment });

async function member(
  t: CurationTeam,
  role: "ANALYST" | "REVIEWER" | "ADMIN" | "VIEWER",
  name: string,
  email?: string,
) {
  const user = await makeUser({ name, email });
  await addMember(t.ws, user.id, role);
  return { user, caller: (await callerFor(user.id)).caller };
}

async function addSource(t: CurationTeam, title: string) {
  const text = `${title}: a Taliban delegation met Iranian officials in Tehran on Monday, officials said.`;
  const r = await t.analyst.source.create({
    workspaceId: t.ws,
    kind: "NEWS_REPORT",
    title,
    text,
    publisherName: `${title} Press`,
  });
  if (r.status !== "created") throw new Error("expected a new source");
  return { id: r.source.id, text };
}

async function cite(t: CurationTeam, eventId: string, source: { id: string; text: string }) {
  await t.analyst.citation.create({
    eventId,
    sourceId: source.id,
    stance: "SUPPORTS",
    ...passage(source.text, "a Taliban delegation met Iranian officials"),
  });
}

const auditActions = async (eventId: string) =>
  (
    await db.auditLog.findMany({
      where: { targetType: "event", targetId: eventId },
      orderBy: { id: "asc" },
      select: { action: true },
    })
  ).map((a) => a.action);
const decisionRows = (eventId: string) =>
  db.reviewDecision.findMany({
    where: { eventId },
    orderBy: { createdAt: "asc" },
    select: { round: true, decision: true, reviewerId: true, onProposal: true },
  });
const statusOf = async (eventId: string) =>
  (await db.event.findUniqueOrThrow({ where: { id: eventId }, select: { status: true } })).status;
const queueIds = async (c: Caller, ws: string) =>
  (await c.review.queue({ workspaceId: ws, limit: 100 })).items.map((i) => i.eventId);

describe("a new event from draft to published", () => {
  it("goes draft → pending → changes requested → resubmitted → published, notifying the author, with audit and history", async () => {
    const t = await curationTeam();
    const event = await draft(t, "Taliban delegation visits Tehran", t.analyst, {
      summary: "Talks on border security.",
      tags: ["diplomacy"],
    });
    expect(event.status).toBe("DRAFT");
    expect(await t.analyst.review.state({ eventId: event.id })).toMatchObject({
      kind: "new",
      status: "DRAFT",
      round: 0,
      isAuthor: true,
      can: { submit: true, withdraw: false, decide: false },
    });
    const source = await addSource(t, "Kabul Daily");
    await cite(t, event.id, source);
    await t.analyst.vote.cast({ eventId: event.id, grade: "2" });

    // Viewers see nothing of it while it is a draft.
    expect((await t.viewer.event.list({ workspaceId: t.ws })).items).toEqual([]);
    expect(await outcome(t.viewer.event.get({ eventId: event.id }))).toBe("NOT_FOUND");

    const before = Date.now();
    expect(await t.analyst.review.submit({ eventId: event.id })).toEqual({ status: "PENDING", round: 1 });
    expect(await statusOf(event.id)).toBe("PENDING");
    expect(await t.reviewer.review.state({ eventId: event.id })).toMatchObject({
      status: "PENDING",
      round: 1,
      isAuthor: false,
      can: { decide: true, withdraw: false },
    });

    const queue = await t.reviewer.review.queue({ workspaceId: t.ws });
    expect(queue.items).toHaveLength(1);
    const item = queue.items[0]!;
    expect(item).toMatchObject({
      eventId: event.id,
      kind: "new",
      title: "Taliban delegation visits Tehran",
      dateText: expect.stringContaining("2015"),
      round: 1,
      authors: [{ id: t.users.analyst.id, name: "Analyst" }],
      citationCount: 1,
      rating: { votes: 1 },
      approvals: [],
      checklist: { supportingQuote: true },
      canDecide: true,
    });
    expect(item.submittedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    // A new event's "diff" is every filled field, with nothing before it (no entities linked: none listed).
    expect(item.changes.map((c) => c.field).sort()).toEqual(["date", "summary", "tags", "title"]);
    expect(item.changes.find((c) => c.field === "title")).toEqual({
      kind: "text",
      field: "title",
      before: null,
      after: "Taliban delegation visits Tehran",
    });
    expect(item.changes.find((c) => c.field === "tags")).toEqual({
      kind: "set",
      field: "tags",
      added: ["diplomacy"],
      removed: [],
      kept: [],
    });
    // The author sees it in the queue too, but may not decide on it.
    expect((await t.analyst.review.queue({ workspaceId: t.ws })).items[0]).toMatchObject({
      eventId: event.id,
      canDecide: false,
    });
    // Pending means locked: the author withdraws to edit.
    expect(await outcome(edit(t.analyst, event.id, { title: "Edited while pending" }))).toBe("CONFLICT");
    expect(await t.analyst.event.getForEdit({ eventId: event.id })).toMatchObject({ editing: "event", locked: true });

    // Request changes needs a comment.
    const noComment = await refusal(decide(t.reviewer, event.id, 1, "REQUEST_CHANGES"));
    expect(noComment.code).toBe("BAD_REQUEST");
    expect(noComment.fieldErrors).toHaveProperty("comment");
    expect(await statusOf(event.id)).toBe("PENDING");

    const comment = "Name the delegation's leader and add a second, independent source.";
    expect(await decide(t.reviewer, event.id, 1, "REQUEST_CHANGES", comment)).toMatchObject({
      status: "CHANGES_REQUESTED",
    });
    expect(await statusOf(event.id)).toBe("CHANGES_REQUESTED");
    expect(await queueIds(t.reviewer, t.ws)).toEqual([]);
    expect(await t.reviewer.review.counts({ workspaceId: t.ws })).toEqual({ waiting: 0, briefings: 0 });

    const inbox = await t.analyst.notification.list({});
    expect(inbox.unread).toBe(1);
    expect(inbox.items[0]).toMatchObject({
      kind: "review.request_changes",
      eventId: event.id,
      readAt: null,
      workspaceSlug: t.workspace.slug,
    });
    expect(inbox.items[0]!.message).toContain(comment);
    expect(inbox.items[0]!.message).toContain("Reviewer");
    // The reviewer is not notified of their own decision.
    expect((await t.reviewer.notification.list({})).items).toEqual([]);

    // The author revises and resubmits: round 2.
    const form = await t.analyst.event.getForEdit({ eventId: event.id });
    expect(form).toMatchObject({ editing: "event", locked: false, title: "Taliban delegation visits Tehran" });
    await edit(t.analyst, event.id, { title: "Taliban delegation led by Tayyab Agha visits Tehran" });
    expect(await statusOf(event.id)).toBe("CHANGES_REQUESTED");
    expect(await t.analyst.review.submit({ eventId: event.id })).toEqual({ status: "PENDING", round: 2 });
    expect((await t.reviewer.review.queue({ workspaceId: t.ws })).items[0]).toMatchObject({
      round: 2,
      title: "Taliban delegation led by Tayyab Agha visits Tehran",
    });

    // A decision on round 1 is about content that has since changed.
    expect((await refusal(decide(t.reviewer, event.id, 1, "APPROVE"))).code).toBe("CONFLICT");
    expect(await decide(t.reviewer, event.id, 2, "APPROVE")).toEqual({
      status: "PUBLISHED",
      approvals: 1,
      required: 1,
    });
    expect(await statusOf(event.id)).toBe("PUBLISHED");
    expect(await queueIds(t.reviewer, t.ws)).toEqual([]);

    // Viewers now see it.
    const seen = await t.viewer.event.list({ workspaceId: t.ws });
    expect(seen.items.map((e) => [e.id, e.title])).toEqual([
      [event.id, "Taliban delegation led by Tayyab Agha visits Tehran"],
    ]);
    expect(await t.viewer.event.get({ eventId: event.id })).toMatchObject({
      status: "PUBLISHED",
      title: "Taliban delegation led by Tayyab Agha visits Tehran",
    });

    expect((await t.analyst.notification.list({})).items.map((n) => n.kind)).toEqual([
      "review.approve",
      "review.request_changes",
    ]);

    const actions = await auditActions(event.id);
    expect(actions.filter((a) => a.startsWith("review."))).toEqual([
      "review.submitted",
      "review.request_changes",
      "review.submitted",
      "review.approve",
    ]);
    const history = await t.analyst.history.list({ targetType: "event", targetId: event.id });
    expect(history.map((h) => h.action)).toEqual([
      "created",
      "citation_added",
      "submitted",
      "review_request_changes",
      "updated",
      "submitted",
      "review_approve",
    ]);
    expect(history.find((h) => h.action === "review_request_changes")).toMatchObject({
      actor: { name: "Reviewer" },
      snapshot: { round: 1, comment, outcome: "CHANGES_REQUESTED" },
    });
    expect(await decisionRows(event.id)).toEqual([
      { round: 1, decision: "REQUEST_CHANGES", reviewerId: t.users.reviewer.id, onProposal: false },
      { round: 2, decision: "APPROVE", reviewerId: t.users.reviewer.id, onProposal: false },
    ]);
    expect(await t.analyst.review.state({ eventId: event.id })).toMatchObject({
      kind: "published",
      status: "PUBLISHED",
      round: 2,
    });
  });

  it("lets a rejected event be revised and submitted again", async () => {
    const t = await curationTeam();
    const e = await submitted(t, "Rumoured meeting in Zahedan");
    expect((await refusal(decide(t.reviewer, e.id, 1, "REJECT"))).code).toBe("BAD_REQUEST");
    expect((await refusal(decide(t.reviewer, e.id, 1, "REJECT", "   "))).code).toBe("BAD_REQUEST");
    expect(
      await decide(t.reviewer, e.id, 1, "REJECT", "Single anonymous source; nothing corroborates it."),
    ).toMatchObject({ status: "REJECTED" });
    expect(await statusOf(e.id)).toBe("REJECTED");
    expect(await outcome(t.viewer.event.get({ eventId: e.id }))).toBe("NOT_FOUND");
    expect((await t.analyst.notification.list({})).items[0]).toMatchObject({ kind: "review.reject" });
    await edit(t.analyst, e.id, { summary: "Now with a second source." });
    expect(await t.analyst.review.submit({ eventId: e.id })).toEqual({ status: "PENDING", round: 2 });
    expect(await decide(t.admin, e.id, 2, "APPROVE")).toMatchObject({ status: "PUBLISHED" });
  });
});

describe("nobody approves their own submission", () => {
  it("refuses the author on the server whatever their role, including an admin who created the event", async () => {
    const t = await curationTeam();
    const byAdmin = await submitted(t, "Admin's own event", t.admin);
    for (const d of ["APPROVE", "REQUEST_CHANGES", "REJECT"] as const) {
      const r = await refusal(decide(t.admin, byAdmin.id, 1, d, "A comment"));
      expect(r.code, d).toBe("FORBIDDEN");
      expect(r.message).toMatch(/own submission/);
    }
    expect(await t.admin.review.state({ eventId: byAdmin.id })).toMatchObject({
      isAuthor: true,
      can: { decide: false, withdraw: true },
    });
    expect((await t.admin.review.queue({ workspaceId: t.ws })).items[0]).toMatchObject({
      eventId: byAdmin.id,
      canDecide: false,
    });

    const byReviewer = await submitted(t, "Reviewer's own event", t.reviewer);
    expect((await refusal(decide(t.reviewer, byReviewer.id, 1, "APPROVE"))).code).toBe("FORBIDDEN");

    // Nothing was recorded for the refused attempts, and both still wait.
    expect(await decisionRows(byAdmin.id)).toEqual([]);
    expect(await decisionRows(byReviewer.id)).toEqual([]);
    expect(await statusOf(byAdmin.id)).toBe("PENDING");
    expect(await statusOf(byReviewer.id)).toBe("PENDING");

    // Another reviewer may.
    expect(await decide(t.reviewer, byAdmin.id, 1, "APPROVE")).toMatchObject({ status: "PUBLISHED" });
    expect(await decide(t.admin, byReviewer.id, 1, "APPROVE")).toMatchObject({ status: "PUBLISHED" });
  });

  it("counts a reviewer who edited the draft as an author", async () => {
    const t = await curationTeam();
    const e = await draft(t, "Envoy visits Mashhad");
    await edit(t.reviewer, e.id, { summary: "The reviewer added this summary." });
    const s = await t.analyst.review.submit({ eventId: e.id });
    expect((await refusal(decide(t.reviewer, e.id, s.round, "APPROVE"))).code).toBe("FORBIDDEN");
    expect((await t.reviewer.review.queue({ workspaceId: t.ws })).items[0]).toMatchObject({
      canDecide: false,
      authors: expect.arrayContaining([
        { id: t.users.reviewer.id, name: "Reviewer" },
        { id: t.users.analyst.id, name: "Analyst" },
      ]),
    });
    expect(await t.reviewer.review.counts({ workspaceId: t.ws })).toEqual({ waiting: 0, briefings: 0 });
    expect(await t.admin.review.counts({ workspaceId: t.ws })).toEqual({ waiting: 1, briefings: 0 });
    // A co-author may withdraw it too.
    expect(await t.reviewer.review.withdraw({ eventId: e.id })).toEqual({ status: "DRAFT" });
    const again = await t.analyst.review.submit({ eventId: e.id });
    expect(await decide(t.admin, e.id, again.round, "APPROVE")).toMatchObject({ status: "PUBLISHED" });
  });

  it("counts whoever wrote a proposed change as its author, not the event's original author", async () => {
    const t = await curationTeam();
    const id = await published(t, "Delegation in Herat", t.analyst);
    await edit(t.reviewer, id, { title: "Delegation in Herat and Farah" });
    const s = await t.reviewer.review.submit({ eventId: id });
    expect((await refusal(decide(t.reviewer, id, s.round, "APPROVE"))).code).toBe("FORBIDDEN");
    // The analyst created the event but did not write the change; they still may not decide (their role).
    expect((await refusal(decide(t.analyst, id, s.round, "APPROVE"))).code).toBe("FORBIDDEN");
    expect(await decide(t.admin, id, s.round, "APPROVE")).toMatchObject({ status: "PUBLISHED" });
    expect((await t.viewer.event.get({ eventId: id })).title).toBe("Delegation in Herat and Farah");
  });

  it("refuses analysts and viewers, who do not review, and outsiders, who do not see the workspace", async () => {
    const t = await curationTeam();
    const e = await submitted(t, "Border talks", t.reviewer);
    const analyst = await refusal(decide(t.analyst, e.id, 1, "APPROVE"));
    expect(analyst.code).toBe("FORBIDDEN");
    expect(analyst.message).toMatch(/reviewers and admins/);
    expect((await refusal(decide(t.viewer, e.id, 1, "APPROVE"))).code).toBe("FORBIDDEN");
    expect((await refusal(decide(t.outsider, e.id, 1, "APPROVE"))).code).toBe("NOT_FOUND");
    expect((await refusal(t.viewer.review.submit({ eventId: e.id }))).code).toBe("FORBIDDEN");
    expect(await decisionRows(e.id)).toEqual([]);
    expect(await statusOf(e.id)).toBe("PENDING");
  });
});

describe("required approvals", () => {
  it("is set by admins only, to 1 or 2, and with 2 needs two distinct reviewers", async () => {
    const t = await curationTeam();
    expect((await refusal(t.analyst.review.updateSettings({ workspaceId: t.ws, requiredApprovals: 2 }))).code).toBe(
      "FORBIDDEN",
    );
    expect((await refusal(t.reviewer.review.updateSettings({ workspaceId: t.ws, requiredApprovals: 2 }))).code).toBe(
      "FORBIDDEN",
    );
    expect((await refusal(t.viewer.review.updateSettings({ workspaceId: t.ws, requiredApprovals: 2 }))).code).toBe(
      "FORBIDDEN",
    );
    expect((await refusal(t.outsider.review.updateSettings({ workspaceId: t.ws, requiredApprovals: 2 }))).code).toBe(
      "NOT_FOUND",
    );
    // @ts-expect-error -- only 1 or 2 approvals exist
    expect((await refusal(t.admin.review.updateSettings({ workspaceId: t.ws, requiredApprovals: 3 }))).code).toBe(
      "BAD_REQUEST",
    );
    // @ts-expect-error -- only 1 or 2 approvals exist
    expect((await refusal(t.admin.review.updateSettings({ workspaceId: t.ws, requiredApprovals: 0 }))).code).toBe(
      "BAD_REQUEST",
    );
    expect((await db.workspace.findUniqueOrThrow({ where: { id: t.ws } })).requiredApprovals).toBe(1);
    expect(await t.admin.review.updateSettings({ workspaceId: t.ws, requiredApprovals: 2 })).toEqual({
      requiredApprovals: 2,
    });
    expect(
      await db.auditLog.findFirst({
        where: { action: "workspace.review_settings", targetId: t.ws },
        select: { before: true, after: true },
      }),
    ).toEqual({
      before: { requiredApprovals: 1 },
      after: { requiredApprovals: 2 },
    });

    const e = await submitted(t, "Joint statement on water rights");
    expect(await t.analyst.review.state({ eventId: e.id })).toMatchObject({ requiredApprovals: 2 });
    expect(await decide(t.reviewer, e.id, 1, "APPROVE")).toEqual({ status: "PENDING", approvals: 1, required: 2 });
    expect(await statusOf(e.id)).toBe("PENDING");
    expect(await outcome(t.viewer.event.get({ eventId: e.id }))).toBe("NOT_FOUND");
    expect((await t.admin.review.queue({ workspaceId: t.ws })).items[0]).toMatchObject({
      eventId: e.id,
      approvals: ["Reviewer"],
      canDecide: true,
    });
    // The reviewer who approved is not offered the decision again.
    expect((await t.reviewer.review.queue({ workspaceId: t.ws })).items[0]).toMatchObject({
      eventId: e.id,
      canDecide: false,
    });
    expect(await t.reviewer.review.state({ eventId: e.id })).toMatchObject({
      status: "PENDING",
      can: { decide: false },
    });
    expect(await t.admin.review.state({ eventId: e.id })).toMatchObject({ status: "PENDING", can: { decide: true } });
    expect((await t.analyst.notification.list({})).items[0]!.message).toMatch(/one more approval/);

    // The same reviewer twice is still one approval.
    expect((await refusal(decide(t.reviewer, e.id, 1, "APPROVE"))).code).toBe("CONFLICT");
    expect(await statusOf(e.id)).toBe("PENDING");

    expect(await decide(t.admin, e.id, 1, "APPROVE")).toEqual({ status: "PUBLISHED", approvals: 2, required: 2 });
    expect(await statusOf(e.id)).toBe("PUBLISHED");
    expect((await decisionRows(e.id)).map((d) => d.reviewerId).sort()).toEqual(
      [t.users.admin.id, t.users.reviewer.id].sort(),
    );
  });

  it("starts the count afresh in each round, and a later request for changes still returns it", async () => {
    const t = await curationTeam();
    await t.admin.review.updateSettings({ workspaceId: t.ws, requiredApprovals: 2 });
    const e = await submitted(t, "Trade delegation in Zaranj");
    await decide(t.reviewer, e.id, 1, "APPROVE");
    expect(await decide(t.admin, e.id, 1, "REQUEST_CHANGES", "The date is a day off.")).toMatchObject({
      status: "CHANGES_REQUESTED",
    });
    await edit(t.analyst, e.id, { date: { start: { year: 2015, month: 5, day: 19 } } });
    expect(await t.analyst.review.submit({ eventId: e.id })).toMatchObject({ round: 2 });
    // Round 1's approval does not count in round 2.
    expect(await decide(t.admin, e.id, 2, "APPROVE")).toMatchObject({ status: "PENDING", approvals: 1 });
    expect(await decide(t.reviewer, e.id, 2, "APPROVE")).toMatchObject({ status: "PUBLISHED", approvals: 2 });
  });
});

describe("stale and finished submissions", () => {
  it("refuses decisions on an old round, on anything not pending, and without a comment where one is needed", async () => {
    const t = await curationTeam();
    const e = await submitted(t, "Ceasefire talks");
    await decide(t.reviewer, e.id, 1, "REQUEST_CHANGES", "Which ceasefire?");
    // Deciding on something no longer pending.
    expect((await refusal(decide(t.admin, e.id, 1, "APPROVE"))).code).toBe("CONFLICT");
    expect((await refusal(t.analyst.review.withdraw({ eventId: e.id }))).code).toBe("CONFLICT");
    await edit(t.analyst, e.id, { title: "Ceasefire talks in Herat" });
    await t.analyst.review.submit({ eventId: e.id });
    // Submitting twice is refused.
    expect((await refusal(t.analyst.review.submit({ eventId: e.id }))).code).toBe("CONFLICT");
    // The reviewer's old page still says round 1.
    expect((await refusal(decide(t.admin, e.id, 1, "APPROVE"))).code).toBe("CONFLICT");
    expect((await refusal(decide(t.admin, e.id, 1, "REJECT", "Still vague."))).code).toBe("CONFLICT");
    expect((await refusal(decide(t.admin, e.id, 3, "APPROVE"))).code).toBe("CONFLICT");
    expect((await refusal(decide(t.admin, e.id, 2, "REJECT"))).code).toBe("BAD_REQUEST");
    expect((await refusal(decide(t.admin, e.id, 2, "REQUEST_CHANGES", ""))).code).toBe("BAD_REQUEST");
    expect(await statusOf(e.id)).toBe("PENDING");
    expect(await decide(t.admin, e.id, 2, "APPROVE")).toMatchObject({ status: "PUBLISHED" });
    // Published: nothing to decide on any more.
    expect((await refusal(decide(t.reviewer, e.id, 2, "REJECT", "Too late"))).code).toBe("CONFLICT");
    expect((await refusal(t.analyst.review.submit({ eventId: e.id }))).code).toBe("CONFLICT");

    // A draft that was never submitted.
    const d = await draft(t, "Never submitted");
    expect((await refusal(decide(t.reviewer, d.id, 1, "APPROVE"))).code).toBe("CONFLICT");
    // An event in the trash.
    const trashed = await submitted(t, "Deleted while pending");
    const { version } = await t.analyst.event.getForEdit({ eventId: trashed.id });
    await t.analyst.event.delete({ eventId: trashed.id, version });
    expect((await refusal(decide(t.reviewer, trashed.id, 1, "APPROVE"))).code).toBe("NOT_FOUND");
    expect(await queueIds(t.reviewer, t.ws)).toEqual([]);
    expect(await decisionRows(d.id)).toEqual([]);
  });
});

describe("changes to a published event", () => {
  it("are proposed and reviewed while viewers keep the published version; approval applies them, rejection keeps the published one", async () => {
    const t = await curationTeam();
    const published0 = "Taliban delegation visits Tehran";
    const proposed = "Taliban delegation led by Tayyab Agha visits Tehran";
    const id = await published(t, published0, t.analyst, { summary: "Border security talks." });
    const publishedVersion = (await t.viewer.event.get({ eventId: id })).version;

    const form0 = await t.analyst.event.getForEdit({ eventId: id });
    expect(form0).toMatchObject({ editing: "proposal", locked: false, title: published0, version: publishedVersion });
    await edit(t.analyst, id, { title: proposed });

    // Nothing visible changed, for the viewer or for the analyst reading the event.
    for (const c of [t.viewer, t.analyst]) {
      expect(await c.event.get({ eventId: id })).toMatchObject({
        title: published0,
        status: "PUBLISHED",
        version: publishedVersion,
      });
      expect((await c.event.list({ workspaceId: t.ws })).items.map((e) => e.title)).toEqual([published0]);
    }
    const proposal = await db.eventProposal.findUniqueOrThrow({ where: { eventId: id } });
    expect(proposal).toMatchObject({
      status: "DRAFT",
      authorIds: [t.users.analyst.id],
      snapshot: expect.objectContaining({ title: proposed }),
    });
    const form1 = await t.analyst.event.getForEdit({ eventId: id });
    expect(form1).toMatchObject({
      editing: "proposal",
      locked: false,
      title: proposed,
      summary: "Border security talks.",
      version: publishedVersion + 1,
    });
    expect(await t.analyst.review.state({ eventId: id })).toMatchObject({ kind: "change", status: "DRAFT", round: 0 });
    // A draft proposal is not in the queue, and an edit based on the published version is stale.
    expect(await queueIds(t.reviewer, t.ws)).toEqual([]);
    expect(
      await outcome(
        t.reviewer.event.update({ eventId: id, version: publishedVersion, ...fieldsOf("Someone else's edit") }),
      ),
    ).toBe("CONFLICT");

    expect(await t.analyst.review.submit({ eventId: id })).toEqual({ status: "PENDING", round: 1 });
    expect(await statusOf(id)).toBe("PUBLISHED");
    const [item, ...rest] = (await t.reviewer.review.queue({ workspaceId: t.ws })).items;
    expect(rest).toEqual([]);
    expect(item).toMatchObject({
      eventId: id,
      kind: "change",
      title: proposed,
      round: 1,
      authors: [{ id: t.users.analyst.id, name: "Analyst" }],
      canDecide: true,
    });
    expect(item!.changes).toEqual([{ kind: "text", field: "title", before: published0, after: proposed }]);
    expect((await t.reviewer.review.queue({ workspaceId: t.ws, kind: "change" })).items.map((i) => i.eventId)).toEqual([
      id,
    ]);
    expect((await t.reviewer.review.queue({ workspaceId: t.ws, kind: "new" })).items).toEqual([]);

    // Locked while pending.
    expect(await t.analyst.event.getForEdit({ eventId: id })).toMatchObject({ locked: true, editing: "proposal" });
    expect(await outcome(edit(t.analyst, id, { title: "Yet another title" }))).toBe("CONFLICT");
    expect(await outcome(edit(t.reviewer, id, { title: "Yet another title" }))).toBe("CONFLICT");
    expect((await t.viewer.event.get({ eventId: id })).title).toBe(published0);

    expect(await decide(t.reviewer, id, 1, "APPROVE")).toMatchObject({ status: "PUBLISHED" });
    const after = await t.viewer.event.get({ eventId: id });
    expect(after).toMatchObject({ title: proposed, summary: "Border security talks.", status: "PUBLISHED" });
    expect(after.version).toBeGreaterThan(publishedVersion);
    expect(await db.eventProposal.findUnique({ where: { eventId: id } })).toBeNull();
    expect(await queueIds(t.reviewer, t.ws)).toEqual([]);
    expect(await t.analyst.event.getForEdit({ eventId: id })).toMatchObject({
      editing: "proposal",
      locked: false,
      title: proposed,
      version: after.version,
    });
    const history = (await t.analyst.history.list({ targetType: "event", targetId: id })).map((h) => h.action);
    expect(history.slice(-4, -2)).toEqual(["proposed_change", "submitted"]);
    expect(history.slice(-2).sort()).toEqual(["published_change", "review_approve"]);
    expect(await auditActions(id)).toEqual(expect.arrayContaining(["event.change_proposed", "review.approve"]));
    // The proposal's audit row carries the diff against the published version.
    expect(
      await db.auditLog.findFirst({
        where: { targetId: id, action: "event.change_proposed" },
        orderBy: { id: "asc" },
        select: { actorId: true, before: true, after: true },
      }),
    ).toEqual({
      actorId: t.users.analyst.id,
      before: { title: published0 },
      after: { title: proposed },
    });
    expect((await decisionRows(id)).at(-1)).toMatchObject({ onProposal: true, round: 1, decision: "APPROVE" });

    // A second change, rejected: the published version stays.
    const rejectedTitle = "Delegation visits Tehran and Mashhad";
    await edit(t.analyst, id, { title: rejectedTitle });
    const s2 = await t.analyst.review.submit({ eventId: id });
    expect(await decide(t.admin, id, s2.round, "REJECT", "Mashhad is not in any source.")).toMatchObject({
      status: "REJECTED",
    });
    expect(await t.viewer.event.get({ eventId: id })).toMatchObject({
      title: proposed,
      status: "PUBLISHED",
      version: after.version,
    });
    expect(await db.eventProposal.findUniqueOrThrow({ where: { eventId: id } })).toMatchObject({ status: "REJECTED" });
    expect(await statusOf(id)).toBe("PUBLISHED");
    expect(await queueIds(t.reviewer, t.ws)).toEqual([]);
    expect((await t.analyst.notification.list({})).items[0]).toMatchObject({ kind: "review.reject", eventId: id });
    expect((await t.analyst.notification.list({})).items[0]!.message).toContain("Mashhad is not in any source.");

    // Revising the rejected proposal reopens it as a draft.
    await edit(t.analyst, id, { title: "Delegation visits Tehran again" });
    expect(await db.eventProposal.findUniqueOrThrow({ where: { eventId: id } })).toMatchObject({ status: "DRAFT" });
    expect((await t.viewer.event.get({ eventId: id })).title).toBe(proposed);
  });

  it("shows only the fields that changed, whatever order the linked entities come in", async () => {
    const t = await curationTeam();
    const tehran = await t.analyst.entity.create({ workspaceId: t.ws, kind: "PLACE", name: "Tehran" });
    const taliban = await t.analyst.entity.create({ workspaceId: t.ws, kind: "ORGANIZATION", name: "Taliban" });
    const iran = await t.analyst.entity.create({ workspaceId: t.ws, kind: "ORGANIZATION", name: "Iran" });
    const id = await published(t, "Talks in Tehran", t.analyst, {
      entities: [
        { entityId: tehran.id, role: "PLACE", placePrecision: "CITY" },
        { entityId: taliban.id, role: "ACTOR" },
        { entityId: iran.id, role: "ACTOR" },
      ],
    });
    await edit(t.analyst, id, { title: "Talks in Tehran on border security" });
    const s = await t.analyst.review.submit({ eventId: id });
    const [item] = (await t.reviewer.review.queue({ workspaceId: t.ws })).items;
    expect(item!.changes.map((c) => c.field)).toEqual(["title"]);

    // Dropping an entity shows up as an entities change.
    await t.analyst.review.withdraw({ eventId: id });
    const form = await t.analyst.event.getForEdit({ eventId: id });
    await edit(t.analyst, id, { entities: form.entities.filter((e) => e.entityId !== iran.id) });
    await t.analyst.review.submit({ eventId: id });
    const [again] = (await t.reviewer.review.queue({ workspaceId: t.ws })).items;
    expect(again!.round).toBe(s.round + 1);
    // Named, by role: what was removed and nothing added.
    expect(again!.changes.find((c) => c.field === "entities")).toMatchObject({
      kind: "set",
      removed: ["Iran (actor)"],
      added: [],
    });
    expect(again!.changes.map((c) => c.field).sort()).toEqual(["entities", "title"]);
    await decide(t.reviewer, id, again!.round, "APPROVE");
    expect((await t.viewer.event.get({ eventId: id })).entities.map((e) => e.name).sort()).toEqual([
      "Taliban",
      "Tehran",
    ]);
  });

  it("reviews a later change to the same event afresh, even by the reviewer who approved the earlier one", async () => {
    const t = await curationTeam();
    await t.admin.review.updateSettings({ workspaceId: t.ws, requiredApprovals: 2 });
    const e = await submitted(t, "Consulate reopens in Herat");
    await decide(t.reviewer, e.id, 1, "APPROVE");
    await decide(t.admin, e.id, 1, "APPROVE");

    // First change: approved by both.
    await edit(t.analyst, e.id, { title: "Iranian consulate reopens in Herat" });
    const c1 = await t.analyst.review.submit({ eventId: e.id });
    expect(await decide(t.reviewer, e.id, c1.round, "APPROVE")).toMatchObject({ status: "PENDING", approvals: 1 });
    expect(await decide(t.admin, e.id, c1.round, "APPROVE")).toMatchObject({ status: "PUBLISHED", approvals: 2 });

    // Second change: the earlier change's approvals do not count, and the same reviewers may decide again.
    await edit(t.analyst, e.id, { title: "Iranian consulate in Herat reopens after three years" });
    const c2 = await t.analyst.review.submit({ eventId: e.id });
    expect((await t.reviewer.review.queue({ workspaceId: t.ws })).items[0]).toMatchObject({
      eventId: e.id,
      round: c2.round,
      approvals: [],
    });
    expect(await decide(t.reviewer, e.id, c2.round, "APPROVE")).toMatchObject({ status: "PENDING", approvals: 1 });
    expect((await t.viewer.event.get({ eventId: e.id })).title).toBe("Iranian consulate reopens in Herat");
    expect(await decide(t.admin, e.id, c2.round, "APPROVE")).toMatchObject({ status: "PUBLISHED", approvals: 2 });
    expect((await t.viewer.event.get({ eventId: e.id })).title).toBe(
      "Iranian consulate in Herat reopens after three years",
    );
  });

  it("can be withdrawn by its author only, and leaves the queue", async () => {
    const t = await curationTeam();
    const id = await published(t, "Delegation in Kandahar");
    await edit(t.analyst, id, { title: "Delegation in Kandahar and Helmand" });
    await t.analyst.review.submit({ eventId: id });
    const notAuthor = await refusal(t.reviewer.review.withdraw({ eventId: id }));
    expect(notAuthor.code).toBe("FORBIDDEN");
    expect(notAuthor.message).toMatch(/Only an author/);
    expect(await t.analyst.review.withdraw({ eventId: id })).toEqual({ status: "DRAFT" });
    expect(await db.eventProposal.findUniqueOrThrow({ where: { eventId: id } })).toMatchObject({ status: "DRAFT" });
    expect(await statusOf(id)).toBe("PUBLISHED");
    expect(await queueIds(t.reviewer, t.ws)).toEqual([]);
    expect((await t.viewer.event.get({ eventId: id })).title).toBe("Delegation in Kandahar");
    expect(await t.analyst.event.getForEdit({ eventId: id })).toMatchObject({
      locked: false,
      title: "Delegation in Kandahar and Helmand",
    });
  });

  it("cannot be submitted when nothing was proposed", async () => {
    const t = await curationTeam();
    const id = await published(t, "Nothing to propose");
    expect((await refusal(t.analyst.review.submit({ eventId: id }))).code).toBe("CONFLICT");
    expect((await refusal(t.analyst.review.withdraw({ eventId: id }))).code).toBe("CONFLICT");
  });
});

describe("two reviewers deciding at the same moment", () => {
  it("lets exactly one of an approval and a rejection land, with one decision row", async () => {
    const t = await curationTeam();
    for (let i = 0; i < 5; i++) {
      const e = await submitted(t, `Contested report ${i}`);
      const results = await Promise.allSettled([
        decide(t.reviewer, e.id, 1, "APPROVE"),
        decide(t.admin, e.id, 1, "REJECT", "Not corroborated."),
      ]);
      const ok = results.filter((r) => r.status === "fulfilled");
      const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(ok).toHaveLength(1);
      expect(failed.map((f) => (f.reason as { code?: string }).code)).toEqual(["CONFLICT"]);
      const status = await statusOf(e.id);
      expect(["PUBLISHED", "REJECTED"]).toContain(status);
      const rows = await decisionRows(e.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.decision).toBe(status === "PUBLISHED" ? "APPROVE" : "REJECT");
      expect((await auditActions(e.id)).filter((a) => a === "review.approve" || a === "review.reject")).toHaveLength(1);
      expect(await db.notification.count({ where: { eventId: e.id, userId: t.users.analyst.id } })).toBe(1);
    }
  });

  it("publishes exactly once when two approvals needed arrive together", async () => {
    const t = await curationTeam();
    await t.admin.review.updateSettings({ workspaceId: t.ws, requiredApprovals: 2 });
    const e = await submitted(t, "Simultaneous approvals");
    const both = await Promise.all([decide(t.reviewer, e.id, 1, "APPROVE"), decide(t.admin, e.id, 1, "APPROVE")]);
    expect(both.map((r) => r.status).sort()).toEqual(["PENDING", "PUBLISHED"]);
    expect(both.map((r) => r.approvals).sort()).toEqual([1, 2]);
    expect(await statusOf(e.id)).toBe("PUBLISHED");
    expect(await decisionRows(e.id)).toHaveLength(2);

    // The same for a proposed change: applied once, one new version.
    const v0 = (await t.viewer.event.get({ eventId: e.id })).version;
    await edit(t.analyst, e.id, { title: "Simultaneous approvals, revised" });
    const s = await t.analyst.review.submit({ eventId: e.id });
    const again = await Promise.all([
      decide(t.reviewer, e.id, s.round, "APPROVE"),
      decide(t.admin, e.id, s.round, "APPROVE"),
    ]);
    expect(again.map((r) => r.status).sort()).toEqual(["PENDING", "PUBLISHED"]);
    const history = await t.analyst.history.list({ targetType: "event", targetId: e.id });
    expect(history.filter((h) => h.action === "published_change")).toHaveLength(1);
    const approvals = history
      .filter((h) => h.action === "review_approve")
      .map((h) => (h.snapshot as { outcome: string }).outcome);
    expect(approvals.filter((o) => o === "PUBLISHED")).toHaveLength(2); // one for the new event, one for the change
    const after = await t.viewer.event.get({ eventId: e.id });
    expect(after.title).toBe("Simultaneous approvals, revised");
    expect(after.version).toBe(v0 + 2); // the proposal's version, plus one on applying it
    expect(await db.reviewDecision.count({ where: { eventId: e.id, onProposal: true } })).toBe(2);
  });

  it("lets one of the same reviewer's double-click approvals through", async () => {
    const t = await curationTeam();
    await t.admin.review.updateSettings({ workspaceId: t.ws, requiredApprovals: 2 });
    const e = await submitted(t, "Double click");
    const results = await Promise.allSettled([
      decide(t.reviewer, e.id, 1, "APPROVE"),
      decide(t.reviewer, e.id, 1, "APPROVE"),
    ]);
    expect(results.map((r) => (r.status === "fulfilled" ? "ok" : (r.reason as { code?: string }).code)).sort()).toEqual(
      ["CONFLICT", "ok"],
    );
    expect(await decisionRows(e.id)).toHaveLength(1);
    expect(await statusOf(e.id)).toBe("PENDING");
  });

  it("never lets a withdrawal and an approval both land", async () => {
    const t = await curationTeam();
    for (let i = 0; i < 3; i++) {
      const e = await submitted(t, `Withdraw race ${i}`);
      const [approve, withdraw] = await Promise.allSettled([
        decide(t.reviewer, e.id, 1, "APPROVE"),
        t.analyst.review.withdraw({ eventId: e.id }),
      ]);
      const status = await statusOf(e.id);
      if (approve.status === "fulfilled") {
        expect(withdraw.status).toBe("rejected");
        expect(status).toBe("PUBLISHED");
      } else {
        expect(withdraw.status).toBe("fulfilled");
        expect((approve.reason as { code?: string }).code).toBe("CONFLICT");
        expect(status).toBe("DRAFT");
        expect(await decisionRows(e.id)).toEqual([]);
      }
    }
  });
});

describe("withdrawing a submission", () => {
  it("is for an author of a pending submission only; the event goes back to draft and leaves the queue", async () => {
    const t = await curationTeam();
    const e = await submitted(t, "Withdrawn report");
    const byReviewer = await refusal(t.reviewer.review.withdraw({ eventId: e.id }));
    expect(byReviewer.code).toBe("FORBIDDEN");
    expect(byReviewer.message).toMatch(/Only an author/);
    expect((await refusal(t.admin.review.withdraw({ eventId: e.id }))).code).toBe("FORBIDDEN");
    expect((await refusal(t.viewer.review.withdraw({ eventId: e.id }))).code).toBe("FORBIDDEN");
    expect((await refusal(t.outsider.review.withdraw({ eventId: e.id }))).code).toBe("NOT_FOUND");
    expect(await queueIds(t.reviewer, t.ws)).toEqual([e.id]);

    expect(await t.analyst.review.withdraw({ eventId: e.id })).toEqual({ status: "DRAFT" });
    expect(await statusOf(e.id)).toBe("DRAFT");
    expect(await queueIds(t.reviewer, t.ws)).toEqual([]);
    expect(await t.reviewer.review.counts({ workspaceId: t.ws })).toEqual({ waiting: 0, briefings: 0 });
    expect((await refusal(t.analyst.review.withdraw({ eventId: e.id }))).code).toBe("CONFLICT");
    expect((await refusal(decide(t.reviewer, e.id, 1, "APPROVE"))).code).toBe("CONFLICT");
    expect(await auditActions(e.id)).toContain("review.withdrawn");
    expect((await t.analyst.history.list({ targetType: "event", targetId: e.id })).map((h) => h.action)).toContain(
      "withdrawn",
    );

    // Editable again, and the next submission is a new round.
    await edit(t.analyst, e.id, { summary: "Revised after withdrawing." });
    expect(await t.analyst.review.submit({ eventId: e.id })).toEqual({ status: "PENDING", round: 2 });
  });
});

describe("the review queue", () => {
  async function setUp() {
    const t = await curationTeam();
    const second = await member(t, "ANALYST", "Second Analyst");
    const byAnalyst = [];
    for (const title of ["Queue one", "Queue two", "Queue three"]) byAnalyst.push((await submitted(t, title)).id);
    const bySecond = (await submitted(t, "Queue four", second.caller)).id;
    const change = await published(t, "Queue five (published)");
    await edit(second.caller, change, { title: "Queue five, revised" });
    await second.caller.review.submit({ eventId: change });
    await draft(t, "Queue draft, not submitted");
    return { t, second, byAnalyst, bySecond, change };
  }

  it("filters by kind and author, orders by age, and pages without repeats", async () => {
    const { t, second, byAnalyst, bySecond, change } = await setUp();
    const all = await t.reviewer.review.queue({ workspaceId: t.ws });
    // Oldest submission first (ties, within a millisecond, by id).
    const oldest = (
      await db.event.findMany({
        where: { id: { in: [...byAnalyst, bySecond, change] } },
        orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
        select: { id: true },
      })
    ).map((e) => e.id);
    expect(new Set(oldest)).toEqual(new Set([...byAnalyst, bySecond, change]));
    expect(all.items.map((i) => i.eventId)).toEqual(oldest);
    expect(all.nextCursor).toBeNull();
    const times = all.items.map((i) => i.submittedAt!.getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);

    const newest = await t.reviewer.review.queue({ workspaceId: t.ws, order: "newest" });
    expect(newest.items.map((i) => i.eventId)).toEqual([...oldest].reverse());

    expect((await t.reviewer.review.queue({ workspaceId: t.ws, kind: "new" })).items.map((i) => i.eventId)).toEqual(
      oldest.filter((id) => id !== change),
    );
    expect((await t.reviewer.review.queue({ workspaceId: t.ws, kind: "change" })).items.map((i) => i.eventId)).toEqual([
      change,
    ]);
    expect(
      (await t.reviewer.review.queue({ workspaceId: t.ws, authorId: t.users.analyst.id })).items.map((i) => i.eventId),
    ).toEqual(oldest.filter((id) => byAnalyst.includes(id)));
    // The analyst created the published event, but the pending change is the second analyst's.
    expect(
      (await t.reviewer.review.queue({ workspaceId: t.ws, authorId: second.user.id })).items.map((i) => i.eventId),
    ).toEqual(oldest.filter((id) => id === bySecond || id === change));
    expect(
      (await t.reviewer.review.queue({ workspaceId: t.ws, authorId: second.user.id, kind: "change" })).items.map(
        (i) => i.eventId,
      ),
    ).toEqual([change]);
    expect((await t.reviewer.review.queue({ workspaceId: t.ws, authorId: t.users.viewer.id })).items).toEqual([]);

    for (const order of ["oldest", "newest"] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: Awaited<ReturnType<Caller["review"]["queue"]>> = await t.reviewer.review.queue({
          workspaceId: t.ws,
          order,
          limit: 2,
          cursor,
        });
        seen.push(...page.items.map((i) => i.eventId));
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      expect(pages).toBe(3);
      expect(seen).toEqual(order === "oldest" ? oldest : [...oldest].reverse());
      expect(new Set(seen).size).toBe(seen.length);
    }
    expect((await refusal(t.reviewer.review.queue({ workspaceId: t.ws, cursor: "not-a-cursor" }))).code).toBe(
      "BAD_REQUEST",
    );
  });

  it("treats a change's authors, not the published event's earlier editors, as the authors of a change", async () => {
    const t = await curationTeam();
    // The admin wrote the event and saw it through review; the change to it is the analyst's alone.
    const e = { id: await published(t, "Written by the admin", t.admin) };
    await edit(t.analyst, e.id, { title: "Written by the admin, corrected" });
    await t.analyst.review.submit({ eventId: e.id });
    expect(await t.admin.review.counts({ workspaceId: t.ws })).toEqual({ waiting: 1, briefings: 0 });
    expect((await t.admin.review.queue({ workspaceId: t.ws })).items[0]).toMatchObject({
      eventId: e.id,
      canDecide: true,
      authors: [{ id: t.users.analyst.id, name: "Analyst" }],
    });
    expect((await t.admin.review.queue({ workspaceId: t.ws, authorId: t.users.admin.id })).items).toEqual([]);
    expect(
      (await t.admin.review.queue({ workspaceId: t.ws, authorId: t.users.analyst.id })).items.map((i) => i.eventId),
    ).toEqual([e.id]);
    expect(await decide(t.admin, e.id, 1, "APPROVE")).toMatchObject({ status: "PUBLISHED" });
  });

  it("is closed to viewers and outsiders; counts show reviewers only what others wrote", async () => {
    const { t, second } = await setUp();
    expect((await refusal(t.viewer.review.queue({ workspaceId: t.ws }))).code).toBe("FORBIDDEN");
    expect((await refusal(t.outsider.review.queue({ workspaceId: t.ws }))).code).toBe("NOT_FOUND");
    expect((await refusal(t.outsider.review.counts({ workspaceId: t.ws }))).code).toBe("NOT_FOUND");
    expect(await t.reviewer.review.counts({ workspaceId: t.ws })).toEqual({ waiting: 5, briefings: 0 });
    expect(await t.admin.review.counts({ workspaceId: t.ws })).toEqual({ waiting: 5, briefings: 0 });
    expect(await t.analyst.review.counts({ workspaceId: t.ws })).toEqual({ waiting: 0, briefings: 0 });
    expect(await second.caller.review.counts({ workspaceId: t.ws })).toEqual({ waiting: 0, briefings: 0 });
    expect(await t.viewer.review.counts({ workspaceId: t.ws })).toEqual({ waiting: 0, briefings: 0 });

    // The reviewer's own submission is not waiting for them, but is for the admin.
    await submitted(t, "Reviewer's own", t.reviewer);
    expect(await t.reviewer.review.counts({ workspaceId: t.ws })).toEqual({ waiting: 5, briefings: 0 });
    expect(await t.admin.review.counts({ workspaceId: t.ws })).toEqual({ waiting: 6, briefings: 0 });
    // An admin who created the published event may still review someone else's change to it.
    const adminsEvent = await published(t, "Admin's published event", t.admin);
    await edit(t.analyst, adminsEvent, { title: "Admin's published event, revised by the analyst" });
    await t.analyst.review.submit({ eventId: adminsEvent });
    expect(await t.admin.review.counts({ workspaceId: t.ws })).toEqual({ waiting: 7, briefings: 0 });
    expect(
      (await t.admin.review.queue({ workspaceId: t.ws, kind: "change" })).items.find((i) => i.eventId === adminsEvent),
    ).toMatchObject({ canDecide: true });
    expect(
      (await t.admin.review.queue({ workspaceId: t.ws, authorId: t.users.admin.id })).items.map((i) => i.eventId),
    ).not.toContain(adminsEvent);
  });
});

describe("deciding on several at once", () => {
  it("approves what it may and reports each refusal without failing the batch", async () => {
    const t = await curationTeam();
    const a = await submitted(t, "Batch one");
    const b = await submitted(t, "Batch two");
    const own = await submitted(t, "Batch three, the reviewer's own", t.reviewer);
    const draftOnly = await draft(t, "Batch four, a draft");
    const results = await t.reviewer.review.decideMany({
      decision: "APPROVE",
      items: [
        { eventId: a.id, round: a.round },
        { eventId: own.id, round: own.round },
        { eventId: b.id, round: b.round },
        { eventId: draftOnly.id, round: 1 },
      ],
    });
    expect(results.map((r) => [r.eventId, r.ok])).toEqual([
      [a.id, true],
      [own.id, false],
      [b.id, true],
      [draftOnly.id, false],
    ]);
    expect(results[0]).toMatchObject({ status: "PUBLISHED" });
    expect(results[1]!.message).toMatch(/own submission/);
    expect(results[3]!.message).toBeTruthy();
    expect(await statusOf(a.id)).toBe("PUBLISHED");
    expect(await statusOf(b.id)).toBe("PUBLISHED");
    expect(await statusOf(own.id)).toBe("PENDING");
    expect((await t.viewer.event.list({ workspaceId: t.ws })).items.map((e) => e.id).sort()).toEqual(
      [a.id, b.id].sort(),
    );

    // Viewers get a refusal per item, and nothing changes.
    const byViewer = await t.viewer.review.decideMany({
      decision: "APPROVE",
      items: [{ eventId: own.id, round: own.round }],
    });
    expect(byViewer).toEqual([{ eventId: own.id, ok: false, message: expect.any(String) }]);
    expect(await statusOf(own.id)).toBe("PENDING");
  });

  it("needs a comment for a batch that rejects or asks for changes", async () => {
    const t = await curationTeam();
    const a = await submitted(t, "Batch reject one");
    const b = await submitted(t, "Batch reject two");
    const items = [
      { eventId: a.id, round: a.round },
      { eventId: b.id, round: b.round },
    ];
    for (const decision of ["REJECT", "REQUEST_CHANGES"] as const) {
      expect((await refusal(t.reviewer.review.decideMany({ decision, items }))).code).toBe("BAD_REQUEST");
    }
    expect(await statusOf(a.id)).toBe("PENDING");
    expect(await statusOf(b.id)).toBe("PENDING");
    expect(await decisionRows(a.id)).toEqual([]);
    const done = await t.reviewer.review.decideMany({
      decision: "REJECT",
      items,
      comment: "Duplicates of an existing event.",
    });
    expect(done.every((r) => r.ok && r.status === "REJECTED")).toBe(true);
    expect((await t.analyst.notification.list({})).items.filter((n) => n.kind === "review.reject")).toHaveLength(2);
  });
});

describe("what viewers see", () => {
  it("only published events, with their published fields, in lists, counts, search, entities and sources", async () => {
    const t = await curationTeam();
    const mashhad = await t.analyst.entity.create({ workspaceId: t.ws, kind: "PLACE", name: "Mashhad" });
    const zahedan = await t.analyst.entity.create({ workspaceId: t.ws, kind: "PLACE", name: "Zahedan" });
    const link = (id: string) => [{ entityId: id, role: "PLACE" as const, placePrecision: "CITY" as const }];
    const source = await addSource(t, "Herat Observer");

    // Three events, each cited before it is submitted: one pending, one returned for changes, one published.
    const ids: string[] = [];
    for (const [title, summary] of [
      ["Pending Quarantine meeting", "Pending summary about pomegranates"],
      ["Returned Cardamom meeting", ""],
      ["Published Saffron meeting", "Published summary"],
    ] as const) {
      const e = await draft(t, title, t.analyst, { entities: link(mashhad.id), summary });
      await cite(t, e.id, source);
      await t.analyst.review.submit({ eventId: e.id });
      ids.push(e.id);
    }
    const [pending, returned, live] = ids as [string, string, string];
    await decide(t.reviewer, returned, 1, "REQUEST_CHANGES", "Needs a second source.");
    await decide(t.reviewer, live, 1, "APPROVE");
    // A pending change to the published event: a new title, summary and place.
    await edit(t.analyst, live, {
      title: "Proposed Turquoise meeting",
      summary: "Proposed summary",
      entities: [...link(mashhad.id), ...link(zahedan.id)],
    });
    await t.analyst.review.submit({ eventId: live });

    const list = await t.viewer.event.list({ workspaceId: t.ws });
    expect(list.items.map((e) => [e.id, e.title, e.summary])).toEqual([
      [live, "Published Saffron meeting", "Published summary"],
    ]);
    expect((await t.viewer.event.list({ workspaceId: t.ws, status: "PENDING" })).items).toEqual([]);
    expect((await t.viewer.event.list({ workspaceId: t.ws, status: "CHANGES_REQUESTED" })).items).toEqual([]);
    expect(await t.viewer.workspace.eventCounts({ workspaceId: t.ws })).toEqual({
      draft: 0,
      pending: 0,
      changesRequested: 0,
      rejected: 0,
      published: 1,
    });
    expect((await t.analyst.event.list({ workspaceId: t.ws })).items).toHaveLength(3);

    for (const id of [pending, returned])
      expect(await outcome(t.viewer.event.get({ eventId: id })), id).toBe("NOT_FOUND");
    expect(await t.viewer.event.get({ eventId: live })).toMatchObject({
      title: "Published Saffron meeting",
      entities: [expect.objectContaining({ name: "Mashhad" })],
    });

    const search = (q: string) => t.viewer.search.query({ workspaceId: t.ws, q });
    expect((await search("Quarantine")).events).toEqual([]);
    expect((await search("pomegranates")).events).toEqual([]);
    expect((await search("Cardamom")).events).toEqual([]);
    expect((await search("Turquoise")).events).toEqual([]);
    expect((await search("Saffron")).events.map((e) => [e.id, e.title])).toEqual([[live, "Published Saffron meeting"]]);
    expect((await search("Taliban delegation")).quotes.map((q) => [q.eventId, q.eventTitle])).toEqual([
      [live, "Published Saffron meeting"],
    ]);
    expect((await t.analyst.search.query({ workspaceId: t.ws, q: "Quarantine" })).events.map((e) => e.id)).toEqual([
      pending,
    ]);

    const onMashhad = await t.viewer.entity.events({ entityId: mashhad.id });
    expect(onMashhad.items.map((e) => [e.id, e.title])).toEqual([[live, "Published Saffron meeting"]]);
    expect((await t.viewer.entity.events({ entityId: zahedan.id })).items).toEqual([]);
    expect((await t.analyst.entity.events({ entityId: mashhad.id })).items).toHaveLength(3);

    const cited = await t.viewer.source.get({ sourceId: source.id });
    expect(cited.citations.map((c) => [c.event.id, c.event.title])).toEqual([[live, "Published Saffron meeting"]]);
    expect((await t.analyst.source.get({ sourceId: source.id })).citations).toHaveLength(3);

    // Once the change is approved, viewers see the new fields everywhere.
    const round = (await t.reviewer.review.state({ eventId: live })).round;
    await decide(t.reviewer, live, round, "APPROVE");
    expect((await t.viewer.event.list({ workspaceId: t.ws })).items.map((e) => e.title)).toEqual([
      "Proposed Turquoise meeting",
    ]);
    expect((await search("Turquoise")).events.map((e) => e.id)).toEqual([live]);
    expect((await search("Saffron")).events).toEqual([]);
    expect((await t.viewer.entity.events({ entityId: zahedan.id })).items.map((e) => e.id)).toEqual([live]);
    expect((await t.viewer.source.get({ sourceId: source.id })).citations.map((c) => c.event.title)).toEqual([
      "Proposed Turquoise meeting",
    ]);
  });

  it("keeps review state and the queue from viewers", async () => {
    const t = await curationTeam();
    const e = await submitted(t, "Hidden from viewers");
    expect((await refusal(t.viewer.review.state({ eventId: e.id }))).code).toBe("FORBIDDEN");
    expect((await refusal(t.outsider.review.state({ eventId: e.id }))).code).toBe("NOT_FOUND");
    expect((await refusal(t.viewer.event.getForEdit({ eventId: e.id }))).code).toBe("FORBIDDEN");
  });
});

describe("evidence under review", () => {
  it("freezes citations while a submission waits, and frees them once it is withdrawn", async () => {
    const t = await curationTeam();
    const e = await draft(t, "Delegation in Tehran");
    const source = await addSource(t, "Frozen evidence");
    await cite(t, e.id, source);
    const [existing] = await db.citation.findMany({ where: { eventId: e.id }, select: { id: true } });
    await t.analyst.review.submit({ eventId: e.id });

    const other = passage(source.text, "officials said");
    expect(
      await outcome(t.analyst.citation.create({ eventId: e.id, sourceId: source.id, stance: "MENTIONS", ...other })),
    ).toBe("CONFLICT");
    expect(await outcome(t.analyst.citation.delete({ citationId: existing!.id }))).toBe("CONFLICT");
    expect(await db.citation.count({ where: { eventId: e.id } })).toBe(1);

    await t.analyst.review.withdraw({ eventId: e.id });
    await t.analyst.citation.create({ eventId: e.id, sourceId: source.id, stance: "MENTIONS", ...other });
    expect(await db.citation.count({ where: { eventId: e.id } })).toBe(2);
  });
});

describe("citations of a published event", () => {
  /** A published event with one supporting citation from a first source. */
  async function publishedWithCitation(t: CurationTeam, title: string) {
    const e = await draft(t, title);
    const first = await addSource(t, `${title} Wire`);
    await cite(t, e.id, first);
    await t.analyst.review.submit({ eventId: e.id });
    await decide(t.reviewer, e.id, 1, "APPROVE");
    const [citation] = await db.citation.findMany({ where: { eventId: e.id }, select: { id: true } });
    return { id: e.id, citationId: citation!.id, first };
  }
  const citationsSeenBy = async (c: Caller, eventId: string) =>
    (await c.citation.forEvent({ eventId })).citations.map((x) => [x.source.title, x.proposed]);

  it("proposes an addition: readers and ratings keep the published evidence until a reviewer approves", async () => {
    const t = await curationTeam();
    const { id, first } = await publishedWithCitation(t, "Envoys in Tehran");
    const second = await addSource(t, "Second Herald");
    await cite(t, id, second);

    // Stored as a proposed addition; the viewer and every count see the published set only.
    expect(await db.citation.count({ where: { eventId: id, proposedAdd: true } })).toBe(1);
    expect(await citationsSeenBy(t.viewer, id)).toEqual([[`Envoys in Tehran Wire`, null]]);
    expect(await citationsSeenBy(t.analyst, id)).toEqual([
      [`Envoys in Tehran Wire`, null],
      ["Second Herald", "add"],
    ]);
    for (const c of [t.viewer, t.analyst]) {
      expect(await c.citation.forEvent({ eventId: id })).toMatchObject({ supportingSources: 1, independentOrigins: 1 });
      expect((await c.event.get({ eventId: id })).citationCount).toBe(1);
      expect((await c.event.list({ workspaceId: t.ws })).items[0]!.citationCount).toBe(1);
    }
    expect((await t.viewer.source.get({ sourceId: second.id })).citations).toEqual([]);
    expect((await t.analyst.source.get({ sourceId: second.id })).citations).toHaveLength(1);
    expect(
      (await t.viewer.search.query({ workspaceId: t.ws, q: "Second Herald delegation" })).quotes.map((q) => q.sourceId),
    ).not.toContain(second.id);
    // The credibility suggestion counts origins readers can check.
    expect((await t.analyst.vote.summary({ eventId: id })).suggestion).toMatchObject({
      supportingSources: 1,
      independentOrigins: 1,
      suggested: false,
    });

    // The change is the event's proposal, written by whoever cited: it goes through the queue like an edit.
    expect(await t.analyst.review.state({ eventId: id })).toMatchObject({
      kind: "change",
      status: "DRAFT",
      isAuthor: true,
    });
    expect(await db.eventProposal.findUniqueOrThrow({ where: { eventId: id } })).toMatchObject({
      authorIds: [t.users.analyst.id],
    });
    const { round } = await t.analyst.review.submit({ eventId: id });
    const [item] = (await t.reviewer.review.queue({ workspaceId: t.ws })).items;
    expect(item).toMatchObject({ eventId: id, kind: "change", citationCount: 2 });
    // Named by quote and source.
    expect(item!.changes).toEqual([
      {
        kind: "citations",
        field: "citations",
        added: [
          { sourceTitle: "Second Herald", stance: "SUPPORTS", quote: "a Taliban delegation met Iranian officials" },
        ],
        removed: [],
      },
    ]);
    // Frozen while it waits; and its author cannot approve it.
    expect(
      await outcome(
        t.admin.citation.create({
          eventId: id,
          sourceId: first.id,
          stance: "MENTIONS",
          ...passage(first.text, "officials said"),
        }),
      ),
    ).toBe("CONFLICT");
    expect(
      await outcome(
        t.analyst.citation.delete({
          citationId: (await db.citation.findFirstOrThrow({ where: { eventId: id, proposedAdd: true } })).id,
        }),
      ),
    ).toBe("CONFLICT");

    expect(await decide(t.reviewer, id, round, "APPROVE")).toMatchObject({ status: "PUBLISHED" });
    expect(await citationsSeenBy(t.viewer, id)).toEqual([
      [`Envoys in Tehran Wire`, null],
      ["Second Herald", null],
    ]);
    expect(await t.viewer.citation.forEvent({ eventId: id })).toMatchObject({
      supportingSources: 2,
      independentOrigins: 2,
    });
    expect((await t.viewer.event.get({ eventId: id })).citationCount).toBe(2);
    expect(
      await db.citation.count({ where: { eventId: id, OR: [{ proposedAdd: true }, { proposedRemove: true }] } }),
    ).toBe(0);
    expect(await auditActions(id)).toContain("citation.proposal_applied");
  });

  it("counts whoever cites on a published event as an author of its change, who cannot approve it", async () => {
    const t = await curationTeam();
    const { id } = await publishedWithCitation(t, "Envoys in Herat");
    await edit(t.reviewer, id, { summary: "A reviewer's edit" });
    await cite(t, id, await addSource(t, "Herat Times"));
    const { round } = await t.reviewer.review.submit({ eventId: id });
    expect((await refusal(decide(t.reviewer, id, round, "APPROVE"))).code).toBe("FORBIDDEN");
    expect((await t.admin.review.queue({ workspaceId: t.ws })).items[0]!.authors.map((a) => a.id).sort()).toEqual(
      [t.users.analyst.id, t.users.reviewer.id].sort(),
    );
  });

  it("proposes a removal: the citation stays published until approved, and a rejection keeps it", async () => {
    const t = await curationTeam();
    const { id, citationId } = await publishedWithCitation(t, "Envoys in Kabul");
    expect(await t.analyst.citation.delete({ citationId })).toEqual({ ok: true, proposed: true });
    expect(await citationsSeenBy(t.viewer, id)).toEqual([[`Envoys in Kabul Wire`, null]]);
    expect(await citationsSeenBy(t.analyst, id)).toEqual([[`Envoys in Kabul Wire`, "remove"]]);
    expect((await t.viewer.event.get({ eventId: id })).citationCount).toBe(1);

    // Taken back, then proposed again and rejected: the citation stays as it was.
    await t.analyst.citation.keep({ citationId });
    expect(await citationsSeenBy(t.analyst, id)).toEqual([[`Envoys in Kabul Wire`, null]]);
    await t.analyst.citation.delete({ citationId });
    const r1 = await t.analyst.review.submit({ eventId: id });
    const [item] = (await t.reviewer.review.queue({ workspaceId: t.ws })).items;
    expect(item!.changes).toEqual([
      {
        kind: "citations",
        field: "citations",
        added: [],
        removed: [
          {
            sourceTitle: "Envoys in Kabul Wire",
            stance: "SUPPORTS",
            quote: "a Taliban delegation met Iranian officials",
          },
        ],
      },
    ]);
    expect(item!.checklist.supportingQuote).toBe(false);
    // The count is of the evidence as it will be once approved: the citation proposed for removal is not in it.
    expect(item!.citationCount).toBe(0);
    expect(await decide(t.reviewer, id, r1.round, "REJECT", "Keep the wire report.")).toMatchObject({
      status: "REJECTED",
    });
    expect(await citationsSeenBy(t.analyst, id)).toEqual([[`Envoys in Kabul Wire`, null]]);

    // Proposed again and approved: now it is gone.
    await t.analyst.citation.delete({ citationId });
    const r2 = await t.analyst.review.submit({ eventId: id });
    await decide(t.reviewer, id, r2.round, "APPROVE");
    expect(await citationsSeenBy(t.viewer, id)).toEqual([]);
    expect(await db.citation.count({ where: { id: citationId } })).toBe(0);
  });

  it("drops a rejected addition, keeps additions through a request for changes, and takes back an addition without review", async () => {
    const t = await curationTeam();
    const { id } = await publishedWithCitation(t, "Envoys in Kandahar");
    await cite(t, id, await addSource(t, "Kandahar Post"));
    const r1 = await t.analyst.review.submit({ eventId: id });
    await decide(t.reviewer, id, r1.round, "REQUEST_CHANGES", "Which Post edition?");
    expect(await citationsSeenBy(t.analyst, id)).toEqual([
      [`Envoys in Kandahar Wire`, null],
      ["Kandahar Post", "add"],
    ]);
    const r2 = await t.analyst.review.submit({ eventId: id });
    await decide(t.reviewer, id, r2.round, "REJECT", "Not independent.");
    expect(await citationsSeenBy(t.analyst, id)).toEqual([[`Envoys in Kandahar Wire`, null]]);
    expect(await auditActions(id)).toContain("citation.proposal_discarded");

    // A proposed addition taken back by a contributor is simply gone: it was never published.
    await cite(t, id, await addSource(t, "Kandahar Daily"));
    const added = await db.citation.findFirstOrThrow({ where: { eventId: id, proposedAdd: true } });
    expect(await t.analyst.citation.delete({ citationId: added.id })).toEqual({ ok: true, proposed: false });
    expect(await citationsSeenBy(t.analyst, id)).toEqual([[`Envoys in Kandahar Wire`, null]]);
  });

  it("leaves citations of drafts as they were: added and removed at once", async () => {
    const t = await curationTeam();
    const e = await draft(t, "Draft with evidence");
    await cite(t, e.id, await addSource(t, "Draft Gazette"));
    const c = await db.citation.findFirstOrThrow({ where: { eventId: e.id } });
    expect(c).toMatchObject({ proposedAdd: false, proposedRemove: false });
    expect(await t.analyst.citation.delete({ citationId: c.id })).toEqual({ ok: true, proposed: false });
    expect(await db.citation.count({ where: { eventId: e.id } })).toBe(0);
    expect(await db.eventProposal.count({ where: { eventId: e.id } })).toBe(0);
  });
});

describe("deleting a published event", () => {
  it("is for reviewers and admins; analysts delete drafts only", async () => {
    const t = await curationTeam();
    const id = await published(t, "Published and relied on");
    const v = (await t.analyst.event.get({ eventId: id })).version;
    const refused = await refusal(t.analyst.event.delete({ eventId: id, version: v }));
    expect(refused.code).toBe("FORBIDDEN");
    expect(refused.message).toContain("Only reviewers and admins");
    expect((await t.viewer.event.get({ eventId: id })).deletedAt).toBeNull();
    expect(await t.reviewer.event.delete({ eventId: id, version: v })).toEqual({ ok: true });
    expect(await outcome(t.viewer.event.get({ eventId: id }))).toBe("NOT_FOUND");
    const mine = await draft(t, "My own draft");
    expect(await t.analyst.event.delete({ eventId: mine.id, version: 1 })).toEqual({ ok: true });
  });
});

describe("workspace counts", () => {
  it("count every status for contributors, and published events only for viewers", async () => {
    const t = await curationTeam();
    await draft(t, "Just a draft");
    await submitted(t, "Waiting");
    const returned = await submitted(t, "Returned");
    await decide(t.reviewer, returned.id, returned.round, "REQUEST_CHANGES", "More sources.");
    const rejected = await submitted(t, "Turned down");
    await decide(t.reviewer, rejected.id, rejected.round, "REJECT", "Not an event.");
    await published(t, "Live");
    expect(await t.analyst.workspace.eventCounts({ workspaceId: t.ws })).toEqual({
      draft: 1,
      pending: 1,
      changesRequested: 1,
      rejected: 1,
      published: 1,
    });
    expect(await t.viewer.workspace.eventCounts({ workspaceId: t.ws })).toEqual({
      draft: 0,
      pending: 0,
      changesRequested: 0,
      rejected: 0,
      published: 1,
    });
  });
});
