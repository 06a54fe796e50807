import { beforeAll, describe, expect, it } from "vitest";
import { encodeCursor } from "../../server/lib/cursor.ts";
import { importSettled } from "../../server/services/import/index.ts";
import { curationTeam, refusal, type CurationTeam } from "../helpers/curation.ts";

/**
 * Inputs that answered 500, each named: NUL bytes and lone surrogates in text
 * and ids, numbers past what a database integer holds, cursors that decode to
 * the earliest JavaScript date or to numbers past 64 bits, and a text longer
 * than the search index holds. Each now gets a 4xx with a message a person
 * can read. The property suite (property-inputs.test.ts) looks for more;
 * these stay whatever it draws.
 */

const UNSTORABLE = "That text contains characters that cannot be stored.";
const BAD_ID = /cannot be stored|Invalid id/;
const BAD_CURSOR = "Invalid page cursor.";
const NUL = "a\u0000b";
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

type Case = [name: string, call: () => Promise<unknown>, message: string | RegExp];
const each = (cases: Case[]) => {
  for (const [name, call, message] of cases) it(name, () => expectBadRequest(call(), message));
};

describe("text that cannot be stored", () => {
  each([
    [
      "entity.create with a lone surrogate in an alias",
      () => t.analyst.entity.create({ workspaceId: t.ws, kind: "PLACE", name: "Herat", aliases: ["x\uDBFFy"] }),
      UNSTORABLE,
    ],
    [
      "workspace.create with NUL bytes in the description",
      () => t.analyst.workspace.create({ name: "Elsewhere", description: "\u0000".repeat(1024) }),
      UNSTORABLE,
    ],
    [
      "event.create with a NUL byte in the title",
      () => t.analyst.event.create({ workspaceId: t.ws, title: NUL, date: { start: { year: 2015 } } }),
      UNSTORABLE,
    ],
    [
      "event.list with a NUL byte in the tag filter",
      () => t.analyst.event.list({ workspaceId: t.ws, tag: NUL }),
      UNSTORABLE,
    ],
    [
      "source.create with a NUL byte in the pasted text",
      () =>
        t.analyst.source.create({ workspaceId: t.ws, kind: "REPORT", title: "A report", text: "Before\u0000after" }),
      UNSTORABLE,
    ],
    [
      "source.list with a NUL byte in the text filter",
      () => t.analyst.source.list({ workspaceId: t.ws, text: NUL }),
      UNSTORABLE,
    ],
    [
      "search.query with a NUL byte in the query",
      () => t.analyst.search.query({ workspaceId: t.ws, q: "talks\u0000" }),
      UNSTORABLE,
    ],
    [
      "entity.suggest with a NUL byte in the query",
      () => t.analyst.entity.suggest({ workspaceId: t.ws, q: NUL }),
      UNSTORABLE,
    ],
    [
      "audit.list with a NUL byte in the action filter",
      () => t.admin.audit.list({ workspaceId: t.ws, action: NUL }),
      UNSTORABLE,
    ],
    [
      "briefing.comment with a NUL byte in the body",
      () => t.analyst.briefing.comment({ briefingId, body: `Good${NUL}` }),
      UNSTORABLE,
    ],
    [
      "briefing.update with a NUL byte in the body",
      () => t.analyst.briefing.update({ id: briefingId, version: 1, body: NUL }),
      UNSTORABLE,
    ],
    ["me.updateProfile with a NUL byte in the name", () => t.viewer.me.updateProfile({ name: NUL }), UNSTORABLE],
    [
      "vote.cast with a NUL byte in the rationale",
      () => t.analyst.vote.cast({ eventId, grade: "2", rationale: NUL }),
      UNSTORABLE,
    ],
    [
      "import.start with a NUL byte in the pasted text",
      () => t.analyst.import.start({ workspaceId: t.ws, text: "On 4 May 2016 talks began.\u0000" }),
      UNSTORABLE,
    ],
    [
      "source.create with nearly 2,000,000 characters of distinct words, more than the search index holds",
      () => {
        const words = Array.from({ length: 260_000 }, (_, i) => `w${i.toString(36)}`).join(" ");
        expect(words.length).toBeLessThan(2_000_000);
        return t.analyst.source.create({ workspaceId: t.ws, kind: "REPORT", title: "A long list", text: words });
      },
      /too long to store/,
    ],
  ]);

  it("still stores Persian, emoji, markup and bidi controls as written", async () => {
    const name = "مشهد 👩‍👩‍👧 <b>\u202Eabc";
    const created = await t.analyst.entity.create({ workspaceId: t.ws, kind: "PLACE", name });
    expect((await t.analyst.entity.get({ entityId: created.id })).name).toBe(name);
  });
});

describe("ids that are no ids", () => {
  each([
    [
      "entity.update with a NUL byte in the entity id",
      () => t.analyst.entity.update({ entityId: NUL, version: 1, kind: "PLACE", name: "Herat" }),
      BAD_ID,
    ],
    [
      "entity.merge with a lone surrogate and a NUL byte as ids",
      () => t.analyst.entity.merge({ fromEntityId: "\uDC00\uD800", intoEntityId: NUL }),
      BAD_ID,
    ],
    [
      "history.list with a NUL byte in the target id",
      () => t.analyst.history.list({ targetType: "source", targetId: NUL }),
      BAD_ID,
    ],
    [
      "workspace.update with a NUL byte in the workspace id",
      () => t.admin.workspace.update({ workspaceId: NUL, name: "Renamed" }),
      BAD_ID,
    ],
    [
      "review.decideMany with a NUL byte as an event id",
      () => t.reviewer.review.decideMany({ items: [{ eventId: "\u0000", round: 1 }], decision: "APPROVE" }),
      BAD_ID,
    ],
    [
      "import.acceptMany with a NUL byte as a candidate id",
      () => t.analyst.import.acceptMany({ jobId, items: [{ candidateId: "\u0000", version: 1 }] }),
      BAD_ID,
    ],
    ["notification.markRead with a NUL byte as an id", () => t.analyst.notification.markRead({ ids: [NUL] }), BAD_ID],
  ]);
});

describe("numbers past what the database holds", () => {
  each([
    [
      `event.delete with version ${PAST_INT32}`,
      () => t.analyst.event.delete({ eventId, version: PAST_INT32 }),
      "Invalid version",
    ],
    [
      `event.update with version ${PAST_INT32}`,
      () => t.analyst.event.update({ eventId, title: "Talks", date: { start: { year: 2015 } }, version: PAST_INT32 }),
      "Invalid version",
    ],
    [
      `briefing.diff from version ${PAST_INT32}`,
      () => t.analyst.briefing.diff({ id: briefingId, from: PAST_INT32, to: "working" }),
      "Invalid version",
    ],
    [
      `event.restoreVersion with revision ${PAST_64_BITS}`,
      () => t.analyst.event.restoreVersion({ eventId, revisionId: PAST_64_BITS, version: 1 }),
      "Invalid version",
    ],
  ]);
});

describe("dates the database's calendar does not have", () => {
  each([
    [
      "event.create dated before the year 1",
      () =>
        t.analyst.event.create({
          workspaceId: t.ws,
          title: "Early",
          date: { start: { year: 1 }, qualifier: "BEFORE" },
        }),
      "Dates can reach back no further than the year 1",
    ],
    [
      "event.create dated about the year 1",
      () =>
        t.analyst.event.create({ workspaceId: t.ws, title: "Early", date: { start: { year: 1 }, qualifier: "CIRCA" } }),
      "Dates can reach back no further than the year 1",
    ],
    [
      "event.list with a cursor in the year 0",
      () => t.analyst.event.list({ workspaceId: t.ws, cursor: encodeCursor(["0000-01-01T00:00:00.000Z", eventId]) }),
      BAD_CURSOR,
    ],
  ]);

  it("still takes the year 1 itself, and about the year 9999", async () => {
    for (const date of [{ start: { year: 1 } }, { start: { year: 9999 }, qualifier: "CIRCA" as const }])
      await t.analyst.event.create({ workspaceId: t.ws, title: "Edge", date });
  });
});

describe("cursors that decode to garbage", () => {
  const early = (...rest: string[]) => encodeCursor([EARLIEST_JS_DATE, ...rest]);
  each([
    [
      "event.list with a cursor at the earliest JavaScript date",
      () => t.analyst.event.list({ workspaceId: t.ws, cursor: early(eventId) }),
      BAD_CURSOR,
    ],
    [
      "event.list (most recent first) with a cursor at the earliest JavaScript date",
      () => t.analyst.event.list({ workspaceId: t.ws, order: "recent", cursor: early(eventId) }),
      BAD_CURSOR,
    ],
    [
      "event.trash with a cursor at the earliest JavaScript date",
      () => t.admin.event.trash({ workspaceId: t.ws, cursor: early("x") }),
      BAD_CURSOR,
    ],
    [
      "entity.events with a cursor at the earliest JavaScript date",
      () => t.analyst.entity.events({ entityId, cursor: early(eventId) }),
      BAD_CURSOR,
    ],
    [
      "source.list with a cursor at the earliest JavaScript date",
      () => t.analyst.source.list({ workspaceId: t.ws, cursor: early("x") }),
      BAD_CURSOR,
    ],
    [
      "review.queue with a cursor at the earliest JavaScript date",
      () => t.reviewer.review.queue({ workspaceId: t.ws, cursor: early("x") }),
      BAD_CURSOR,
    ],
    [
      "invitation.list with a cursor at the earliest JavaScript date",
      () => t.admin.invitation.list({ workspaceId: t.ws, cursor: early("x") }),
      BAD_CURSOR,
    ],
    [
      "briefing.list with a cursor at the earliest JavaScript date",
      () => t.admin.briefing.list({ workspaceId: t.ws, cursor: early("x") }),
      BAD_CURSOR,
    ],
    [
      "briefing.queue with a cursor at the earliest JavaScript date",
      () => t.reviewer.briefing.queue({ workspaceId: t.ws, cursor: encodeCursor(["0", EARLIEST_JS_DATE, "x"]) }),
      BAD_CURSOR,
    ],
    [
      "briefing.comments with a cursor at the earliest JavaScript date",
      () => t.analyst.briefing.comments({ id: briefingId, cursor: early("x") }),
      BAD_CURSOR,
    ],
    [
      "import.jobs with a cursor at the earliest JavaScript date",
      () => t.analyst.import.jobs({ workspaceId: t.ws, cursor: early("x") }),
      BAD_CURSOR,
    ],
    [
      `audit.list with a cursor of ${PAST_64_BITS}`,
      () => t.admin.audit.list({ workspaceId: t.ws, cursor: encodeCursor([PAST_64_BITS]) }),
      BAD_CURSOR,
    ],
    [
      "briefing.history with a cursor one past the largest bigint",
      () => t.analyst.briefing.history({ id: briefingId, cursor: encodeCursor(["9223372036854775808"]) }),
      BAD_CURSOR,
    ],
    [
      `import.candidates with a cursor of ${PAST_INT32}`,
      () => t.analyst.import.candidates({ jobId, cursor: encodeCursor([PAST_INT32]) }),
      BAD_CURSOR,
    ],
  ]);

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
 * surrogate searched for as U+FFFD, a cursor of stray bytes read as text, an
 * id of quotes looked up as an id, a version or round no row can have taken
 * as stale or quietly skipped. They are refused as what they are.
 */
describe("garbage refused as garbage", () => {
  each([
    [
      "entity.suggest with a lone surrogate in the query",
      () => t.analyst.entity.suggest({ workspaceId: t.ws, q: "\uD800" }),
      UNSTORABLE,
    ],
    ["event.get with an id of quotes", () => t.analyst.event.get({ eventId: "' OR '1'='1" }), "Invalid id"],
    [
      `import.dismiss with version ${PAST_INT32}`,
      () => t.analyst.import.dismiss({ candidateId, version: PAST_INT32 }),
      "Invalid version",
    ],
    [
      `member.changeRole with version ${PAST_INT32}`,
      () => t.admin.member.changeRole({ membershipId: t.memberships.viewer.id, role: "ANALYST", version: PAST_INT32 }),
      "Invalid version",
    ],
    [
      `review.decide on round ${PAST_INT32}`,
      () => t.reviewer.review.decide({ eventId, round: PAST_INT32, decision: "APPROVE" }),
      "That number is out of range",
    ],
    [
      `review.decideMany on round ${PAST_INT32}`,
      () => t.reviewer.review.decideMany({ items: [{ eventId, round: PAST_INT32 }], decision: "APPROVE" }),
      "That number is out of range",
    ],
    [
      "entity.list with a cursor whose bytes are not UTF-8",
      () =>
        t.analyst.entity.list({
          workspaceId: t.ws,
          cursor: Buffer.from([0xff, 0xfe, 0x00, 0x41]).toString("base64url"),
        }),
      BAD_CURSOR,
    ],
    [
      "source.list with a cursor that is not base64url",
      () => t.analyst.source.list({ workspaceId: t.ws, cursor: "%00!" }),
      BAD_CURSOR,
    ],
  ]);

  it("a well-formed id of no row is still not found", async () => {
    expect((await refusal(t.analyst.event.get({ eventId: "cnorowatallxxxxxxxxxxxxxx" }))).code).toBe("NOT_FOUND");
  });
});
