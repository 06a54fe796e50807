import { describe, expect, it } from "vitest";
import { db } from "../../server/db/client.ts";
import { callerFor } from "../helpers/caller.ts";
import { curationTeam, eventInput, outcome, passage, refusal, type CurationTeam } from "../helpers/curation.ts";
import { addMember, makeUser } from "../helpers/factories.ts";

/**
 * Changes to sources and entities that published material shows go through
 * review: an analyst's edit becomes a proposal, viewers keep reading the
 * approved values everywhere (event page, source reader, citation list,
 * search, entity page) until a reviewer who did not write it approves, and a
 * record only drafts use is still edited directly. Raw procedure outputs,
 * real Postgres.
 */

type Caller = CurationTeam["analyst"];

const TEXT =
  "Officials said a delegation of the Revolutionary Guards met Taliban envoys near the border to discuss water rights.";
const OLD_URL = "https://wire.example.org/2015/border-talks";
const PHISHING = "https://login-wire.example.net/verify-account";

/** A published event (through the real review) showing an entity and a source with its publisher. */
async function publishedMaterial(t: CurationTeam, suffix = "") {
  const entity = await t.analyst.entity.create({
    workspaceId: t.ws,
    kind: "ORGANIZATION",
    name: `Islamic Revolutionary Guard Corps${suffix}`,
    aliases: [`Sepah${suffix}`],
  });
  const created = await t.analyst.source.create({
    workspaceId: t.ws,
    kind: "NEWS_REPORT",
    title: `Guards meet envoys at the border${suffix}`,
    publisherName: `Frontier Wire${suffix}`,
    url: `${OLD_URL}${suffix ? `-${suffix.trim()}` : ""}`,
    text: `${TEXT}${suffix}`,
  });
  if (created.status !== "created") throw new Error("expected a new source");
  const source = { id: created.source.id, text: `${TEXT}${suffix}` };
  const event = await t.analyst.event.create({
    workspaceId: t.ws,
    ...eventInput(`Guards meet Taliban envoys${suffix}`, { year: 2015, month: 6 }),
    entities: [{ entityId: entity.id, role: "ACTOR" }],
  });
  await t.analyst.citation.create({
    eventId: event.id,
    sourceId: source.id,
    stance: "SUPPORTS",
    ...passage(source.text, "met Taliban envoys near the border"),
  });
  const { round } = await t.analyst.review.submit({ eventId: event.id });
  await t.reviewer.review.decide({ eventId: event.id, round, decision: "APPROVE", comment: "" });
  return { entity, source, event };
}

async function renameEntity(by: Caller, entityId: string, name: string, aliases: string[]) {
  const e = await by.entity.get({ entityId });
  const p = await by.proposal.get({ targetType: "ENTITY", targetId: entityId });
  return by.entity.update({
    entityId,
    kind: e.kind,
    name,
    aliases,
    description: e.description,
    version: p.proposal?.version ?? e.version,
  });
}

async function editSource(by: Caller, sourceId: string, change: { title?: string; url?: string }) {
  const s = await by.source.get({ sourceId });
  const p = await by.proposal.get({ targetType: "SOURCE", targetId: sourceId });
  return by.source.update({
    sourceId,
    version: p.proposal?.version ?? s.version,
    kind: s.kind,
    title: change.title ?? s.title,
    publisherName: s.publisher?.name ?? "",
    author: s.author,
    pubDate: s.pubDate,
    url: change.url ?? s.url ?? "",
    language: s.language,
  });
}

async function member(t: CurationTeam, role: "ANALYST" | "REVIEWER", name: string) {
  const user = await makeUser({ name });
  await addMember(t.ws, user.id, role);
  return { user, caller: (await callerFor(user.id)).caller };
}

const auditActions = async (targetType: string, targetId: string) =>
  (
    await db.auditLog.findMany({ where: { targetType, targetId }, orderBy: { id: "asc" }, select: { action: true } })
  ).map((a) => a.action);

describe("an entity that a published event shows", () => {
  it("is renamed only when a reviewer approves: viewers read the approved name everywhere until then", async () => {
    const t = await curationTeam();
    const { entity, event } = await publishedMaterial(t);

    const saved = await renameEntity(t.analyst, entity.id, "IRGC", ["Sepah", "Pasdaran"]);
    expect(saved).toMatchObject({ proposed: true, name: "Islamic Revolutionary Guard Corps" });

    // Viewers (and contributors reading the record itself) see the approved values.
    for (const who of [t.viewer, t.analyst]) {
      const shown = await who.event.get({ eventId: event.id });
      expect(shown.entities.map((e) => e.name)).toEqual(["Islamic Revolutionary Guard Corps"]);
      const read = await who.entity.get({ entityId: entity.id });
      expect(read).toMatchObject({ name: "Islamic Revolutionary Guard Corps", aliases: ["Sepah"] });
    }
    const found = await t.viewer.search.query({ workspaceId: t.ws, q: "Pasdaran" });
    expect(found.entities.filter((e) => e.id === entity.id)).toEqual([]);
    expect((await t.viewer.entity.list({ workspaceId: t.ws })).items.find((e) => e.id === entity.id)).toMatchObject({
      name: "Islamic Revolutionary Guard Corps",
      aliases: ["Sepah"],
    });

    // Contributors see the proposal and its diff.
    const proposal = (await t.analyst.proposal.get({ targetType: "ENTITY", targetId: entity.id })).proposal!;
    expect(proposal).toMatchObject({ status: "DRAFT", isAuthor: true, can: { submit: true, decide: false } });
    expect(proposal.changes).toEqual([
      { field: "name", label: "Name", before: "Islamic Revolutionary Guard Corps", after: "IRGC" },
      { field: "aliases", label: "Aliases", before: "Sepah", after: "Pasdaran, Sepah" },
    ]);
    expect(await t.analyst.proposal.forEvent({ eventId: event.id })).toEqual([
      expect.objectContaining({ targetType: "ENTITY", targetId: entity.id, status: "DRAFT" }),
    ]);

    const { round } = await t.analyst.proposal.submit({ targetType: "ENTITY", targetId: entity.id });
    expect((await t.reviewer.review.counts({ workspaceId: t.ws })).waiting).toBe(1);
    const queue = await t.reviewer.proposal.queue({ workspaceId: t.ws });
    expect(queue.items).toEqual([
      expect.objectContaining({
        targetType: "ENTITY",
        targetId: entity.id,
        name: "Islamic Revolutionary Guard Corps",
        proposedName: "IRGC",
        round,
        canDecide: true,
        authors: [{ id: t.users.analyst.id, name: "Analyst" }],
        changes: proposal.changes,
      }),
    ]);
    // Still the approved values while it waits.
    expect((await t.viewer.event.get({ eventId: event.id })).entities[0]!.name).toBe(
      "Islamic Revolutionary Guard Corps",
    );

    expect(
      await t.reviewer.proposal.decide({ targetType: "ENTITY", targetId: entity.id, round, decision: "APPROVE" }),
    ).toEqual({ status: "PUBLISHED", approvals: 1, required: 1 });

    expect((await t.viewer.event.get({ eventId: event.id })).entities.map((e) => e.name)).toEqual(["IRGC"]);
    expect(await t.viewer.entity.get({ entityId: entity.id })).toMatchObject({
      name: "IRGC",
      aliases: ["Pasdaran", "Sepah"],
    });
    const after = await t.viewer.search.query({ workspaceId: t.ws, q: "Pasdaran" });
    expect(after.entities.map((e) => e.id)).toContain(entity.id);
    expect((await t.analyst.proposal.get({ targetType: "ENTITY", targetId: entity.id })).proposal).toBeNull();
    expect(await t.analyst.proposal.queue({ workspaceId: t.ws })).toEqual({ items: [], nextCursor: null });

    // History and audit say who proposed, submitted, approved and what was published.
    const history = await t.analyst.history.list({ targetType: "entity", targetId: entity.id });
    expect(history.map((h) => h.action)).toEqual([
      "proposed_change",
      "submitted",
      "published_change",
      "review_approve",
    ]);
    expect(await auditActions("entity", entity.id)).toEqual([
      "entity.created",
      "entity.change_proposed",
      "review.submitted",
      "entity.change_published",
      "review.approve",
    ]);
    const notes = await t.analyst.notification.list({});
    expect(notes.items.map((n) => n.message)).toContainEqual(
      expect.stringContaining("approved the change to the entity"),
    );
  });

  it("an alias edit alone is a proposal too, and so is one by a reviewer, who then cannot approve it", async () => {
    const t = await curationTeam();
    const { entity } = await publishedMaterial(t);
    await renameEntity(t.reviewer, entity.id, "Islamic Revolutionary Guard Corps", ["Sepah", "Pasdaran"]);
    expect((await t.viewer.entity.get({ entityId: entity.id })).aliases).toEqual(["Sepah"]);
    const { round } = await t.reviewer.proposal.submit({ targetType: "ENTITY", targetId: entity.id });
    const self = await refusal(
      t.reviewer.proposal.decide({ targetType: "ENTITY", targetId: entity.id, round, decision: "APPROVE" }),
    );
    expect(self.code).toBe("FORBIDDEN");
    expect(self.message).toMatch(/your own/);
    expect((await t.reviewer.proposal.queue({ workspaceId: t.ws })).items[0]!.canDecide).toBe(false);
    expect(await db.recordDecision.count({ where: { targetId: entity.id } })).toBe(0);
    await t.admin.proposal.decide({ targetType: "ENTITY", targetId: entity.id, round, decision: "APPROVE" });
    expect((await t.viewer.entity.get({ entityId: entity.id })).aliases).toEqual(["Pasdaran", "Sepah"]);
  });
});

describe("a source that a published event cites", () => {
  it("keeps its approved address and title for viewers until a reviewer approves the change", async () => {
    const t = await curationTeam();
    const { source, event } = await publishedMaterial(t);

    const saved = await editSource(t.analyst, source.id, { title: "Border talks: the full account", url: PHISHING });
    expect(saved).toMatchObject({ proposed: true });

    const check = async (title: string, url: string) => {
      const read = await t.viewer.source.get({ sourceId: source.id });
      expect(read).toMatchObject({ title, url });
      const cited = await t.viewer.citation.forEvent({ eventId: event.id });
      expect(cited.citations.map((c) => ({ title: c.source.title, url: c.source.url }))).toEqual([{ title, url }]);
      const listed = await t.viewer.source.list({ workspaceId: t.ws });
      expect(listed.items.find((s) => s.id === source.id)).toMatchObject({ title, url });
      const found = await t.viewer.search.query({ workspaceId: t.ws, q: "full account" });
      return found;
    };
    const before = await check("Guards meet envoys at the border", OLD_URL);
    expect(before.sources).toEqual([]);
    expect((await t.analyst.source.get({ sourceId: source.id })).url).toBe(OLD_URL);

    const { round } = await t.analyst.proposal.submit({ targetType: "SOURCE", targetId: source.id });
    const [item] = (await t.reviewer.proposal.queue({ workspaceId: t.ws })).items;
    expect(item!.changes).toEqual([
      {
        field: "title",
        label: "Title",
        before: "Guards meet envoys at the border",
        after: "Border talks: the full account",
      },
      { field: "url", label: "Web address", before: OLD_URL, after: PHISHING },
    ]);
    await check("Guards meet envoys at the border", OLD_URL);

    await t.reviewer.proposal.decide({ targetType: "SOURCE", targetId: source.id, round, decision: "APPROVE" });
    const after = await check("Border talks: the full account", PHISHING);
    expect(after.sources.map((s) => s.id)).toEqual([source.id]);
    const history = await t.analyst.history.list({ targetType: "source", targetId: source.id });
    expect(history.map((h) => h.action)).toEqual([
      "created",
      "proposed_change",
      "submitted",
      "published_change",
      "review_approve",
    ]);
    // The source's version continues after the proposal's, so forms opened before are stale.
    expect((await t.viewer.source.get({ sourceId: source.id })).version).toBe(3);
  });

  it("its publisher is shown too: renaming the publisher entity is a proposal", async () => {
    const t = await curationTeam();
    const { source } = await publishedMaterial(t);
    const publisher = (await t.analyst.source.get({ sourceId: source.id })).publisher!;
    expect(await renameEntity(t.analyst, publisher.id, "Frontier Wire Service", [])).toMatchObject({
      proposed: true,
    });
    expect((await t.viewer.source.get({ sourceId: source.id })).publisher!.name).toBe("Frontier Wire");
  });

  it("a rejected change never reaches readers; a returned one is revised and resubmitted", async () => {
    const t = await curationTeam();
    const { source } = await publishedMaterial(t);
    await editSource(t.analyst, source.id, { url: PHISHING });
    let { round } = await t.analyst.proposal.submit({ targetType: "SOURCE", targetId: source.id });
    const target = { targetType: "SOURCE" as const, targetId: source.id };

    const noReason = await refusal(t.reviewer.proposal.decide({ ...target, round, decision: "REJECT", comment: "" }));
    expect(noReason.code).toBe("BAD_REQUEST");
    await t.reviewer.proposal.decide({ ...target, round, decision: "REJECT", comment: "Not the publisher's site." });
    expect((await t.analyst.proposal.get(target)).proposal).toMatchObject({
      status: "REJECTED",
      can: { submit: true },
    });
    expect((await t.viewer.source.get({ sourceId: source.id })).url).toBe(OLD_URL);
    expect(await db.source.findUniqueOrThrow({ where: { id: source.id }, select: { url: true } })).toEqual({
      url: OLD_URL,
    });

    // Working on it again reopens it as a draft; sent back for changes, it is revised and approved.
    await editSource(t.analyst, source.id, { url: `${OLD_URL}?page=2` });
    expect((await t.analyst.proposal.get(target)).proposal!.status).toBe("DRAFT");
    ({ round } = await t.analyst.proposal.submit(target));
    expect(round).toBe(2);
    await t.reviewer.proposal.decide({ ...target, round, decision: "REQUEST_CHANGES", comment: "Link the article." });
    expect((await t.analyst.proposal.get(target)).proposal!.status).toBe("CHANGES_REQUESTED");
    await editSource(t.analyst, source.id, { url: `${OLD_URL}/full` });
    ({ round } = await t.analyst.proposal.submit(target));
    expect(round).toBe(3);
    await t.reviewer.proposal.decide({ ...target, round, decision: "APPROVE" });
    expect((await t.viewer.source.get({ sourceId: source.id })).url).toBe(`${OLD_URL}/full`);
    expect(
      await db.recordDecision.findMany({
        where: { targetId: source.id },
        orderBy: { round: "asc" },
        select: { round: true, decision: true },
      }),
    ).toEqual([
      { round: 1, decision: "REJECT" },
      { round: 2, decision: "REQUEST_CHANGES" },
      { round: 3, decision: "APPROVE" },
    ]);
  });

  it("a submission is withdrawn by its author only, and cannot be edited while it waits", async () => {
    const t = await curationTeam();
    const other = await member(t, "ANALYST", "Second Analyst");
    const { source } = await publishedMaterial(t);
    const target = { targetType: "SOURCE" as const, targetId: source.id };
    await editSource(t.analyst, source.id, { title: "Renamed report" });
    await t.analyst.proposal.submit(target);

    const waiting = await refusal(editSource(other.caller, source.id, { title: "Another title" }));
    expect(waiting.code).toBe("CONFLICT");
    expect(waiting.message).toMatch(/waiting for review/);
    expect((await refusal(other.caller.proposal.withdraw(target))).code).toBe("FORBIDDEN");
    expect(await t.analyst.proposal.withdraw(target)).toEqual({ status: "DRAFT" });
    expect((await refusal(t.analyst.proposal.withdraw(target))).code).toBe("CONFLICT");
    expect(await t.reviewer.proposal.queue({ workspaceId: t.ws })).toEqual({ items: [], nextCursor: null });
    // Back to a draft proposal: editable again, and still invisible to viewers.
    await editSource(other.caller, source.id, { title: "Another title" });
    expect((await t.viewer.source.get({ sourceId: source.id })).title).toBe("Guards meet envoys at the border");
    expect((await t.analyst.proposal.get(target)).proposal!.authors.map((a) => a.name)).toEqual([
      "Analyst",
      "Second Analyst",
    ]);
    expect(await auditActions("source", source.id)).toEqual([
      "source.created",
      "source.change_proposed",
      "review.submitted",
      "review.withdrawn",
      "source.change_proposed",
    ]);
  });
});

describe("stale edits", () => {
  it("of a shown record get CONFLICT and change nothing, whether based on the approved version or an older proposal", async () => {
    const t = await curationTeam();
    const other = await member(t, "ANALYST", "Second Analyst");
    const { entity } = await publishedMaterial(t);
    const opened = await t.analyst.entity.get({ entityId: entity.id });
    const fields = { entityId: entity.id, kind: opened.kind, description: "", aliases: ["Sepah"] };
    const first = await other.caller.entity.update({ ...fields, name: "IRGC", version: opened.version });
    expect(first).toMatchObject({ proposed: true, version: opened.version + 1 });

    const stale = await refusal(
      t.analyst.entity.update({ ...fields, name: "Sepah-e Pasdaran", version: opened.version }),
    );
    expect(stale.code).toBe("CONFLICT");
    const proposal = (await t.analyst.proposal.get({ targetType: "ENTITY", targetId: entity.id })).proposal!;
    expect(proposal.entity!.proposed.name).toBe("IRGC");

    // Based on the proposal's version it joins the proposal; that version is then stale in turn.
    await t.analyst.entity.update({ ...fields, name: "Sepah-e Pasdaran", version: proposal.version });
    expect(
      (await refusal(other.caller.entity.update({ ...fields, name: "IRGC", version: proposal.version }))).code,
    ).toBe("CONFLICT");
    expect(
      (await t.analyst.proposal.get({ targetType: "ENTITY", targetId: entity.id })).proposal!.entity!.proposed.name,
    ).toBe("Sepah-e Pasdaran");
    expect((await t.viewer.entity.get({ entityId: entity.id })).name).toBe("Islamic Revolutionary Guard Corps");
  });

  it("of a record only drafts use get CONFLICT too", async () => {
    const t = await curationTeam();
    const e = await t.analyst.entity.create({ workspaceId: t.ws, kind: "PERSON", name: "Tayyab Agha" });
    const base = { entityId: e.id, kind: "PERSON" as const, aliases: [], description: "" };
    expect(await t.analyst.entity.update({ ...base, name: "Tayeb Agha", version: 1 })).toMatchObject({
      proposed: false,
      version: 2,
    });
    expect((await refusal(t.reviewer.entity.update({ ...base, name: "Sayed Tayyab Agha", version: 1 }))).code).toBe(
      "CONFLICT",
    );
    expect((await t.viewer.entity.get({ entityId: e.id })).name).toBe("Tayeb Agha");
  });
});

describe("records that no published material shows", () => {
  it("are edited directly while only drafts use them, and through review once the draft is submitted", async () => {
    const t = await curationTeam();
    const entity = await t.analyst.entity.create({ workspaceId: t.ws, kind: "PLACE", name: "Zahedan" });
    const created = await t.analyst.source.create({
      workspaceId: t.ws,
      kind: "REPORT",
      title: "Notes from Zahedan",
      url: "https://notes.example.org/zahedan",
      text: "Traders in Zahedan described fuel smuggling across the border.",
    });
    if (created.status !== "created") throw new Error("expected a new source");
    const draft = await t.analyst.event.create({
      workspaceId: t.ws,
      ...eventInput("Fuel smuggling through Zahedan"),
      entities: [{ entityId: entity.id, role: "PLACE" }],
    });
    await t.analyst.citation.create({
      eventId: draft.id,
      sourceId: created.source.id,
      stance: "MENTIONS",
      ...passage("Traders in Zahedan described fuel smuggling across the border.", "fuel smuggling"),
    });

    expect(await renameEntity(t.analyst, entity.id, "Zahedan city", ["زاهدان"])).toMatchObject({ proposed: false });
    expect(await editSource(t.analyst, created.source.id, { title: "Field notes from Zahedan" })).toMatchObject({
      proposed: false,
    });
    expect(await t.viewer.entity.get({ entityId: entity.id })).toMatchObject({ name: "Zahedan city" });
    expect((await t.viewer.source.get({ sourceId: created.source.id })).title).toBe("Field notes from Zahedan");
    expect(await t.analyst.proposal.get({ targetType: "ENTITY", targetId: entity.id })).toMatchObject({
      shown: false,
      reviewed: false,
      proposal: null,
    });
    expect(await auditActions("entity", entity.id)).toEqual(["entity.created", "entity.updated"]);

    // Submitted, the draft's material is what a reviewer is looking at: edits now wait for review.
    await t.analyst.review.submit({ eventId: draft.id });
    expect(await renameEntity(t.analyst, entity.id, "Zahedan, Sistan", [])).toMatchObject({ proposed: true });
    expect(await editSource(t.analyst, created.source.id, { title: "Zahedan notes" })).toMatchObject({
      proposed: true,
    });
    expect((await t.viewer.entity.get({ entityId: entity.id })).name).toBe("Zahedan city");
  });
});

describe("merges and aliases", () => {
  it("an analyst may not merge a draft-only name into a published entity (it would gain an alias); a reviewer may", async () => {
    const t = await curationTeam();
    const { entity } = await publishedMaterial(t);
    const dup = await t.analyst.entity.create({ workspaceId: t.ws, kind: "ORGANIZATION", name: "Pasdaran" });
    const refused = await refusal(t.analyst.entity.merge({ fromEntityId: dup.id, intoEntityId: entity.id }));
    expect(refused.code).toBe("FORBIDDEN");
    expect((await t.viewer.entity.get({ entityId: entity.id })).aliases).toEqual(["Sepah"]);
    // Merging the published entity away is refused as before.
    expect((await refusal(t.analyst.entity.merge({ fromEntityId: entity.id, intoEntityId: dup.id }))).code).toBe(
      "FORBIDDEN",
    );
    await t.reviewer.entity.merge({ fromEntityId: dup.id, intoEntityId: entity.id });
    expect((await t.viewer.entity.get({ entityId: entity.id })).aliases).toEqual(["Pasdaran", "Sepah"]);
  });

  it("a merge waits for a change under review, and keeps the merged names in a change being written", async () => {
    const t = await curationTeam();
    const { entity } = await publishedMaterial(t);
    const dup = await t.analyst.entity.create({ workspaceId: t.ws, kind: "ORGANIZATION", name: "Pasdaran" });
    await renameEntity(t.analyst, entity.id, "IRGC", ["Sepah"]);
    const target = { targetType: "ENTITY" as const, targetId: entity.id };
    const { round } = await t.analyst.proposal.submit(target);
    expect((await refusal(t.reviewer.entity.merge({ fromEntityId: dup.id, intoEntityId: entity.id }))).code).toBe(
      "CONFLICT",
    );
    await t.analyst.proposal.withdraw(target);
    const before = (await t.analyst.proposal.get(target)).proposal!.version;
    await t.reviewer.entity.merge({ fromEntityId: dup.id, intoEntityId: entity.id });
    const after = (await t.analyst.proposal.get(target)).proposal!;
    expect(after.version).toBe(before + 1);
    expect(after.entity!.proposed.aliases).toEqual(["Sepah", "Pasdaran"]);
    const { round: next } = await t.analyst.proposal.submit(target);
    expect(next).toBe(round + 1);
    await t.reviewer.proposal.decide({ ...target, round: next, decision: "APPROVE" });
    expect(await t.viewer.entity.get({ entityId: entity.id })).toMatchObject({
      name: "IRGC",
      aliases: ["Pasdaran", "Sepah"],
    });
  });
});

describe("what a briefing cites", () => {
  it("keeps the approved source details in the editor's references and in the frozen publication", async () => {
    const t = await curationTeam();
    const { source, event } = await publishedMaterial(t);
    const b = await t.analyst.briefing.create({ workspaceId: t.ws, title: "Border water talks" });
    const saved = await t.analyst.briefing.update({
      id: b.id,
      version: b.version,
      body: `The guards met envoys [@event:${event.id}] [@source:${source.id}].`,
    });
    const submitted = await t.analyst.briefing.submit({ id: b.id, version: saved.version });
    await editSource(t.analyst, source.id, { title: "Unreviewed title", url: PHISHING });
    await t.reviewer.briefing.decide({ id: b.id, round: submitted.round, decision: "APPROVE" });
    const published = await t.viewer.briefing.get({ id: b.id });
    expect(published.published!.cited.sources.map((s) => ({ title: s.title, url: s.url }))).toEqual([
      { title: "Guards meet envoys at the border", url: OLD_URL },
    ]);
    const refs = await t.analyst.briefing.resolveRefs({ workspaceId: t.ws, body: `[@source:${source.id}]` });
    expect(refs.sources[0]).toMatchObject({ title: "Guards meet envoys at the border", url: OLD_URL });
  });
});

describe("who may propose and decide", () => {
  it("viewers are refused, other workspaces see nothing, analysts cannot decide", async () => {
    const t = await curationTeam();
    const { entity, source, event } = await publishedMaterial(t);
    const v = await t.viewer.entity.get({ entityId: entity.id });
    const entityEdit = {
      entityId: entity.id,
      kind: v.kind,
      name: "Renamed",
      aliases: [],
      description: "",
      version: v.version,
    };
    const sourceEdit = { sourceId: source.id, version: 1, kind: "REPORT" as const, title: "Renamed" };
    const target = { targetType: "SOURCE" as const, targetId: source.id };
    expect(await outcome(t.viewer.entity.update(entityEdit))).toBe("FORBIDDEN");
    expect(await outcome(t.viewer.source.update(sourceEdit))).toBe("FORBIDDEN");
    expect(await outcome(t.viewer.proposal.get(target))).toBe("FORBIDDEN");
    expect(await outcome(t.viewer.proposal.forEvent({ eventId: event.id }))).toBe("FORBIDDEN");
    expect(await outcome(t.viewer.proposal.queue({ workspaceId: t.ws }))).toBe("FORBIDDEN");
    expect(await outcome(t.viewer.proposal.submit(target))).toBe("FORBIDDEN");

    // Started together and settled together, so no refusal goes unobserved.
    const outsider = await Promise.all(
      [
        t.outsider.entity.update(entityEdit),
        t.outsider.source.update(sourceEdit),
        t.outsider.proposal.get(target),
        t.outsider.proposal.forEvent({ eventId: event.id }),
        t.outsider.proposal.queue({ workspaceId: t.ws }),
        t.outsider.proposal.submit(target),
        t.outsider.proposal.withdraw(target),
        t.outsider.proposal.decide({ ...target, round: 1, decision: "APPROVE" }),
      ].map(outcome),
    );
    expect(outsider).toEqual(Array(8).fill("NOT_FOUND"));

    await editSource(t.analyst, source.id, { title: "Renamed" });
    const { round } = await t.analyst.proposal.submit(target);
    const other = await member(t, "ANALYST", "Second Analyst");
    expect(await outcome(other.caller.proposal.decide({ ...target, round, decision: "APPROVE" }))).toBe("FORBIDDEN");
    expect(await outcome(t.viewer.proposal.decide({ ...target, round, decision: "APPROVE" }))).toBe("FORBIDDEN");
    // A decision names the round it was made on.
    expect(await outcome(t.reviewer.proposal.decide({ ...target, round: round + 1, decision: "APPROVE" }))).toBe(
      "CONFLICT",
    );
    expect((await t.viewer.source.get({ sourceId: source.id })).title).toBe("Guards meet envoys at the border");
  });

  it("two approvals, when the workspace asks for them, from two reviewers who did not write it", async () => {
    const t = await curationTeam();
    await t.admin.review.updateSettings({ workspaceId: t.ws, requiredApprovals: 2 });
    const { entity } = await publishedMaterialTwoApprovals(t);
    await renameEntity(t.analyst, entity.id, "IRGC", ["Sepah"]);
    const target = { targetType: "ENTITY" as const, targetId: entity.id };
    const { round } = await t.analyst.proposal.submit(target);
    expect(await t.reviewer.proposal.decide({ ...target, round, decision: "APPROVE" })).toEqual({
      status: "PENDING",
      approvals: 1,
      required: 2,
    });
    expect(await outcome(t.reviewer.proposal.decide({ ...target, round, decision: "APPROVE" }))).toBe("CONFLICT");
    expect((await t.viewer.entity.get({ entityId: entity.id })).name).toBe("Islamic Revolutionary Guard Corps");
    expect(await t.admin.proposal.decide({ ...target, round, decision: "APPROVE" })).toMatchObject({
      status: "PUBLISHED",
    });
    expect((await t.viewer.entity.get({ entityId: entity.id })).name).toBe("IRGC");
  });
});

/** As publishedMaterial, for a workspace that needs two approvals. */
async function publishedMaterialTwoApprovals(t: CurationTeam) {
  const entity = await t.analyst.entity.create({
    workspaceId: t.ws,
    kind: "ORGANIZATION",
    name: "Islamic Revolutionary Guard Corps",
  });
  const event = await t.analyst.event.create({
    workspaceId: t.ws,
    ...eventInput("Guards meet Taliban envoys"),
    entities: [{ entityId: entity.id, role: "ACTOR" }],
  });
  const { round } = await t.analyst.review.submit({ eventId: event.id });
  await t.reviewer.review.decide({ eventId: event.id, round, decision: "APPROVE", comment: "" });
  await t.admin.review.decide({ eventId: event.id, round, decision: "APPROVE", comment: "" });
  return { entity, event };
}
