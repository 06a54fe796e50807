import { describe, expect, it } from "vitest";
import { db } from "../../server/db/client.ts";
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
 * Events: dates as analysts write them (year, month, day, ranges, "about",
 * "before", "after") stored with the instants they can mean, the chronology
 * with every filter and cursor pagination, versioned edits, and the trash.
 * The suite runs in Asia/Tehran (+03:30): every instant below is UTC.
 */

const iso = (d: Date | null) => d?.toISOString() ?? null;

async function stored(eventId: string) {
  const e = await db.event.findUniqueOrThrow({
    where: { id: eventId },
    select: { dateEarliest: true, dateLatest: true, dateSortKey: true },
  });
  return { earliest: iso(e.dateEarliest), latest: iso(e.dateLatest), sortKey: iso(e.dateSortKey) };
}

/** An event from before dates were recorded (the first release had none): only the database can make one now. */
async function legacyUndatedEvent(t: CurationTeam, title: string) {
  return db.event.create({
    data: { workspaceId: t.ws, title, createdById: t.users.analyst.id, updatedById: t.users.analyst.id },
    select: { id: true },
  });
}

const titles = (page: { items: { title: string }[] }) => page.items.map((e) => e.title);

describe("dates with precision", () => {
  it("stores the earliest and latest UTC instant of a year, a month and a day, whatever the machine's zone", async () => {
    const t = await curationTeam();
    const year = await t.analyst.event.create({ workspaceId: t.ws, ...eventInput("Year", { year: 2011 }) });
    const month = await t.analyst.event.create({ workspaceId: t.ws, ...eventInput("Month", { year: 2011, month: 3 }) });
    const day = await t.analyst.event.create({
      workspaceId: t.ws,
      ...eventInput("Day", { year: 2011, month: 3, day: 14 }),
    });

    expect([year.dateText, month.dateText, day.dateText]).toEqual(["2011", "March 2011", "14 March 2011"]);
    expect(month.date).toEqual({ start: { year: 2011, month: 3, day: null }, end: null, qualifier: "EXACT" });
    expect(await stored(year.id)).toEqual({
      earliest: "2011-01-01T00:00:00.000Z",
      latest: "2011-12-31T23:59:59.999Z",
      sortKey: "2011-01-01T00:00:00.000Z",
    });
    expect(await stored(month.id)).toEqual({
      earliest: "2011-03-01T00:00:00.000Z",
      latest: "2011-03-31T23:59:59.999Z",
      sortKey: "2011-03-01T00:00:00.000Z",
    });
    expect(await stored(day.id)).toEqual({
      earliest: "2011-03-14T00:00:00.000Z",
      latest: "2011-03-14T23:59:59.999Z",
      sortKey: "2011-03-14T00:00:00.000Z",
    });
  });

  it("finds '2011' and 'March 2011' with a filter for 2011-03, but not April, 2010 or an undated event", async () => {
    const t = await curationTeam();
    for (const [title, start] of [
      ["In 2011", { year: 2011 }],
      ["In March 2011", { year: 2011, month: 3 }],
      ["On 31 March 2011", { year: 2011, month: 3, day: 31 }],
      ["In April 2011", { year: 2011, month: 4 }],
      ["In 2010", { year: 2010 }],
    ] as const) {
      await t.analyst.event.create({ workspaceId: t.ws, ...eventInput(title, start) });
    }
    await legacyUndatedEvent(t, "Undated");

    const march = await t.analyst.event.list({ workspaceId: t.ws, from: "2011-03", to: "2011-03" });
    expect(titles(march)).toEqual(["In 2011", "In March 2011", "On 31 March 2011"]);

    // A day filter at the month's last day still overlaps the month and the year.
    expect(titles(await t.analyst.event.list({ workspaceId: t.ws, from: "2011-03-31", to: "2011-03-31" }))).toEqual([
      "In 2011",
      "In March 2011",
      "On 31 March 2011",
    ]);
    expect(titles(await t.analyst.event.list({ workspaceId: t.ws, from: "2011-04" }))).toEqual([
      "In 2011",
      "In April 2011",
    ]);
    expect(titles(await t.analyst.event.list({ workspaceId: t.ws, to: "2010-12-31" }))).toEqual(["In 2010"]);
  });

  it("lists chronologically: '2011' before 'March 2011' before a day in March, undated events last", async () => {
    const t = await curationTeam();
    await legacyUndatedEvent(t, "Undated");
    await t.analyst.event.create({
      workspaceId: t.ws,
      ...eventInput("14 March 2011", { year: 2011, month: 3, day: 14 }),
    });
    await t.analyst.event.create({ workspaceId: t.ws, ...eventInput("March 2011", { year: 2011, month: 3 }) });
    await t.analyst.event.create({ workspaceId: t.ws, ...eventInput("2011", { year: 2011 }) });
    await t.analyst.event.create({ workspaceId: t.ws, ...eventInput("1998", { year: 1998 }) });

    const page = await t.analyst.event.list({ workspaceId: t.ws });
    expect(titles(page)).toEqual(["1998", "2011", "March 2011", "14 March 2011", "Undated"]);
    expect(page.items.at(-1)).toMatchObject({ date: null, dateText: "Undated", dateSortKey: null });
  });

  it("widens 'about' by the date's precision and leaves 'before' and 'after' open on one side", async () => {
    const t = await curationTeam();
    const create = (title: string, date: object) =>
      t.analyst.event.create({ workspaceId: t.ws, title, date: date as never });
    const circaYear = await create("c. 2011", { start: { year: 2011 }, qualifier: "CIRCA" });
    const circaDay = await create("c. 14 March 2011", { start: { year: 2011, month: 3, day: 14 }, qualifier: "CIRCA" });
    const before = await create("before June 2001", { start: { year: 2001, month: 6 }, qualifier: "BEFORE" });
    const after = await create("after 2015", { start: { year: 2015 }, qualifier: "AFTER" });
    const range = await create("2011–2012", { start: { year: 2011 }, end: { year: 2012 } });

    expect([circaYear, circaDay, before, after, range].map((e) => e.dateText)).toEqual([
      "c. 2011",
      "c. 14 March 2011",
      "before June 2001",
      "after 2015",
      "2011–2012",
    ]);
    // "About" widens what the date can mean, but it sorts where it was written.
    expect(await stored(circaYear.id)).toEqual({
      earliest: "2010-01-01T00:00:00.000Z",
      latest: "2012-12-31T23:59:59.999Z",
      sortKey: "2011-01-01T00:00:00.000Z",
    });
    expect(await stored(circaDay.id)).toMatchObject({
      earliest: "2011-03-07T00:00:00.000Z",
      latest: "2011-03-21T23:59:59.999Z",
    });
    expect(await stored(before.id)).toEqual({
      earliest: null,
      latest: "2001-05-31T23:59:59.999Z",
      sortKey: "2001-05-31T23:59:59.999Z",
    });
    expect(await stored(after.id)).toMatchObject({ earliest: "2016-01-01T00:00:00.000Z", latest: null });
    expect(await stored(range.id)).toMatchObject({
      earliest: "2011-01-01T00:00:00.000Z",
      latest: "2012-12-31T23:59:59.999Z",
    });

    // "before June 2001" may be any time up to May 2001; "after 2015" any time from 2016.
    expect(titles(await t.analyst.event.list({ workspaceId: t.ws, to: "1950" }))).toEqual(["before June 2001"]);
    expect(titles(await t.analyst.event.list({ workspaceId: t.ws, from: "2001-06", to: "2009" }))).toEqual([]);
    expect(titles(await t.analyst.event.list({ workspaceId: t.ws, from: "2030" }))).toEqual(["after 2015"]);
    // "c. 2011" reaches into 2010 and 2012; the exact range 2011–2012 does not reach 2010.
    expect(titles(await t.analyst.event.list({ workspaceId: t.ws, from: "2010-06", to: "2010-06" }))).toEqual([
      "c. 2011",
    ]);
    expect(titles(await t.analyst.event.list({ workspaceId: t.ws, from: "2012-06", to: "2012-06" }))).toEqual([
      "c. 2011",
      "2011–2012",
    ]);
  });

  it("refuses 31 February with the message on the date field, and creates nothing", async () => {
    const t = await curationTeam();
    const r = await refusal(
      t.analyst.event.create({
        workspaceId: t.ws,
        title: "Impossible",
        date: { start: { year: 2011, month: 2, day: 31 } },
      }),
    );
    expect(r.code).toBe("BAD_REQUEST");
    expect(r.fieldErrors).toEqual({ date: "February 2011 has 28 days" });
    // 29 February exists in leap years only.
    expect(
      await outcome(
        t.analyst.event.create({ workspaceId: t.ws, ...eventInput("Leap day", { year: 2012, month: 2, day: 29 }) }),
      ),
    ).toBe("ok");
    expect(
      (
        await refusal(
          t.analyst.event.create({ workspaceId: t.ws, ...eventInput("No leap", { year: 2011, month: 2, day: 29 }) }),
        )
      ).fieldErrors,
    ).toEqual({
      date: "February 2011 has 28 days",
    });
    expect(await db.event.count({ where: { workspaceId: t.ws } })).toBe(1);
  });

  it("refuses a range whose end is before its start, and 'before' with a range", async () => {
    const t = await curationTeam();
    const backwards = await refusal(
      t.analyst.event.create({
        workspaceId: t.ws,
        title: "Backwards",
        date: { start: { year: 2012, month: 5 }, end: { year: 2012, month: 4 } },
      }),
    );
    expect(backwards).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { date: "The end is before the start" } });
    const openRange = await refusal(
      t.analyst.event.create({
        workspaceId: t.ws,
        title: "Open range",
        date: { start: { year: 2011 }, end: { year: 2012 }, qualifier: "BEFORE" },
      }),
    );
    expect(openRange.code).toBe("BAD_REQUEST");
    expect(openRange.fieldErrors?.date).toMatch(/single date/);
    // An end in the same month as a month-precision start is not "before" it.
    expect(
      await outcome(
        t.analyst.event.create({
          workspaceId: t.ws,
          title: "Same month",
          date: { start: { year: 2012, month: 5 }, end: { year: 2012, month: 5, day: 3 } },
        }),
      ),
    ).toBe("ok");
    expect(await db.event.count({ where: { workspaceId: t.ws } })).toBe(1);
  });

  it("reads filter bounds as analysts type them, and refuses one that is no date, naming the field", async () => {
    const t = await curationTeam();
    expect(await refusal(t.analyst.event.list({ workspaceId: t.ws, from: "2011-02-31" }))).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { from: "Not a date we can read" },
    });
    expect(await refusal(t.analyst.event.list({ workspaceId: t.ws, to: "2011-13" }))).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { to: "Not a date we can read" },
    });
    expect(await refusal(t.analyst.event.list({ workspaceId: t.ws, when: "next blue moon" }))).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { when: "Not a date we can read" },
    });
    // Typed as a source writes it, the bound is read like an event date.
    expect(await outcome(t.analyst.event.list({ workspaceId: t.ws, from: "March 2011" }))).toBe("ok");
  });
});

describe("filters", () => {
  async function library() {
    const t = await curationTeam();
    const mashhad = await t.analyst.entity.create({ workspaceId: t.ws, kind: "PLACE", name: "Mashhad" });
    const taliban = await t.analyst.entity.create({ workspaceId: t.ws, kind: "ORGANIZATION", name: "Taliban" });
    const visit = await t.analyst.event.create({
      workspaceId: t.ws,
      ...eventInput(
        "Taliban delegation visits Tehran",
        { year: 2015, month: 5 },
        {
          summary: "Talks with Iranian officials about refugees.",
          tags: ["diplomacy", " visits "],
          entities: [{ entityId: taliban.id, role: "ACTOR" }],
        },
      ),
    });
    const office = await t.analyst.event.create({
      workspaceId: t.ws,
      ...eventInput(
        "Office opened in Mashhad",
        { year: 2014 },
        {
          tags: ["offices"],
          entities: [
            { entityId: mashhad.id, role: "PLACE", placePrecision: "CITY" },
            { entityId: taliban.id, role: "ACTOR" },
          ],
        },
      ),
    });
    const drone = await t.analyst.event.create({
      workspaceId: t.ws,
      ...eventInput("Mansour killed by a drone", { year: 2016, month: 5, day: 21 }, { tags: ["diplomacy"] }),
    });
    const source = await t.analyst.source.create({
      workspaceId: t.ws,
      kind: "NEWS_REPORT",
      title: "Report",
      text: "The Taliban opened an office in Mashhad.",
    });
    if (source.status !== "created") throw new Error("expected a new source");
    await t.analyst.citation.create({
      eventId: office.id,
      sourceId: source.source.id,
      stance: "SUPPORTS",
      ...passage("The Taliban opened an office in Mashhad.", "opened an office in Mashhad"),
    });
    await publish(t, visit.id, drone.id);
    return { t, mashhad, taliban, visit, office, drone };
  }

  it("filters by entity, tag, text, status and citation, alone and together", async () => {
    const { t, mashhad, taliban } = await library();
    const list = async (filters: object) => titles(await t.analyst.event.list({ workspaceId: t.ws, ...filters }));

    expect(await list({ entityId: taliban.id })).toEqual([
      "Office opened in Mashhad",
      "Taliban delegation visits Tehran",
    ]);
    expect(await list({ entityId: mashhad.id })).toEqual(["Office opened in Mashhad"]);
    expect(await list({ tag: "diplomacy" })).toEqual(["Taliban delegation visits Tehran", "Mansour killed by a drone"]);
    // Tags are stored trimmed.
    expect(await list({ tag: "visits" })).toEqual(["Taliban delegation visits Tehran"]);
    // Text matches title and summary, stemmed ("delegations", "officials") and by prefix while typing.
    expect(await list({ text: "delegations" })).toEqual(["Taliban delegation visits Tehran"]);
    expect(await list({ text: "iranian official" })).toEqual(["Taliban delegation visits Tehran"]);
    expect(await list({ text: "Mash" })).toEqual(["Office opened in Mashhad"]);
    expect(await list({ text: "nothing like this" })).toEqual([]);
    expect(await list({ status: "PUBLISHED" })).toEqual([
      "Taliban delegation visits Tehran",
      "Mansour killed by a drone",
    ]);
    expect(await list({ status: "DRAFT" })).toEqual(["Office opened in Mashhad"]);
    expect(await list({ hasCitation: "yes" })).toEqual(["Office opened in Mashhad"]);
    expect(await list({ hasCitation: "no" })).toEqual([
      "Taliban delegation visits Tehran",
      "Mansour killed by a drone",
    ]);
    expect(await list({ hasCitation: "any" })).toHaveLength(3);

    expect(await list({ entityId: taliban.id, status: "PUBLISHED" })).toEqual(["Taliban delegation visits Tehran"]);
    expect(await list({ tag: "diplomacy", from: "2016" })).toEqual(["Mansour killed by a drone"]);
    expect(await list({ tag: "diplomacy", hasCitation: "yes" })).toEqual([]);
  });

  it("counts citations on each row", async () => {
    const { t, office } = await library();
    const rows = (await t.analyst.event.list({ workspaceId: t.ws })).items;
    expect(rows.find((e) => e.id === office.id)?.citationCount).toBe(1);
    expect(rows.filter((e) => e.id !== office.id).map((e) => e.citationCount)).toEqual([0, 0]);
  });

  it("shows viewers only published events, whatever the filter asks for", async () => {
    const { t, office, visit } = await library();
    expect(titles(await t.viewer.event.list({ workspaceId: t.ws }))).toEqual([
      "Taliban delegation visits Tehran",
      "Mansour killed by a drone",
    ]);
    expect(titles(await t.viewer.event.list({ workspaceId: t.ws, status: "DRAFT" }))).toEqual([]);
    expect(titles(await t.viewer.event.list({ workspaceId: t.ws, text: "Mashhad" }))).toEqual([]);
    expect(titles(await t.viewer.event.list({ workspaceId: t.ws, hasCitation: "yes" }))).toEqual([]);
    expect(await outcome(t.viewer.event.get({ eventId: office.id }))).toBe("NOT_FOUND");
    expect(await t.viewer.event.get({ eventId: visit.id })).toMatchObject({
      title: "Taliban delegation visits Tehran",
      status: "PUBLISHED",
    });
    expect(await outcome(t.viewer.event.getForEdit({ eventId: visit.id }))).toBe("FORBIDDEN");
    // Another workspace's events are not found, whoever asks.
    expect(await outcome(t.outsider.event.get({ eventId: visit.id }))).toBe("NOT_FOUND");
    expect(await outcome(t.outsider.event.list({ workspaceId: t.ws }))).toBe("NOT_FOUND");
  });

  it("returns the event with its linked entities by name and role", async () => {
    const { t, office, mashhad, taliban } = await library();
    const e = await t.analyst.event.get({ eventId: office.id });
    expect(e.entities).toEqual([
      { entityId: taliban.id, role: "ACTOR", placePrecision: null, name: "Taliban", kind: "ORGANIZATION" },
      { entityId: mashhad.id, role: "PLACE", placePrecision: "CITY", name: "Mashhad", kind: "PLACE" },
    ]);
    expect(e.tags).toEqual(["offices"]);
    expect(e.createdBy.name).toBe("Analyst");
  });

  it("refuses links to entities of another workspace", async () => {
    const t = await curationTeam();
    const foreign = await t.outsider.entity.create({
      workspaceId: t.other.id,
      kind: "PERSON",
      name: "Someone elsewhere",
    });
    const r = await refusal(
      t.analyst.event.create({
        workspaceId: t.ws,
        ...eventInput("Linked", { year: 2015 }, { entities: [{ entityId: foreign.id, role: "ACTOR" }] }),
      }),
    );
    expect(r.code).toBe("BAD_REQUEST");
    expect(await db.event.count({ where: { workspaceId: t.ws } })).toBe(0);
  });
});

describe("pagination", () => {
  it("pages through the chronology by cursor without repeats or gaps, undated events included", async () => {
    const t = await curationTeam();
    // Equal dates (ties are broken by id) and undated events exercise every branch of the cursor.
    const dates = [
      { year: 2001 },
      { year: 2011, month: 3 },
      { year: 2011, month: 3 },
      { year: 2011, month: 3 },
      { year: 1999, month: 12, day: 31 },
      { year: 2011 },
    ];
    for (const [i, start] of dates.entries())
      await t.analyst.event.create({ workspaceId: t.ws, ...eventInput(`Event ${i}`, start) });
    for (const i of [1, 2, 3]) await legacyUndatedEvent(t, `Undated ${i}`);

    const all = (await t.analyst.event.list({ workspaceId: t.ws, limit: 100 })).items.map((e) => e.id);
    expect(all).toHaveLength(9);
    for (const limit of [1, 2, 4]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: { items: { id: string }[]; nextCursor: string | null } = await t.analyst.event.list({
          workspaceId: t.ws,
          limit,
          cursor,
        });
        expect(page.items.length).toBeLessThanOrEqual(limit);
        seen.push(...page.items.map((e) => e.id));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor && pages < 20);
      expect(seen, `pages of ${limit}`).toEqual(all);
    }
  });

  it("pages the most recently changed first, too, and refuses a made-up cursor", async () => {
    const t = await curationTeam();
    const ids: string[] = [];
    for (const i of [1, 2, 3, 4, 5])
      ids.push((await t.analyst.event.create({ workspaceId: t.ws, ...eventInput(`Event ${i}`) })).id);
    const first = await t.analyst.event.list({ workspaceId: t.ws, order: "recent", limit: 2 });
    const second = await t.analyst.event.list({
      workspaceId: t.ws,
      order: "recent",
      limit: 2,
      cursor: first.nextCursor,
    });
    const third = await t.analyst.event.list({
      workspaceId: t.ws,
      order: "recent",
      limit: 2,
      cursor: second.nextCursor,
    });
    expect(third.nextCursor).toBeNull();
    expect([...first.items, ...second.items, ...third.items].map((e) => e.id)).toEqual([...ids].reverse());
    expect(await outcome(t.analyst.event.list({ workspaceId: t.ws, cursor: "bm90IGEgY3Vyc29y" }))).toBe("BAD_REQUEST");
  });
});

describe("editing", () => {
  it("saves an edit based on the current version, and refuses a stale one without overwriting", async () => {
    const t = await curationTeam();
    const e = await t.analyst.event.create({ workspaceId: t.ws, ...eventInput("First title", { year: 2015 }) });
    const form = await t.analyst.event.getForEdit({ eventId: e.id });
    expect(form).toMatchObject({ version: 1, title: "First title", date: { start: { year: 2015 } } });

    const saved = await t.reviewer.event.update({
      eventId: e.id,
      version: 1,
      title: "Second title",
      date: { start: { year: 2015, month: 5 } },
      tags: ["a"],
    });
    expect(saved).toMatchObject({ version: 2, title: "Second title", dateText: "May 2015", tags: ["a"] });

    const stale = await refusal(
      t.analyst.event.update({ eventId: e.id, version: 1, title: "Stale title", date: { start: { year: 1990 } } }),
    );
    expect(stale.code).toBe("CONFLICT");
    expect(await t.analyst.event.get({ eventId: e.id })).toMatchObject({
      version: 2,
      title: "Second title",
      dateText: "May 2015",
      updatedBy: { name: "Reviewer" },
    });
    expect(await stored(e.id)).toMatchObject({ earliest: "2015-05-01T00:00:00.000Z" });
  });

  it("lets exactly one of two analysts saving the same version at the same moment win; the other's change is not stored", async () => {
    const t = await curationTeam();
    const second = await makeUser({ name: "Second analyst" });
    await addMember(t.ws, second.id, "ANALYST");
    const other = (await callerFor(second.id)).caller;
    const e = await t.analyst.event.create({ workspaceId: t.ws, ...eventInput("Original", { year: 2015 }) });

    const results = await Promise.allSettled([
      t.analyst.event.update({
        eventId: e.id,
        version: 1,
        title: "Edit by the first analyst",
        date: { start: { year: 2015, month: 1 } },
      }),
      other.event.update({
        eventId: e.id,
        version: 1,
        title: "Edit by the second analyst",
        date: { start: { year: 2015, month: 2 } },
      }),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toMatchObject({ code: "CONFLICT" });

    const winner = (won[0] as PromiseFulfilledResult<{ title: string; dateText: string }>).value;
    const now = await db.event.findUniqueOrThrow({
      where: { id: e.id },
      select: { title: true, version: true, dateStartMonth: true },
    });
    expect(now).toEqual({
      title: winner.title,
      version: 2,
      dateStartMonth: winner.dateText === "January 2015" ? 1 : 2,
    });
    // One update in the history, by the winner only.
    const updates = await db.revision.findMany({
      where: { targetId: e.id, action: "updated" },
      select: { snapshot: true },
    });
    expect(updates.map((u) => (u.snapshot as { title: string }).title)).toEqual([winner.title]);
  });

  it("replaces the entity links and normalises tags", async () => {
    const t = await curationTeam();
    const a = await t.analyst.entity.create({ workspaceId: t.ws, kind: "PERSON", name: "Tayyab Agha" });
    const b = await t.analyst.entity.create({ workspaceId: t.ws, kind: "PLACE", name: "Tehran" });
    const e = await t.analyst.event.create({
      workspaceId: t.ws,
      ...eventInput("Visit", { year: 2015 }, { entities: [{ entityId: a.id, role: "ACTOR" }], tags: ["x"] }),
    });
    await t.analyst.event.update({
      eventId: e.id,
      version: 1,
      ...eventInput(
        "Visit",
        { year: 2015 },
        {
          tags: [" talks ", "talks", "visits"],
          entities: [
            { entityId: b.id, role: "PLACE", placePrecision: "CITY" },
            { entityId: b.id, role: "PLACE", placePrecision: "CITY" },
          ],
        },
      ),
    });
    const form = await t.analyst.event.getForEdit({ eventId: e.id });
    expect(form.tags).toEqual(["talks", "visits"]);
    expect(form.entities).toEqual([{ entityId: b.id, role: "PLACE", placePrecision: "CITY" }]);
    expect(form.entityNames).toEqual({ [b.id]: { name: "Tehran", kind: "PLACE" } });
  });

  it("lets viewers neither create nor edit", async () => {
    const t = await curationTeam();
    const e = await t.analyst.event.create({ workspaceId: t.ws, ...eventInput("Event") });
    await publish(t, e.id);
    expect(await outcome(t.viewer.event.create({ workspaceId: t.ws, ...eventInput("Mine") }))).toBe("FORBIDDEN");
    expect(await outcome(t.viewer.event.update({ eventId: e.id, version: 1, ...eventInput("Changed") }))).toBe(
      "FORBIDDEN",
    );
    expect(await outcome(t.viewer.event.delete({ eventId: e.id, version: 1 }))).toBe("FORBIDDEN");
    expect((await db.event.findUniqueOrThrow({ where: { id: e.id } })).title).toBe("Event");
  });
});

describe("trash", () => {
  it("moves a deleted event to the trash, which admins list and restore from", async () => {
    const t = await curationTeam();
    const keep = await t.analyst.event.create({ workspaceId: t.ws, ...eventInput("Kept", { year: 2014 }) });
    const e = await t.analyst.event.create({ workspaceId: t.ws, ...eventInput("Deleted by mistake", { year: 2015 }) });

    expect(await outcome(t.analyst.event.delete({ eventId: e.id, version: 2 }))).toBe("CONFLICT");
    expect(await t.analyst.event.delete({ eventId: e.id, version: 1 })).toEqual({ ok: true });
    expect(await outcome(t.analyst.event.delete({ eventId: e.id, version: 2 }))).toBe("CONFLICT");

    expect(titles(await t.analyst.event.list({ workspaceId: t.ws }))).toEqual(["Kept"]);
    expect(await outcome(t.analyst.event.get({ eventId: e.id }))).toBe("NOT_FOUND");
    expect(await outcome(t.analyst.event.getForEdit({ eventId: e.id }))).toBe("NOT_FOUND");
    expect(
      await outcome(t.analyst.event.update({ eventId: e.id, version: 2, ...eventInput("Edited in the bin") })),
    ).toBe("CONFLICT");
    // The admin still sees it, marked as deleted.
    expect((await t.admin.event.get({ eventId: e.id })).deletedAt).toBeInstanceOf(Date);

    const trash = await t.admin.event.trash({ workspaceId: t.ws });
    expect(trash.items.map((i) => [i.title, i.deletedAt instanceof Date])).toEqual([["Deleted by mistake", true]]);
    expect(trash.items[0]!.deletedBy).toBe("Analyst");
    expect(await outcome(t.analyst.event.trash({ workspaceId: t.ws }))).toBe("FORBIDDEN");
    expect(await outcome(t.reviewer.event.restore({ eventId: e.id }))).toBe("FORBIDDEN");
    expect(await outcome(t.analyst.event.restore({ eventId: e.id }))).toBe("FORBIDDEN");
    expect(await outcome(t.outsider.event.restore({ eventId: e.id }))).toBe("NOT_FOUND");

    expect(await t.admin.event.restore({ eventId: e.id })).toEqual({ ok: true });
    expect(titles(await t.analyst.event.list({ workspaceId: t.ws }))).toEqual(["Kept", "Deleted by mistake"]);
    expect(await t.analyst.event.get({ eventId: e.id })).toMatchObject({ version: 3, deletedAt: null });
    expect((await t.admin.event.trash({ workspaceId: t.ws })).items).toEqual([]);
    expect(await outcome(t.admin.event.restore({ eventId: e.id }))).toBe("CONFLICT");
    expect(keep.version).toBe(1);
  });

  it("pages the trash, most recently deleted first", async () => {
    const t = await curationTeam();
    const ids: string[] = [];
    for (const i of [1, 2, 3]) {
      const e = await t.analyst.event.create({ workspaceId: t.ws, ...eventInput(`Event ${i}`) });
      await t.analyst.event.delete({ eventId: e.id, version: 1 });
      ids.push(e.id);
    }
    const first = await t.admin.event.trash({ workspaceId: t.ws, limit: 2 });
    const second = await t.admin.event.trash({ workspaceId: t.ws, limit: 2, cursor: first.nextCursor });
    expect(second.nextCursor).toBeNull();
    expect([...first.items, ...second.items].map((e) => e.id)).toEqual([...ids].reverse());
  });
});

describe("a start date with a cursor", () => {
  it("lists events that began earlier but reach into the window first, then the rest, page by page without repeats", async () => {
    const t = await curationTeam();
    const mk = (title: string, date: Parameters<typeof t.analyst.event.create>[0]["date"]) =>
      t.analyst.event.create({ workspaceId: t.ws, title, summary: "", date, tags: [], entities: [] });
    const range = await mk("Talks over three years", { start: { year: 2009 }, end: { year: 2011 } });
    const year = await mk("Sometime in 2010", { start: { year: 2010 } });
    const july = await mk("July 2010 meeting", { start: { year: 2010, month: 7 } });
    const later = await mk("2012 visit", { start: { year: 2012 } });
    await mk("Over before the window", { start: { year: 2010, month: 2 } });
    await mk("Undated", { start: { year: 2001 }, qualifier: "BEFORE" });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof t.analyst.event.list>> = await t.analyst.event.list({
        workspaceId: t.ws,
        from: "2010-06",
        limit: 1,
        cursor,
      });
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([range.id, year.id, july.id, later.id]);
  });
});
