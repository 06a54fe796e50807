import { describe, expect, it } from "vitest";
import { db } from "../../server/db/client.ts";
import {
  curationTeam,
  eventInput,
  outcome,
  passage,
  publish,
  refusal,
  type CurationTeam,
} from "../helpers/curation.ts";

/**
 * History: every change to an event (create, edit, delete, restore, citation
 * added or removed) and to a source's metadata is a revision row with who,
 * when and the full snapshot; restoring an older version is itself a change.
 */

async function sourceWithText(t: CurationTeam, text: string) {
  const r = await t.analyst.source.create({ workspaceId: t.ws, kind: "NEWS_REPORT", title: "Report", text });
  if (r.status !== "created") throw new Error("expected a new source");
  return r.source.id;
}

describe("event history", () => {
  it("records create, update, citation added and removed, delete and restore, in order, with who did it", async () => {
    const t = await curationTeam();
    const text = "The Taliban delegation was received in Tehran.";
    const sourceId = await sourceWithText(t, text);
    const e = await t.analyst.event.create({
      workspaceId: t.ws,
      ...eventInput("Delegation in Tehran", { year: 2015 }),
    });
    await t.reviewer.event.update({
      eventId: e.id,
      version: 1,
      ...eventInput("Taliban delegation in Tehran", { year: 2015, month: 5 }, { tags: ["visits"] }),
    });
    const c = await t.analyst.citation.create({
      eventId: e.id,
      sourceId,
      stance: "SUPPORTS",
      ...passage(text, "received in Tehran"),
    });
    await t.analyst.citation.delete({ citationId: c.id });
    await t.analyst.event.delete({ eventId: e.id, version: 2 });
    await t.admin.event.restore({ eventId: e.id });

    const history = await t.analyst.history.list({ targetType: "event", targetId: e.id });
    expect(history.map((h) => [h.version, h.action, h.actor.name])).toEqual([
      [1, "created", "Analyst"],
      [2, "updated", "Reviewer"],
      [2, "citation_added", "Analyst"],
      [2, "citation_removed", "Analyst"],
      [3, "deleted", "Analyst"],
      [4, "restored", "Admin"],
    ]);
    expect(history[0]!.snapshot).toMatchObject({
      title: "Delegation in Tehran",
      date: { start: { year: 2015 } },
      status: "DRAFT",
      tags: [],
      entities: [],
    });
    expect(history[1]!.snapshot).toMatchObject({
      title: "Taliban delegation in Tehran",
      date: { start: { year: 2015, month: 5 } },
      tags: ["visits"],
    });
    expect(history[2]!.snapshot).toMatchObject({
      citationId: c.id,
      sourceId,
      quote: "received in Tehran",
      stance: "SUPPORTS",
      sourceTitle: "Report",
    });
    expect(history.every((h) => h.createdAt instanceof Date && typeof h.id === "string")).toBe(true);

    // Each change has its audit row too, with before and after for the edit.
    const audit = await db.auditLog.findMany({
      where: { workspaceId: t.ws, targetId: { in: [e.id, c.id] } },
      orderBy: { id: "asc" },
      select: { action: true, before: true, after: true },
    });
    expect(audit.map((a) => a.action)).toEqual([
      "event.created",
      "event.updated",
      "citation.created",
      "citation.deleted",
      "event.deleted",
      "event.restored",
    ]);
    expect(audit[1]).toMatchObject({
      before: { title: "Delegation in Tehran", tags: [] },
      after: { title: "Taliban delegation in Tehran", tags: ["visits"] },
    });
  });

  it("restores the title of version 1 as a new version, which is itself in the history", async () => {
    const t = await curationTeam();
    const place = await t.analyst.entity.create({ workspaceId: t.ws, kind: "PLACE", name: "Tehran" });
    const e = await t.analyst.event.create({
      workspaceId: t.ws,
      ...eventInput(
        "Original title",
        { year: 2015 },
        { tags: ["first"], entities: [{ entityId: place.id, role: "PLACE" }] },
      ),
    });
    await t.analyst.event.update({
      eventId: e.id,
      version: 1,
      ...eventInput("Second title", { year: 2016, month: 2 }),
    });
    await t.analyst.event.update({ eventId: e.id, version: 2, ...eventInput("Third title", { year: 2017 }) });
    const first = (await t.analyst.history.list({ targetType: "event", targetId: e.id }))[0]!;

    const restored = await t.reviewer.event.restoreVersion({ eventId: e.id, revisionId: first.id, version: 3 });
    expect(restored).toMatchObject({ version: 4, title: "Original title", dateText: "2015", tags: ["first"] });
    expect((await t.analyst.event.get({ eventId: e.id })).entities.map((l) => l.name)).toEqual(["Tehran"]);

    const history = await t.analyst.history.list({ targetType: "event", targetId: e.id });
    expect(history.map((h) => [h.version, h.action])).toEqual([
      [1, "created"],
      [2, "updated"],
      [3, "updated"],
      [4, "restored_version"],
    ]);
    expect(history[3]!.snapshot).toMatchObject({ title: "Original title", status: "DRAFT" });
    expect(history[3]!.actor.name).toBe("Reviewer");
    expect(await db.auditLog.count({ where: { targetId: e.id, action: "event.version_restored" } })).toBe(1);
  });

  it("refuses a restore based on a stale version, and restores nothing", async () => {
    const t = await curationTeam();
    const e = await t.analyst.event.create({ workspaceId: t.ws, ...eventInput("Original title") });
    await t.analyst.event.update({ eventId: e.id, version: 1, ...eventInput("Newer title") });
    const [first] = await t.analyst.history.list({ targetType: "event", targetId: e.id });
    expect(
      (await refusal(t.analyst.event.restoreVersion({ eventId: e.id, revisionId: first!.id, version: 1 }))).code,
    ).toBe("CONFLICT");
    expect(await t.analyst.event.get({ eventId: e.id })).toMatchObject({ title: "Newer title", version: 2 });
    expect(await db.revision.count({ where: { targetId: e.id } })).toBe(2);
  });

  it("restores only this event's versions of its own fields", async () => {
    const t = await curationTeam();
    const text = "A passage to cite.";
    const sourceId = await sourceWithText(t, text);
    const e = await t.analyst.event.create({ workspaceId: t.ws, ...eventInput("This event") });
    const other = await t.analyst.event.create({ workspaceId: t.ws, ...eventInput("Other event") });
    await t.analyst.citation.create({ eventId: e.id, sourceId, stance: "SUPPORTS", ...passage(text, "A passage") });
    const [created, cited] = await t.analyst.history.list({ targetType: "event", targetId: e.id });
    const [otherCreated] = await t.analyst.history.list({ targetType: "event", targetId: other.id });

    expect(
      await outcome(t.analyst.event.restoreVersion({ eventId: e.id, revisionId: otherCreated!.id, version: 1 })),
    ).toBe("NOT_FOUND");
    expect(await outcome(t.analyst.event.restoreVersion({ eventId: e.id, revisionId: "999999999", version: 1 }))).toBe(
      "NOT_FOUND",
    );
    // A citation change is not a version of the event's fields.
    expect(await outcome(t.analyst.event.restoreVersion({ eventId: e.id, revisionId: cited!.id, version: 1 }))).toBe(
      "BAD_REQUEST",
    );
    expect(
      await outcome(t.analyst.event.restoreVersion({ eventId: e.id, revisionId: "not a number", version: 1 })),
    ).toBe("BAD_REQUEST");
    // Nothing is restored into an event in the trash.
    await t.analyst.event.delete({ eventId: e.id, version: 1 });
    expect(await outcome(t.analyst.event.restoreVersion({ eventId: e.id, revisionId: created!.id, version: 2 }))).toBe(
      "CONFLICT",
    );
    expect(await db.revision.count({ where: { targetId: e.id, action: "restored_version" } })).toBe(0);
  });

  it("is readable by contributors only, and only within their workspace", async () => {
    const t = await curationTeam();
    const e = await t.analyst.event.create({ workspaceId: t.ws, ...eventInput("Event") });
    // Published, so that viewers read the event itself, but not its history.
    await publish(t, e.id);
    for (const caller of [t.analyst, t.reviewer, t.admin]) {
      expect((await caller.history.list({ targetType: "event", targetId: e.id })).map((h) => h.action)).toEqual([
        "created",
        "submitted",
        "review_approve",
      ]);
    }
    expect(await t.viewer.event.get({ eventId: e.id })).toMatchObject({ status: "PUBLISHED" });
    expect(await outcome(t.viewer.history.list({ targetType: "event", targetId: e.id }))).toBe("FORBIDDEN");
    expect(await outcome(t.outsider.history.list({ targetType: "event", targetId: e.id }))).toBe("NOT_FOUND");
    expect(await outcome(t.analyst.history.list({ targetType: "event", targetId: "no-such-event" }))).toBe("NOT_FOUND");
    const [first] = await t.analyst.history.list({ targetType: "event", targetId: e.id });
    expect(await outcome(t.viewer.event.restoreVersion({ eventId: e.id, revisionId: first!.id, version: 1 }))).toBe(
      "FORBIDDEN",
    );
    expect(await outcome(t.outsider.event.restoreVersion({ eventId: e.id, revisionId: first!.id, version: 1 }))).toBe(
      "NOT_FOUND",
    );
  });
});

describe("source history", () => {
  it("records the creation and each metadata edit of a source", async () => {
    const t = await curationTeam();
    const sourceId = await sourceWithText(t, "Body.");
    await t.reviewer.source.update({
      sourceId,
      version: 1,
      kind: "REPORT",
      title: "Renamed report",
      publisherName: "Reuters",
      url: "https://example.org/r",
    });
    const history = await t.analyst.history.list({ targetType: "source", targetId: sourceId });
    expect(history.map((h) => [h.version, h.action, h.actor.name])).toEqual([
      [1, "created", "Analyst"],
      [2, "updated", "Reviewer"],
    ]);
    expect(history[0]!.snapshot).toMatchObject({ kind: "NEWS_REPORT", title: "Report", textLength: 5 });
    expect(history[1]!.snapshot).toMatchObject({
      kind: "REPORT",
      title: "Renamed report",
      publisherName: "Reuters",
      url: "https://example.org/r",
      textLength: 5,
    });
    expect(await outcome(t.viewer.history.list({ targetType: "source", targetId: sourceId }))).toBe("FORBIDDEN");
    expect(await outcome(t.outsider.history.list({ targetType: "source", targetId: sourceId }))).toBe("NOT_FOUND");
  });
});
