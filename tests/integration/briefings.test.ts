import { describe, expect, it } from "vitest";
import { db } from "../../server/db/client.ts";
import type { KeyJudgment } from "../../server/schemas/briefing.ts";
import type { CitedMaterial } from "../../server/schemas/briefing-document.ts";
import { contentHashOf } from "../../server/lib/canonical-hash.ts";
import { curationTeam, eventInput, outcome, passage, refusal, type CurationTeam } from "../helpers/curation.ts";

/**
 * Briefings through the API against real Postgres: the working copy and its
 * versions, history and diffs, references and their problems, the four-eyes
 * review that freezes a publication, what viewers and outsiders see, and the
 * discussion with its notifications.
 */

type Caller = CurationTeam["analyst"];

/** An event taken through review: written by the analyst, approved by the reviewer. */
async function publishedEvent(t: CurationTeam, title: string, start: { year: number; month?: number; day?: number }) {
  const e = await t.analyst.event.create({ workspaceId: t.ws, ...eventInput(title, start) });
  const { round } = await t.analyst.review.submit({ eventId: e.id });
  await t.reviewer.review.decide({ eventId: e.id, round, decision: "APPROVE" });
  return e.id;
}

async function draftBriefing(
  t: CurationTeam,
  by: Caller = t.analyst,
  title = "Iran and the Taliban: where the talks stand",
) {
  return by.briefing.create({ workspaceId: t.ws, title });
}

/** A briefing written and submitted by `by`, approved by `approver`. */
async function publishedBriefing(t: CurationTeam, body: string, by: Caller = t.analyst, approver: Caller = t.reviewer) {
  const b = await draftBriefing(t, by);
  const saved = await by.briefing.update({ id: b.id, version: b.version, summary: "Contacts continue.", body });
  const { round } = await by.briefing.submit({ id: b.id, version: saved.version });
  expect(await approver.briefing.decide({ id: b.id, round, decision: "APPROVE" })).toMatchObject({
    status: "PUBLISHED",
  });
  return b.id;
}

const judgment = (eventIds: string[], more: Partial<KeyJudgment> = {}): KeyJudgment => ({
  id: "kj1",
  statement: "Tehran will keep channels open to the Taliban.",
  probability: "LIKELY",
  confidence: "MODERATE",
  eventIds,
  sourceIds: [],
  ...more,
});

const publications = (briefingId: string) =>
  db.briefingPublication.findMany({ where: { briefingId }, orderBy: { version: "asc" } });
const notificationsOf = (userId: string, briefingId: string) =>
  db.notification.findMany({
    where: { userId, briefingId },
    orderBy: { createdAt: "asc" },
    select: { kind: true, message: true },
  });

describe("working copy", () => {
  it("lets admins choose the marking new briefings start with; others are refused and a bad marking changes nothing", async () => {
    const t = await curationTeam();
    expect(
      (await refusal(t.analyst.workspace.updateBriefingSettings({ workspaceId: t.ws, defaultMarking: "TLP:RED" })))
        .code,
    ).toBe("FORBIDDEN");
    const bad = await refusal(
      t.admin.workspace.updateBriefingSettings({ workspaceId: t.ws, defaultMarking: "SECRET" as never }),
    );
    expect(bad.code).toBe("BAD_REQUEST");
    expect((await db.workspace.findUniqueOrThrow({ where: { id: t.ws } })).defaultMarking).toBe("TLP:AMBER");
    expect(await t.admin.workspace.updateBriefingSettings({ workspaceId: t.ws, defaultMarking: "TLP:RED" })).toEqual({
      defaultMarking: "TLP:RED",
    });
    expect((await t.analyst.workspace.bySlug({ slug: t.workspace.slug })).defaultMarking).toBe("TLP:RED");
    const b = await t.analyst.briefing.create({ workspaceId: t.ws, title: "Marked by default" });
    expect((await t.analyst.briefing.get({ id: b.id })).working?.marking).toBe("TLP:RED");
    const audit = await db.auditLog.findFirst({ where: { workspaceId: t.ws, action: "workspace.briefing_settings" } });
    expect(audit).toMatchObject({ before: { defaultMarking: "TLP:AMBER" }, after: { defaultMarking: "TLP:RED" } });
  });

  it("creates with the workspace's default marking, saves partial edits with versions, lists and deletes drafts, with audit rows", async () => {
    const t = await curationTeam();
    await db.workspace.update({ where: { id: t.ws }, data: { defaultMarking: "TLP:GREEN" } });
    const b = await draftBriefing(t);
    expect(b.version).toBe(1);
    const red = await t.analyst.briefing.create({ workspaceId: t.ws, title: "Sensitive", marking: "TLP:RED" });

    const got = await t.analyst.briefing.get({ id: b.id });
    expect(got).toMatchObject({
      status: "DRAFT",
      version: 1,
      published: null,
      canEdit: true,
      isAuthor: true,
      working: { marking: "TLP:GREEN", summary: "", body: "", keyJudgments: [] },
    });
    expect((await t.analyst.briefing.get({ id: red.id })).working?.marking).toBe("TLP:RED");

    const saved = await t.analyst.briefing.update({
      id: b.id,
      version: 1,
      summary: "Talks continue.",
      keyJudgments: [judgment([])],
    });
    expect(saved.version).toBe(2);
    // Only the fields sent change; a save that changes nothing is not a new version.
    expect(await t.analyst.briefing.update({ id: b.id, version: 2, summary: "Talks continue." })).toMatchObject({
      version: 2,
    });
    const after = await t.analyst.briefing.get({ id: b.id });
    expect(after.working).toMatchObject({
      title: "Iran and the Taliban: where the talks stand",
      summary: "Talks continue.",
      keyJudgments: [{ probability: "LIKELY" }],
    });

    const list = await t.reviewer.briefing.list({ workspaceId: t.ws });
    expect(list.items.map((i) => i.id).sort()).toEqual([b.id, red.id].sort());
    expect(list.items.find((i) => i.id === b.id)).toMatchObject({
      status: "DRAFT",
      version: 2,
      hasPublished: false,
      authors: [{ name: "Analyst" }],
    });
    expect((await t.reviewer.briefing.list({ workspaceId: t.ws, status: "PENDING" })).items).toEqual([]);
    // Paged by cursor.
    const first = await t.reviewer.briefing.list({ workspaceId: t.ws, limit: 1 });
    const second = await t.reviewer.briefing.list({ workspaceId: t.ws, limit: 1, cursor: first.nextCursor });
    expect([...first.items, ...second.items].map((i) => i.id).sort()).toEqual([b.id, red.id].sort());
    expect(second.nextCursor).toBeNull();

    // A reviewer may delete a draft never published, whoever wrote it; the version guards it.
    expect((await refusal(t.reviewer.briefing.delete({ id: red.id, version: 7 }))).code).toBe("CONFLICT");
    await t.reviewer.briefing.delete({ id: red.id, version: 1 });
    expect(await outcome(t.analyst.briefing.get({ id: red.id }))).toBe("NOT_FOUND");

    const audit = await db.auditLog.findMany({
      where: { targetType: "briefing", targetId: { in: [b.id, red.id] } },
      orderBy: { id: "asc" },
      select: { action: true, actorId: true },
    });
    expect(audit.map((a) => a.action)).toEqual([
      "briefing.created",
      "briefing.created",
      "briefing.updated",
      "briefing.deleted",
    ]);
  });

  it("refuses a stale save with CONFLICT naming who saved and when, and loses nothing", async () => {
    const t = await curationTeam();
    const b = await draftBriefing(t);
    // Both open version 1; the reviewer saves first.
    await t.reviewer.briefing.update({ id: b.id, version: 1, body: "The reviewer's paragraph." });
    const stale = await refusal(t.analyst.briefing.update({ id: b.id, version: 1, body: "The analyst's paragraph." }));
    expect(stale.code).toBe("CONFLICT");
    expect(stale.message).toMatch(/^Reviewer saved this briefing at \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    // The winner's text is intact; the loser merges on top of the current version.
    const current = await t.analyst.briefing.get({ id: b.id });
    expect(current.working?.body).toBe("The reviewer's paragraph.");
    await t.analyst.briefing.update({
      id: b.id,
      version: current.version,
      body: `${current.working!.body}\n\nThe analyst's paragraph.`,
    });
    expect((await t.analyst.briefing.get({ id: b.id })).working?.body).toBe(
      "The reviewer's paragraph.\n\nThe analyst's paragraph.",
    );

    // Two saves of the same version at the same moment: exactly one wins.
    const v = (await t.analyst.briefing.get({ id: b.id })).version;
    const results = await Promise.all([
      outcome(t.analyst.briefing.update({ id: b.id, version: v, summary: "One" })),
      outcome(t.reviewer.briefing.update({ id: b.id, version: v, summary: "Two" })),
    ]);
    expect(results.sort()).toEqual(["CONFLICT", "ok"]);
  });

  it("keeps a history (one entry per author's burst of autosaves) and diffs any two versions field by field", async () => {
    const t = await curationTeam();
    const b = await draftBriefing(t);
    let v = (await t.analyst.briefing.update({ id: b.id, version: 1, body: "Line one.\nLine two.\n" })).version;
    v = (await t.analyst.briefing.update({ id: b.id, version: v, body: "Line one.\nLine two, revised.\n" })).version;
    v = (
      await t.reviewer.briefing.update({
        id: b.id,
        version: v,
        title: "Iran and the Taliban: talks in 2023",
        marking: "TLP:RED",
      })
    ).version;
    expect(v).toBe(4);

    const history = await t.analyst.briefing.history({ id: b.id });
    expect(history.items.map((h) => [h.action, h.version, h.actor.name])).toEqual([
      ["updated", 4, "Reviewer"],
      // The analyst's two autosaves make one entry, holding the later version.
      ["updated", 3, "Analyst"],
      ["created", 1, "Analyst"],
    ]);
    expect(history.items[2]!.summary).toContain("Created");
    const paged = await t.analyst.briefing.history({ id: b.id, limit: 2 });
    expect(
      (await t.analyst.briefing.history({ id: b.id, limit: 2, cursor: paged.nextCursor })).items.map((h) => h.version),
    ).toEqual([1]);

    const diff = await t.analyst.briefing.diff({ id: b.id, from: 1, to: "working" });
    const field = (name: string) => diff.fields.find((f) => f.field === name)!;
    expect(field("summary").changed).toBe(false);
    expect(field("marking")).toMatchObject({ changed: true });
    expect(
      field("title")
        .parts.filter((p) => p.added)
        .map((p) => p.value)
        .join(""),
    ).toContain("2023");
    expect(
      field("title")
        .parts.filter((p) => !p.added)
        .map((p) => p.value)
        .join(""),
    ).toBe("Iran and the Taliban: where the talks stand");
    expect(
      field("body")
        .parts.filter((p) => p.added)
        .map((p) => p.value),
    ).toEqual(["Line one.\nLine two, revised.\n"]);
    const between = await t.analyst.briefing.diff({ id: b.id, from: 3, to: 4 });
    expect(between.fields.find((f) => f.field === "body")!.changed).toBe(false);
    // A version merged into a later autosave, or never written, is not found.
    expect(await outcome(t.analyst.briefing.diff({ id: b.id, from: 2, to: "working" }))).toBe("NOT_FOUND");
    expect(await outcome(t.analyst.briefing.diff({ id: b.id, from: "published", to: "working" }))).toBe("NOT_FOUND");
  });
});

describe("references", () => {
  it("resolves references in order of first appearance and flags deleted, unpublished and unknown ones (another workspace's read as unknown), which submission refuses", async () => {
    const t = await curationTeam();
    const early = await publishedEvent(t, "Delegation visits Tehran", { year: 2015, month: 5, day: 18 });
    const late = await publishedEvent(t, "Talks in Kabul", { year: 2021, month: 9 });
    const draftEvent = await t.analyst.event.create({
      workspaceId: t.ws,
      ...eventInput("Unconfirmed meeting", { year: 2018 }),
    });
    const gone = await t.analyst.event.create({
      workspaceId: t.ws,
      ...eventInput("Entered by mistake", { year: 2019 }),
    });
    await t.analyst.event.delete({ eventId: gone.id, version: 1 });
    const foreign = (
      await t.outsider.event.create({ workspaceId: t.other.id, ...eventInput("Elsewhere", { year: 2020 }) })
    ).id;
    const text = "Officials from both sides met in Tehran to discuss the border.";
    const src = await t.analyst.source.create({
      workspaceId: t.ws,
      kind: "NEWS_REPORT",
      title: "Border talks",
      publisherName: "Kabul Daily",
      text,
    });
    if (src.status !== "created") throw new Error("expected a new source");
    await t.analyst.citation.create({
      eventId: late,
      sourceId: src.source.id,
      stance: "SUPPORTS",
      ...passage(text, "met in Tehran"),
    });

    const body =
      `Talks resumed [@event:${late}] after a first visit [@event:${early}], reported by [@source:${src.source.id}] [@event:${late}]. ` +
      `Also [@event:${draftEvent.id}] [@event:${gone.id}] [@event:${foreign}] [@event:nosuchevent].`;
    const resolved = await t.analyst.briefing.resolveRefs({ workspaceId: t.ws, body });
    expect(resolved.events.map((e) => [e.title, e.n])).toEqual([
      ["Talks in Kabul", 1],
      ["Delegation visits Tehran", 2],
      ["Unconfirmed meeting", 4],
    ]);
    expect(resolved.events[0]).toMatchObject({ dateText: expect.stringContaining("2021"), status: "PUBLISHED" });
    expect(resolved.sources).toEqual([
      expect.objectContaining({ id: src.source.id, title: "Border talks", publisher: "Kabul Daily", n: 3 }),
    ]);
    expect(resolved.problems).toEqual(
      expect.arrayContaining([
        { kind: "event", id: draftEvent.id, reason: "unpublished" },
        { kind: "event", id: gone.id, reason: "deleted" },
        // Another workspace's event is answered exactly as an id that does not exist.
        { kind: "event", id: foreign, reason: "missing" },
        { kind: "event", id: "nosuchevent", reason: "missing" },
      ]),
    );
    expect(resolved.problems).toHaveLength(4);
    // Key judgments' support counts too: summary, then judgments, then body.
    const withJudgment = await t.analyst.briefing.resolveRefs({
      workspaceId: t.ws,
      body: `[@event:${late}]`,
      keyJudgments: [judgment([early])],
    });
    expect(withJudgment.events.map((e) => [e.id, e.n])).toEqual([
      [early, 1],
      [late, 2],
    ]);

    const b = await draftBriefing(t);
    const saved = await t.analyst.briefing.update({ id: b.id, version: 1, body });
    const refused = await refusal(t.analyst.briefing.submit({ id: b.id, version: saved.version }));
    expect(refused.code).toBe("BAD_REQUEST");
    for (const id of [draftEvent.id, gone.id, foreign, "nosuchevent"]) expect(refused.message).toContain(id);
    expect(refused.message).not.toContain(early);
    expect((await t.analyst.briefing.get({ id: b.id })).status).toBe("DRAFT");

    const fixed = await t.analyst.briefing.update({
      id: b.id,
      version: saved.version,
      body: `Talks resumed [@event:${late}] after [@event:${early}].`,
    });
    expect(await t.analyst.briefing.submit({ id: b.id, version: fixed.version })).toMatchObject({
      status: "PENDING",
      round: 1,
    });

    // The chronology lists the cited events in date order with their ratings, each cited.
    const table = await t.analyst.briefing.chronology({ id: b.id });
    expect(table.indexOf("Delegation visits Tehran")).toBeLessThan(table.indexOf("Talks in Kabul"));
    expect(table).toContain(`[@event:${early}]`);
    expect(table).toMatch(/\| Date \| Event \| Rating \|/);

    // The picker finds events and sources through the search index.
    const picks = await t.analyst.briefing.searchCitable({ workspaceId: t.ws, q: "Tehran", kind: "all" });
    expect(picks.map((p) => p.id)).toContain(early);
    const sources = await t.analyst.briefing.searchCitable({ workspaceId: t.ws, q: "border", kind: "source" });
    expect(sources).toEqual([expect.objectContaining({ kind: "source", id: src.source.id, publisher: "Kabul Daily" })]);
  });
});

describe("review", () => {
  it("goes draft → pending → changes requested → resubmitted → published, refusing self-approval and stale rounds, notifying the authors", async () => {
    const t = await curationTeam();
    const event = await publishedEvent(t, "Delegation visits Tehran", { year: 2015, month: 5, day: 18 });
    const b = await draftBriefing(t);
    const v2 = await t.analyst.briefing.update({
      id: b.id,
      version: 1,
      body: `A delegation visited [@event:${event}].`,
    });
    // The reviewer edits too, so the reviewer is an author of this revision.
    const v3 = await t.reviewer.briefing.update({ id: b.id, version: v2.version, summary: "Contacts continue." });
    const { round } = await t.analyst.briefing.submit({ id: b.id, version: v3.version });
    expect(round).toBe(1);
    expect((await refusal(t.analyst.briefing.update({ id: b.id, version: v3.version, summary: "x" }))).message).toMatch(
      /Withdraw/,
    );

    expect((await refusal(t.analyst.briefing.decide({ id: b.id, round, decision: "APPROVE" }))).code).toBe("FORBIDDEN");
    const self = await refusal(t.reviewer.briefing.decide({ id: b.id, round, decision: "APPROVE" }));
    expect(self.code).toBe("FORBIDDEN");
    expect(self.message).toMatch(/own submission/);
    expect((await t.reviewer.briefing.get({ id: b.id })).canDecide).toBe(false);
    expect((await t.admin.briefing.get({ id: b.id })).canDecide).toBe(true);
    // The Briefings tab counts what waits for a reviewer who may decide it.
    expect((await t.admin.review.counts({ workspaceId: t.ws })).briefings).toBe(1);
    expect((await t.reviewer.review.counts({ workspaceId: t.ws })).briefings).toBe(0);
    expect((await t.analyst.review.counts({ workspaceId: t.ws })).briefings).toBe(0);
    expect(
      (await refusal(t.admin.briefing.decide({ id: b.id, round, decision: "REQUEST_CHANGES", comment: "" }))).code,
    ).toBe("BAD_REQUEST");

    await t.admin.briefing.decide({ id: b.id, round, decision: "REQUEST_CHANGES", comment: "Add the Kabul talks." });
    expect((await t.admin.review.counts({ workspaceId: t.ws })).briefings).toBe(0);
    expect(await t.analyst.briefing.get({ id: b.id })).toMatchObject({
      status: "CHANGES_REQUESTED",
      canEdit: true,
      decisions: [{ decision: "REQUEST_CHANGES", comment: "Add the Kabul talks." }],
    });
    const notes = await notificationsOf(t.users.analyst.id, b.id);
    expect(notes).toEqual([
      expect.objectContaining({
        kind: "briefing.review.request_changes",
        message: expect.stringContaining("Add the Kabul talks."),
      }),
    ]);
    // It shows in the notification list, with the briefing to link to.
    const listed = await t.analyst.notification.list({});
    expect(listed.items[0]).toMatchObject({ briefingId: b.id, workspaceSlug: t.workspace.slug });

    const v4 = await t.analyst.briefing.update({
      id: b.id,
      version: v3.version,
      body: `A delegation visited [@event:${event}]. Talks followed in Kabul.`,
    });
    const second = await t.analyst.briefing.submit({ id: b.id, version: v4.version });
    expect(second.round).toBe(2);
    expect((await refusal(t.admin.briefing.decide({ id: b.id, round: 1, decision: "APPROVE" }))).code).toBe("CONFLICT");
    const approved = await t.admin.briefing.decide({ id: b.id, round: 2, decision: "APPROVE", comment: "Good." });
    expect(approved).toMatchObject({ status: "PUBLISHED", approvals: 1, required: 1 });

    const [pub] = await publications(b.id);
    expect(pub).toMatchObject({ version: v4.version, reviewerIds: [t.users.admin.id] });
    expect(pub!.authorIds.sort()).toEqual([t.users.analyst.id, t.users.reviewer.id].sort());
    expect(pub!.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(pub!.contentHash).toBe(contentHashOf({ content: pub!.content, cited: pub!.cited }));
    expect((pub!.cited as unknown as CitedMaterial).events.map((e) => e.id)).toEqual([event]);
    expect(approved.contentHash).toBe(pub!.contentHash);

    const read = await t.viewer.briefing.get({ id: b.id });
    expect(read).toMatchObject({
      status: "PUBLISHED",
      working: null,
      published: {
        version: v4.version,
        content: { body: expect.stringContaining("Kabul") },
        reviewers: [{ name: "Admin" }],
      },
    });
    expect((await notificationsOf(t.users.analyst.id, b.id)).map((n) => n.kind)).toContain("briefing.review.approve");
    // Already decided: nothing more to approve.
    expect((await refusal(t.reviewer.briefing.decide({ id: b.id, round: 2, decision: "APPROVE" }))).code).toBe(
      "CONFLICT",
    );

    const actions = (
      await db.auditLog.findMany({
        where: { targetType: "briefing", targetId: b.id },
        orderBy: { id: "asc" },
        select: { action: true },
      })
    ).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(["briefing.submitted", "briefing.review.request_changes", "briefing.review.approve"]),
    );
    // A published briefing is taken down by admins only.
    const current = await t.analyst.briefing.get({ id: b.id });
    expect((await refusal(t.analyst.briefing.delete({ id: b.id, version: current.version }))).code).toBe("FORBIDDEN");
  });

  it("an admin cannot approve their own briefing; withdrawal returns it to draft", async () => {
    const t = await curationTeam();
    const b = await draftBriefing(t, t.admin);
    const { round } = await t.admin.briefing.submit({ id: b.id, version: 1 });
    expect((await refusal(t.admin.briefing.decide({ id: b.id, round, decision: "APPROVE" }))).code).toBe("FORBIDDEN");
    expect((await refusal(t.analyst.briefing.withdraw({ id: b.id }))).code).toBe("FORBIDDEN");
    await t.admin.briefing.withdraw({ id: b.id });
    expect((await t.admin.briefing.get({ id: b.id })).status).toBe("DRAFT");
    expect(await publications(b.id)).toEqual([]);
  });

  it("with two approvals required, publishes on the second approval by another reviewer", async () => {
    const t = await curationTeam();
    await t.admin.review.updateSettings({ workspaceId: t.ws, requiredApprovals: 2 });
    const b = await draftBriefing(t);
    const { round } = await t.analyst.briefing.submit({ id: b.id, version: 1 });
    expect(await t.reviewer.briefing.decide({ id: b.id, round, decision: "APPROVE" })).toMatchObject({
      status: "PENDING",
      approvals: 1,
      required: 2,
    });
    expect(await t.reviewer.briefing.get({ id: b.id })).toMatchObject({
      status: "PENDING",
      approvalsThisRound: 1,
      requiredApprovals: 2,
      canDecide: false,
    });
    expect((await refusal(t.reviewer.briefing.decide({ id: b.id, round, decision: "APPROVE" }))).code).toBe("CONFLICT");
    expect(await publications(b.id)).toEqual([]);
    expect(await t.admin.briefing.decide({ id: b.id, round, decision: "APPROVE" })).toMatchObject({
      status: "PUBLISHED",
      approvals: 2,
    });
    const [pub] = await publications(b.id);
    expect(pub!.reviewerIds.sort()).toEqual([t.users.reviewer.id, t.users.admin.id].sort());
  });

  it("two reviewers approving at the same moment leave exactly one publication and one CONFLICT", async () => {
    const t = await curationTeam();
    const b = await draftBriefing(t);
    const { round } = await t.analyst.briefing.submit({ id: b.id, version: 1 });
    const results = await Promise.all([
      outcome(t.reviewer.briefing.decide({ id: b.id, round, decision: "APPROVE" })),
      outcome(t.admin.briefing.decide({ id: b.id, round, decision: "APPROVE" })),
    ]);
    expect(results.sort()).toEqual(["CONFLICT", "ok"]);
    expect(await publications(b.id)).toHaveLength(1);
    expect(await db.briefingDecision.count({ where: { briefingId: b.id } })).toBe(1);
  });

  it("keeps the published version live while a revision is written and reviewed", async () => {
    const t = await curationTeam();
    const id = await publishedBriefing(t, "The first published text.");
    const published = await t.analyst.briefing.get({ id });
    const edited = await t.analyst.briefing.update({
      id,
      version: published.version,
      title: "Revised title",
      body: "The revised text.",
    });
    expect(edited.status).toBe("DRAFT");

    const seen = async () => ({
      get: await t.viewer.briefing.get({ id }),
      list: await t.viewer.briefing.list({ workspaceId: t.ws }),
    });
    let v = await seen();
    expect(v.get.published?.content.body).toBe("The first published text.");
    expect(v.list.items).toEqual([
      expect.objectContaining({
        id,
        title: "Iran and the Taliban: where the talks stand",
        status: "PUBLISHED",
        hasPublished: true,
      }),
    ]);
    const contributor = await t.reviewer.briefing.get({ id });
    expect(contributor).toMatchObject({
      status: "DRAFT",
      working: { title: "Revised title" },
      published: { content: { title: "Iran and the Taliban: where the talks stand" } },
    });

    // Still listed as published for contributors too, while its revision is a draft.
    expect((await t.reviewer.briefing.list({ workspaceId: t.ws, status: "PUBLISHED" })).items).toEqual([
      expect.objectContaining({ id, status: "DRAFT", hasPublished: true }),
    ]);
    const changes = await t.reviewer.briefing.diff({ id, from: "published", to: "working" });
    expect(
      changes.fields
        .filter((f) => f.changed)
        .map((f) => f.field)
        .sort(),
    ).toEqual(["body", "title"]);

    const { round } = await t.analyst.briefing.submit({ id, version: edited.version });
    expect((await t.reviewer.briefing.queue({ workspaceId: t.ws })).items.map((i) => i.id)).toEqual([id]);
    v = await seen();
    expect(v.get.published?.content.title).toBe("Iran and the Taliban: where the talks stand");

    await t.reviewer.briefing.decide({ id, round, decision: "APPROVE" });
    v = await seen();
    expect(v.get.published).toMatchObject({
      version: edited.version,
      content: { title: "Revised title", body: "The revised text." },
    });
    expect(v.list.items[0]!.title).toBe("Revised title");
    expect((await publications(id)).map((p) => p.version)).toEqual([published.version, edited.version]);
  });

  it("freezes the cited material at approval: editing a cited event later does not change the publication", async () => {
    const t = await curationTeam();
    const event = await publishedEvent(t, "Delegation visits Tehran", { year: 2015, month: 5, day: 18 });
    const id = await publishedBriefing(t, `A delegation visited [@event:${event}].`);
    const before = (await publications(id))[0]!;

    // The event changes through its own review.
    const form = await t.analyst.event.getForEdit({ eventId: event });
    await t.analyst.event.update({
      eventId: event,
      version: form.version,
      title: "Delegation led by Tayyab Agha visits Tehran",
      summary: form.summary,
      date: form.date,
      tags: form.tags,
      entities: form.entities,
    });
    const { round } = await t.analyst.review.submit({ eventId: event });
    await t.reviewer.review.decide({ eventId: event, round, decision: "APPROVE" });
    expect((await t.viewer.event.get({ eventId: event })).title).toBe("Delegation led by Tayyab Agha visits Tehran");

    const after = (await publications(id))[0]!;
    expect(after.cited).toEqual(before.cited);
    expect(after.contentHash).toBe(before.contentHash);
    const frozen = (await t.viewer.briefing.get({ id })).published!.cited.events[0]!;
    expect(frozen).toMatchObject({ id: event, title: "Delegation visits Tehran" });
    expect(frozen.revisionId).not.toBeNull();
    // The editor's preview shows the event as it is now.
    const now = await t.analyst.briefing.resolveRefs({ workspaceId: t.ws, body: `[@event:${event}]` });
    expect(now.events[0]!.title).toBe("Delegation led by Tayyab Agha visits Tehran");
  });

  it("queues pending briefings for reviewers, others' first and the caller's own after", async () => {
    const t = await curationTeam();
    const mine = await draftBriefing(t, t.reviewer, "The reviewer's own briefing");
    await t.reviewer.briefing.submit({ id: mine.id, version: 1 });
    const theirs = await draftBriefing(t, t.analyst, "The analyst's briefing");
    await t.analyst.briefing.submit({ id: theirs.id, version: 1 });
    await draftBriefing(t, t.analyst, "Not submitted");

    const queue = await t.reviewer.briefing.queue({ workspaceId: t.ws });
    expect(queue.items.map((i) => [i.title, i.canDecide, i.isAuthor])).toEqual([
      ["The analyst's briefing", true, false],
      ["The reviewer's own briefing", false, true],
    ]);
    const page1 = await t.reviewer.briefing.queue({ workspaceId: t.ws, limit: 1 });
    const page2 = await t.reviewer.briefing.queue({ workspaceId: t.ws, limit: 1, cursor: page1.nextCursor });
    expect([...page1.items, ...page2.items].map((i) => i.id)).toEqual([theirs.id, mine.id]);
    expect(page2.nextCursor).toBeNull();
    expect(await outcome(t.viewer.briefing.queue({ workspaceId: t.ws }))).toBe("FORBIDDEN");
  });
});

describe("who sees what", () => {
  it("shows viewers only published briefings, with the published content, and outsiders nothing", async () => {
    const t = await curationTeam();
    const id = await publishedBriefing(t, "Published text.");
    const draft = await draftBriefing(t, t.analyst, "A draft nobody outside should see");

    const list = await t.viewer.briefing.list({ workspaceId: t.ws });
    expect(list.items.map((i) => i.id)).toEqual([id]);
    expect((await t.viewer.briefing.list({ workspaceId: t.ws, status: "DRAFT" })).items).toEqual([]);
    expect(await t.viewer.briefing.get({ id })).toMatchObject({
      working: null,
      canEdit: false,
      canDecide: false,
      published: { content: { body: "Published text." } },
    });
    expect(await outcome(t.viewer.briefing.get({ id: draft.id }))).toBe("NOT_FOUND");
    expect(await outcome(t.viewer.briefing.comments({ id }))).toBe("FORBIDDEN");
    expect(await outcome(t.viewer.briefing.diff({ id: draft.id, from: 1, to: "working" }))).toBe("NOT_FOUND");

    for (const target of [id, draft.id, "nosuchbriefing"]) {
      expect(await outcome(t.outsider.briefing.get({ id: target }))).toBe("NOT_FOUND");
      expect(await outcome(t.outsider.briefing.history({ id: target }))).toBe("NOT_FOUND");
      expect(await outcome(t.outsider.briefing.comment({ briefingId: target, body: "hello" }))).toBe("NOT_FOUND");
      expect(await outcome(t.outsider.briefing.update({ id: target, version: 1, title: "Mine now" }))).toBe(
        "NOT_FOUND",
      );
    }
    expect(await outcome(t.outsider.briefing.list({ workspaceId: t.ws }))).toBe("NOT_FOUND");
  });
});

describe("comments", () => {
  it("notifies people mentioned (who may read drafts) and the authors, and lets authors and admins delete comments", async () => {
    const t = await curationTeam();
    const b = await draftBriefing(t);
    const c = await t.admin.briefing.comment({
      briefingId: b.id,
      body: "@Reviewer could you check the dates? @Viewer too.",
    });
    expect(c).toMatchObject({ author: { name: "Admin" }, canDelete: true });

    expect(await notificationsOf(t.users.reviewer.id, b.id)).toEqual([
      { kind: "mention", message: expect.stringContaining("could you check the dates") },
    ]);
    // A viewer may not read a draft: not named into it.
    expect(await notificationsOf(t.users.viewer.id, b.id)).toEqual([]);
    expect(await notificationsOf(t.users.analyst.id, b.id)).toEqual([
      { kind: "briefing.comment", message: expect.stringContaining("Admin commented") },
    ]);
    expect(await notificationsOf(t.users.admin.id, b.id)).toEqual([]);

    const reply = await t.reviewer.briefing.comment({ briefingId: b.id, body: "Dates checked." });
    const list = await t.analyst.briefing.comments({ id: b.id });
    expect(list.items.map((i) => [i.author.name, i.body, i.canDelete])).toEqual([
      ["Admin", "@Reviewer could you check the dates? @Viewer too.", false],
      ["Reviewer", "Dates checked.", false],
    ]);
    expect((await refusal(t.analyst.briefing.deleteComment({ id: reply.id }))).code).toBe("FORBIDDEN");
    await t.reviewer.briefing.deleteComment({ id: reply.id });
    await t.admin.briefing.deleteComment({ id: c.id });
    expect((await t.analyst.briefing.comments({ id: b.id })).items).toEqual([]);
    expect(await outcome(t.admin.briefing.deleteComment({ id: c.id }))).toBe("NOT_FOUND");
  });
});
