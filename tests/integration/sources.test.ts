import { describe, expect, it } from "vitest";
import { db } from "../../server/db/client.ts";
import { curationTeam, outcome, refusal, type CurationTeam } from "../helpers/curation.ts";
import { FIXTURES, readFixture } from "../helpers/fixtures.ts";
import { recognisesReflowedText, storesPastedReport } from "../helpers/pasted-source-checks.ts";

/**
 * Sources: pasted text or only an address, duplicates recognised by address
 * (whatever tracking parameters, "www." or trailing slash it was copied with)
 * or by text (whatever its whitespace), publishers found by name or alias,
 * versioned edits, and field-level refusals that leave nothing behind.
 */

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

describe("adding sources", () => {
  // tests/seeds/sources.test.ts pastes the real articles the same way.
  storesPastedReport({
    text: readFixture(FIXTURES.wire),
    title: "Tehran hosts Taliban envoys, keeps al Qaeda men close: European official",
    publisherName: "Northgate",
    author: "Hanne Morrow and Felix Adeyemi",
    pubDate: { year: 2013, month: 11 },
    pubDateText: "November 2013",
    url: "https://www.northgate-news.example/world/tehran-taliban-envoys-idNG20131112",
  });

  it("accepts a source with only a web address, but not one with neither text nor address", async () => {
    const t = await curationTeam();
    const s = await created(t, {
      kind: "SOCIAL_POST",
      title: "A post",
      url: "https://twitter.com/IranianForum/status/925353518931857409",
    });
    expect(await t.analyst.source.get({ sourceId: s.id })).toMatchObject({ text: "", textLength: 0, publisher: null });
    // Two address-only sources have no text to clash on.
    await created(t, { kind: "SOCIAL_POST", title: "Another post", url: "https://twitter.com/IranianForum/status/1" });

    const r = await refusal(
      t.analyst.source.create({ workspaceId: t.ws, kind: "REPORT", title: "Nothing", text: "   " }),
    );
    expect(r).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { text: "Paste the text, upload a file, or give at least the web address" },
    });
    expect((await counts(t.ws)).sources).toBe(2);
  });

  it("lets contributors add sources and refuses viewers", async () => {
    const t = await curationTeam();
    for (const [who, caller] of [
      ["analyst", t.analyst],
      ["reviewer", t.reviewer],
      ["admin", t.admin],
    ] as const) {
      expect(
        (
          await caller.source.create({
            workspaceId: t.ws,
            kind: "OTHER",
            title: who,
            text: `Text added by the ${who}.`,
          })
        ).status,
      ).toBe("created");
    }
    expect(
      await outcome(
        t.viewer.source.create({ workspaceId: t.ws, kind: "OTHER", title: "viewer", text: "Text by the viewer." }),
      ),
    ).toBe("FORBIDDEN");
    expect(
      await outcome(
        t.outsider.source.create({
          workspaceId: t.ws,
          kind: "OTHER",
          title: "outsider",
          text: "Text by the outsider.",
        }),
      ),
    ).toBe("NOT_FOUND");
    expect((await counts(t.ws)).sources).toBe(3);
  });
});

describe("duplicates", () => {
  it("recognises the same address with tracking parameters, another scheme, www. or a trailing slash, and creates nothing", async () => {
    const t = await curationTeam();
    const first = await created(t, {
      kind: "NEWS_REPORT",
      title: "Original",
      url: "https://www.reuters.com/article/iran-taliban/?id=7",
    });
    const before = await counts(t.ws);
    for (const url of [
      "https://www.reuters.com/article/iran-taliban/?id=7",
      "http://reuters.com/article/iran-taliban?id=7",
      "https://WWW.Reuters.com/article/iran-taliban?utm_source=twitter&id=7&fbclid=abc#comments",
      "https://reuters.com/article/iran-taliban/?gclid=1&id=7",
    ]) {
      const r = await t.analyst.source.create({
        workspaceId: t.ws,
        kind: "NEWS_REPORT",
        title: "Copy",
        publisherName: "A new publisher",
        url,
        text: `A different text for ${url}`,
      });
      expect(r, url).toEqual({ status: "duplicate", existing: { id: first.id, title: "Original", matchedOn: "url" } });
    }
    expect(await counts(t.ws)).toEqual(before);
    // Another page of the same site is another document.
    expect(
      (
        await t.analyst.source.create({
          workspaceId: t.ws,
          kind: "NEWS_REPORT",
          title: "Other",
          url: "https://reuters.com/article/iran-taliban?id=8",
        })
      ).status,
    ).toBe("created");
  });

  recognisesReflowedText({ text: readFixture(FIXTURES.derived), title: "Gulf Monitor report" });

  it("answers two people adding the same address at the same moment with one source and one duplicate", async () => {
    const t = await curationTeam();
    const add = (caller: CurationTeam["analyst"], title: string) =>
      caller.source.create({ workspaceId: t.ws, kind: "NEWS_REPORT", title, url: "https://example.org/story" });
    const results = await Promise.all([add(t.analyst, "By the analyst"), add(t.reviewer, "By the reviewer")]);
    expect(results.map((r) => r.status).sort()).toEqual(["created", "duplicate"]);
    expect((await counts(t.ws)).sources).toBe(1);
  });
});

describe("publishers", () => {
  it("reuses an entity found by its alias, case-insensitively", async () => {
    const t = await curationTeam();
    const irgc = await t.analyst.entity.create({
      workspaceId: t.ws,
      kind: "ORGANIZATION",
      name: "Islamic Revolutionary Guard Corps",
      aliases: ["IRGC", "Sepah"],
    });
    const s = await created(t, {
      kind: "OFFICIAL_STATEMENT",
      title: "Statement",
      publisherName: "irgc",
      text: "A statement.",
    });
    const byName = await created(t, {
      kind: "OFFICIAL_STATEMENT",
      title: "Another",
      publisherName: "islamic revolutionary guard corps",
      text: "Another statement.",
    });
    expect((await t.analyst.source.get({ sourceId: s.id })).publisher).toEqual({
      id: irgc.id,
      name: "Islamic Revolutionary Guard Corps",
    });
    expect((await t.analyst.source.get({ sourceId: byName.id })).publisher?.id).toBe(irgc.id);
    expect(await db.entity.count({ where: { workspaceId: t.ws } })).toBe(1);
    expect((await t.analyst.source.list({ workspaceId: t.ws, publisherId: irgc.id })).items).toHaveLength(2);
  });

  it("creates an organisation for a new publisher name once, and never reuses another workspace's", async () => {
    const t = await curationTeam();
    await t.outsider.entity.create({ workspaceId: t.other.id, kind: "ORGANIZATION", name: "Tasnim News" });
    const a = await created(t, {
      kind: "NEWS_REPORT",
      title: "One",
      publisherName: "Tasnim News",
      text: "First report.",
    });
    const b = await created(t, {
      kind: "NEWS_REPORT",
      title: "Two",
      publisherName: "  TASNIM NEWS ",
      text: "Second report.",
    });
    const pa = (await t.analyst.source.get({ sourceId: a.id })).publisher!;
    expect((await t.analyst.source.get({ sourceId: b.id })).publisher!.id).toBe(pa.id);
    expect(await db.entity.findMany({ where: { workspaceId: t.ws }, select: { name: true, kind: true } })).toEqual([
      { name: "Tasnim News", kind: "ORGANIZATION" },
    ]);
  });
});

describe("editing sources", () => {
  it("saves metadata based on the current version and refuses a stale one without overwriting", async () => {
    const t = await curationTeam();
    const s = await created(t, { kind: "NEWS_REPORT", title: "Draft title", text: "Body text." });
    const saved = await t.analyst.source.update({
      sourceId: s.id,
      version: 1,
      kind: "REPORT",
      title: "Better title",
      publisherName: "CEMO",
      pubDate: { year: 2021, month: 8, day: 17 },
    });
    // Details only: no text changed, so no citation was re-anchored.
    expect(saved).toEqual({ id: s.id, version: 2, proposed: false, anchors: null });
    const stale = await refusal(
      t.reviewer.source.update({ sourceId: s.id, version: 1, kind: "NEWS_REPORT", title: "Stale title" }),
    );
    expect(stale.code).toBe("CONFLICT");
    expect(await t.analyst.source.get({ sourceId: s.id })).toMatchObject({
      title: "Better title",
      kind: "REPORT",
      version: 2,
      pubDateText: "17 August 2021",
      publisher: { name: "CEMO" },
    });
    // The publisher a stale save would have created was rolled back with it.
    expect(await db.entity.count({ where: { workspaceId: t.ws } })).toBe(1);
    expect(await outcome(t.viewer.source.update({ sourceId: s.id, version: 2, kind: "REPORT", title: "Viewer" }))).toBe(
      "FORBIDDEN",
    );
  });

  it("refuses an address another source already has", async () => {
    const t = await curationTeam();
    await created(t, { kind: "NEWS_REPORT", title: "Has the address", url: "https://example.org/a" });
    const s = await created(t, { kind: "NEWS_REPORT", title: "Other", text: "Other text." });
    expect(
      await outcome(
        t.analyst.source.update({
          sourceId: s.id,
          version: 1,
          kind: "NEWS_REPORT",
          title: "Other",
          url: "http://www.example.org/a/",
        }),
      ),
    ).toBe("CONFLICT");
    expect((await db.source.findUniqueOrThrow({ where: { id: s.id } })).url).toBeNull();
  });

  it("links a copy to the source it is derived from, within the workspace and without loops", async () => {
    const t = await curationTeam();
    const wire = await created(t, { kind: "NEWS_REPORT", title: "Wire story", text: "The wire story." });
    const copy = await created(t, {
      kind: "NEWS_REPORT",
      title: "Copy",
      text: "The copy of the wire story.",
      derivedFromId: wire.id,
    });
    expect((await t.analyst.source.get({ sourceId: copy.id })).derivedFrom).toEqual({
      id: wire.id,
      title: "Wire story",
    });
    expect((await t.analyst.source.get({ sourceId: wire.id })).derivatives).toEqual([{ id: copy.id, title: "Copy" }]);

    const loop = await refusal(
      t.analyst.source.update({
        sourceId: wire.id,
        version: 1,
        kind: "NEWS_REPORT",
        title: "Wire story",
        derivedFromId: copy.id,
      }),
    );
    expect(loop).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { derivedFromId: "That source is itself derived from this one" },
    });
    expect(
      await outcome(
        t.analyst.source.update({
          sourceId: wire.id,
          version: 1,
          kind: "NEWS_REPORT",
          title: "Wire story",
          derivedFromId: wire.id,
        }),
      ),
    ).toBe("BAD_REQUEST");

    const theirs = await t.outsider.source.create({
      workspaceId: t.other.id,
      kind: "REPORT",
      title: "Theirs",
      text: "Elsewhere.",
    });
    if (theirs.status !== "created") throw new Error("expected a new source");
    expect(
      await outcome(
        t.analyst.source.create({
          workspaceId: t.ws,
          kind: "REPORT",
          title: "Cross",
          text: "Cross.",
          derivedFromId: theirs.source.id,
        }),
      ),
    ).toBe("BAD_REQUEST");
  });
});

describe("refusals name the field and create nothing", () => {
  it("refuses an over-long title, a malformed address and 31 February", async () => {
    const t = await curationTeam();
    const base = {
      workspaceId: t.ws,
      kind: "NEWS_REPORT" as const,
      title: "Fine",
      publisherName: "Brand new publisher",
      text: "Some text.",
    };
    const cases: [object, Record<string, string>][] = [
      [{ title: "x".repeat(501) }, { title: "Use at most 500 characters" }],
      [{ url: "not a web address" }, { url: "Enter a full web address, starting with http:// or https://" }],
      [{ url: "https://exa mple.org/story" }, { url: "Enter a full web address, starting with http:// or https://" }],
      [{ url: "ftp://example.org/file" }, { url: "Enter a full web address, starting with http:// or https://" }],
      [{ pubDate: { year: 2011, month: 2, day: 31 } }, { pubDate: "February 2011 has 28 days" }],
      [{ language: "Persian" }, { language: "Use a language code such as en, fa or ps" }],
    ];
    for (const [change, fieldErrors] of cases) {
      const r = await refusal(t.analyst.source.create({ ...base, ...change }));
      expect(r, JSON.stringify(change)).toMatchObject({ code: "BAD_REQUEST", fieldErrors });
    }
    expect(await counts(t.ws)).toEqual({ sources: 0, entities: 0, revisions: 0 });
    // The same refusal on an edit leaves the source as it was.
    const s = await created(t, { kind: "NEWS_REPORT", title: "Fine", text: "Some text." });
    const r = await refusal(
      t.analyst.source.update({
        sourceId: s.id,
        version: 1,
        kind: "NEWS_REPORT",
        title: "",
        pubDate: { year: 2011, month: 2, day: 31 },
      }),
    );
    expect(r.fieldErrors).toEqual({ title: "Give the source a title", pubDate: "February 2011 has 28 days" });
    expect(await t.analyst.source.get({ sourceId: s.id })).toMatchObject({ title: "Fine", version: 1 });
  });
});

describe("listing", () => {
  it("filters by kind, publisher and title, and pages newest first", async () => {
    const t = await curationTeam();
    const ids: string[] = [];
    for (const [i, kind] of (["NEWS_REPORT", "REPORT", "NEWS_REPORT", "INTERVIEW", "NEWS_REPORT"] as const).entries()) {
      ids.push((await created(t, { kind, title: `Source ${i} ${kind.toLowerCase()}`, text: `Text number ${i}.` })).id);
    }
    expect((await t.viewer.source.list({ workspaceId: t.ws, kind: "NEWS_REPORT" })).items.map((s) => s.id)).toEqual([
      ids[4],
      ids[2],
      ids[0],
    ]);
    expect((await t.viewer.source.list({ workspaceId: t.ws, text: "INTERVIEW" })).items.map((s) => s.id)).toEqual([
      ids[3],
    ]);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = await t.viewer.source.list({
        workspaceId: t.ws,
        limit: 2,
        cursor,
      });
      seen.push(...page.items.map((s) => s.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
  });
});
