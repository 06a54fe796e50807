import { describe, expect, it } from "vitest";
import { db } from "../../server/db/client.ts";
import type { Grade } from "../../server/schemas/admiralty.ts";
import { callerFor } from "../helpers/caller.ts";
import {
  curationTeam,
  eventInput,
  outcome,
  passage,
  publish,
  refusal,
  type CurationTeam,
} from "../helpers/curation.ts";
import { addMember, makeUser } from "../helpers/factories.ts";

/**
 * Reliability and credibility votes (the Admiralty code) through the API: who
 * votes, on which axis, one current vote per voter with its history, the
 * rationale rule, blind voting, aggregation, the "1 — confirmed" suggestion,
 * an origin's track record, and what concurrent voting leaves in Postgres.
 */

type Caller = CurationTeam["analyst"];
type Stance = "SUPPORTS" | "CONTRADICTS" | "MENTIONS";

async function addEvent(t: CurationTeam, title = `Event ${Math.random().toString(36).slice(2)}`) {
  return t.analyst.event.create({ workspaceId: t.ws, ...eventInput(title, { year: 2016 }) });
}

/** A source with a publisher (the origin entity reliability votes are cast on). */
async function addSource(t: CurationTeam, title: string, publisherName: string) {
  const text = `${title}: Taliban envoys met Iranian officials in Mashhad, ${publisherName} reports.`;
  const r = await t.analyst.source.create({ workspaceId: t.ws, kind: "NEWS_REPORT", title, text, publisherName });
  if (r.status !== "created") throw new Error(`expected a new source, got a duplicate of ${r.existing.title}`);
  const stored = await t.analyst.source.get({ sourceId: r.source.id });
  if (!stored.publisher) throw new Error("expected the source to have a publisher");
  return { id: r.source.id, text: stored.text, publisherId: stored.publisher.id };
}

async function cite(
  t: CurationTeam,
  eventId: string,
  source: { id: string; text: string },
  stance: Stance = "SUPPORTS",
) {
  await t.analyst.citation.create({
    eventId,
    sourceId: source.id,
    stance,
    ...passage(source.text, "Taliban envoys met Iranian officials"),
  });
}

/** More contributors in the team's workspace, each with a caller of their own. */
async function contributors(t: CurationTeam, n: number, role: "ANALYST" | "REVIEWER" = "ANALYST"): Promise<Caller[]> {
  const callers: Caller[] = [];
  for (let i = 0; i < n; i++) {
    const user = await makeUser({ name: `Voter ${i + 1}` });
    await addMember(t.ws, user.id, role);
    callers.push((await callerFor(user.id)).caller);
  }
  return callers;
}

const votesOn = (target: { eventId?: string; entityId?: string }) =>
  db.vote.findMany({ where: target, select: { voterId: true, grade: true, rationale: true } });
const historyOf = (target: { eventId?: string; entityId?: string }) =>
  db.voteHistory.findMany({
    where: target,
    orderBy: { id: "asc" },
    select: { voterId: true, grade: true, rationale: true },
  });

describe("who votes", () => {
  it("lets analysts, reviewers and admins vote; viewers read the result; outsiders learn nothing", async () => {
    const t = await curationTeam();
    const event = await addEvent(t);
    await publish(t, event.id);
    const target = { eventId: event.id };

    for (const c of [t.analyst, t.reviewer, t.admin])
      expect(await outcome(c.vote.cast({ ...target, grade: "2" }))).toBe("ok");
    expect((await refusal(t.viewer.vote.cast({ ...target, grade: "2" }))).code).toBe("FORBIDDEN");
    expect(await outcome(t.viewer.vote.reveal(target))).toBe("FORBIDDEN");
    expect(await outcome(t.viewer.vote.withdraw(target))).toBe("FORBIDDEN");
    const outsiderCalls = {
      cast: () => t.outsider.vote.cast({ ...target, grade: "2" }),
      summary: () => t.outsider.vote.summary(target),
      reveal: () => t.outsider.vote.reveal(target),
      withdraw: () => t.outsider.vote.withdraw(target),
    };
    for (const [name, call] of Object.entries(outsiderCalls)) expect(await outcome(call()), name).toBe("NOT_FOUND");

    // The viewer sees the aggregate and the votes, but cannot vote.
    const seen = await t.viewer.vote.summary(target);
    expect(seen).toMatchObject({ axis: "CREDIBILITY", total: 3, canVote: false, revealed: true, myVote: null });
    expect(seen.aggregate).toMatchObject({ total: 3, consensus: "2" });
    expect(seen.votes.map((v) => v.voter).sort()).toEqual(["Admin", "Analyst", "Reviewer"]);

    const rows = await votesOn(target);
    expect(rows.map((r) => r.voterId).sort()).toEqual(
      [t.users.admin.id, t.users.analyst.id, t.users.reviewer.id].sort(),
    );
  });

  it("keeps unpublished events from viewers: they can neither see nor vote on them", async () => {
    const t = await curationTeam();
    const draft = await addEvent(t, "A draft");
    const target = { eventId: draft.id };
    await t.analyst.vote.cast({ ...target, grade: "3" });

    const viewerCalls = {
      summary: () => t.viewer.vote.summary(target),
      cast: () => t.viewer.vote.cast({ ...target, grade: "2" }),
      reveal: () => t.viewer.vote.reveal(target),
      withdraw: () => t.viewer.vote.withdraw(target),
    };
    for (const [name, call] of Object.entries(viewerCalls)) expect(await outcome(call()), name).toBe("NOT_FOUND");
    // Contributors see drafts and vote on them.
    expect((await t.reviewer.vote.summary(target)).total).toBe(1);
    // An event in the trash or one that never existed is not there for anybody.
    await t.analyst.event.delete({ eventId: draft.id, version: draft.version });
    expect(await outcome(t.analyst.vote.cast({ ...target, grade: "2" }))).toBe("NOT_FOUND");
    expect(await outcome(t.admin.vote.summary({ eventId: "does-not-exist" }))).toBe("NOT_FOUND");
    expect((await votesOn(target)).map((v) => v.grade)).toEqual(["3"]);
  });

  it("rates origins too: contributors vote, viewers read, outsiders get nothing", async () => {
    const t = await curationTeam();
    const source = await addSource(t, "Tasnim report", "Tasnim News");
    const target = { entityId: source.publisherId };
    await t.analyst.vote.cast({ ...target, grade: "C" });
    expect((await t.analyst.vote.summary(target)).myVote).toEqual({ grade: "C", rationale: "" });
    expect(await outcome(t.viewer.vote.cast({ ...target, grade: "C" }))).toBe("FORBIDDEN");
    expect(await outcome(t.outsider.vote.cast({ ...target, grade: "C" }))).toBe("NOT_FOUND");
    expect(await outcome(t.outsider.vote.summary(target))).toBe("NOT_FOUND");
    expect(await t.viewer.vote.summary(target)).toMatchObject({
      axis: "RELIABILITY",
      total: 1,
      canVote: false,
      revealed: true,
      aggregate: { consensus: "C" },
    });
  });
});

describe("the two axes", () => {
  it("rates people and organisations for reliability, never a place", async () => {
    const t = await curationTeam();
    const place = await t.analyst.entity.create({ workspaceId: t.ws, name: "Herat", kind: "PLACE" });
    const r = await refusal(t.analyst.vote.cast({ entityId: place.id, grade: "B" }));
    expect(r.code).toBe("BAD_REQUEST");
    expect(r.message).toMatch(/A place is not rated for reliability/);
    expect(await db.vote.count({ where: { entityId: place.id } })).toBe(0);
    // Reading is harmless: nobody has voted.
    expect((await t.analyst.vote.summary({ entityId: place.id })).total).toBe(0);
  });

  it("takes reliability (A–F) on origins and credibility (1–6) on events only, and stores nothing otherwise", async () => {
    const t = await curationTeam();
    const event = await addEvent(t);
    const source = await addSource(t, "Reuters wire", "Reuters");
    const entity = { entityId: source.publisherId };
    const ev = { eventId: event.id };

    const wrongAxis = [
      { ...entity, grade: "2" },
      { ...entity, grade: "6" },
      { ...ev, grade: "B" },
      { ...ev, grade: "F" },
    ];
    for (const input of wrongAxis) {
      const r = await refusal(t.analyst.vote.cast(input as never));
      expect(r.code, JSON.stringify(input)).toBe("BAD_REQUEST");
      expect(r.fieldErrors, JSON.stringify(input)).toHaveProperty("grade");
    }
    for (const grade of ["G", "7", "", "0", "b", " 2", "B2"]) {
      for (const target of [entity, ev]) {
        expect(
          await outcome(t.analyst.vote.cast({ ...target, grade } as never)),
          `${grade} on ${JSON.stringify(target)}`,
        ).toBe("BAD_REQUEST");
      }
    }
    // Exactly one target.
    expect(await outcome(t.analyst.vote.cast({ ...entity, ...ev, grade: "B" }))).toBe("BAD_REQUEST");
    expect(await outcome(t.analyst.vote.cast({ grade: "B" }))).toBe("BAD_REQUEST");
    expect(await outcome(t.analyst.vote.summary({}))).toBe("BAD_REQUEST");
    expect(await outcome(t.analyst.vote.summary({ ...entity, ...ev }))).toBe("BAD_REQUEST");

    expect(await db.vote.count({ where: { workspaceId: t.ws } })).toBe(0);
    expect(await db.voteHistory.count({ where: { workspaceId: t.ws } })).toBe(0);

    // The database holds the line too, whatever writes to it.
    await expect(
      db.vote.create({
        data: {
          workspaceId: t.ws,
          voterId: t.users.analyst.id,
          axis: "RELIABILITY",
          entityId: source.publisherId,
          grade: "2",
        },
      }),
    ).rejects.toThrow();
    await expect(
      db.vote.create({
        data: { workspaceId: t.ws, voterId: t.users.analyst.id, axis: "CREDIBILITY", eventId: event.id, grade: "B" },
      }),
    ).rejects.toThrow();
    await expect(
      db.vote.create({
        data: { workspaceId: t.ws, voterId: t.users.analyst.id, axis: "RELIABILITY", eventId: event.id, grade: "B" },
      }),
    ).rejects.toThrow();
    expect(await db.vote.count({ where: { workspaceId: t.ws } })).toBe(0);
  });
});

describe("one current vote, every change kept", () => {
  it("changes the vote in place, keeps each change in the history, and records a withdrawal as a null grade", async () => {
    const t = await curationTeam();
    const event = await addEvent(t);
    const target = { eventId: event.id };

    await t.analyst.vote.cast({ ...target, grade: "3", rationale: "One report so far" });
    expect((await t.analyst.vote.summary(target)).myVote).toEqual({ grade: "3", rationale: "One report so far" });
    await t.analyst.vote.cast({ ...target, grade: "2", rationale: "A second outlet confirms" });
    await t.analyst.vote.cast({ ...target, grade: "2", rationale: "Two outlets and an official statement" });
    const changed = await t.analyst.vote.summary(target);
    expect(changed).toMatchObject({
      total: 1,
      myVote: { grade: "2", rationale: "Two outlets and an official statement" },
    });

    expect(await votesOn(target)).toEqual([
      { voterId: t.users.analyst.id, grade: "2", rationale: "Two outlets and an official statement" },
    ]);
    expect((await historyOf(target)).map((h) => [h.grade, h.rationale])).toEqual([
      ["3", "One report so far"],
      ["2", "A second outlet confirms"],
      ["2", "Two outlets and an official statement"],
    ]);

    await t.analyst.vote.withdraw(target);
    expect(await t.analyst.vote.summary(target)).toMatchObject({ total: 0, myVote: null });
    expect(await votesOn(target)).toEqual([]);
    const history = await historyOf(target);
    expect(history).toHaveLength(4);
    expect(history[3]).toEqual({ voterId: t.users.analyst.id, grade: null, rationale: "" });
    // Withdrawing again changes nothing.
    await t.analyst.vote.withdraw(target);
    expect(await historyOf(target)).toHaveLength(4);

    // Voting again after a withdrawal starts a new current vote.
    await t.analyst.vote.cast({ ...target, grade: "4" });
    expect((await votesOn(target)).map((v) => v.grade)).toEqual(["4"]);
    expect((await historyOf(target)).map((h) => h.grade)).toEqual(["3", "2", "2", null, "4"]);

    const audit = await db.auditLog.findMany({
      where: { workspaceId: t.ws, targetType: "event", targetId: event.id, action: { startsWith: "vote." } },
      orderBy: { id: "asc" },
      select: { action: true },
    });
    expect(audit.map((a) => a.action)).toEqual([
      "vote.cast",
      "vote.changed",
      "vote.changed",
      "vote.withdrawn",
      "vote.cast",
    ]);
  });

  it("keeps one vote per voter and origin, separate from the same voter's votes elsewhere", async () => {
    const t = await curationTeam();
    const a = await addSource(t, "Tasnim", "Tasnim News");
    const b = await addSource(t, "BBC", "BBC Persian");
    await t.analyst.vote.cast({ entityId: a.publisherId, grade: "B" });
    await t.analyst.vote.cast({ entityId: a.publisherId, grade: "C" });
    await t.analyst.vote.cast({ entityId: b.publisherId, grade: "A" });
    await t.reviewer.vote.cast({ entityId: a.publisherId, grade: "D" });
    expect((await votesOn({ entityId: a.publisherId })).map((v) => [v.voterId, v.grade]).sort()).toEqual(
      [
        [t.users.analyst.id, "C"],
        [t.users.reviewer.id, "D"],
      ].sort(),
    );
    expect((await votesOn({ entityId: b.publisherId })).map((v) => v.grade)).toEqual(["A"]);
    expect((await historyOf({ entityId: a.publisherId })).map((h) => h.grade)).toEqual(["B", "C", "D"]);
  });
});

describe("the rationale rule", () => {
  it("refuses a voter who has seen the votes without a reason two or more steps from the others' consensus", async () => {
    const t = await curationTeam();
    const event = await addEvent(t);
    const target = { eventId: event.id };
    await t.analyst.vote.cast({ ...target, grade: "2" });
    await t.reviewer.vote.cast({ ...target, grade: "2" });
    // The admin skips first: the rule may now name what they have seen.
    await t.admin.vote.reveal(target);

    for (const rationale of [undefined, "", "   "]) {
      const r = await refusal(t.admin.vote.cast({ ...target, grade: "4", rationale }));
      expect(r.code).toBe("BAD_REQUEST");
      expect(r.fieldErrors?.rationale).toMatch(/others' consensus \(2\)/);
    }
    expect(await votesOn(target)).toHaveLength(2);
    expect(await historyOf(target)).toHaveLength(2);

    // One step away, or "cannot judge", needs no reason.
    for (const grade of ["3", "1", "6"] as const) {
      const r = await t.admin.vote.cast({ ...target, grade });
      expect(r.rationaleRequest, grade).toBeNull();
    }
    await t.admin.vote.cast({ ...target, grade: "5", rationale: "  The ministry denied it on the record.  " });
    expect(await t.admin.vote.summary(target)).toMatchObject({
      myVote: { grade: "5", rationale: "The ministry denied it on the record." },
      rationaleRequest: null,
    });
  });

  it("accepts a first, blind vote far from the others, then asks for the reason, naming the consensus only then", async () => {
    const t = await curationTeam();
    const event = await addEvent(t);
    const target = { eventId: event.id };
    await t.analyst.vote.cast({ ...target, grade: "2" });
    await t.reviewer.vote.cast({ ...target, grade: "2" });

    // Refusing would tell the blind voter how far their grade lies from the others: try one, then another.
    const cast = await t.admin.vote.cast({ ...target, grade: "5" });
    expect(cast).toEqual({ ok: true, grade: "5", rationaleRequest: { othersConsensus: "2" } });
    expect((await votesOn(target)).find((v) => v.voterId === t.users.admin.id)).toMatchObject({ grade: "5" });
    // Asked until answered, wherever the summary is read.
    const asked = await t.admin.vote.summary(target);
    expect(asked).toMatchObject({ revealed: true, rationaleRequest: { othersConsensus: "2" } });
    expect(asked.aggregate).toMatchObject({ distribution: { "2": 2, "5": 1 } });

    // From now on the voter has seen the votes: a change without a reason is refused as for anyone who has.
    expect((await refusal(t.admin.vote.cast({ ...target, grade: "4" }))).fieldErrors).toHaveProperty("rationale");
    await t.admin.vote.cast({ ...target, grade: "5", rationale: "The ministry denied it on the record." });
    expect((await t.admin.vote.summary(target)).rationaleRequest).toBeNull();
    // Nobody else is asked about it.
    expect((await t.analyst.vote.summary(target)).rationaleRequest).toBeNull();

    // A blind first vote close to the others, or with its reason, asks for nothing.
    const other = (await contributors(t, 2)) as [Caller, Caller];
    expect((await other[0].vote.cast({ ...target, grade: "3" })).rationaleRequest).toBeNull();
    expect((await other[1].vote.cast({ ...target, grade: "5", rationale: "Denied" })).rationaleRequest).toBeNull();
  });

  it("measures the distance from the other voters' consensus, not one that includes the voter's own vote", async () => {
    const t = await curationTeam();
    const event = await addEvent(t);
    const target = { eventId: event.id };
    // Alone, nobody's consensus to differ from.
    expect((await t.analyst.vote.cast({ ...target, grade: "5" })).rationaleRequest).toBeNull();
    expect((await t.reviewer.vote.cast({ ...target, grade: "1" })).rationaleRequest).toEqual({ othersConsensus: "5" });
    await t.reviewer.vote.cast({ ...target, grade: "1", rationale: "Footage of the meeting" });
    // The others say 1; with the analyst's own 5 counted the consensus would be 5, one step from 4.
    expect((await refusal(t.analyst.vote.cast({ ...target, grade: "4" }))).fieldErrors).toHaveProperty("rationale");
    expect((await votesOn(target)).find((v) => v.voterId === t.users.analyst.id)?.grade).toBe("5");
    expect(await outcome(t.analyst.vote.cast({ ...target, grade: "2" }))).toBe("ok");
  });

  it("never asks for a reason for F, nor against a consensus of F", async () => {
    const t = await curationTeam();
    const judged = await addSource(t, "Reuters", "Reuters");
    const unjudged = await addSource(t, "Blog", "Anonymous blog");
    await t.analyst.vote.cast({ entityId: judged.publisherId, grade: "A" });
    await t.reviewer.vote.cast({ entityId: judged.publisherId, grade: "A" });
    expect(await outcome(t.admin.vote.cast({ entityId: judged.publisherId, grade: "F" }))).toBe("ok");
    expect((await refusal(t.admin.vote.cast({ entityId: judged.publisherId, grade: "C" }))).fieldErrors).toHaveProperty(
      "rationale",
    );

    await t.analyst.vote.cast({ entityId: unjudged.publisherId, grade: "F" });
    await t.reviewer.vote.cast({ entityId: unjudged.publisherId, grade: "F" });
    expect(await outcome(t.admin.vote.cast({ entityId: unjudged.publisherId, grade: "E" }))).toBe("ok");
    expect(await outcome(t.admin.vote.cast({ entityId: unjudged.publisherId, grade: "A" }))).toBe("ok");
  });
});

describe("blind voting", () => {
  it("hides the others' votes from a contributor until they vote or skip, but says how many voted", async () => {
    const t = await curationTeam();
    const event = await addEvent(t);
    const target = { eventId: event.id };
    await t.analyst.vote.cast({ ...target, grade: "2", rationale: "Two outlets report it" });
    await t.admin.vote.cast({ ...target, grade: "3" });

    const blind = await t.reviewer.vote.summary(target);
    expect(blind).toMatchObject({ total: 2, canVote: true, revealed: false, myVote: null, aggregate: null, votes: [] });

    // Skipping shows everything, and lasts.
    const skipped = await t.reviewer.vote.reveal(target);
    expect(skipped).toMatchObject({
      total: 2,
      revealed: true,
      myVote: null,
      aggregate: { total: 2, distribution: { "2": 1, "3": 1 }, consensus: "3" },
    });
    expect(skipped.votes.map((v) => [v.voter, v.grade, v.rationale])).toEqual([
      ["Analyst", "2", "Two outlets report it"],
      ["Admin", "3", ""],
    ]);
    expect((await t.reviewer.vote.summary(target)).revealed).toBe(true);
    await t.reviewer.vote.reveal(target);
    expect(await votesOn(target)).toHaveLength(2);

    // Another contributor is still blind, until they vote.
    const other = (await contributors(t, 1))[0]!;
    expect((await other.vote.summary(target)).revealed).toBe(false);
    await other.vote.cast({ ...target, grade: "2" });
    const voted = await other.vote.summary(target);
    expect(voted).toMatchObject({
      total: 3,
      revealed: true,
      myVote: { grade: "2" },
      aggregate: { distribution: { "2": 2, "3": 1 }, consensus: "2" },
    });
    expect(voted.votes.map((v) => v.grade)).toEqual(["2", "3", "2"]);
    expect(voted.votes[0]!.rationale).toBe("Two outlets report it");
  });

  it("is blind on origins as well", async () => {
    const t = await curationTeam();
    const source = await addSource(t, "Tasnim", "Tasnim News");
    const target = { entityId: source.publisherId };
    await t.analyst.vote.cast({ ...target, grade: "D", rationale: "State-run" });
    expect(await t.reviewer.vote.summary(target)).toMatchObject({
      total: 1,
      revealed: false,
      aggregate: null,
      votes: [],
    });
    expect(await t.viewer.vote.summary(target)).toMatchObject({
      total: 1,
      revealed: true,
      votes: [{ grade: "D", rationale: "State-run" }],
    });
  });
});

describe("aggregation", () => {
  it("counts each grade, keeps 'cannot judge' apart, and takes the cautious median", async () => {
    const t = await curationTeam();
    const event = await addEvent(t);
    const target = { eventId: event.id };
    const voters = [t.analyst, t.reviewer, t.admin, ...(await contributors(t, 4))];
    const grades: Grade[] = ["1", "2", "2", "3", "5", "6", "6"];
    for (const [i, grade] of grades.entries())
      await voters[i]!.vote.cast({ ...target, grade, rationale: `Reason ${i}` });
    await publish(t, event.id);

    const s = await t.viewer.vote.summary(target);
    expect(s.aggregate).toMatchObject({
      distribution: { "1": 1, "2": 2, "3": 1, "4": 0, "5": 1, "6": 2 },
      total: 7,
      judgeable: 5,
      cannotJudge: 2,
      // Were 6 counted as a number, the median of the seven votes would be 3.
      consensus: "2",
      contested: false,
    });
  });

  it("takes the more cautious middle grade for an even split and flags an interquartile range of two steps as contested", async () => {
    const t = await curationTeam();
    const [a, b, c, d] = [t.analyst, t.reviewer, t.admin, ...(await contributors(t, 1))] as [
      Caller,
      Caller,
      Caller,
      Caller,
    ];
    const even = { eventId: (await addEvent(t)).id };
    await a.vote.cast({ ...even, grade: "2" });
    await b.vote.cast({ ...even, grade: "3" });
    expect((await a.vote.summary(even)).aggregate).toMatchObject({ consensus: "3", contested: false });

    const split = { eventId: (await addEvent(t)).id };
    for (const [voter, grade] of [
      [a, "2"],
      [b, "2"],
      [c, "4"],
      [d, "4"],
    ] as const)
      await voter.vote.cast({ ...split, grade, rationale: "Disagree" });
    expect((await a.vote.summary(split)).aggregate).toMatchObject({ consensus: "4", spread: 2, contested: true });

    const origin = { entityId: (await addSource(t, "Wire", "Wire service")).publisherId };
    for (const [voter, grade] of [
      [a, "A"],
      [b, "B"],
      [c, "F"],
    ] as const)
      await voter.vote.cast({ ...origin, grade });
    expect((await a.vote.summary(origin)).aggregate).toMatchObject({
      distribution: { A: 1, B: 1, C: 0, D: 0, E: 0, F: 1 },
      judgeable: 2,
      cannotJudge: 1,
      consensus: "B",
      contested: false,
    });

    const unknowable = { eventId: (await addEvent(t)).id };
    await a.vote.cast({ ...unknowable, grade: "6" });
    await b.vote.cast({ ...unknowable, grade: "6" });
    expect((await a.vote.summary(unknowable)).aggregate).toMatchObject({
      consensus: "6",
      judgeable: 0,
      cannotJudge: 2,
      contested: false,
    });
  });
});

describe("suggesting '1 — confirmed'", () => {
  it("suggests it only when the supporting citations come from two or more independent origins", async () => {
    const t = await curationTeam();
    const tasnim1 = await addSource(t, "Tasnim first report", "Tasnim News");
    const tasnim2 = await addSource(t, "Tasnim follow-up", "tasnim news");
    const bbc = await addSource(t, "BBC Persian report", "BBC Persian");
    const reuters = await addSource(t, "Reuters report", "Reuters");

    const samePublisher = await addEvent(t, "Same publisher twice");
    await cite(t, samePublisher.id, tasnim1);
    await cite(t, samePublisher.id, tasnim2);
    // A contradicting or merely mentioning source is no confirmation.
    await cite(t, samePublisher.id, bbc, "CONTRADICTS");
    await cite(t, samePublisher.id, reuters, "MENTIONS");
    expect((await t.analyst.vote.summary({ eventId: samePublisher.id })).suggestion).toEqual({
      grade: "1",
      supportingSources: 2,
      independentOrigins: 1,
      suggested: false,
    });

    const independent = await addEvent(t, "Two publishers");
    await cite(t, independent.id, tasnim1);
    await cite(t, independent.id, bbc);
    expect((await t.analyst.vote.summary({ eventId: independent.id })).suggestion).toEqual({
      grade: "1",
      supportingSources: 2,
      independentOrigins: 2,
      suggested: true,
    });
    await publish(t, independent.id);
    expect((await t.viewer.vote.summary({ eventId: independent.id })).suggestion).toMatchObject({ suggested: true });

    const uncited = await addEvent(t, "No citations");
    expect((await t.analyst.vote.summary({ eventId: uncited.id })).suggestion).toEqual({
      grade: "1",
      supportingSources: 0,
      independentOrigins: 0,
      suggested: false,
    });
    // Origins have no such suggestion.
    expect((await t.analyst.vote.summary({ entityId: bbc.publisherId })).suggestion).toBeNull();
  });
});

describe("an origin's track record", () => {
  it("counts its published events that ended up confirmed or probable against doubtful or improbable", async () => {
    const t = await curationTeam();
    const tasnim = await addSource(t, "Tasnim report", "Tasnim News");
    const bbc = await addSource(t, "BBC report", "BBC Persian");
    const [a, b] = [t.analyst, t.reviewer];

    const outcomes: { title: string; grades: Grade[]; published: boolean; alsoBbc?: boolean }[] = [
      { title: "Confirmed", grades: ["1", "1"], published: true, alsoBbc: true },
      { title: "Probable", grades: ["2", "1"], published: true },
      { title: "Possible", grades: ["3"], published: true },
      { title: "Doubtful", grades: ["4", "4"], published: true },
      { title: "Improbable", grades: ["5"], published: true },
      { title: "Cannot judge", grades: ["6"], published: true },
      { title: "Not rated yet", grades: [], published: true },
      { title: "Confirmed draft", grades: ["1"], published: false },
      { title: "Improbable draft", grades: ["5"], published: false },
    ];
    for (const o of outcomes) {
      const event = await addEvent(t, o.title);
      await cite(t, event.id, tasnim);
      if (o.alsoBbc) await cite(t, event.id, bbc);
      for (const [i, grade] of o.grades.entries())
        await [a, b][i]!.vote.cast({ eventId: event.id, grade, rationale: "Seen" });
      if (o.published) await publish(t, event.id);
    }
    // A published event in the trash no longer counts.
    const trashed = await addEvent(t, "Trashed");
    await cite(t, trashed.id, tasnim);
    await a.vote.cast({ eventId: trashed.id, grade: "1" });
    await publish(t, trashed.id);
    await db.event.update({ where: { id: trashed.id }, data: { deletedAt: new Date() } });

    expect((await t.viewer.vote.summary({ entityId: tasnim.publisherId })).trackRecord).toEqual({
      confirmedOrProbable: 2,
      doubtfulOrImprobable: 2,
      published: 7,
      withheld: 0,
    });
    expect((await t.analyst.vote.summary({ entityId: bbc.publisherId })).trackRecord).toEqual({
      confirmedOrProbable: 1,
      doubtfulOrImprobable: 0,
      published: 1,
      withheld: 0,
    });
    expect(
      (await t.analyst.vote.summary({ entityId: (await addSource(t, "New outlet", "New outlet")).publisherId }))
        .trackRecord,
    ).toEqual({
      confirmedOrProbable: 0,
      doubtfulOrImprobable: 0,
      published: 0,
      withheld: 0,
    });
  });

  it("counts only the events the origin reported, not those it contradicted", async () => {
    const t = await curationTeam();
    const tasnim = await addSource(t, "Tasnim denial", "Tasnim News");
    const denied = await addEvent(t, "An event Tasnim denied, judged improbable");
    await cite(t, denied.id, tasnim, "CONTRADICTS");
    await t.analyst.vote.cast({ eventId: denied.id, grade: "5" });
    await publish(t, denied.id);
    expect((await t.analyst.vote.summary({ entityId: tasnim.publisherId })).trackRecord).toEqual({
      confirmedOrProbable: 0,
      doubtfulOrImprobable: 0,
      published: 0,
      withheld: 0,
    });
  });
});

describe("concurrent voting on real Postgres", () => {
  it("records fifty analysts voting on one event at the same moment, one vote each", async () => {
    const t = await curationTeam();
    const event = await addEvent(t);
    const target = { eventId: event.id };
    const voters = await contributors(t, 50);
    // 30 say 2 and 20 say 3: one step apart, so no order of arrival asks for a rationale.
    const grades = voters.map((_, i) => (i % 5 < 3 ? "2" : "3"));

    const results = await Promise.allSettled(voters.map((v, i) => v.vote.cast({ ...target, grade: grades[i]! })));
    expect(
      results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason)),
    ).toEqual([]);

    const rows = await votesOn(target);
    expect(rows).toHaveLength(50);
    expect(new Set(rows.map((r) => r.voterId)).size).toBe(50);
    expect(await db.voteHistory.count({ where: target })).toBe(50);
    const s = await t.analyst.vote.reveal(target);
    expect(s.total).toBe(50);
    expect(s.aggregate).toMatchObject({
      total: 50,
      judgeable: 50,
      distribution: { "2": 30, "3": 20 },
      consensus: "2",
      contested: false,
    });
  });

  it("leaves one current vote when one analyst submits ten times at once, with every submission in the history", async () => {
    const t = await curationTeam();
    const event = await addEvent(t);
    const target = { eventId: event.id };
    const submitted: Grade[] = ["1", "2", "3", "4", "5", "6", "2", "3", "1", "5"];

    const results = await Promise.allSettled(
      submitted.map((grade, i) => t.analyst.vote.cast({ ...target, grade, rationale: `Submission ${i}` })),
    );
    expect(
      results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason)),
    ).toEqual([]);

    const rows = await votesOn(target);
    expect(rows).toHaveLength(1);
    expect(submitted).toContain(rows[0]!.grade);
    const history = await historyOf(target);
    expect(history).toHaveLength(10);
    expect(history.map((h) => h.rationale).sort()).toEqual(submitted.map((_, i) => `Submission ${i}`).sort());
    // The current vote is the one written last.
    expect([history.at(-1)!.grade, history.at(-1)!.rationale]).toEqual([rows[0]!.grade, rows[0]!.rationale]);

    // The audit trail is one chain: one first vote, then nine changes, each starting where the one before ended.
    const audit = await db.auditLog.findMany({
      where: { targetId: event.id, action: { startsWith: "vote." } },
      orderBy: { id: "asc" },
      select: { action: true, before: true, after: true },
    });
    expect(audit.map((a) => a.action)).toEqual(["vote.cast", ...Array<string>(9).fill("vote.changed")]);
    for (let i = 1; i < audit.length; i++) expect(audit[i]!.before, `audit row ${i}`).toEqual(audit[i - 1]!.after);
    expect(audit.at(-1)!.after).toEqual({ grade: rows[0]!.grade, rationale: rows[0]!.rationale });
  });

  it("leaves one current vote for identical double submissions, on events and on origins", async () => {
    const t = await curationTeam();
    const event = await addEvent(t);
    const origin = { entityId: (await addSource(t, "Wire", "Wire service")).publisherId };
    await Promise.all(Array.from({ length: 10 }, () => t.reviewer.vote.cast({ eventId: event.id, grade: "2" })));
    await Promise.all(Array.from({ length: 10 }, () => t.reviewer.vote.cast({ ...origin, grade: "B" })));
    expect((await votesOn({ eventId: event.id })).map((v) => v.grade)).toEqual(["2"]);
    expect((await votesOn(origin)).map((v) => v.grade)).toEqual(["B"]);
    expect(await db.voteHistory.count({ where: { eventId: event.id } })).toBe(10);
    expect(await db.voteHistory.count({ where: origin })).toBe(10);
  });
});
