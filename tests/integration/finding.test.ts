import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { callerFor } from "../helpers/caller.ts";
import { makeTeam } from "../helpers/factories.ts";
import { aliasExpansions } from "../../server/services/search/search-service.ts";

/** Aliases widen search for every kind of result; copies of one article group; the sources list sorts and filters. */
const text = readFileSync(new URL("../fixtures/e2e/border-envoy-mixed.txt", import.meta.url), "utf8");
let team: Awaited<ReturnType<typeof makeTeam>>;
let analyst: Awaited<ReturnType<typeof callerFor>>["caller"];

beforeAll(async () => {
  team = await makeTeam();
  analyst = (await callerFor(team.users.analyst.id)).caller;
  const workspaceId = team.workspace.id;
  await analyst.entity.create({ workspaceId, kind: "PLACE", name: "Mashhad", aliases: ["Mashad", "مشهد"] });
  const base = {
    workspaceId,
    kind: "NEWS_REPORT" as const,
    title: "Envoy reaches the shrine city",
    publisherName: "Herat Ledger",
  };
  const first = await analyst.source.create({
    ...base,
    language: "en",
    pubDate: { year: 2015, month: 5, day: 12 },
    text,
  });
  await analyst.source.create({
    ...base,
    language: "en",
    pubDate: { year: 2015, month: 5, day: 13 },
    text: `${text}\nSaved again from the second edition.`,
    allowSimilar: true,
  });
  await analyst.source.create({
    workspaceId,
    kind: "INTERVIEW",
    title: "گفتگو",
    language: "fa",
    pubDate: { year: 2016 },
    text: "گفتگوی کوتاه.",
  });
  await analyst.source.create({
    workspaceId,
    kind: "REPORT",
    title: "Old note",
    language: "en",
    pubDate: { year: 2001 },
    text: "An older note.",
  });
  const event = await analyst.event.create({
    workspaceId,
    title: "Envoy's visit",
    date: { start: { year: 2015, month: 5 } },
  });
  if (first.status !== "created") throw new Error("fixture source not created");
  const quote = "طیب آغا (Tayyab Agha) reached Mashhad on Tuesday as the envoy of the Taliban.";
  const start = text.indexOf(quote);
  await analyst.citation.create({
    sourceId: first.source.id,
    eventId: event.id,
    stance: "SUPPORTS",
    startOffset: start,
    endOffset: start + quote.length,
    quote,
  });
});

describe("search by an alias", () => {
  it("finds sources and quotes written with another name, and says which", async () => {
    const r = await analyst.search.query({ workspaceId: team.workspace.id, q: "Mashad" });
    expect(r.sources).toHaveLength(1);
    expect(r.sources[0]!.copies).toHaveLength(1);
    expect(r.sources[0]!.via?.entity).toBe("Mashhad");
    expect(r.quotes).toHaveLength(1);
    expect(r.quotes[0]!.via).toEqual({ alias: "Mashhad", entity: "Mashhad" });
  });

  it("matches the typed word itself without naming an alias", async () => {
    const r = await analyst.search.query({ workspaceId: team.workspace.id, q: "Tayyab" });
    expect(r.quotes).toHaveLength(1);
    expect(r.quotes[0]!.via).toBeNull();
  });
});

describe("names typed in a search", () => {
  it("are matched whole and in any case, and a % or _ typed is a character, not a wildcard", async () => {
    const ws = team.workspace.id;
    const names = async (q: string) => (await aliasExpansions(ws, q)).map((n) => [n.name, n.typed]);
    expect(await names("MASHAD")).toEqual([["Mashhad", "mashad"]]);
    expect(await names("envoy in mashhad")).toEqual([["Mashhad", "mashhad"]]);
    expect(await names("مشهد")).toEqual([["Mashhad", "مشهد"]]);
    for (const q of ["Mas%had", "Mash_ad", "Mashha_", "%", "Mashh"]) expect(await names(q), q).toEqual([]);
  });
});

describe("the sources list", () => {
  it("sorts by publication date with a cursor, and filters by language and kind", async () => {
    const workspaceId = team.workspace.id;
    const page1 = await analyst.source.list({ workspaceId, sort: "published", limit: 2 });
    expect(page1.items.map((s) => s.pubDateText)).toEqual(["2016", "13 May 2015"]);
    const page2 = await analyst.source.list({ workspaceId, sort: "published", limit: 2, cursor: page1.nextCursor });
    expect(page2.items.map((s) => s.pubDateText)).toEqual(["12 May 2015", "2001"]);
    const fa = await analyst.source.list({ workspaceId, language: "fa" });
    expect(fa.items.map((s) => s.title)).toEqual(["گفتگو"]);
    const reports = await analyst.source.list({ workspaceId, kind: "REPORT" });
    expect(reports.items.map((s) => s.title)).toEqual(["Old note"]);
    expect(page1.items[0]!.originReliability).toBeNull();
  });

  it("reads typed dates in the chronology filter and refuses what it cannot read", async () => {
    const workspaceId = team.workspace.id;
    const r = await analyst.event.list({ workspaceId, when: "c. 2015" });
    expect(r.items).toHaveLength(1);
    const none = await analyst.event.list({ workspaceId, when: "before January 2015" });
    expect(none.items).toHaveLength(0);
    await expect(analyst.event.list({ workspaceId, when: "someday" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await analyst.event.readDate({ text: "late 1990s" })).toMatchObject({
      understood: "range: 1996–1999, about",
    });
  });
});
