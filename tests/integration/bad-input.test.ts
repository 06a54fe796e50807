import { beforeAll, describe, expect, it } from "vitest";
import { encodeCursor } from "../../server/lib/cursor.ts";
import { importSettled } from "../../server/services/import/index.ts";
import { curationTeam, refusal, type CurationTeam } from "../helpers/curation.ts";

/**
 * Inputs that answered 500, each named: NUL bytes and lone surrogates in text
 * and ids, numbers past what a database integer holds, and cursors that
 * decode to the earliest JavaScript date or to numbers past 64 bits. Each now
 * gets a 4xx with a message a person can read. The property suite
 * (property-inputs.test.ts) looks for more; these stay whatever it draws.
 */

const UNSTORABLE = "That text contains characters that cannot be stored.";
const EARLIEST_JS_DATE = new Date(-8.64e15);
const PAST_64_BITS = "99999999999999999999";
const PAST_INT32 = 2 ** 40;

let t: CurationTeam;
let eventId: string;
let entityId: string;
let briefingId: string;
let jobId: string;
let candidateId: string;

beforeAll(async () => {
  t = await curationTeam();
  entityId = (await t.analyst.entity.create({ workspaceId: t.ws, kind: "PERSON", name: "An envoy" })).id;
  eventId = (await t.analyst.event.create({ workspaceId: t.ws, title: "Talks", date: { start: { year: 2015 } } })).id;
  briefingId = (await t.analyst.briefing.create({ workspaceId: t.ws, title: "Weekly" })).id;
  const started = await t.analyst.import.start({
    workspaceId: t.ws,
    text: "On 4 April 2016 envoys met in Herat. On 9 May 2017 they met again in Kabul.",
  });
  if (started.status !== "started") throw new Error("expected a new import");
  jobId = started.jobId;
  await importSettled(jobId);
  candidateId = (await t.analyst.import.candidates({ jobId, limit: 10 })).items[0]!.id;
});

/** Refused as a bad request, with the given message shown next to a field or as the message. */
async function expectBadRequest(call: Promise<unknown>, message: string | RegExp) {
  const r = await refusal(call);
  expect(r.code).toBe("BAD_REQUEST");
  const shown = [r.message, ...Object.values(r.fieldErrors ?? {})];
  expect(
    shown.some((m) => (typeof message === "string" ? m === message : message.test(m))),
    shown.join(" | "),
  ).toBe(true);
}

describe("text that cannot be stored", () => {
  it("entity.create with a lone surrogate in an alias", async () => {
    await expectBadRequest(
      t.analyst.entity.create({ workspaceId: t.ws, kind: "PLACE", name: "Herat", aliases: ["x\uDBFFy"] }),
      UNSTORABLE,
    );
  });

  it("workspace.create with NUL bytes in the description", async () => {
    await expectBadRequest(
      t.analyst.workspace.create({ name: "Elsewhere", description: "\u0000".repeat(1024) }),
      UNSTORABLE,
    );
  });

  it("event.list with a NUL byte in the tag filter", async () => {
    await expectBadRequest(t.analyst.event.list({ workspaceId: t.ws, tag: "a\u0000b" }), UNSTORABLE);
  });

  it("source.create with a NUL byte in the pasted text", async () => {
    await expectBadRequest(
      t.analyst.source.create({ workspaceId: t.ws, kind: "REPORT", title: "A report", text: "Before\u0000after" }),
      UNSTORABLE,
    );
  });

  it("search.query with a NUL byte in the query", async () => {
    await expectBadRequest(t.analyst.search.query({ workspaceId: t.ws, q: "talks\u0000" }), UNSTORABLE);
  });

  it("briefing.comment with a NUL byte in the body", async () => {
    await expectBadRequest(t.analyst.briefing.comment({ briefingId, body: "Looks good\u0000" }), UNSTORABLE);
  });

  it("source.create with nearly 2,000,000 characters of distinct words, more than the search index holds", async () => {
    const words = Array.from({ length: 260_000 }, (_, i) => `w${i.toString(36)}`).join(" ");
    expect(words.length).toBeLessThan(2_000_000);
    await expectBadRequest(
      t.analyst.source.create({ workspaceId: t.ws, kind: "REPORT", title: "A long list", text: words }),
      /too long to store/,
    );
  });

  it("still stores Persian, emoji, markup and bidi controls as written", async () => {
    const name = "مشهد 👩‍👩‍👧 <b>\u202Eabc";
    const created = await t.analyst.entity.create({ workspaceId: t.ws, kind: "PLACE", name });
    expect((await t.analyst.entity.get({ entityId: created.id })).name).toBe(name);
  });
});

describe("ids that are no ids", () => {
  it("entity.update with a NUL byte in the entity id", async () => {
    await expectBadRequest(
      t.analyst.entity.update({ entityId: "a\u0000b", kind: "PLACE", name: "Herat" }),
      /cannot be stored|Invalid id/,
    );
  });

  it("entity.merge with a lone surrogate and a NUL byte as ids", async () => {
    await expectBadRequest(
      t.analyst.entity.merge({ fromEntityId: "\uDC00\uD800", intoEntityId: "a\u0000b" }),
      /cannot be stored|Invalid id/,
    );
  });

  it("history.list with a NUL byte in the target id", async () => {
    await expectBadRequest(
      t.analyst.history.list({ targetType: "source", targetId: "a\u0000b" }),
      /cannot be stored|Invalid id/,
    );
  });

  it("workspace.update with a NUL byte in the workspace id", async () => {
    await expectBadRequest(
      t.admin.workspace.update({ workspaceId: "a\u0000b", name: "Renamed" }),
      /cannot be stored|Invalid id/,
    );
  });

  it("review.decideMany with a NUL byte as an event id", async () => {
    await expectBadRequest(
      t.reviewer.review.decideMany({ items: [{ eventId: "\u0000", round: 1 }], decision: "APPROVE" }),
      /cannot be stored|Invalid id/,
    );
  });

  it("import.acceptMany with a NUL byte as a candidate id", async () => {
    await expectBadRequest(
      t.analyst.import.acceptMany({ jobId, items: [{ candidateId: "\u0000", version: 1 }] }),
      /cannot be stored|Invalid id/,
    );
  });
});

describe("numbers past what the database holds", () => {
  it(`event.delete with version ${PAST_INT32}`, async () => {
    await expectBadRequest(t.analyst.event.delete({ eventId, version: PAST_INT32 }), "Invalid version");
  });

  it(`briefing.diff from version ${PAST_INT32}`, async () => {
    await expectBadRequest(
      t.analyst.briefing.diff({ id: briefingId, from: PAST_INT32, to: "working" }),
      "Invalid version",
    );
  });

  it(`event.restoreVersion with revision ${PAST_64_BITS}`, async () => {
    await expectBadRequest(
      t.analyst.event.restoreVersion({ eventId, revisionId: PAST_64_BITS, version: 1 }),
      "Invalid version",
    );
  });
});

describe("cursors that decode to garbage", () => {
  it("event.list with a cursor at the earliest JavaScript date", async () => {
    await expectBadRequest(
      t.analyst.event.list({ workspaceId: t.ws, cursor: encodeCursor([EARLIEST_JS_DATE, eventId]) }),
      "Invalid page cursor.",
    );
  });

  it("event.list (most recent first) with a cursor at the earliest JavaScript date", async () => {
    await expectBadRequest(
      t.analyst.event.list({ workspaceId: t.ws, order: "recent", cursor: encodeCursor([EARLIEST_JS_DATE, eventId]) }),
      "Invalid page cursor.",
    );
  });

  it("entity.events with a cursor at the earliest JavaScript date", async () => {
    await expectBadRequest(
      t.analyst.entity.events({ entityId, cursor: encodeCursor([EARLIEST_JS_DATE, eventId]) }),
      "Invalid page cursor.",
    );
  });

  it(`audit.list with a cursor of ${PAST_64_BITS}`, async () => {
    await expectBadRequest(
      t.admin.audit.list({ workspaceId: t.ws, cursor: encodeCursor([PAST_64_BITS]) }),
      "Invalid page cursor.",
    );
  });

  it("briefing.history with a cursor one past the largest bigint", async () => {
    await expectBadRequest(
      t.analyst.briefing.history({ id: briefingId, cursor: encodeCursor(["9223372036854775808"]) }),
      "Invalid page cursor.",
    );
  });

  it(`import.candidates with a cursor of ${PAST_INT32}`, async () => {
    await expectBadRequest(
      t.analyst.import.candidates({ jobId, cursor: encodeCursor([PAST_INT32]) }),
      "Invalid page cursor.",
    );
  });

  it("a cursor the list itself handed out still works", async () => {
    for (let i = 0; i < 2; i++)
      await t.analyst.event.create({ workspaceId: t.ws, title: `More ${i}`, date: { start: { year: 2016 + i } } });
    const first = await t.analyst.event.list({ workspaceId: t.ws, limit: 1 });
    expect(first.nextCursor).toBeTruthy();
    const second = await t.analyst.event.list({ workspaceId: t.ws, limit: 1, cursor: first.nextCursor });
    expect(second.items[0]?.id).not.toBe(first.items[0]?.id);
  });
});

/**
 * Inputs that did not answer 500 but were taken for something else: a lone
 * surrogate searched for as U+FFFD, a cursor of stray bytes read as text,
 * an id of quotes looked up as an id, a version no row can have taken as
 * stale. They are refused as what they are.
 */
describe("garbage refused as garbage", () => {
  it("entity.suggest with a lone surrogate in the query", async () => {
    await expectBadRequest(t.analyst.entity.suggest({ workspaceId: t.ws, q: "\uD800" }), UNSTORABLE);
  });

  it("an id made of quotes and wildcards is refused, a well-formed id of no row is not found", async () => {
    await expectBadRequest(t.analyst.event.get({ eventId: "' OR '1'='1" }), "Invalid id");
    expect((await refusal(t.analyst.event.get({ eventId: "cnorowatallxxxxxxxxxxxxxx" }))).code).toBe("NOT_FOUND");
  });

  it(`import.dismiss with version ${PAST_INT32}`, async () => {
    await expectBadRequest(t.analyst.import.dismiss({ candidateId, version: PAST_INT32 }), "Invalid version");
  });

  it(`review.decide on round ${PAST_INT32}`, async () => {
    await expectBadRequest(
      t.reviewer.review.decide({ eventId, round: PAST_INT32, decision: "APPROVE" }),
      "That number is out of range",
    );
  });

  it("entity.list with a cursor whose bytes are not UTF-8", async () => {
    const cursor = Buffer.from([0xff, 0xfe, 0x00, 0x41]).toString("base64url");
    await expectBadRequest(t.analyst.entity.list({ workspaceId: t.ws, cursor }), "Invalid page cursor.");
  });

  it("source.list with a cursor that is not base64url", async () => {
    await expectBadRequest(t.analyst.source.list({ workspaceId: t.ws, cursor: "%00!" }), "Invalid page cursor.");
  });
});
