import { describe, expect, it } from "vitest";
import { curationTeam, type CurationTeam } from "../helpers/curation.ts";

/**
 * Filtering the sources list by the reliability of each source's origin, as
 * the reader is shown it. Votes are blind: a member who may vote sees an
 * origin's consensus only once they have voted or skipped on it, and their
 * own vote alone is no consensus. The filter answers from exactly what the
 * list's reliability column shows them, so it can never be used to learn a
 * hidden consensus (filtering by each grade in turn would otherwise reveal
 * it): a hidden rating counts as unrated.
 */

type Caller = CurationTeam["analyst"];
type Filter = "A" | "B" | "C" | "D" | "E" | "F" | "unrated";

async function addSource(t: CurationTeam, title: string, publisherName?: string) {
  const r = await t.analyst.source.create({
    workspaceId: t.ws,
    kind: "NEWS_REPORT",
    title,
    text: `${title}: officials described the talks at the border.`,
    ...(publisherName ? { publisherName } : {}),
  });
  if (r.status !== "created") throw new Error("expected a new source");
  return r.source;
}

async function titles(caller: Caller, workspaceId: string, reliability?: Filter) {
  const r = await caller.source.list({ workspaceId, reliability, limit: 100 });
  return r.items.map((s) => s.title).sort();
}

/** Every grade's filter for this reader: which titles each one returns. */
async function byGrade(caller: Caller, workspaceId: string) {
  const out: Record<string, string[]> = {};
  for (const g of ["A", "B", "C", "D", "E", "F", "unrated"] as const) out[g] = await titles(caller, workspaceId, g);
  return out;
}

async function world() {
  const t = await curationTeam();
  const wire = await addSource(t, "Wire report", "Northgate");
  const blog = await addSource(t, "Blog post", "Harbour Blog");
  await addSource(t, "Anonymous leaflet");
  const northgate = (await t.analyst.source.get({ sourceId: wire.id })).publisher!.id;
  const harbour = (await t.analyst.source.get({ sourceId: blog.id })).publisher!.id;
  // Northgate: the reviewer and the admin rate it B; the analyst has not voted.
  await t.reviewer.vote.cast({ entityId: northgate, grade: "B", rationale: "Long record" });
  await t.admin.vote.cast({ entityId: northgate, grade: "B", rationale: "Long record" });
  return { t, northgate, harbour };
}

const none = { A: [], B: [], C: [], D: [], E: [], F: [] };

describe("filtering sources by origin reliability", () => {
  it("never reveals a consensus to a member who has not voted or skipped on the origin", async () => {
    const { t } = await world();
    // The column shows the analyst that the rating is hidden…
    const list = await t.analyst.source.list({ workspaceId: t.ws, limit: 100 });
    expect(list.items.find((s) => s.title === "Wire report")!.originReliability).toMatchObject({
      consensus: null,
      hidden: true,
      votes: 2,
    });
    // …so no grade finds it, and it is listed with the unrated.
    expect(await byGrade(t.analyst, t.ws)).toEqual({
      ...none,
      unrated: ["Anonymous leaflet", "Blog post", "Wire report"],
    });
  }, 60_000);

  it("shows viewers and members who voted the consensus they are shown", async () => {
    const { t } = await world();
    for (const caller of [t.viewer, t.reviewer, t.admin])
      expect(await byGrade(caller, t.ws)).toEqual({
        ...none,
        B: ["Wire report"],
        unrated: ["Anonymous leaflet", "Blog post"],
      });
  }, 60_000);

  it("follows the reader once they vote or skip", async () => {
    const { t, northgate } = await world();
    await t.analyst.vote.cast({ entityId: northgate, grade: "D", rationale: "Doubtful lately" });
    // B, B, D: the median is B, now shown to the analyst.
    expect(await titles(t.analyst, t.ws, "B")).toEqual(["Wire report"]);
    expect(await titles(t.analyst, t.ws, "D")).toEqual([]);
    expect(await titles(t.analyst, t.ws, "unrated")).toEqual(["Anonymous leaflet", "Blog post"]);
  }, 60_000);

  it("follows a skip the same way", async () => {
    const { t, northgate } = await world();
    await t.analyst.vote.reveal({ entityId: northgate });
    expect(await titles(t.analyst, t.ws, "B")).toEqual(["Wire report"]);
  }, 60_000);

  it("treats a reader's own vote alone as no consensus, while others see it", async () => {
    const { t, harbour } = await world();
    await t.analyst.vote.cast({ entityId: harbour, grade: "E", rationale: "Anonymous authors" });
    expect(await titles(t.analyst, t.ws, "E")).toEqual([]);
    expect(await titles(t.analyst, t.ws, "unrated")).toContain("Blog post");
    // The viewer reads the published view: one vote is the consensus there.
    expect(await titles(t.viewer, t.ws, "E")).toEqual(["Blog post"]);
    // The reviewer has not voted on it: hidden, so unrated for them.
    expect(await titles(t.reviewer, t.ws, "E")).toEqual([]);
    expect(await titles(t.reviewer, t.ws, "unrated")).toContain("Blog post");
  }, 60_000);

  it("matches F (cannot be judged) only as its own grade", async () => {
    const { t, harbour } = await world();
    await t.reviewer.vote.cast({ entityId: harbour, grade: "F", rationale: "No track record" });
    expect(await titles(t.viewer, t.ws, "F")).toEqual(["Blog post"]);
    expect(await titles(t.viewer, t.ws, "E")).toEqual([]);
  }, 60_000);

  it("combines with the other filters and orders, and refuses a grade that is not one", async () => {
    const { t } = await world();
    const r = await t.viewer.source.list({ workspaceId: t.ws, reliability: "unrated", sort: "mostCited", limit: 1 });
    expect(r.items).toHaveLength(1);
    const next = await t.viewer.source.list({
      workspaceId: t.ws,
      reliability: "unrated",
      sort: "mostCited",
      limit: 1,
      cursor: r.nextCursor,
    });
    expect([r.items[0]!.title, next.items[0]!.title].sort()).toEqual(["Anonymous leaflet", "Blog post"]);
    expect(next.nextCursor).toBeNull();
    await expect(
      t.viewer.source.list({ workspaceId: t.ws, reliability: "G" as Filter, limit: 10 }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  }, 60_000);
});
