import { beforeEach, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_WORKSPACE, seedDemo } from "../../prisma/seed.ts";
import { canonicalJson } from "../../server/lib/canonical-hash.ts";
import { db } from "../../server/db/client.ts";
import { citationRefs } from "../../server/schemas/briefing.ts";
import type { CitedMaterial } from "../../server/schemas/briefing-document.ts";
import { ratingLabel } from "../../server/schemas/admiralty.ts";
import { signInWithPassword } from "../../server/services/auth/index.ts";
import { CONTEXT_CHARS, supportOfEvent } from "../../server/services/citation/index.ts";
import { PUBLISHED_VIEW, ratingsForEvents, reliabilityOf } from "../../server/services/vote/index.ts";
import { createHash } from "node:crypto";
import { callerFor, callerForSession } from "../helpers/caller.ts";
import { makeTeam } from "../helpers/factories.ts";

/**
 * The demo workspace a first `npm start` shows. The seed is global state
 * (fixed slug and emails), so every test starts from a freshly rebuilt demo.
 * That its text is not copied from the real articles is checked beside them,
 * in tests/seeds/demo-text.test.ts.
 */
beforeEach(async () => {
  await seedDemo({ reset: true });
});

const slug = DEMO_WORKSPACE.slug;
const inDemo = { workspace: { slug } };
const workspaceId = async () => (await db.workspace.findUniqueOrThrow({ where: { slug }, select: { id: true } })).id;
const eventByTitle = (title: string) =>
  db.event.findFirstOrThrow({ where: { ...inDemo, title }, select: { id: true, status: true, version: true } });
const userIdOf = async (email: string) =>
  (await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id;
const as = async (email: string) => (await callerFor(await userIdOf(email))).caller;

/** Every demo row's id, per table, in a stable order: what "the same demo" means. */
async function demoIds() {
  const ws = await workspaceId();
  const ids = (rows: { id: string | bigint }[]) => rows.map((r) => String(r.id)).sort();
  const where = { workspaceId: ws };
  return {
    workspace: ws,
    users: ids(
      await db.user.findMany({ where: { email: { in: DEMO_ACCOUNTS.map((a) => a.email) } }, select: { id: true } }),
    ),
    memberships: ids(await db.membership.findMany({ where, select: { id: true } })),
    entities: ids(await db.entity.findMany({ where, select: { id: true } })),
    aliases: ids(await db.entityAlias.findMany({ where, select: { id: true } })),
    sources: ids(await db.source.findMany({ where, select: { id: true } })),
    events: ids(await db.event.findMany({ where, select: { id: true } })),
    citations: ids(await db.citation.findMany({ where, select: { id: true } })),
    votes: ids(await db.vote.findMany({ where, select: { id: true } })),
    briefings: ids(await db.briefing.findMany({ where, select: { id: true } })),
    publications: ids(await db.briefingPublication.findMany({ where, select: { id: true } })),
    proposals: ids(await db.eventProposal.findMany({ where, select: { id: true } })),
    decisions: ids(await db.reviewDecision.findMany({ where, select: { id: true } })),
    counts: {
      revisions: await db.revision.count({ where }),
      voteHistory: await db.voteHistory.count({ where }),
      eventEntities: await db.eventEntity.count({ where: { event: where } }),
    },
  };
}

/** What a user sees of the demo: content without generated ids. */
async function demoContent() {
  const ws = await db.workspace.findUniqueOrThrow({
    where: { slug },
    select: {
      name: true,
      description: true,
      memberships: { select: { role: true, active: true, user: { select: { email: true, name: true } } } },
      events: {
        orderBy: { id: "asc" },
        select: {
          title: true,
          summary: true,
          status: true,
          createdAt: true,
          updatedAt: true,
          dateSortKey: true,
          tags: true,
        },
      },
      sources: { orderBy: { id: "asc" }, select: { title: true, text: true, url: true, updatedAt: true } },
    },
  });
  return {
    ...ws,
    memberships: ws.memberships
      .map((m) => ({ email: m.user.email, name: m.user.name, role: m.role, active: m.active }))
      .sort((a, b) => (a.email < b.email ? -1 : 1)),
  };
}

describe("the demo workspace", () => {
  it("has five accounts covering every role, with the demo password", async () => {
    const { memberships, name } = await demoContent();
    expect(name).toBe(DEMO_WORKSPACE.name);
    expect(memberships).toEqual(
      DEMO_ACCOUNTS.map((a) => ({ email: a.email, name: a.name, role: a.role, active: true })).sort((a, b) =>
        a.email < b.email ? -1 : 1,
      ),
    );
    for (const a of DEMO_ACCOUNTS) {
      expect((await signInWithPassword({ email: a.email, password: DEMO_PASSWORD, ip: "192.0.2.210" })).email).toBe(
        a.email,
      );
    }
  });

  it("has at least 40 events from 1998 to 2023, with honest date precision, places, actors and tags", async () => {
    const events = await db.event.findMany({
      where: inDemo,
      select: {
        title: true,
        status: true,
        tags: true,
        dateStartYear: true,
        dateStartMonth: true,
        dateStartDay: true,
        dateEndYear: true,
        dateQualifier: true,
        entities: { select: { role: true } },
      },
    });
    expect(events.length).toBeGreaterThanOrEqual(40);
    const years = events.map((e) => e.dateStartYear!);
    expect(Math.min(...years)).toBe(1998);
    expect(Math.max(...years)).toBe(2023);
    // Every precision analysts meet: a day, a month, a year, "c.", "before" and ranges.
    expect(events.some((e) => e.dateStartDay != null)).toBe(true);
    expect(events.some((e) => e.dateStartMonth != null && e.dateStartDay == null && e.dateEndYear == null)).toBe(true);
    expect(events.some((e) => e.dateStartMonth == null && e.dateQualifier === "EXACT" && e.dateEndYear == null)).toBe(
      true,
    );
    expect(events.some((e) => e.dateQualifier === "CIRCA" && e.dateStartMonth == null)).toBe(true);
    expect(events.some((e) => e.dateQualifier === "BEFORE")).toBe(true);
    expect(events.some((e) => e.dateEndYear != null && e.dateEndYear !== e.dateStartYear)).toBe(true);
    for (const e of events) {
      expect(e.tags.length, e.title).toBeGreaterThan(0);
      expect(e.entities.length, e.title).toBeGreaterThan(0);
    }
    expect(events.filter((e) => e.entities.some((l) => l.role === "PLACE")).length).toBeGreaterThanOrEqual(20);
    // Items other tests and the E2E suite rely on.
    const statusOf = new Map(events.map((e) => [e.title, e.status]));
    expect(statusOf.get("Iranian diplomats killed at Mazar-i-Sharif consulate")).toBe("PUBLISHED");
    expect(statusOf.get("Reported three-way meeting in Mashhad")).toBe("DRAFT");
    expect(statusOf.get("Taliban delegation visits Tehran")).toBe("PUBLISHED");
    expect(statusOf.get("Taliban spokesman confirms ongoing links with Iran")).toBe("PUBLISHED");
  });

  it("has at least 25 sources with title, publisher, date, address and kind, and some derived from others", async () => {
    const sources = await db.source.findMany({
      where: inDemo,
      select: {
        id: true,
        title: true,
        kind: true,
        pubYear: true,
        url: true,
        text: true,
        derivedFromId: true,
        publisher: { select: { name: true, kind: true } },
      },
    });
    const complete = sources.filter((s) => s.title && s.kind && s.pubYear && s.url && s.publisher);
    expect(complete.length).toBeGreaterThanOrEqual(25);
    expect(sources.every((s) => s.publisher?.kind === "ORGANIZATION" && s.text.length > 0)).toBe(true);
    expect(new Set(sources.map((s) => s.kind)).size).toBeGreaterThanOrEqual(3);
    const derived = sources.filter((s) => s.derivedFromId);
    expect(derived.length).toBeGreaterThanOrEqual(3);
    const ids = new Set(sources.map((s) => s.id));
    expect(derived.every((s) => ids.has(s.derivedFromId!))).toBe(true);
    const titles = sources.map((s) => s.title);
    expect(titles).toContain("Iran talks to Taliban, unsure of al Qaeda: Germany");
    expect(titles).toContain("Afghan Taliban still maintains a relationship with Iran");
  });

  it("knows the actors under their other names", async () => {
    const entities = await db.entity.findMany({
      where: inDemo,
      select: { name: true, aliases: { select: { alias: true } } },
    });
    const names = new Map(entities.map((e) => [e.name, e.aliases.map((a) => a.alias)]));
    expect(names.get("Islamic Revolutionary Guard Corps")).toEqual(expect.arrayContaining(["IRGC", "Sepah"]));
    expect(names.get("Quds Force")).toEqual(expect.arrayContaining(["IRGC-QF"]));
    expect(names.get("Mashhad")).toEqual(expect.arrayContaining(["Mashad", "مشهد"]));
    expect(names.get("Tayyab Agha")).toEqual(expect.arrayContaining(["Tayyib Agha", "طیب آغا"]));
    expect(names.get("al-Qaeda")).toEqual(expect.arrayContaining(["al Qaeda", "al Qaida"]));
    expect(names.get("Asharq Al-Awsat")).toEqual(expect.arrayContaining(["Asharq al-Awsat"]));
    expect(names.has("Zabihullah Mujahid")).toBe(true);
  });

  it("cites exact passages of the sources, with offsets and context as the citation service stores them", async () => {
    const citations = await db.citation.findMany({
      where: { event: inDemo },
      select: {
        quote: true,
        stance: true,
        startOffset: true,
        endOffset: true,
        contextBefore: true,
        contextAfter: true,
        event: { select: { status: true } },
        source: { select: { text: true } },
      },
    });
    expect(citations.length).toBeGreaterThanOrEqual(50);
    for (const c of citations) {
      const text = c.source.text;
      expect(text.slice(c.startOffset, c.endOffset)).toBe(c.quote);
      expect(c.contextBefore).toBe(text.slice(Math.max(0, c.startOffset - CONTEXT_CHARS), c.startOffset));
      expect(c.contextAfter).toBe(text.slice(c.endOffset, c.endOffset + CONTEXT_CHARS));
    }
    expect(new Set(citations.map((c) => c.stance))).toEqual(new Set(["SUPPORTS", "CONTRADICTS", "MENTIONS"]));
    // Persian script quoted on a published event.
    expect(citations.some((c) => /[\u0600-\u06FF]/.test(c.quote) && c.event.status === "PUBLISHED")).toBe(true);
  });

  it("has events supported by two independent origins (credibility 1 is suggested) and events whose sources share one origin", async () => {
    const nimruz = await eventByTitle("British forces intercept Iranian rockets bound for the Taliban in Nimruz");
    expect(await supportOfEvent(nimruz.id)).toEqual({ supportingSources: 2, independentOrigins: 2 });
    const zahedan = await eventByTitle("Taliban allowed to open an office in Zahedan");
    // The Telegraph's story is derived from the Wall Street Journal's.
    expect(await supportOfEvent(zahedan.id)).toEqual({ supportingSources: 2, independentOrigins: 1 });
    const summary = await (await as("viewer@dossier.local")).vote.summary({ eventId: nimruz.id });
    expect(summary.suggestion).toMatchObject({ suggested: true, independentOrigins: 2 });
  });

  it("has votes with rationales and history, including a contested event and a contested origin, as the rating service computes them", async () => {
    const ws = await workspaceId();
    const votes = await db.vote.findMany({
      where: { workspaceId: ws },
      select: { voterId: true, eventId: true, entityId: true, grade: true, rationale: true, axis: true },
    });
    expect(votes.length).toBeGreaterThanOrEqual(60);
    expect(votes.every((v) => v.rationale.length > 0)).toBe(true);
    expect(votes.every((v) => (v.axis === "RELIABILITY") === (v.entityId !== null))).toBe(true);
    // Each current vote is the latest row of its history.
    const history = await db.voteHistory.findMany({ where: { workspaceId: ws }, orderBy: { id: "asc" } });
    expect(history.length).toBeGreaterThan(votes.length);
    for (const v of votes) {
      const mine = history.filter(
        (h) => h.voterId === v.voterId && h.eventId === v.eventId && h.entityId === v.entityId,
      );
      expect(mine.at(-1)).toMatchObject({ grade: v.grade, rationale: v.rationale });
    }

    const bomb = await eventByTitle("Truck bomb at Mullah Omar's Kandahar home, later blamed on Iran");
    const rating = (await ratingsForEvents([bomb.id], PUBLISHED_VIEW)).get(bomb.id)!;
    expect(rating).toMatchObject({ credibility: "4", contested: true, votes: 4 });
    const mehr = await db.entity.findFirstOrThrow({
      where: { ...inDemo, name: "Mehr News Agency" },
      select: { id: true },
    });
    expect((await reliabilityOf([mehr.id], PUBLISHED_VIEW)).get(mehr.id)).toMatchObject({
      consensus: "D",
      contested: true,
    });
    const reviewerView = await (await as("reviewer@dossier.local")).vote.summary({ eventId: bomb.id });
    expect(reviewerView.aggregate).toMatchObject({ contested: true, consensus: "4" });

    // Left unrated on purpose: the E2E suite votes on these from scratch.
    const spokesman = await eventByTitle("Taliban spokesman confirms ongoing links with Iran");
    const asharq = await db.entity.findFirstOrThrow({
      where: { ...inDemo, name: "Asharq Al-Awsat" },
      select: { id: true },
    });
    expect(votes.filter((v) => v.eventId === spokesman.id || v.entityId === asharq.id)).toEqual([]);
  });

  it("has work waiting in the review queue that a reviewer can decide with the review service", async () => {
    const reviewer = await as("reviewer@dossier.local");
    const ws = await workspaceId();
    const queue = await reviewer.review.queue({ workspaceId: ws, limit: 100 });
    const kinds = queue.items.map((i) => [i.kind, i.authors.map((a) => a.name)]);
    expect(kinds.filter(([k]) => k === "new")).toEqual([
      ["new", ["Ana Analyst"]],
      ["new", ["Ana Analyst"]],
    ]);
    const change = queue.items.find((i) => i.kind === "change")!;
    expect(change).toMatchObject({
      title: "Iran masses troops and Revolutionary Guards on the Afghan border",
      round: 1,
      canDecide: true,
      authors: [{ name: "Bijan Analyst" }],
    });
    expect(change.changes.map((c) => c.field).sort()).toEqual(["summary", "tags", "title"]);
    expect(queue.items.every((i) => i.checklist.supportingQuote)).toBe(true);
    expect((await reviewer.review.counts({ workspaceId: ws })).waiting).toBe(3);

    // The rows are what the services expect: the reviewer approves both kinds.
    expect(
      await reviewer.review.decide({ eventId: change.eventId, round: 1, decision: "APPROVE", comment: "" }),
    ).toMatchObject({ status: "PUBLISHED" });
    expect((await db.event.findUniqueOrThrow({ where: { id: change.eventId } })).title).toBe(
      "Iran masses troops and Revolutionary Guards on the Afghan border",
    );
    const pending = queue.items.find((i) => i.kind === "new")!;
    expect(
      await reviewer.review.decide({ eventId: pending.eventId, round: 1, decision: "APPROVE", comment: "" }),
    ).toMatchObject({ status: "PUBLISHED" });

    // The event returned for changes can be resubmitted by its author as round 2.
    const returned = await eventByTitle("War logs: Iranians said to move wounded Taliban fighters to Tehran");
    expect(returned.status).toBe("CHANGES_REQUESTED");
    expect(await (await as("analyst2@dossier.local")).review.submit({ eventId: returned.id })).toEqual({
      status: "PENDING",
      round: 2,
    });

    // History reads like work done in the app.
    const history = await (
      await as("analyst@dossier.local")
    ).history.list({ targetType: "event", targetId: change.eventId });
    expect(history.map((r) => r.action)).toEqual(
      expect.arrayContaining(["created", "citation_added", "submitted", "review_approve", "proposed_change"]),
    );
  });

  it("has a published briefing frozen with what it cites, and a draft", async () => {
    const briefings = await db.briefing.findMany({
      where: inDemo,
      orderBy: { createdAt: "asc" },
      include: { publications: true },
    });
    expect(briefings.map((b) => b.status)).toEqual(["PUBLISHED", "DRAFT"]);
    const [published, draft] = briefings;
    expect(draft!.publications).toEqual([]);
    expect(citationRefs(draft!.body).length).toBeGreaterThan(0);
    const publication = published!.publications[0]!;
    const content = publication.content as {
      body: string;
      keyJudgments: { eventIds: string[]; probability: string; confidence: string }[];
    };
    const cited = publication.cited as CitedMaterial;
    expect(publication.contentHash).toBe(createHash("sha256").update(canonicalJson({ content, cited })).digest("hex"));
    expect(content.keyJudgments.length).toBeGreaterThanOrEqual(2);
    const referenced = new Set([
      ...citationRefs(content.body)
        .filter((r) => r.kind === "event")
        .map((r) => r.id),
      ...content.keyJudgments.flatMap((k) => k.eventIds),
    ]);
    expect(new Set(cited.events.map((e) => e.id))).toEqual(referenced);
    // Frozen ratings are the ones the rating service gives for the same votes.
    const ratings = await ratingsForEvents(
      cited.events.map((e) => e.id),
      PUBLISHED_VIEW,
    );
    for (const e of cited.events) {
      const r = ratings.get(e.id)!;
      expect(e.rating, e.title).toBe(ratingLabel(r.reliability, r.credibility));
      expect(e.status).toBe("PUBLISHED");
      expect(e.revisionId).toMatch(/^\d+$/);
    }
    const sourceIds = new Set(cited.sources.map((s) => s.id));
    expect(cited.events.flatMap((e) => e.quotes.map((q) => q.sourceId)).every((id) => sourceIds.has(id))).toBe(true);
    expect(cited.sources.every((s) => s.publisher && s.dateText)).toBe(true);
  });

  it("shows the viewer only published events", async () => {
    const viewer = DEMO_ACCOUNTS.find((a) => a.role === "VIEWER")!;
    const { sessionId } = await signInWithPassword({ email: viewer.email, password: DEMO_PASSWORD, ip: "192.0.2.200" });
    const caller = await callerForSession(sessionId);
    const [workspace] = await caller.workspace.list();
    expect(workspace).toMatchObject({ slug, role: "VIEWER" });
    const events = await caller.event.list({ workspaceId: workspace!.id, limit: 100 });
    const published = await db.event.count({ where: { ...inDemo, status: "PUBLISHED" } });
    expect(events.items).toHaveLength(published);
    expect(events.items.every((e) => e.status === "PUBLISHED")).toBe(true);
  });
});

describe("seedDemo", () => {
  it("is idempotent: a second run adds and changes nothing, and keeps every id", async () => {
    const ids = await demoIds();
    const content = await demoContent();
    await seedDemo();
    expect(await demoIds()).toEqual(ids);
    expect(await demoContent()).toEqual(content);
  });

  it("with reset: true rebuilds the same demo from scratch and leaves other workspaces alone", async () => {
    const ids = await demoIds();
    const content = await demoContent();
    const other = await makeTeam();

    // Someone played with the demo.
    const ws = ids.workspace;
    await db.workspace.update({ where: { id: ws }, data: { name: "Renamed by a visitor" } });
    const analyst = await db.user.findUniqueOrThrow({ where: { email: "analyst@dossier.local" } });
    await db.membership.updateMany({ where: { userId: analyst.id }, data: { role: "VIEWER", active: false } });
    await db.event.deleteMany({ where: { workspaceId: ws, status: "DRAFT" } });
    await db.event.create({
      data: { workspaceId: ws, title: "Visitor's event", createdById: analyst.id, updatedById: analyst.id },
    });
    await db.user.update({ where: { id: analyst.id }, data: { passwordHash: null, name: "Changed" } });

    // Without reset the seed keeps what is there.
    await seedDemo();
    expect(await demoContent()).not.toEqual(content);

    await seedDemo({ reset: true });
    expect(await demoContent()).toEqual(content);
    const rebuilt = await demoIds();
    // Same ids and counts; history rows are new rows (their ids come from a sequence) but as many.
    expect(rebuilt).toEqual(ids);
    expect(
      (await signInWithPassword({ email: "analyst@dossier.local", password: DEMO_PASSWORD, ip: "192.0.2.201" })).email,
    ).toBe("analyst@dossier.local");

    // Unrelated data survives.
    expect(await db.membership.count({ where: { workspaceId: other.workspace.id } })).toBe(4);
    expect(await db.user.count({ where: { id: other.users.admin.id } })).toBe(1);
  });
});
