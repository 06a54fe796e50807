import { describe, expect, it } from "vitest";
import { db } from "../../server/db/client.ts";
import { curationTeam, eventInput, outcome, publish, refusal, type CurationTeam } from "../helpers/curation.ts";

/**
 * Entities: actors, organisations, people and places with aliases, suggested
 * as you type (by alias, and through misspellings), their events, and merging
 * two records of the same thing into one.
 */

const names = (rows: { name: string }[]) => rows.map((r) => r.name);

describe("entities and aliases", () => {
  it("creates an entity with its aliases, without repeating the name or an alias", async () => {
    const t = await curationTeam();
    const e = await t.analyst.entity.create({
      workspaceId: t.ws,
      kind: "ORGANIZATION",
      name: "Islamic Revolutionary Guard Corps",
      aliases: ["IRGC", " Sepah ", "irgc", "Islamic Revolutionary Guard Corps"],
      description: "Iran's Revolutionary Guards",
    });
    const got = await t.viewer.entity.get({ entityId: e.id });
    expect(got).toMatchObject({
      name: "Islamic Revolutionary Guard Corps",
      kind: "ORGANIZATION",
      aliases: ["IRGC", "Sepah"],
      description: "Iran's Revolutionary Guards",
      mergedIntoId: null,
      sourceCount: 0,
    });

    await t.reviewer.entity.update({
      entityId: e.id,
      kind: "ORGANIZATION",
      name: "IRGC",
      aliases: ["Sepah", "Pasdaran"],
      version: got.version,
    });
    expect(await t.viewer.entity.get({ entityId: e.id })).toMatchObject({
      name: "IRGC",
      aliases: ["Pasdaran", "Sepah"],
    });
    // The list gives the other names in the same order as the entity's page, whatever order they were stored in.
    const listed = (await t.viewer.entity.list({ workspaceId: t.ws })).items.find((i) => i.id === e.id);
    expect(listed?.aliases).toEqual(["Pasdaran", "Sepah"]);
    expect(
      await outcome(t.viewer.entity.update({ entityId: e.id, kind: "ORGANIZATION", name: "Renamed", version: 2 })),
    ).toBe("FORBIDDEN");
    expect(await outcome(t.viewer.entity.create({ workspaceId: t.ws, kind: "PERSON", name: "Someone" }))).toBe(
      "FORBIDDEN",
    );
    expect(await outcome(t.outsider.entity.get({ entityId: e.id }))).toBe("NOT_FOUND");
  });

  it("lists by name, filtered by kind, page by page", async () => {
    const t = await curationTeam();
    for (const [kind, name] of [
      ["PLACE", "Tehran"],
      ["PERSON", "Tayyab Agha"],
      ["PLACE", "Mashhad"],
      ["ORGANIZATION", "Taliban"],
      ["PLACE", "Kabul"],
    ] as const) {
      await t.analyst.entity.create({ workspaceId: t.ws, kind, name });
    }
    expect(names((await t.viewer.entity.list({ workspaceId: t.ws, kind: "PLACE" })).items)).toEqual([
      "Kabul",
      "Mashhad",
      "Tehran",
    ]);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { name: string }[]; nextCursor: string | null } = await t.viewer.entity.list({
        workspaceId: t.ws,
        limit: 2,
        cursor,
      });
      seen.push(...names(page.items));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(["Kabul", "Mashhad", "Taliban", "Tayyab Agha", "Tehran"]);
  });
});

describe("suggestions as you type", () => {
  async function places(t: CurationTeam) {
    const mashhad = await t.analyst.entity.create({
      workspaceId: t.ws,
      kind: "PLACE",
      name: "Mashhad",
      aliases: ["مشهد"],
    });
    const irgc = await t.analyst.entity.create({
      workspaceId: t.ws,
      kind: "ORGANIZATION",
      name: "Islamic Revolutionary Guard Corps",
      aliases: ["IRGC", "Sepah"],
    });
    const masoud = await t.analyst.entity.create({ workspaceId: t.ws, kind: "PERSON", name: "Ahmad Shah Massoud" });
    await t.analyst.entity.create({ workspaceId: t.ws, kind: "PLACE", name: "Herat" });
    return { mashhad, irgc, masoud };
  }

  it("finds by alias, by prefix and through a misspelling", async () => {
    const t = await curationTeam();
    const { mashhad, irgc } = await places(t);
    const suggest = (q: string, kind?: "PLACE" | "PERSON" | "ORGANIZATION") =>
      t.viewer.entity.suggest({ workspaceId: t.ws, q, kind });

    expect((await suggest("irgc"))[0]).toMatchObject({
      id: irgc.id,
      name: "Islamic Revolutionary Guard Corps",
      matched: "IRGC",
    });
    expect((await suggest("sepah"))[0]).toMatchObject({ id: irgc.id, matched: "Sepah" });
    expect((await suggest("Guard"))[0]).toMatchObject({ id: irgc.id });
    expect((await suggest("Mashad"))[0]).toMatchObject({ id: mashhad.id, name: "Mashhad" });
    expect((await suggest("Mash"))[0]).toMatchObject({ id: mashhad.id });
    expect((await suggest("مشهد"))[0]).toMatchObject({ id: mashhad.id, matched: "مشهد" });
    expect(await suggest("Kandahar")).toEqual([]);
    // An entity appears once, however many of its names match.
    expect((await suggest("i")).filter((s) => s.id === irgc.id)).toHaveLength(1);
  });

  it("narrows to one kind, and to the caller's workspace", async () => {
    const t = await curationTeam();
    const { mashhad, masoud } = await places(t);
    expect((await t.viewer.entity.suggest({ workspaceId: t.ws, q: "Mas" })).map((s) => s.id).sort()).toEqual(
      [mashhad.id, masoud.id].sort(),
    );
    expect((await t.viewer.entity.suggest({ workspaceId: t.ws, q: "Mas", kind: "PERSON" })).map((s) => s.id)).toEqual([
      masoud.id,
    ]);
    expect(await t.outsider.entity.suggest({ workspaceId: t.other.id, q: "Mashhad" })).toEqual([]);
    expect(await outcome(t.outsider.entity.suggest({ workspaceId: t.ws, q: "Mashhad" }))).toBe("NOT_FOUND");
  });
});

describe("an entity's events", () => {
  it("lists its events in date order, published ones only for viewers", async () => {
    const t = await curationTeam();
    const taliban = await t.analyst.entity.create({ workspaceId: t.ws, kind: "ORGANIZATION", name: "Taliban" });
    const link = { entities: [{ entityId: taliban.id, role: "ACTOR" as const }] };
    const later = await t.analyst.event.create({
      workspaceId: t.ws,
      ...eventInput("Spring offensive", { year: 2016, month: 4 }, link),
    });
    const earlier = await t.analyst.event.create({
      workspaceId: t.ws,
      ...eventInput("Delegation visits Tehran", { year: 2015, month: 5 }, link),
    });
    const draft = await t.analyst.event.create({
      workspaceId: t.ws,
      ...eventInput("Unconfirmed meeting", { year: 2015 }, link),
    });
    await t.analyst.event.create({ workspaceId: t.ws, ...eventInput("Unrelated", { year: 2015 }) });
    await publish(t, later.id, earlier.id);

    const forAnalyst = await t.analyst.entity.events({ entityId: taliban.id });
    expect(forAnalyst.items.map((e) => [e.title, e.dateText, e.roles])).toEqual([
      ["Unconfirmed meeting", "2015", ["ACTOR"]],
      ["Delegation visits Tehran", "May 2015", ["ACTOR"]],
      ["Spring offensive", "April 2016", ["ACTOR"]],
    ]);
    expect((await t.viewer.entity.events({ entityId: taliban.id })).items.map((e) => e.id)).toEqual([
      earlier.id,
      later.id,
    ]);
    expect((await t.viewer.entity.events({ entityId: taliban.id })).items.map((e) => e.id)).not.toContain(draft.id);

    const first = await t.analyst.entity.events({ entityId: taliban.id, limit: 2 });
    const second = await t.analyst.entity.events({ entityId: taliban.id, limit: 2, cursor: first.nextCursor });
    expect([...first.items, ...second.items].map((e) => e.title)).toEqual(forAnalyst.items.map((e) => e.title));
    expect(second.nextCursor).toBeNull();
    expect(await outcome(t.outsider.entity.events({ entityId: taliban.id }))).toBe("NOT_FOUND");
  });
});

describe("merging", () => {
  async function duplicates(t: CurationTeam) {
    const typo = await t.analyst.entity.create({
      workspaceId: t.ws,
      kind: "PLACE",
      name: "Mashad",
      aliases: ["Meshed", "mashhad"],
    });
    const right = await t.analyst.entity.create({
      workspaceId: t.ws,
      kind: "PLACE",
      name: "Mashhad",
      aliases: ["مشهد"],
    });
    const onlyTypo = await t.analyst.event.create({
      workspaceId: t.ws,
      ...eventInput(
        "Office opened",
        { year: 2014 },
        { entities: [{ entityId: typo.id, role: "PLACE", placePrecision: "CITY" }] },
      ),
    });
    const both = await t.analyst.event.create({
      workspaceId: t.ws,
      ...eventInput(
        "Shura meets",
        { year: 2015 },
        {
          entities: [
            { entityId: typo.id, role: "PLACE" },
            { entityId: right.id, role: "PLACE", placePrecision: "CITY" },
          ],
        },
      ),
    });
    const otherRole = await t.analyst.event.create({
      workspaceId: t.ws,
      ...eventInput(
        "Council statement",
        { year: 2016 },
        {
          entities: [
            { entityId: typo.id, role: "OTHER" },
            { entityId: right.id, role: "PLACE" },
          ],
        },
      ),
    });
    const source = await t.analyst.source.create({
      workspaceId: t.ws,
      kind: "OFFICIAL_STATEMENT",
      title: "Statement",
      publisherName: "Meshed",
      text: "A statement from the city.",
    });
    if (source.status !== "created") throw new Error("expected a new source");
    return { typo, right, onlyTypo, both, otherRole, sourceId: source.source.id };
  }

  it("moves event links and publisher references, joins the aliases, and retires the merged entity", async () => {
    const t = await curationTeam();
    const d = await duplicates(t);
    const r = await t.analyst.entity.merge({ fromEntityId: d.typo.id, intoEntityId: d.right.id });
    // "mashhad" is the survivor's own name, whatever its case.
    expect(r).toEqual({ eventLinksMoved: 2, sourcesMoved: 1, aliasesAdded: ["Mashad", "Meshed"] });

    const links = await db.eventEntity.findMany({
      where: { eventId: { in: [d.onlyTypo.id, d.both.id, d.otherRole.id] } },
      select: { eventId: true, entityId: true, role: true, placePrecision: true },
    });
    expect(links.filter((l) => l.entityId === d.typo.id)).toEqual([]);
    const linkOf = (eventId: string) =>
      links.filter((l) => l.eventId === eventId).map(({ role, placePrecision }) => ({ role, placePrecision }));
    expect(linkOf(d.onlyTypo.id)).toEqual([{ role: "PLACE", placePrecision: "CITY" }]);
    expect(linkOf(d.both.id)).toEqual([{ role: "PLACE", placePrecision: "CITY" }]);
    expect(linkOf(d.otherRole.id).sort((a, b) => a.role.localeCompare(b.role))).toEqual([
      { role: "OTHER", placePrecision: null },
      { role: "PLACE", placePrecision: null },
    ]);
    expect((await t.analyst.entity.events({ entityId: d.right.id })).items.map((e) => e.title)).toEqual([
      "Office opened",
      "Shura meets",
      "Council statement",
    ]);
    expect((await t.analyst.source.get({ sourceId: d.sourceId })).publisher?.id).toBe(d.right.id);

    const survivor = await t.analyst.entity.get({ entityId: d.right.id });
    expect(survivor.aliases).toEqual(["Mashad", "Meshed", "مشهد"]);
    expect(survivor.sourceCount).toBe(1);
    expect((await t.analyst.entity.get({ entityId: d.typo.id })).mergedIntoId).toBe(d.right.id);

    // The merged record is gone from lists and suggestions; its names lead to the survivor.
    expect(names((await t.analyst.entity.list({ workspaceId: t.ws })).items)).toEqual(["Mashhad"]);
    expect((await t.analyst.entity.suggest({ workspaceId: t.ws, q: "Mashad" })).map((s) => s.id)).toEqual([d.right.id]);
    expect((await t.analyst.entity.suggest({ workspaceId: t.ws, q: "Meshed" })).map((s) => s.id)).toEqual([d.right.id]);
    // New sources published under the old name land on the survivor.
    const later = await t.analyst.source.create({
      workspaceId: t.ws,
      kind: "REPORT",
      title: "Later",
      publisherName: "Mashad",
      text: "Later text.",
    });
    if (later.status !== "created") throw new Error("expected a new source");
    expect((await t.analyst.source.get({ sourceId: later.source.id })).publisher?.id).toBe(d.right.id);

    // The merged entity cannot be merged, merged into, or linked again.
    const other = await t.analyst.entity.create({ workspaceId: t.ws, kind: "PLACE", name: "Herat" });
    expect(await outcome(t.analyst.entity.merge({ fromEntityId: d.typo.id, intoEntityId: other.id }))).toBe("CONFLICT");
    expect(await outcome(t.analyst.entity.merge({ fromEntityId: other.id, intoEntityId: d.typo.id }))).toBe("CONFLICT");
    expect(
      await outcome(t.analyst.entity.update({ entityId: d.typo.id, kind: "PLACE", name: "Mashad", version: 2 })),
    ).toBe("CONFLICT");
    expect(
      await outcome(
        t.analyst.event.create({
          workspaceId: t.ws,
          ...eventInput(
            "Linked to the old one",
            { year: 2017 },
            { entities: [{ entityId: d.typo.id, role: "PLACE" }] },
          ),
        }),
      ),
    ).toBe("BAD_REQUEST");
    expect(await db.auditLog.count({ where: { workspaceId: t.ws, action: "entity.merged" } })).toBe(1);
  });

  it("refuses merging across workspaces as not found, and refuses viewers", async () => {
    const t = await curationTeam();
    const ours = await t.analyst.entity.create({ workspaceId: t.ws, kind: "PLACE", name: "Mashhad" });
    const theirs = await t.outsider.entity.create({ workspaceId: t.other.id, kind: "PLACE", name: "Mashad" });
    expect(await outcome(t.analyst.entity.merge({ fromEntityId: ours.id, intoEntityId: theirs.id }))).toBe("NOT_FOUND");
    expect(await outcome(t.analyst.entity.merge({ fromEntityId: theirs.id, intoEntityId: ours.id }))).toBe("NOT_FOUND");
    expect(await outcome(t.outsider.entity.merge({ fromEntityId: theirs.id, intoEntityId: ours.id }))).toBe(
      "NOT_FOUND",
    );
    const typo = await t.analyst.entity.create({ workspaceId: t.ws, kind: "PLACE", name: "Mashadd" });
    expect(await outcome(t.viewer.entity.merge({ fromEntityId: typo.id, intoEntityId: ours.id }))).toBe("FORBIDDEN");
    expect(
      (await refusal(t.analyst.entity.merge({ fromEntityId: ours.id, intoEntityId: ours.id }))).fieldErrors,
    ).toEqual({ intoEntityId: "Choose a different entity to merge into" });
    expect(
      await db.entity.count({ where: { workspaceId: { in: [t.ws, t.other.id] }, mergedIntoId: { not: null } } }),
    ).toBe(0);
  });

  it("leaves merges touching published events to reviewers and admins", async () => {
    const t = await curationTeam();
    const right = await t.analyst.entity.create({ workspaceId: t.ws, kind: "PLACE", name: "Herat" });
    const linked = await t.analyst.entity.create({ workspaceId: t.ws, kind: "PLACE", name: "Harat" });
    const publisher = await t.analyst.entity.create({
      workspaceId: t.ws,
      kind: "ORGANIZATION",
      name: "Herat Observer Ltd",
    });
    const onDraftOnly = await t.analyst.entity.create({ workspaceId: t.ws, kind: "PLACE", name: "Herrat" });
    const live = await t.analyst.event.create({
      workspaceId: t.ws,
      ...eventInput("Governor appointed", { year: 2016 }, { entities: [{ entityId: linked.id, role: "PLACE" }] }),
    });
    const cited = await t.analyst.event.create({ workspaceId: t.ws, ...eventInput("Market reopened", { year: 2017 }) });
    const draftEvent = await t.analyst.event.create({
      workspaceId: t.ws,
      ...eventInput("Rumoured visit", { year: 2018 }, { entities: [{ entityId: onDraftOnly.id, role: "PLACE" }] }),
    });
    const text = "Herat Observer: the market reopened on Sunday.";
    const src = await t.analyst.source.create({
      workspaceId: t.ws,
      kind: "NEWS_REPORT",
      title: "Market",
      text,
      publisherName: "Herat Observer Ltd",
    });
    if (src.status !== "created") throw new Error("expected a new source");
    await t.analyst.citation.create({
      eventId: cited.id,
      sourceId: src.source.id,
      stance: "SUPPORTS",
      startOffset: 0,
      endOffset: 13,
      quote: "Herat Observe",
    });
    await publish(t, live.id, cited.id);

    // Links of a published event, or the origin a published rating comes from: not an analyst's call.
    for (const from of [linked.id, publisher.id]) {
      const r = await refusal(t.analyst.entity.merge({ fromEntityId: from, intoEntityId: right.id }));
      expect(r.code).toBe("FORBIDDEN");
      expect(r.message).toContain("only reviewers and admins");
    }
    expect(await db.eventEntity.count({ where: { entityId: linked.id } })).toBe(1);
    // Entities on drafts only are still the analyst's to merge; a draft proposal follows the merge.
    await t.analyst.event.update({
      eventId: live.id,
      version: 1,
      ...eventInput(
        "Governor appointed in Herat",
        { year: 2016 },
        { entities: [{ entityId: onDraftOnly.id, role: "PLACE" }] },
      ),
    });
    await t.analyst.entity.merge({ fromEntityId: onDraftOnly.id, intoEntityId: right.id });
    expect(await db.eventEntity.findMany({ where: { eventId: draftEvent.id }, select: { entityId: true } })).toEqual([
      { entityId: right.id },
    ]);
    const snapshot = (await db.eventProposal.findUniqueOrThrow({ where: { eventId: live.id } })).snapshot as {
      entities: { entityId: string }[];
    };
    expect(snapshot.entities.map((e) => e.entityId)).toEqual([right.id]);
    expect(await t.reviewer.entity.merge({ fromEntityId: linked.id, intoEntityId: right.id })).toMatchObject({
      eventLinksMoved: 1,
    });
    expect(await t.admin.entity.merge({ fromEntityId: publisher.id, intoEntityId: right.id })).toMatchObject({
      sourcesMoved: 1,
    });
  });

  it("lets only one of two opposite merges started together through", async () => {
    const t = await curationTeam();
    const a = await t.analyst.entity.create({ workspaceId: t.ws, kind: "PLACE", name: "Mashad" });
    const b = await t.analyst.entity.create({ workspaceId: t.ws, kind: "PLACE", name: "Mashhad" });
    await t.analyst.event.create({
      workspaceId: t.ws,
      ...eventInput(
        "Linked to both",
        { year: 2015 },
        {
          entities: [
            { entityId: a.id, role: "PLACE" },
            { entityId: b.id, role: "ACTOR" },
          ],
        },
      ),
    });
    const results = await Promise.allSettled([
      t.analyst.entity.merge({ fromEntityId: a.id, intoEntityId: b.id }),
      t.reviewer.entity.merge({ fromEntityId: b.id, intoEntityId: a.id }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(results.find((r): r is PromiseRejectedResult => r.status === "rejected")!.reason).toMatchObject({
      code: "CONFLICT",
    });
    // Exactly one survivor, holding both links.
    const live = await db.entity.findMany({ where: { workspaceId: t.ws, mergedIntoId: null }, select: { id: true } });
    expect(live).toHaveLength(1);
    expect(await db.eventEntity.count({ where: { entityId: live[0]!.id } })).toBe(2);
  });
});
