import { randomBytes } from "node:crypto";
import { type TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { callerFor } from "../helpers/caller.ts";
import { curationTeam, eventInput, passage, type CurationTeam } from "../helpers/curation.ts";
import { addMember, makeUser } from "../helpers/factories.ts";

/**
 * A member of one workspace who passes ids of another workspace to the
 * procedures of their own learns nothing from the answer: it is exactly the
 * answer to ids that do not exist at all. (auth-matrix.test.ts checks the same
 * for outsiders calling with this workspace's ids.)
 */

type Fixture = {
  t: CurationTeam;
  mine: { event: string; source: string; sourceText: string; entity: string };
  theirs: { event: string; draftEvent: string; source: string; entity: string };
  unknown: { event: string; draftEvent: string; source: string; entity: string };
};

let fx: Fixture;

/** An id of the same shape as Prisma's, that names nothing. */
const unknownId = () => `c${randomBytes(12).toString("hex")}`;

beforeAll(async () => {
  const t = await curationTeam();
  // This workspace's own material, written by its analyst.
  const text = "Officials from both sides met in Herat to discuss water rights.";
  const created = await t.analyst.source.create({
    workspaceId: t.ws,
    kind: "NEWS_REPORT",
    title: "Water talks",
    publisherName: "Herat Weekly",
    text,
  });
  if (created.status !== "created") throw new Error("expected a new source");
  const event = await t.analyst.event.create({ workspaceId: t.ws, ...eventInput("Water talks in Herat") });
  const entity = await t.analyst.entity.create({ workspaceId: t.ws, kind: "PLACE", name: "Herat" });

  // The other workspace's material, written by its admin (the outsider here).
  const theirEvent = await t.outsider.event.create({ workspaceId: t.other.id, ...eventInput("Elsewhere, published") });
  // Published through the other workspace's own review: its admin submits, a reviewer there approves.
  const theirReviewer = await makeUser({ name: "Their reviewer" });
  await addMember(t.other.id, theirReviewer.id, "REVIEWER");
  const { round } = await t.outsider.review.submit({ eventId: theirEvent.id });
  await (
    await callerFor(theirReviewer.id)
  ).caller.review.decide({ eventId: theirEvent.id, round, decision: "APPROVE" });
  const theirDraft = await t.outsider.event.create({ workspaceId: t.other.id, ...eventInput("Elsewhere, a draft") });
  const theirSource = await t.outsider.source.create({
    workspaceId: t.other.id,
    kind: "REPORT",
    title: "Their report",
    text: "Words that belong to another team entirely.",
  });
  if (theirSource.status !== "created") throw new Error("expected a new source");
  const theirEntity = await t.outsider.entity.create({ workspaceId: t.other.id, kind: "PLACE", name: "Zaranj" });

  fx = {
    t,
    mine: { event: event.id, source: created.source.id, sourceText: text, entity: entity.id },
    theirs: { event: theirEvent.id, draftEvent: theirDraft.id, source: theirSource.source.id, entity: theirEntity.id },
    unknown: { event: unknownId(), draftEvent: unknownId(), source: unknownId(), entity: unknownId() },
  };
});

/** The same call with their ids and with unknown ids, each answer with the ids replaced by their role. */
async function bothWays<T>(call: (ids: Fixture["theirs"]) => Promise<T>) {
  const settle = (p: Promise<T>) =>
    p.then(
      (value) => ({ ok: true as const, value: JSON.stringify(value) }),
      (e: unknown) => ({
        ok: false as const,
        value: JSON.stringify({ code: (e as TRPCError).code, message: (e as TRPCError).message }),
      }),
    );
  const plain = (json: string, ids: Fixture["theirs"]) =>
    Object.entries(ids).reduce((s, [role, id]) => s.split(id).join(`<${role}>`), json);
  const theirs = await settle(call(fx.theirs));
  const unknown = await settle(call(fx.unknown));
  return {
    theirs: { ...theirs, value: plain(theirs.value, fx.theirs) },
    unknown: { ...unknown, value: plain(unknown.value, fx.unknown) },
  };
}

describe("briefing.resolveRefs", () => {
  it("answers for another workspace's events and sources exactly as for ids that do not exist", async () => {
    const { theirs, unknown } = await bothWays((ids) =>
      fx.t.analyst.briefing.resolveRefs({
        workspaceId: fx.t.ws,
        summary: `Also seen [@source:${ids.source}].`,
        body: `Talks [@event:${fx.mine.event}] and [@event:${ids.event}], [@event:${ids.draftEvent}], [@source:${ids.source}].`,
        keyJudgments: [{ statement: "Likely.", eventIds: [ids.event], sourceIds: [ids.source] }],
        refs: [
          { kind: "event", id: ids.event },
          { kind: "source", id: ids.source },
        ],
      }),
    );
    expect(theirs.ok).toBe(true);
    expect(theirs.value).toBe(unknown.value);
    // And what that answer is: nothing of theirs, every one of their ids reported as missing.
    const resolved = JSON.parse(theirs.value) as {
      events: { id: string }[];
      sources: unknown[];
      problems: { id: string; reason: string }[];
    };
    expect(resolved.events.map((e) => e.id)).toEqual([fx.mine.event]);
    expect(resolved.sources).toEqual([]);
    // (Our own event is a draft, reported as unpublished.)
    const aboutTheirs = resolved.problems.filter((p) => p.id !== fx.mine.event);
    expect(aboutTheirs.map((p) => [p.id, p.reason]).sort()).toEqual([
      ["<draftEvent>", "missing"],
      ["<event>", "missing"],
      ["<source>", "missing"],
    ]);
    expect(theirs.value).not.toContain("Elsewhere");
    expect(theirs.value).not.toContain("another workspace");
  });

  it("refuses a submission citing them with the same message as for unknown ids", async () => {
    const { theirs, unknown } = await bothWays(async (ids) => {
      const b = await fx.t.analyst.briefing.create({ workspaceId: fx.t.ws, title: "Cites a stranger" });
      const saved = await fx.t.analyst.briefing.update({
        id: b.id,
        version: b.version,
        body: `See [@event:${ids.event}] and [@source:${ids.source}].`,
      });
      return fx.t.analyst.briefing.submit({ id: b.id, version: saved.version });
    });
    expect(theirs.ok).toBe(false);
    expect(theirs.value).toBe(unknown.value);
  });

  it("the citation picker finds nothing of theirs", async () => {
    const found = await fx.t.analyst.briefing.searchCitable({ workspaceId: fx.t.ws, q: "Elsewhere", kind: "all" });
    expect(found).toEqual([]);
  });
});

describe("other procedures given another workspace's ids", () => {
  const cases: [string, (ids: Fixture["theirs"]) => Promise<unknown>][] = [
    [
      "citation.create on their event",
      (ids) =>
        fx.t.analyst.citation.create({
          eventId: ids.event,
          sourceId: fx.mine.source,
          stance: "SUPPORTS",
          ...passage(fx.mine.sourceText, "met in Herat"),
        }),
    ],
    [
      "citation.create from their source",
      (ids) =>
        fx.t.analyst.citation.create({
          eventId: fx.mine.event,
          sourceId: ids.source,
          stance: "SUPPORTS",
          ...passage(fx.mine.sourceText, "met in Herat"),
        }),
    ],
    [
      "event.create naming their entity",
      (ids) =>
        fx.t.analyst.event.create({
          workspaceId: fx.t.ws,
          ...eventInput(
            "Names a stranger's place",
            { year: 2016 },
            { entities: [{ entityId: ids.entity, role: "PLACE" }] },
          ),
        }),
    ],
    [
      "entity.merge into their entity",
      (ids) => fx.t.analyst.entity.merge({ fromEntityId: fx.mine.entity, intoEntityId: ids.entity }),
    ],
    [
      "entity.merge of their entity into ours",
      (ids) => fx.t.analyst.entity.merge({ fromEntityId: ids.entity, intoEntityId: fx.mine.entity }),
    ],
    [
      "source.update derived from their source",
      (ids) =>
        fx.t.analyst.source.update({
          sourceId: fx.mine.source,
          version: 1,
          kind: "NEWS_REPORT",
          title: "Water talks",
          derivedFromId: ids.source,
        }),
    ],
    ["event.get of their event", (ids) => fx.t.analyst.event.get({ eventId: ids.event })],
    ["source.get of their source", (ids) => fx.t.analyst.source.get({ sourceId: ids.source })],
    ["entity.get of their entity", (ids) => fx.t.analyst.entity.get({ entityId: ids.entity })],
    ["vote.summary of their event", (ids) => fx.t.analyst.vote.summary({ eventId: ids.event })],
    ["vote.cast on their event", (ids) => fx.t.analyst.vote.cast({ eventId: ids.event, grade: "2", rationale: "x" })],
    [
      "history.list of their source",
      (ids) => fx.t.analyst.history.list({ targetType: "source", targetId: ids.source }),
    ],
  ];

  it.each(cases)("%s", async (_name, call) => {
    const { theirs, unknown } = await bothWays(call);
    expect(theirs.ok).toBe(false);
    expect(theirs.value).toBe(unknown.value);
  });
});
