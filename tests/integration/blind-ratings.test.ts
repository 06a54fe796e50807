import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../server/db/client.ts";
import { loadBriefingForExport } from "../../server/services/briefing/index.ts";
import { callerFor } from "../helpers/caller.ts";
import { curationTeam, eventInput, passage, type CurationTeam } from "../helpers/curation.ts";
import { addMember, makeUser } from "../helpers/factories.ts";

/**
 * Blind-first voting holds in every procedure that carries a rating, read as
 * raw procedure output: a contributor who has neither voted nor skipped on a
 * target learns how many voted and nothing of what (no consensus, grade,
 * distribution, contest, checklist verdict, track record, rationale or audit
 * value); once they vote or skip, they see it all. Viewers, who cannot vote,
 * read the published consensus.
 */

type Caller = CurationTeam["analyst"];

/** Each rationale is unique, so a leak of any vote's text anywhere in an answer is caught by a plain search. */
const SECRET = "secret-rationale";

const QUOTE = "Envoys met provincial officials in Mashhad";
const HIDDEN_BOTH = { reliability: false, credibility: false };

let fx: {
  t: CurationTeam;
  /** Two admins: they may vote, review and read the audit log, and neither has voted on anything. */
  blind: Caller;
  blindId: string;
  late: Caller;
  lateId: string;
  source: { id: string; publisherId: string };
  /** Published, cited by the source, rated 2 by two voters; the origin rated B by the same two. */
  published: string;
  /** Waiting for review, cited by the source, rated 1 and 5: contested. */
  pending: string;
  publishedBriefing: string;
  draftBriefing: string;
  body: string;
};

async function newAdmin(t: CurationTeam, name: string) {
  const user = await makeUser({ name });
  await addMember(t.ws, user.id, "ADMIN");
  return { id: user.id, caller: (await callerFor(user.id)).caller };
}

beforeAll(async () => {
  const t = await curationTeam();
  const text = `Wire report: ${QUOTE} on Tuesday, the agency said.`;
  const created = await t.analyst.source.create({
    workspaceId: t.ws,
    kind: "NEWS_REPORT",
    title: "Wire report on the Mashhad meeting",
    text,
    publisherName: "Wire Agency",
  });
  if (created.status !== "created") throw new Error("expected a new source");
  const stored = await t.analyst.source.get({ sourceId: created.source.id });
  const source = { id: stored.id, publisherId: stored.publisher!.id };

  const cited = async (title: string) => {
    const e = await t.analyst.event.create({ workspaceId: t.ws, ...eventInput(title, { year: 2016, month: 3 }) });
    await t.analyst.citation.create({
      eventId: e.id,
      sourceId: source.id,
      stance: "SUPPORTS",
      ...passage(text, QUOTE),
    });
    const { round } = await t.analyst.review.submit({ eventId: e.id });
    return { id: e.id, round };
  };
  const pub = await cited("Envoys meet in Mashhad");
  await t.reviewer.review.decide({ eventId: pub.id, round: pub.round, decision: "APPROVE" });
  const pending = await cited("Border talks resume");

  let n = 0;
  const vote = (c: Caller, target: { eventId?: string; entityId?: string }, grade: string) =>
    c.vote.cast({ ...target, grade: grade as never, rationale: `${SECRET}-${++n}` });
  await vote(t.analyst, { eventId: pub.id }, "2");
  await vote(t.reviewer, { eventId: pub.id }, "2");
  await vote(t.analyst, { entityId: source.publisherId }, "B");
  await vote(t.reviewer, { entityId: source.publisherId }, "B");
  await vote(t.analyst, { eventId: pending.id }, "1");
  await vote(t.reviewer, { eventId: pending.id }, "5");

  const body = `Talks went on [@event:${pub.id}], as the wire reported [@source:${source.id}].`;
  const b = await t.analyst.briefing.create({ workspaceId: t.ws, title: "Where the talks stand" });
  const saved = await t.analyst.briefing.update({ id: b.id, version: b.version, summary: "Talks go on.", body });
  const { round } = await t.analyst.briefing.submit({ id: b.id, version: saved.version });
  await t.reviewer.briefing.decide({ id: b.id, round, decision: "APPROVE" });
  const d = await t.analyst.briefing.create({ workspaceId: t.ws, title: "Draft on the talks" });
  await t.analyst.briefing.update({ id: d.id, version: d.version, body });

  const late = await newAdmin(t, "Late admin");
  const blind = await newAdmin(t, "Blind admin");
  fx = {
    t,
    blind: blind.caller,
    blindId: blind.id,
    late: late.caller,
    lateId: late.id,
    source,
    published: pub.id,
    pending: pending.id,
    publishedBriefing: b.id,
    draftBriefing: d.id,
    body,
  };
});

/** Every procedure output that carries a rating, as one reader gets it. */
async function everything(c: Caller, userId?: string) {
  const { t, published, pending, source, body } = fx;
  const [events, queue, refs, eventPicks, sourcePicks, chronology, briefing, audit] = await Promise.all([
    c.event.list({ workspaceId: t.ws, limit: 50 }),
    c.review.queue({ workspaceId: t.ws, limit: 25 }),
    c.briefing.resolveRefs({ workspaceId: t.ws, body }),
    c.briefing.searchCitable({ workspaceId: t.ws, q: "Mashhad", kind: "event", limit: 12 }),
    c.briefing.searchCitable({ workspaceId: t.ws, q: "Wire report", kind: "source", limit: 12 }),
    c.briefing.chronology({ id: fx.draftBriefing }),
    c.briefing.get({ id: fx.publishedBriefing }),
    c.audit.list({ workspaceId: t.ws, action: "vote.", limit: 100 }),
  ]);
  return {
    eventSummary: await c.vote.summary({ eventId: published }),
    originSummary: await c.vote.summary({ entityId: source.publisherId }),
    pendingSummary: await c.vote.summary({ eventId: pending }),
    event: await c.event.get({ eventId: published }),
    events,
    queueItem: queue.items.find((i) => i.eventId === pending)!,
    refs,
    eventPick: eventPicks.find((p) => p.id === published)!,
    sourcePick: sourcePicks.find((p) => p.id === source.id)!,
    chronology,
    briefing,
    audit,
    exports: userId
      ? {
          published: await loadBriefingForExport({ userId }, fx.publishedBriefing, "published"),
          working: await loadBriefingForExport({ userId }, fx.draftBriefing, "working"),
        }
      : null,
  };
}

describe("a contributor who has not voted or skipped", () => {
  it("learns how many voted, and nothing of what, from every procedure that carries a rating", async () => {
    const r = await everything(fx.blind, fx.blindId);

    // The vote panels: counts only.
    for (const s of [r.eventSummary, r.originSummary, r.pendingSummary])
      expect(s).toMatchObject({ total: 2, canVote: true, revealed: false, aggregate: null, votes: [], myVote: null });
    // An origin's track record counts nothing the reader is still blind to.
    expect(r.originSummary.trackRecord).toEqual({
      published: 1,
      confirmedOrProbable: 0,
      doubtfulOrImprobable: 0,
      withheld: 1,
    });

    // The event page and the chronology: "??" with the number of votes.
    const hidden = {
      reliability: null,
      credibility: null,
      contested: false,
      votes: 2,
      hidden: { reliability: true, credibility: true },
    };
    expect(r.event.rating).toEqual(hidden);
    for (const id of [fx.published, fx.pending])
      expect(r.events.items.find((e) => e.id === id)!.rating, id).toEqual(hidden);

    // The review queue: neither the rating nor a checklist verdict that would give away agreement or contest.
    expect(r.queueItem.rating).toEqual(hidden);
    expect(r.queueItem.checklist).toEqual({ supportingQuote: true, consensusRating: null, noConflict: null });
    // The card's evidence names each source's reliability as hidden, not its grade.
    for (const c of r.queueItem.evidence.citations)
      expect(c.source.reliability).toEqual({ grade: null, hidden: true, contested: false });

    // The briefing preview, the citation picker and the chronology table.
    expect(r.refs.events).toMatchObject([{ id: fx.published, rating: "??", contested: false }]);
    expect(r.refs.sources).toMatchObject([{ id: fx.source.id, reliability: "?" }]);
    expect(r.eventPick.rating).toBe("??");
    expect(r.sourcePick.rating).toBe("?");
    expect(r.chronology).toContain("| ?? |");
    expect(r.chronology).not.toMatch(/B2|Not rated/);

    // A publication's frozen ratings, on screen and in its exports.
    const frozen = r.briefing.published!.cited;
    expect(frozen.events).toMatchObject([{ id: fx.published, rating: "??", contested: false }]);
    expect(frozen.sources).toMatchObject([{ id: fx.source.id, reliability: "?" }]);
    const approved = await db.briefingPublication.findFirstOrThrow({
      where: { briefingId: fx.publishedBriefing },
      select: { contentHash: true },
    });
    expect(r.exports!.published.doc.cited.events[0]!.rating).toBe("??");
    expect(r.exports!.published.doc.cited.sources[0]!.reliability).toBe("?");
    // A copy with grades withheld is not the approved document: it does not claim its hash.
    expect(r.exports!.published.doc.contentHash).not.toBe(approved.contentHash);
    expect(r.exports!.working.doc.cited.events[0]!.rating).toBe("??");

    // The audit log: others' votes without their grades or reasons.
    expect(r.audit.items.length).toBeGreaterThanOrEqual(6);
    for (const row of r.audit.items) {
      expect(row.before ?? row.after, row.action).toEqual({
        withheld: "Hidden until you vote or skip on this rating",
      });
    }

    // Not one rationale anywhere, whatever the field.
    expect(JSON.stringify(r)).not.toContain(SECRET);
  });

  it("sees each target once they vote or skip on it, and only that target", async () => {
    const { late } = fx;
    const before = await everything(late);
    expect(before.event.rating.hidden).toEqual({ reliability: true, credibility: true });

    // Voting on the event opens its credibility; the reliability still waits for the origin.
    expect((await late.vote.cast({ eventId: fx.published, grade: "2" })).rationaleRequest).toBeNull();
    const voted = await everything(late);
    expect(voted.event.rating).toEqual({
      reliability: null,
      credibility: "2",
      contested: false,
      votes: 3,
      hidden: { reliability: true, credibility: false },
    });
    expect(voted.refs.events[0]!.rating).toBe("?2");
    expect(voted.briefing.published!.cited.events[0]!.rating).toBe("?2");
    expect(voted.originSummary).toMatchObject({ revealed: false, aggregate: null });
    expect(voted.pendingSummary).toMatchObject({ revealed: false, aggregate: null });

    // Skipping the origin and voting on the pending event opens the rest.
    await late.vote.reveal({ entityId: fx.source.publisherId });
    await late.vote.cast({ eventId: fx.pending, grade: "4" });
    const r = await everything(late, fx.lateId);

    expect(r.eventSummary).toMatchObject({
      revealed: true,
      myVote: { grade: "2" },
      aggregate: { consensus: "2", distribution: { "2": 3 } },
    });
    expect(r.eventSummary.votes.map((v) => v.rationale)).toEqual([`${SECRET}-1`, `${SECRET}-2`, ""]);
    expect(r.originSummary).toMatchObject({ revealed: true, myVote: null, aggregate: { consensus: "B" } });
    expect(r.originSummary.trackRecord).toEqual({
      published: 1,
      confirmedOrProbable: 1,
      doubtfulOrImprobable: 0,
      withheld: 0,
    });
    const shown = { reliability: "B", credibility: "2", contested: false, votes: 3, hidden: HIDDEN_BOTH };
    expect(r.event.rating).toEqual(shown);
    expect(r.events.items.find((e) => e.id === fx.published)!.rating).toEqual(shown);
    // Votes 1, 4 and 5: consensus 4, spread wide enough to be contested.
    expect(r.queueItem.rating).toEqual({
      reliability: "B",
      credibility: "4",
      contested: true,
      votes: 3,
      hidden: HIDDEN_BOTH,
    });
    expect(r.queueItem.checklist).toEqual({ supportingQuote: true, consensusRating: true, noConflict: false });
    expect(r.refs.events[0]).toMatchObject({ rating: "B2", contested: false });
    expect(r.refs.sources[0]!.reliability).toBe("B");
    expect(r.eventPick.rating).toBe("B2");
    expect(r.sourcePick.rating).toBe("B");
    expect(r.chronology).toContain("| B2 |");
    // The frozen publication as approved, hash and all.
    expect(r.briefing.published!.cited.events[0]!.rating).toBe("B2");
    expect(r.briefing.published!.cited.sources[0]!.reliability).toBe("B");
    const approved = await db.briefingPublication.findFirstOrThrow({
      where: { briefingId: fx.publishedBriefing },
      select: { contentHash: true, cited: true },
    });
    expect(r.exports!.published.doc.contentHash).toBe(approved.contentHash);
    expect(r.exports!.published.doc.cited).toEqual(approved.cited);
    expect(r.exports!.working.doc.cited.events[0]!.rating).toBe("B2");
    // The audit log shows every vote's grade now.
    const others = r.audit.items.filter((row) => row.actor?.id !== fx.lateId);
    expect(others.length).toBeGreaterThanOrEqual(6);
    for (const row of others) expect(row.after, row.action).toMatchObject({ grade: expect.any(String) });

    // The first admin, who did nothing, is as blind as before.
    const still = await everything(fx.blind);
    expect(still.event.rating.hidden).toEqual({ reliability: true, credibility: true });
    expect(JSON.stringify(still)).not.toContain(SECRET);
  });
});

describe("readers who cannot vote", () => {
  it("see the published consensus as it is", async () => {
    const { viewer } = fx.t;
    const event = await viewer.event.get({ eventId: fx.published });
    expect(event.rating).toMatchObject({ reliability: "B", credibility: "2", hidden: HIDDEN_BOTH });
    expect(await viewer.vote.summary({ eventId: fx.published })).toMatchObject({
      canVote: false,
      revealed: true,
      aggregate: { consensus: "2" },
    });
    expect(await viewer.vote.summary({ entityId: fx.source.publisherId })).toMatchObject({
      revealed: true,
      aggregate: { consensus: "B" },
      trackRecord: { published: 1, confirmedOrProbable: 1, withheld: 0 },
    });
    const briefing = await viewer.briefing.get({ id: fx.publishedBriefing });
    expect(briefing.published!.cited.events[0]!.rating).toBe("B2");
    expect(briefing.published!.cited.sources[0]!.reliability).toBe("B");
  });
});

describe("one's own vote alone", () => {
  it("is not a consensus, for the voter; with a second voter it is", async () => {
    const { t } = fx;
    const e = await t.analyst.event.create({
      workspaceId: t.ws,
      ...eventInput("Only one vote so far", { year: 2017 }),
    });
    await t.analyst.vote.cast({ eventId: e.id, grade: "3" });

    const mine = await t.analyst.vote.summary({ eventId: e.id });
    expect(mine).toMatchObject({ total: 1, revealed: true, myVote: { grade: "3" } });
    expect(mine.aggregate).toMatchObject({
      consensus: null,
      agreement: null,
      contested: false,
      distribution: { "3": 1 },
    });
    expect((await t.analyst.event.get({ eventId: e.id })).rating).toMatchObject({
      credibility: null,
      votes: 1,
      hidden: { credibility: false },
    });
    // Another contributor is blind to it.
    expect((await t.reviewer.event.get({ eventId: e.id })).rating).toMatchObject({
      credibility: null,
      hidden: { credibility: true },
    });

    await t.reviewer.vote.cast({ eventId: e.id, grade: "3" });
    for (const c of [t.analyst, t.reviewer]) {
      expect((await c.vote.summary({ eventId: e.id })).aggregate).toMatchObject({ consensus: "3" });
      expect((await c.event.get({ eventId: e.id })).rating).toMatchObject({ credibility: "3" });
    }
  });

  it("stays open to whoever withdraws it: they have seen the votes", async () => {
    const { t } = fx;
    const e = await t.analyst.event.create({ workspaceId: t.ws, ...eventInput("Withdrawn vote", { year: 2018 }) });
    await t.analyst.vote.cast({ eventId: e.id, grade: "2" });
    await t.reviewer.vote.cast({ eventId: e.id, grade: "2" });
    await t.reviewer.vote.withdraw({ eventId: e.id });
    expect(await t.reviewer.vote.summary({ eventId: e.id })).toMatchObject({
      revealed: true,
      myVote: null,
      aggregate: { consensus: "2" },
    });
  });
});
