import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { db } from "../../server/db/client.ts";
import { ARTICLE_TXT } from "../fixtures/importer/article-pdf.ts";
import { ARTICLE_PUB_DATE } from "../fixtures/importer/expected.ts";
import { curationTeam, eventInput, passage, publish, refusal, type CurationTeam } from "../helpers/curation.ts";
import { base64, importAndWait } from "../helpers/import-run.ts";

/**
 * The sources list's citation counts: stored on each source (one count for
 * contributors, one for viewers) and kept by the database in the transaction
 * of every write that changes which citations exist or who may see them.
 * After each kind of change the stored counts equal a count made from
 * scratch; viewers never see citations on drafts or proposed additions,
 * neither as a number nor through the order; and paging through the most or
 * least cited holds when counts tie or change between pages.
 */

type Caller = CurationTeam["analyst"];
const TEXT =
  "Officials in Herat said a delegation crossed the border on Monday. Traders reported that the crossing closed for two days. A spokesman denied any meeting took place.";

async function addSource(t: CurationTeam, title: string, more: { publisherName?: string } = {}) {
  const r = await t.analyst.source.create({
    workspaceId: t.ws,
    kind: "NEWS_REPORT",
    title,
    text: `${title}. ${TEXT}`,
    ...more,
  });
  if (r.status !== "created") throw new Error("expected a new source");
  return r.source;
}

async function cite(caller: Caller, eventId: string, source: { id: string; title: string }, quote: string) {
  return caller.citation.create({
    eventId,
    sourceId: source.id,
    stance: "SUPPORTS",
    ...passage(`${source.title}. ${TEXT}`, quote),
  });
}

/** Counted from scratch, independently of how the stored counts are kept. */
async function realCounts(workspaceId: string) {
  const rows = await db.$queryRaw<{ id: string; all: number; published: number }[]>`
    SELECT s.id,
      count(c.id) FILTER (WHERE e."deletedAt" IS NULL)::int AS all,
      count(c.id) FILTER (WHERE e."deletedAt" IS NULL AND e.status = 'PUBLISHED' AND NOT c."proposedAdd")::int AS published
    FROM "Source" s
    LEFT JOIN "Citation" c ON c."sourceId" = s.id
    LEFT JOIN "Event" e ON e.id = c."eventId"
    WHERE s."workspaceId" = ${workspaceId}
    GROUP BY s.id ORDER BY s.id`;
  return Object.fromEntries(rows.map((r) => [r.id, { all: r.all, published: r.published }]));
}

async function storedCounts(workspaceId: string) {
  const rows = await db.source.findMany({
    where: { workspaceId },
    orderBy: { id: "asc" },
    select: { id: true, citationCount: true, publishedCitationCount: true },
  });
  return Object.fromEntries(rows.map((r) => [r.id, { all: r.citationCount, published: r.publishedCitationCount }]));
}

/** The stored counts equal the real ones; returns them for the step's own expectations. */
async function countsAgree(t: CurationTeam, step: string) {
  const real = await realCounts(t.ws);
  expect(await storedCounts(t.ws), step).toEqual(real);
  return real;
}

/** What a reader is shown for one source, in the list and when opening it. */
async function shownCount(caller: Caller, workspaceId: string, sourceId: string) {
  const all = await everyPage(caller, workspaceId, "mostCited");
  const listed = all.find((s) => s.id === sourceId)!.citationCount;
  expect((await caller.source.get({ sourceId })).citationCount).toBe(listed);
  return listed;
}

async function everyPage(
  caller: Caller,
  workspaceId: string,
  sort: "mostCited" | "leastCited",
  limit = 100,
  between?: (page: number) => Promise<void>,
) {
  const items = [];
  let cursor: string | null = null;
  let page = 0;
  do {
    const r: Awaited<ReturnType<Caller["source"]["list"]>> = await caller.source.list({
      workspaceId,
      sort,
      limit,
      cursor,
    });
    items.push(...r.items);
    cursor = r.nextCursor;
    if (cursor && between) await between(page++);
  } while (cursor);
  return items;
}

describe("stored citation counts", () => {
  it("equal a real count after citing, proposing, reviewing, trashing, restoring, importing, moving and deleting", async () => {
    const t = await curationTeam();
    const herat = await addSource(t, "Herat crossing");
    const kabul = await addSource(t, "Kabul wire");
    let c = await countsAgree(t, "new sources");
    expect(c[herat.id]).toEqual({ all: 0, published: 0 });

    // A citation on a draft: contributors count it, viewers do not (nor can they tell from the order).
    const visit = await t.analyst.event.create({ workspaceId: t.ws, ...eventInput("Delegation crosses at Herat") });
    await cite(t.analyst, visit.id, herat, "a delegation crossed the border");
    c = await countsAgree(t, "cited on a draft");
    expect(c[herat.id]).toEqual({ all: 1, published: 0 });
    expect(await shownCount(t.analyst, t.ws, herat.id)).toBe(1);
    expect(await shownCount(t.viewer, t.ws, herat.id)).toBe(0);

    // Published through review.
    await publish(t, visit.id);
    c = await countsAgree(t, "published");
    expect(c[herat.id]).toEqual({ all: 1, published: 1 });
    expect(await shownCount(t.viewer, t.ws, herat.id)).toBe(1);

    // A citation added to a published event is a proposal until approved.
    await cite(t.analyst, visit.id, kabul, "the crossing closed for two days");
    c = await countsAgree(t, "proposed addition");
    expect(c[kabul.id]).toEqual({ all: 1, published: 0 });
    expect(await shownCount(t.viewer, t.ws, kabul.id)).toBe(0);
    let { round } = await t.analyst.review.submit({ eventId: visit.id });
    await t.reviewer.review.decide({ eventId: visit.id, round, decision: "APPROVE" });
    c = await countsAgree(t, "proposed addition approved");
    expect(c[kabul.id]).toEqual({ all: 1, published: 1 });

    // A proposed removal keeps the citation until approved.
    const kabulCitation = await db.citation.findFirstOrThrow({
      where: { eventId: visit.id, sourceId: kabul.id },
      select: { id: true },
    });
    await t.analyst.citation.delete({ citationId: kabulCitation.id });
    c = await countsAgree(t, "proposed removal");
    expect(c[kabul.id]).toEqual({ all: 1, published: 1 });
    ({ round } = await t.analyst.review.submit({ eventId: visit.id }));
    await t.reviewer.review.decide({ eventId: visit.id, round, decision: "APPROVE" });
    c = await countsAgree(t, "proposed removal approved");
    expect(c[kabul.id]).toEqual({ all: 0, published: 0 });

    // The trash and back.
    const { version } = await t.analyst.event.get({ eventId: visit.id });
    await t.reviewer.event.delete({ eventId: visit.id, version });
    c = await countsAgree(t, "event in the trash");
    expect(c[herat.id]).toEqual({ all: 0, published: 0 });
    await t.admin.event.restore({ eventId: visit.id });
    c = await countsAgree(t, "event restored");
    expect(c[herat.id]).toEqual({ all: 1, published: 1 });

    // A passage cited on a new event, then the citation deleted from the draft.
    const created = await t.analyst.citation.createWithEvent({
      sourceId: kabul.id,
      stance: "CONTRADICTS",
      ...passage(`${kabul.title}. ${TEXT}`, "A spokesman denied any meeting took place"),
      event: eventInput("Meeting denied"),
    });
    c = await countsAgree(t, "cited on a new event");
    expect(c[kabul.id]).toEqual({ all: 1, published: 0 });
    await t.analyst.citation.delete({ citationId: created.citation.id });
    c = await countsAgree(t, "citation deleted from a draft");
    expect(c[kabul.id]).toEqual({ all: 0, published: 0 });

    // An import accepted: its new source is cited by the event it becomes.
    const { candidates } = await importAndWait(t.analyst, {
      workspaceId: t.ws,
      title: "Border diplomacy",
      publisherName: "The Northern Review",
      pubDate: ARTICLE_PUB_DATE,
      file: { fileName: "article.txt", contentBase64: base64(new Uint8Array(readFileSync(ARTICLE_TXT))) },
    });
    const candidate = candidates[0]!;
    await t.analyst.import.accept({ candidateId: candidate.id, version: candidate.version });
    c = await countsAgree(t, "import accepted");
    expect(c[candidate.passages[0]!.sourceId]!.all).toBeGreaterThanOrEqual(1);

    // Whatever moves a citation to another source (no screen does today) moves its count with it.
    const heratCitation = await db.citation.findFirstOrThrow({ where: { sourceId: herat.id }, select: { id: true } });
    await db.citation.update({ where: { id: heratCitation.id }, data: { sourceId: kabul.id } });
    c = await countsAgree(t, "citation moved to another source");
    expect([c[herat.id], c[kabul.id]]).toEqual([
      { all: 0, published: 0 },
      { all: 1, published: 1 },
    ]);

    // An event removed for good takes its citations, and their counts, with it.
    await db.event.delete({ where: { id: visit.id } });
    c = await countsAgree(t, "event deleted for good");
    expect(c[kabul.id]).toEqual({ all: 0, published: 0 });
  }, 120_000);

  it("stays the real count when several people cite the same source at once", async () => {
    const t = await curationTeam();
    const herat = await addSource(t, "Herat crossing");
    const events = await Promise.all(
      [0, 1, 2, 3, 4].map((i) => t.analyst.event.create({ workspaceId: t.ws, ...eventInput(`Crossing ${i}`) })),
    );
    await Promise.all(
      events.map((e, i) => cite(i % 2 ? t.analyst : t.reviewer, e.id, herat, "a delegation crossed the border")),
    );
    expect((await countsAgree(t, "concurrent citations"))[herat.id]).toEqual({ all: 5, published: 0 });
  }, 60_000);
});

describe("sorting by citation count", () => {
  /** Sources cited 0–3 times, with ties; one source also cited by drafts only. */
  async function world() {
    const t = await curationTeam();
    const s = {
      zero: await addSource(t, "Never cited"),
      oneA: await addSource(t, "Once cited A"),
      oneB: await addSource(t, "Once cited B"),
      oneC: await addSource(t, "Once cited C"),
      three: await addSource(t, "Cited three times"),
      drafty: await addSource(t, "Cited by drafts"),
    };
    const quotes = ["a delegation crossed the border", "the crossing closed for two days", "A spokesman denied"];
    const published: string[] = [];
    for (const [i, q] of quotes.entries()) {
      const e = await t.analyst.event.create({ workspaceId: t.ws, ...eventInput(`Published event ${i}`) });
      await cite(t.analyst, e.id, s.three, q);
      if (i === 0) for (const one of [s.oneA, s.oneB, s.oneC]) await cite(t.analyst, e.id, one, q);
      published.push(e.id);
    }
    await publish(t, ...published);
    for (const [i, q] of quotes.entries()) {
      const e = await t.analyst.event.create({ workspaceId: t.ws, ...eventInput(`Draft event ${i}`) });
      await cite(t.analyst, e.id, s.drafty, q);
      // Drafts also cite the published sources: contributors count these, viewers do not.
      if (i === 0) await cite(t.analyst, e.id, s.oneA, q);
    }
    return { t, s };
  }

  it("orders most and least cited with ties by id, per reader's count, and pages through ties", async () => {
    const { t, s } = await world();
    const byId = (ids: string[]) => [...ids].sort().reverse();
    const ones = byId([s.oneB.id, s.oneC.id]);

    // Contributors: drafts count. three (3), drafty (3), oneA (2), oneB/oneC (1), zero (0).
    const analyst = await everyPage(t.analyst, t.ws, "mostCited", 2);
    expect(analyst.map((x) => x.citationCount)).toEqual([3, 3, 2, 1, 1, 0]);
    expect(analyst.slice(0, 2).map((x) => x.id)).toEqual(byId([s.three.id, s.drafty.id]));
    expect(analyst.slice(3, 5).map((x) => x.id)).toEqual(ones);

    // Viewers: only published evidence; the source cited by drafts alone sorts with the uncited.
    const viewer = await everyPage(t.viewer, t.ws, "mostCited", 2);
    expect(viewer.map((x) => x.citationCount)).toEqual([3, 1, 1, 1, 0, 0]);
    expect(viewer[0]!.id).toBe(s.three.id);
    expect(viewer.slice(1, 4).map((x) => x.id)).toEqual(byId([s.oneA.id, s.oneB.id, s.oneC.id]));
    expect(viewer.slice(4).map((x) => x.id)).toEqual(byId([s.zero.id, s.drafty.id]));

    // Least cited is the exact reverse, page by page.
    const least = await everyPage(t.viewer, t.ws, "leastCited", 2);
    expect(least.map((x) => x.id)).toEqual(viewer.map((x) => x.id).reverse());

    // A page of one through five equal counts: each exactly once, none skipped.
    const single = await everyPage(t.viewer, t.ws, "mostCited", 1);
    expect(single.map((x) => x.id)).toEqual(viewer.map((x) => x.id));
  }, 120_000);

  it("keeps every source whose count did not change exactly once when counts change between pages", async () => {
    const { t, s } = await world();
    const moved = new Set<string>();
    const seen = await everyPage(t.analyst, t.ws, "mostCited", 2, async (page) => {
      if (page !== 0) return;
      // After the first page: a source not yet shown gains citations, so it moves above the cursor.
      const e = await t.analyst.event.create({ workspaceId: t.ws, ...eventInput("Late event") });
      for (const q of ["a delegation crossed the border", "the crossing closed for two days", "A spokesman denied"])
        await cite(t.analyst, e.id, s.oneB, q);
      moved.add(s.oneB.id);
    });
    const ids = seen.map((x) => x.id);
    const unchanged = Object.values(s)
      .map((x) => x.id)
      .filter((id) => !moved.has(id));
    for (const id of unchanged)
      expect(
        ids.filter((x) => x === id),
        id,
      ).toHaveLength(1);
    expect(new Set(ids).size).toBe(ids.length);
  }, 120_000);

  it("refuses a page link that is not one it made", async () => {
    const { t } = await world();
    const { nextCursor } = await t.analyst.source.list({ workspaceId: t.ws, sort: "mostCited", limit: 1 });
    expect(nextCursor).toBeTruthy();
    const forged = Buffer.from("many\u0000x", "utf8").toString("base64url");
    expect((await refusal(t.analyst.source.list({ workspaceId: t.ws, sort: "mostCited", cursor: forged }))).code).toBe(
      "BAD_REQUEST",
    );
  }, 120_000);

  it("has an index behind both orders and both counts", async () => {
    const t = await curationTeam();
    for (const [column, index] of [
      ["citationCount", "Source_workspaceId_citationCount_id_idx"],
      ["publishedCitationCount", "Source_workspaceId_publishedCitationCount_id_idx"],
    ] as const)
      for (const dir of ["DESC", "ASC"]) {
        const plan = await db.$transaction(async (tx) => {
          // The test workspace is tiny; without this the planner would rightly read the table instead.
          await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
          return tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
            `EXPLAIN SELECT id FROM "Source" WHERE "workspaceId" = $1 AND "deletedAt" IS NULL ORDER BY "${column}" ${dir}, id ${dir} LIMIT 31`,
            t.ws,
          );
        });
        const text = plan.map((r) => r["QUERY PLAN"]).join("\n");
        expect(text, `${column} ${dir}`).toContain(index);
        expect(text, `${column} ${dir}`).not.toMatch(/\bSort\b/);
      }
  });
});
