import { beforeAll, describe, expect, it } from "vitest";
import { MAX_SOURCE_TEXT_CHUNK, SOURCE_TEXT_CHUNK } from "../../server/schemas/source.ts";
import { curationTeam, eventInput, outcome, passage, publish, type CurationTeam } from "../helpers/curation.ts";

/**
 * The reader's text in parts (source.textChunk) and its search (source.findText):
 * the parts put together are the whole text with the offsets citations use;
 * each part brings the citations the reader may see in it (viewers: published
 * events only); other workspaces get NOT_FOUND; offsets and sizes that make no
 * sense are a BAD_REQUEST.
 */

// About 200 KB: numbered paragraphs of a harbour log, with one passage near the end that a citation points at.
const paragraph = (i: number) =>
  `Entry ${i}: the harbour master noted the tide, the wind from the north-west and ${i % 7} vessels waiting at the outer mark.`;
const DEEP = "The dredger Wren struck the old breakwater at the turn of the evening tide.";
const LINES = Array.from({ length: 1800 }, (_, i) => paragraph(i + 1));
LINES.splice(1700, 0, DEEP);
const TEXT = LINES.join("\n");

let t: CurationTeam;
let sourceId: string;
let stored: string;
let deep: { published: string; draft: string };

beforeAll(async () => {
  t = await curationTeam();
  const created = await t.analyst.source.create({
    workspaceId: t.ws,
    kind: "REPORT",
    title: "Harbour log",
    text: TEXT,
  });
  if (created.status !== "created") throw new Error("the log should be new");
  sourceId = created.source.id;
  stored = (await t.analyst.source.get({ sourceId })).text;
  const published = await t.analyst.event.create({ workspaceId: t.ws, ...eventInput("Dredger strikes breakwater") });
  const draft = await t.analyst.event.create({ workspaceId: t.ws, ...eventInput("Evening tide log checked") });
  const p = passage(stored, DEEP);
  const first = await t.analyst.citation.create({ eventId: published.id, sourceId, stance: "SUPPORTS", ...p });
  const second = await t.analyst.citation.create({
    eventId: draft.id,
    sourceId,
    stance: "MENTIONS",
    ...passage(stored, "struck the old breakwater"),
  });
  await publish(t, published.id);
  deep = { published: first.id, draft: second.id };
});

async function allChunks(caller: CurationTeam["analyst"]) {
  const parts = [];
  let cursor: number | null = 0;
  while (cursor != null) {
    const part: Awaited<ReturnType<typeof caller.source.textChunk>> = await caller.source.textChunk({
      sourceId,
      cursor,
    });
    parts.push(part);
    cursor = part.nextCursor;
  }
  return parts;
}

describe("source.textChunk", () => {
  it("gives the text in parts that put together are the whole text, each ending at a line break", async () => {
    expect(stored.length).toBeGreaterThan(200_000);
    const parts = await allChunks(t.analyst);
    expect(parts.length).toBeGreaterThan(10);
    expect(parts.map((p) => p.text).join("")).toBe(stored);
    for (const [i, p] of parts.entries()) {
      expect(p.length).toBe(stored.length);
      expect(p.text.length).toBeLessThanOrEqual(SOURCE_TEXT_CHUNK);
      expect(p.start).toBe(i === 0 ? 0 : parts[i - 1]!.end);
      if (p.nextCursor != null) expect(p.text.endsWith("\n")).toBe(true);
    }
    expect(parts.at(-1)!.nextCursor).toBeNull();
    // The reader asks for the details without the text.
    expect(await t.analyst.source.get({ sourceId, withText: false })).toMatchObject({
      text: "",
      textLength: stored.length,
    });
  });

  it("brings the citations the reader may see in each part, and only there", async () => {
    const at = stored.indexOf(DEEP);
    const holding = (parts: Awaited<ReturnType<typeof allChunks>>) =>
      parts.filter((p) => p.citations.length).map((p) => [p.start <= at && at < p.end, p.citations.map((c) => c.id)]);
    expect(holding(await allChunks(t.analyst))).toEqual([[true, [deep.published, deep.draft]]]);
    // A viewer reads the text, but not what a draft cites.
    expect(holding(await allChunks(t.viewer))).toEqual([[true, [deep.published]]]);
    // Sizes are the caller's to choose, within limits.
    const small = await t.viewer.source.textChunk({ sourceId, cursor: at, limit: DEEP.length });
    expect(small).toMatchObject({ text: DEEP, start: at, end: at + DEEP.length });
    expect(small.citations.map((c) => c.id)).toEqual([deep.published]);
  });

  it("answers NOT_FOUND outside the workspace and BAD_REQUEST for offsets or sizes that make no sense", async () => {
    expect(await outcome(t.outsider.source.textChunk({ sourceId, cursor: 0 }))).toBe("NOT_FOUND");
    expect(await outcome(t.outsider.source.findText({ sourceId, text: "harbour" }))).toBe("NOT_FOUND");
    expect(await outcome(t.analyst.source.textChunk({ sourceId: "c0000000000000000000000000", cursor: 0 }))).toBe(
      "NOT_FOUND",
    );
    for (const bad of [
      { cursor: stored.length },
      { cursor: stored.length + 10 },
      { cursor: -1 },
      { cursor: 1.5 },
      { cursor: 0, limit: 0 },
      { cursor: 0, limit: MAX_SOURCE_TEXT_CHUNK + 1 },
    ])
      expect(await outcome(t.analyst.source.textChunk({ sourceId, ...bad })), JSON.stringify(bad)).toBe("BAD_REQUEST");
  });
});

describe("source.findText", () => {
  it("finds words anywhere in the text, for any member, and says when they are not there", async () => {
    const at = stored.indexOf(DEEP);
    expect(await t.viewer.source.findText({ sourceId, text: "dredger Wren" })).toEqual({
      start: at + 4,
      end: at + 4 + "dredger Wren".length,
    });
    expect(await t.analyst.source.findText({ sourceId, text: "a kraken surfaced" })).toBeNull();
    expect(await outcome(t.analyst.source.findText({ sourceId, text: "" }))).toBe("BAD_REQUEST");
  });
});
