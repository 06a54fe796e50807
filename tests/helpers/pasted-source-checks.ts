import { expect, it } from "vitest";
import { db } from "../../server/db/client.ts";
import { curationTeam, outcome, type CurationTeam } from "./curation.ts";

/**
 * Pasting a whole article as a source, whichever article it is: a fixture
 * (tests/integration/sources.test.ts) or a real one when the articles are at
 * hand (tests/seeds/sources.test.ts). Each function adds one test.
 */
/** A news report and the metadata an analyst types beside it. */
export type PastedReport = {
  text: string;
  title: string;
  publisherName: string;
  author: string;
  pubDate: { year: number; month: number };
  pubDateText: string;
  url: string;
};

type CreateInput = Parameters<CurationTeam["analyst"]["source"]["create"]>[0];

async function created(t: CurationTeam, input: Omit<CreateInput, "workspaceId">) {
  const r = await t.analyst.source.create({ workspaceId: t.ws, ...input });
  if (r.status !== "created") throw new Error(`expected a new source, got a duplicate of ${r.existing.title}`);
  return r.source;
}

const counts = async (workspaceId: string) => ({
  sources: await db.source.count({ where: { workspaceId } }),
  entities: await db.entity.count({ where: { workspaceId } }),
  revisions: await db.revision.count({ where: { workspaceId } }),
});

export function storesPastedReport(report: PastedReport) {
  it("stores pasted text with its metadata, and shows it to every member", async () => {
    const t = await curationTeam();
    const { text } = report;
    const s = await created(t, {
      kind: "NEWS_REPORT",
      title: report.title,
      publisherName: report.publisherName,
      author: report.author,
      pubDate: report.pubDate,
      url: report.url,
      language: "en",
      text,
    });
    const got = await t.viewer.source.get({ sourceId: s.id });
    expect(got).toMatchObject({
      kind: "NEWS_REPORT",
      title: report.title,
      author: report.author,
      pubDate: { ...report.pubDate, day: null },
      pubDateText: report.pubDateText,
      url: report.url,
      language: "en",
      publisher: { name: report.publisherName },
      citations: [],
      canCite: false,
      version: 1,
    });
    // Line endings are unified and the ends trimmed; the words are kept as pasted.
    expect(got.text).toBe(text.replace(/\r\n?/g, "\n").trim());
    expect(got.textLength).toBe(got.text.length);
    expect((await t.analyst.source.get({ sourceId: s.id })).canCite).toBe(true);

    const listed = await t.viewer.source.list({ workspaceId: t.ws });
    expect(listed.items.map((i) => [i.title, i.textLength, i.publisher?.name])).toEqual([
      [s.title, got.text.length, report.publisherName],
    ]);
    expect(await outcome(t.outsider.source.get({ sourceId: s.id }))).toBe("NOT_FOUND");
    expect(await outcome(t.outsider.source.list({ workspaceId: t.ws }))).toBe("NOT_FOUND");
  });
}

/** An article pasted a second time with its whitespace and line breaks changed. */
export function recognisesReflowedText(reflowed: { text: string; title: string }) {
  it("recognises the same text pasted with other whitespace and line breaks", async () => {
    const t = await curationTeam();
    const { text } = reflowed;
    const first = await created(t, { kind: "NEWS_REPORT", title: reflowed.title, text });
    const before = await counts(t.ws);
    const again = `\n\n  ${text.replace(/\n+/g, "\r\n\r\n").replace(/ /g, "  ")}  \n`;
    expect(again).not.toBe(text);
    const r = await t.analyst.source.create({
      workspaceId: t.ws,
      kind: "REPORT",
      title: "Same text again",
      text: again,
      url: "https://example.org/elsewhere",
    });
    expect(r).toEqual({ status: "duplicate", existing: { id: first.id, title: reflowed.title, matchedOn: "text" } });
    expect(await counts(t.ws)).toEqual(before);
    // Much the same words are offered as the source already there, and added when the person says so;
    // the same text in another workspace is that workspace's business.
    const edited = { workspaceId: t.ws, kind: "REPORT" as const, title: "Edited", text: `${text} One more sentence.` };
    expect(await t.analyst.source.create(edited)).toMatchObject({
      status: "duplicate",
      existing: { id: first.id, matchedOn: "similar-text" },
    });
    expect((await t.analyst.source.create({ ...edited, allowSimilar: true })).status).toBe("created");
    expect(
      (await t.outsider.source.create({ workspaceId: t.other.id, kind: "REPORT", title: "Theirs", text })).status,
    ).toBe("created");
  });
}
