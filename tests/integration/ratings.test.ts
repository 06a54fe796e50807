import { beforeAll, describe, expect, it } from "vitest";
import type { Grade } from "../../server/schemas/admiralty.ts";
import { PUBLISHED_VIEW, ratingsForEvents, reliabilityOf, type EventRating } from "../../server/services/vote/index.ts";
import { callerFor } from "../helpers/caller.ts";
import { curationTeam, eventInput, passage, publish, type CurationTeam } from "../helpers/curation.ts";
import { addMember, makeUser } from "../helpers/factories.ts";

/**
 * Ratings such as "B2" next to events: the credibility consensus of the
 * event's votes, and the reliability of the origins of its supporting sources
 * (the cautious median of their consensus grades), for a whole page at once.
 * That the page costs a constant number of queries is the benchmark's to show;
 * here, that every event of a page gets the right rating.
 */

type Caller = CurationTeam["analyst"];
type Stance = "SUPPORTS" | "CONTRADICTS" | "MENTIONS";
type Source = { id: string; text: string; publisherId: string };

const QUOTE = "Taliban envoys met Iranian officials";

async function addSource(t: CurationTeam, title: string, publisherName: string): Promise<Source> {
  const text = `${title}: ${QUOTE} in Mashhad, ${publisherName} reports.`;
  const r = await t.analyst.source.create({ workspaceId: t.ws, kind: "NEWS_REPORT", title, text, publisherName });
  if (r.status !== "created") throw new Error(`expected a new source, got a duplicate of ${r.existing.title}`);
  const stored = await t.analyst.source.get({ sourceId: r.source.id });
  if (!stored.publisher) throw new Error("expected the source to have a publisher");
  return { id: r.source.id, text: stored.text, publisherId: stored.publisher.id };
}

const SHOWN = { reliability: false, credibility: false };

type Case = { cited: [keyof Sources, Stance][]; credibility: Grade[]; expected: EventRating };
type Sources = Record<"reuters1" | "reuters2" | "bbc" | "tasnim" | "blog" | "unrated", Source>;

/**
 * Origins: Reuters rated A, BBC Persian B, Tasnim D, an anonymous blog F
 * (cannot be judged), and an outlet nobody rated.
 */
const CASES: Case[] = [
  {
    cited: [],
    credibility: [],
    expected: { reliability: null, credibility: null, contested: false, votes: 0, hidden: SHOWN },
  },
  {
    cited: [["reuters1", "SUPPORTS"]],
    credibility: ["2", "2"],
    expected: { reliability: "A", credibility: "2", contested: false, votes: 2, hidden: SHOWN },
  },
  // Two origins, A and D: the more cautious middle one. Votes 1 and 5: cautious median 5, contested.
  {
    cited: [
      ["reuters1", "SUPPORTS"],
      ["tasnim", "SUPPORTS"],
    ],
    credibility: ["1", "5"],
    expected: { reliability: "D", credibility: "5", contested: true, votes: 2, hidden: SHOWN },
  },
  {
    cited: [["unrated", "SUPPORTS"]],
    credibility: ["6"],
    expected: { reliability: null, credibility: "6", contested: false, votes: 1, hidden: SHOWN },
  },
  // A contradicting source's origin does not lend the event its reliability.
  {
    cited: [
      ["tasnim", "SUPPORTS"],
      ["reuters1", "CONTRADICTS"],
    ],
    credibility: ["3"],
    expected: { reliability: "D", credibility: "3", contested: false, votes: 1, hidden: SHOWN },
  },
  {
    cited: [
      ["reuters1", "SUPPORTS"],
      ["bbc", "SUPPORTS"],
      ["tasnim", "SUPPORTS"],
    ],
    credibility: ["2", "3"],
    expected: { reliability: "B", credibility: "3", contested: false, votes: 2, hidden: SHOWN },
  },
  // F is left out of the origins' median, 6 out of the event's.
  {
    cited: [
      ["blog", "SUPPORTS"],
      ["bbc", "SUPPORTS"],
    ],
    credibility: ["6", "2"],
    expected: { reliability: "B", credibility: "2", contested: false, votes: 2, hidden: SHOWN },
  },
  {
    cited: [["reuters1", "MENTIONS"]],
    credibility: ["4"],
    expected: { reliability: null, credibility: "4", contested: false, votes: 1, hidden: SHOWN },
  },
  // Two Reuters articles are one origin: A and D, not A, A and D.
  {
    cited: [
      ["reuters1", "SUPPORTS"],
      ["reuters2", "SUPPORTS"],
      ["tasnim", "SUPPORTS"],
    ],
    credibility: ["1", "1"],
    expected: { reliability: "D", credibility: "1", contested: false, votes: 2, hidden: SHOWN },
  },
  {
    cited: [["blog", "SUPPORTS"]],
    credibility: ["1", "3", "5"],
    expected: { reliability: null, credibility: "3", contested: true, votes: 3, hidden: SHOWN },
  },
];

let fx: { t: CurationTeam; sources: Sources; events: { id: string; expected: EventRating }[] };

beforeAll(async () => {
  const t = await curationTeam();
  const sources: Sources = {
    reuters1: await addSource(t, "Reuters: talks", "Reuters"),
    reuters2: await addSource(t, "Reuters: follow-up", "Reuters"),
    bbc: await addSource(t, "BBC Persian report", "BBC Persian"),
    tasnim: await addSource(t, "Tasnim report", "Tasnim News"),
    blog: await addSource(t, "Anonymous blog post", "Anonymous blog"),
    unrated: await addSource(t, "New outlet report", "New outlet"),
  };
  const extra = await makeUser({ name: "Fourth voter" });
  await addMember(t.ws, extra.id, "ANALYST");
  const voters: Caller[] = [t.analyst, t.reviewer, t.admin, (await callerFor(extra.id)).caller];

  const reliability: [Source, Grade[]][] = [
    [sources.reuters1, ["A", "A"]],
    [sources.bbc, ["B", "B"]],
    [sources.tasnim, ["D", "D"]],
    [sources.blog, ["F", "F"]],
  ];
  for (const [source, grades] of reliability) {
    for (const [i, grade] of grades.entries())
      await voters[i]!.vote.cast({ entityId: source.publisherId, grade, rationale: "Track record" });
  }

  const events: { id: string; expected: EventRating }[] = [];
  for (let i = 0; i < 20; i++) {
    const c = CASES[i % CASES.length]!;
    const event = await t.analyst.event.create({
      workspaceId: t.ws,
      ...eventInput(`Event ${i + 1}`, { year: 2000 + i }),
    });
    for (const [key, stance] of c.cited) {
      const s = sources[key];
      await t.analyst.citation.create({ eventId: event.id, sourceId: s.id, stance, ...passage(s.text, QUOTE) });
    }
    for (const [v, grade] of c.credibility.entries())
      await voters[v]!.vote.cast({ eventId: event.id, grade, rationale: "As cited" });
    events.push({ id: event.id, expected: c.expected });
  }
  fx = { t, sources, events };
});

describe("ratings for a page of events", () => {
  it("gives each of twenty events its credibility consensus and the reliability of its supporting origins", async () => {
    const ratings = await ratingsForEvents(
      fx.events.map((e) => e.id),
      PUBLISHED_VIEW,
    );
    expect(ratings.size).toBe(20);
    for (const [i, e] of fx.events.entries())
      expect(ratings.get(e.id), `event ${i + 1} (case ${i % CASES.length})`).toEqual(e.expected);
  });

  it("rates a subset, in any order, exactly as it rates the whole page", async () => {
    const some = [fx.events[17]!, fx.events[2]!, fx.events[9]!];
    const ratings = await ratingsForEvents(
      some.map((e) => e.id),
      PUBLISHED_VIEW,
    );
    expect([...ratings.keys()]).toEqual(some.map((e) => e.id));
    for (const e of some) expect(ratings.get(e.id)).toEqual(e.expected);
  });

  it("answers an empty page with nothing, and an unknown event with no rating", async () => {
    expect((await ratingsForEvents([], PUBLISHED_VIEW)).size).toBe(0);
    expect((await ratingsForEvents(["no-such-event"], PUBLISHED_VIEW)).get("no-such-event")).toEqual({
      reliability: null,
      credibility: null,
      contested: false,
      votes: 0,
      hidden: SHOWN,
    });
  });

  it("follows a vote as soon as it changes", async () => {
    const e = fx.events[1]!; // Reuters A, votes 2 and 2.
    await fx.t.admin.vote.cast({ eventId: e.id, grade: "3" });
    expect((await ratingsForEvents([e.id], PUBLISHED_VIEW)).get(e.id)).toEqual({
      reliability: "A",
      credibility: "2",
      contested: false,
      votes: 3,
      hidden: SHOWN,
    });
    await fx.t.admin.vote.withdraw({ eventId: e.id });
    expect((await ratingsForEvents([e.id], PUBLISHED_VIEW)).get(e.id)).toEqual(e.expected);
  });

  it("shows the same ratings on the chronology a viewer reads", async () => {
    await publish(fx.t, ...fx.events.map((e) => e.id));
    const page = await fx.t.viewer.event.list({ workspaceId: fx.t.ws, limit: 25 });
    expect(page.items).toHaveLength(20);
    const expected = new Map(fx.events.map((e) => [e.id, e.expected]));
    for (const item of page.items) expect(item.rating, item.title).toEqual(expected.get(item.id));
    const one = fx.events[8]!;
    expect((await fx.t.viewer.event.get({ eventId: one.id })).rating).toEqual(one.expected);
  });
});

describe("reliability of origins", () => {
  it("aggregates each origin's votes in one call, and gives origins nobody rated no consensus", async () => {
    const s = fx.sources;
    const r = await reliabilityOf(
      [s.reuters1.publisherId, s.bbc.publisherId, s.tasnim.publisherId, s.blog.publisherId, s.unrated.publisherId],
      PUBLISHED_VIEW,
    );
    expect(r.get(s.reuters1.publisherId)).toEqual({ consensus: "A", contested: false, votes: 2, hidden: false });
    expect(r.get(s.bbc.publisherId)).toMatchObject({ consensus: "B", votes: 2 });
    expect(r.get(s.tasnim.publisherId)).toMatchObject({ consensus: "D", votes: 2 });
    // Cannot be judged, by everyone who voted: F, not a number averaged in.
    expect(r.get(s.blog.publisherId)).toMatchObject({ consensus: "F", votes: 2 });
    expect(r.get(s.unrated.publisherId)).toEqual({ consensus: null, contested: false, votes: 0, hidden: false });
    expect(s.reuters2.publisherId).toBe(s.reuters1.publisherId);
    expect((await reliabilityOf([], PUBLISHED_VIEW)).size).toBe(0);
  });
});
