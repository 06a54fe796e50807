import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../server/db/client.ts";
import { networkForEvents } from "../../server/services/network/index.ts";
import { renderNetworkSvg } from "../../server/lib/network/index.ts";
import { curationTeam, eventInput, outcome, publish, refusal, type CurationTeam } from "../helpers/curation.ts";

/**
 * The network of entities: who appears with whom in the same events, weighted
 * by how many, under the chronology's filters and the one visibility rule.
 */

type Kind = "PERSON" | "ORGANIZATION" | "PLACE" | "OTHER";

async function entity(t: CurationTeam, kind: Kind, name: string) {
  return t.analyst.entity.create({ workspaceId: t.ws, kind, name });
}

async function event(
  t: CurationTeam,
  title: string,
  start: { year: number; month?: number; day?: number },
  ids: string[],
  opts: { publish?: boolean } = {},
) {
  const links = ids.map((entityId) => ({ entityId, role: "ACTOR" as const }));
  const e = await t.analyst.event.create({ workspaceId: t.ws, ...eventInput(title, start), entities: links });
  if (opts.publish ?? true) await publish(t, e.id);
  return e;
}

/**
 * Three people, a party and a city; published events in 2011, 2013 and 2015,
 * one undated, and one draft that links the two people nobody else links.
 */
async function world() {
  const t = await curationTeam();
  const rahimi = await entity(t, "PERSON", "Leila Rahimi");
  const baker = await entity(t, "PERSON", "Tom Baker");
  const soto = await entity(t, "PERSON", "Ana Soto");
  const party = await entity(t, "ORGANIZATION", "Coastal Workers Party");
  const city = await entity(t, "PLACE", "Port Vell");
  const e2011 = await event(t, "Founding congress", { year: 2011, month: 3 }, [rahimi.id, party.id, city.id]);
  const e2013 = await event(t, "Strike in the port", { year: 2013 }, [rahimi.id, party.id, baker.id]);
  const e2015 = await event(t, "Second congress", { year: 2015, month: 6, day: 2 }, [rahimi.id, party.id]);
  const undated = await legacyUndatedEvent(t, "Undated meeting", [rahimi.id, baker.id]);
  const draft = await event(t, "Unpublished talks", { year: 2014 }, [baker.id, soto.id], { publish: false });
  return { t, rahimi, baker, soto, party, city, e2011, e2013, e2015, undated, draft };
}

/** A published event from before dates were recorded (the first release had none): only the database can make one now. */
async function legacyUndatedEvent(t: CurationTeam, title: string, ids: string[]) {
  return db.event.create({
    data: {
      workspaceId: t.ws,
      title,
      status: "PUBLISHED",
      createdById: t.users.analyst.id,
      updatedById: t.users.analyst.id,
      entities: { create: ids.map((entityId) => ({ entityId, role: "ACTOR" as const })) },
    },
    select: { id: true },
  });
}

type World = Awaited<ReturnType<typeof world>>;
const edgeMap = (net: { graph: { edges: { source: string; target: string; weight: number }[] } }) =>
  new Map(net.graph.edges.map((e) => [[e.source, e.target].sort().join("|"), e.weight]));
const pair = (a: { id: string }, b: { id: string }) => [a.id, b.id].sort().join("|");

describe("network of entities", () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });

  it("links entities that share events, weighted by how many; contributors see drafts, viewers published only", async () => {
    const { t } = w;
    const mine = await t.analyst.network.get({ workspaceId: t.ws });
    const edges = edgeMap(mine);
    expect(edges.get(pair(w.rahimi, w.party))).toBe(3);
    expect(edges.get(pair(w.rahimi, w.baker))).toBe(2);
    expect(edges.get(pair(w.rahimi, w.city))).toBe(1);
    expect(edges.get(pair(w.baker, w.soto))).toBe(1);
    expect(mine.total).toEqual({ nodes: 5, edges: edges.size });
    expect(mine.more).toBe(false);
    const node = mine.graph.nodes.find((n) => n.id === w.rahimi.id)!;
    expect(node).toMatchObject({ label: "Leila Rahimi", kind: "PERSON", weight: 4 });
    expect(Number.isFinite(node.x) && Number.isFinite(node.y)).toBe(true);

    // The viewer's network is made of published events only: the draft's link and its only entity are absent.
    const theirs = await t.viewer.network.get({ workspaceId: t.ws });
    expect(edgeMap(theirs).has(pair(w.baker, w.soto))).toBe(false);
    expect(theirs.graph.nodes.map((n) => n.id)).not.toContain(w.soto.id);
    expect(theirs.total.nodes).toBe(4);
    const hidden = await t.viewer.network.edgeEvents({ workspaceId: t.ws, sourceId: w.baker.id, targetId: w.soto.id });
    expect(hidden.items).toEqual([]);
    const shown = await t.analyst.network.edgeEvents({ workspaceId: t.ws, sourceId: w.soto.id, targetId: w.baker.id });
    expect(shown.items.map((e) => e.title)).toEqual(["Unpublished talks"]);

    // The same data gives the same picture.
    expect((await t.viewer.network.get({ workspaceId: t.ws })).graph).toEqual(theirs.graph);
  });

  it("filters by date window (overlap of partial dates), kind, minimum weight and credibility", async () => {
    const { t } = w;
    // "2013" to "2015-05": the year 2013 overlaps, March 2011 and 2 June 2015 do not; undated never matches a window.
    const window = await t.viewer.network.get({ workspaceId: t.ws, from: "2012", to: "May 2015" });
    expect([...edgeMap(window).entries()].sort()).toEqual(
      [
        [pair(w.rahimi, w.party), 1],
        [pair(w.rahimi, w.baker), 1],
        [pair(w.party, w.baker), 1],
      ].sort(),
    );
    // A day outside a one-day window does not count; a month around it does.
    const june = await t.viewer.network.get({ workspaceId: t.ws, from: "2015-06-01", to: "2015-06-01" });
    expect(june.graph.edges).toEqual([]);
    const march = await t.viewer.network.get({ workspaceId: t.ws, from: "2011-03-20", to: "2011-03-20" });
    expect(edgeMap(march).get(pair(w.rahimi, w.city))).toBe(1);
    const juneAll = await t.viewer.network.get({ workspaceId: t.ws, from: "June 2015" });
    expect(edgeMap(juneAll).get(pair(w.rahimi, w.party))).toBe(1);

    const people = await t.viewer.network.get({ workspaceId: t.ws, kinds: ["PERSON"] });
    expect(people.graph.nodes.map((n) => n.label).sort()).toEqual(["Leila Rahimi", "Tom Baker"]);
    expect(edgeMap(people).get(pair(w.rahimi, w.baker))).toBe(2);

    const strong = await t.viewer.network.get({ workspaceId: t.ws, minWeight: 2 });
    expect([...edgeMap(strong).keys()].sort()).toEqual([pair(w.rahimi, w.party), pair(w.rahimi, w.baker)].sort());

    // Credibility: 2013's event is rated 2 by two analysts, 2015's is rated 4 (worse) by two.
    await t.analyst.vote.cast({ eventId: w.e2013.id, grade: "2" });
    await t.reviewer.vote.cast({ eventId: w.e2013.id, grade: "2" });
    await t.analyst.vote.cast({ eventId: w.e2015.id, grade: "4" });
    await t.reviewer.vote.cast({ eventId: w.e2015.id, grade: "3" });
    const credible = await t.viewer.network.get({ workspaceId: t.ws, credibility: "3" });
    expect([...edgeMap(credible).keys()].sort()).toEqual(
      [pair(w.rahimi, w.party), pair(w.rahimi, w.baker), pair(w.party, w.baker)].sort(),
    );
    // Two votes of 3 and 4: the cautious median is 4, so "3 or better" leaves the 2015 event out.
    expect(edgeMap(credible).get(pair(w.rahimi, w.party))).toBe(1);
    const edgeCredible = await t.viewer.network.edgeEvents({
      workspaceId: t.ws,
      sourceId: w.rahimi.id,
      targetId: w.party.id,
      credibility: "4",
    });
    expect(edgeCredible.items.map((e) => e.title)).toEqual(["Strike in the port", "Second congress"]);
    // Blind-first: the admin has not voted or skipped, so no consensus shows for them and nothing passes.
    const blind = await t.admin.network.get({ workspaceId: t.ws, credibility: "5" });
    expect(blind.graph.edges).toEqual([]);
    await t.admin.vote.reveal({ eventId: w.e2013.id });
    const revealed = await t.admin.network.get({ workspaceId: t.ws, credibility: "5" });
    expect([...edgeMap(revealed).keys()]).toContain(pair(w.rahimi, w.baker));
  });

  it("lists an edge's events by date, page by page, under the filters", async () => {
    const { t } = w;
    const first = await t.viewer.network.edgeEvents({
      workspaceId: t.ws,
      sourceId: w.party.id,
      targetId: w.rahimi.id,
      limit: 2,
    });
    expect(first.items.map((e) => e.title)).toEqual(["Founding congress", "Strike in the port"]);
    expect(first.items[0]!.dateText).toMatch(/2011/);
    expect(first.nextCursor).not.toBeNull();
    const second = await t.viewer.network.edgeEvents({
      workspaceId: t.ws,
      sourceId: w.party.id,
      targetId: w.rahimi.id,
      limit: 2,
      cursor: first.nextCursor,
    });
    expect(second.items.map((e) => e.title)).toEqual(["Second congress"]);
    expect(second.nextCursor).toBeNull();
    // Undated events come last, and are part of the link when no window is set.
    const withUndated = await t.viewer.network.edgeEvents({
      workspaceId: t.ws,
      sourceId: w.rahimi.id,
      targetId: w.baker.id,
    });
    expect(withUndated.items.map((e) => e.title)).toEqual(["Strike in the port", "Undated meeting"]);
    const windowed = await t.viewer.network.edgeEvents({
      workspaceId: t.ws,
      sourceId: w.rahimi.id,
      targetId: w.baker.id,
      from: "2010",
    });
    expect(windowed.items.map((e) => e.title)).toEqual(["Strike in the port"]);
  });

  it("answers NOT_FOUND for other workspaces and BAD_REQUEST for bad input", async () => {
    const { t } = w;
    expect(await outcome(t.outsider.network.get({ workspaceId: t.ws }))).toBe("NOT_FOUND");
    expect(
      await outcome(t.outsider.network.edgeEvents({ workspaceId: t.ws, sourceId: w.rahimi.id, targetId: w.party.id })),
    ).toBe("NOT_FOUND");
    // An entity of another workspace named in this one's link is not found either.
    const foreign = await t.outsider.entity.create({ workspaceId: t.other.id, kind: "PERSON", name: "Elsewhere" });
    expect(
      await outcome(t.viewer.network.edgeEvents({ workspaceId: t.ws, sourceId: w.rahimi.id, targetId: foreign.id })),
    ).toBe("NOT_FOUND");

    expect((await refusal(t.viewer.network.get({ workspaceId: t.ws, from: "someday" }))).code).toBe("BAD_REQUEST");
    expect((await refusal(t.viewer.network.get({ workspaceId: t.ws, minWeight: 0 }))).code).toBe("BAD_REQUEST");
    expect((await refusal(t.viewer.network.get({ workspaceId: t.ws, kinds: [] }))).code).toBe("BAD_REQUEST");
    expect((await refusal(t.viewer.network.get({ workspaceId: t.ws, kinds: ["ROBOT" as "PERSON"] }))).code).toBe(
      "BAD_REQUEST",
    );
    expect((await refusal(t.viewer.network.get({ workspaceId: t.ws, credibility: "6" as "5" }))).code).toBe(
      "BAD_REQUEST",
    );
    expect(
      (await refusal(t.viewer.network.edgeEvents({ workspaceId: t.ws, sourceId: w.rahimi.id, targetId: w.rahimi.id })))
        .code,
    ).toBe("BAD_REQUEST");
    const badCursor = await refusal(
      t.viewer.network.edgeEvents({ workspaceId: t.ws, sourceId: w.rahimi.id, targetId: w.party.id, cursor: "bm9wZQ" }),
    );
    expect(badCursor.code).toBe("BAD_REQUEST");
  });

  it("sends only the strongest nodes, says there are more, and sends more when asked", async () => {
    const t = await curationTeam();
    // A hub linked to eight spokes, spoke i by i events: the strongest spokes are the last ones.
    const hub = await entity(t, "ORGANIZATION", "Hub");
    const spokes = [];
    for (let i = 1; i <= 8; i++) spokes.push(await entity(t, "PERSON", `Spoke ${i}`));
    for (let i = 1; i <= 8; i++)
      for (let k = 0; k < Math.ceil(i / 3); k++)
        await event(t, `Meeting ${i}.${k}`, { year: 2000 + i }, [hub.id, spokes[i - 1]!.id], { publish: false });
    const top = await t.analyst.network.get({ workspaceId: t.ws, limit: 4 });
    expect(top.more).toBe(true);
    expect(top.total.nodes).toBe(9);
    expect(top.graph.nodes).toHaveLength(4);
    expect(top.graph.nodes.map((n) => n.label)).toContain("Hub");
    expect(top.graph.nodes.map((n) => n.label)).toContain("Spoke 8");
    expect(top.graph.nodes.map((n) => n.label)).not.toContain("Spoke 1");
    const all = await t.analyst.network.get({ workspaceId: t.ws, limit: 20 });
    expect(all.more).toBe(false);
    expect(all.graph.nodes).toHaveLength(9);
  });

  it("draws the network of a set of events for a figure, as the reader may see it", async () => {
    const { t } = w;
    const graph = await networkForEvents(t.ws, [w.e2011.id, w.draft.id], { userId: t.users.viewer.id });
    expect(graph.nodes.map((n) => n.label).sort()).toEqual(["Coastal Workers Party", "Leila Rahimi", "Port Vell"]);
    const svg = renderNetworkSvg(graph);
    expect(svg).toContain(">Port Vell</text>");
    await expect(networkForEvents(t.ws, [w.e2011.id], { userId: t.users.outsider.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
