import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../server/db/client.ts";
import { renderExport } from "../../server/export/export-file.ts";
import { loadBriefingForExport } from "../../server/services/briefing/index.ts";
import { evidenceSettled, propagateEvidenceChange } from "../../server/services/evidence/index.ts";
import type { StixObject } from "../../server/lib/stix/build-bundle.ts";
import { exportStixBriefing, exportStixChronology } from "../../server/services/stix/index.ts";
import {
  curationTeam,
  eventInput,
  outcome,
  passage,
  publish,
  refusal,
  type CurationTeam,
} from "../helpers/curation.ts";
import { pdfPages, plain } from "../helpers/pdf-text.ts";

/**
 * Evidence that weakens after it was cited: a source marked retracted, or an
 * origin whose consensus reliability falls, flags every event citing it (with
 * the support recounted without the retracted source), notifies the events'
 * and briefings' authors and approvers once, shows a banner on the published
 * briefings that cite it, and lets the authors publish a correction through
 * review, which the PDF prints on its first page.
 */

const WIRE = "A wire agency reported that the envoys met at the border crossing on Tuesday.";
const DAILY = "A daily paper wrote that envoys from both sides met at the border crossing.";
const OTHER = "A radio programme discussed water rights on the river.";

type Fx = {
  t: CurationTeam;
  wire: string;
  daily: string;
  other: string;
  dailyOrigin: string;
  meeting: string;
  unrelated: string;
  briefing: string;
};
let fx: Fx;

async function addSource(t: CurationTeam, title: string, publisherName: string, text: string) {
  const r = await t.analyst.source.create({ workspaceId: t.ws, kind: "NEWS_REPORT", title, publisherName, text });
  if (r.status !== "created") throw new Error("source should be new");
  return r.source.id;
}

async function sourceVersion(t: CurationTeam, sourceId: string) {
  return (await t.analyst.source.get({ sourceId })).version;
}

const mine = (userId: string) =>
  db.notification.findMany({ where: { userId, kind: "evidence.weakened" }, select: { message: true } });

beforeAll(async () => {
  const t = await curationTeam();
  const wire = await addSource(t, "Envoys meet at the crossing", "Wire Agency", WIRE);
  const daily = await addSource(t, "Border talks", "Daily Paper", DAILY);
  const other = await addSource(t, "River programme", "Radio Station", OTHER);
  const meeting = (await t.analyst.event.create({ workspaceId: t.ws, ...eventInput("Envoys meet at the border") })).id;
  await t.analyst.citation.create({
    eventId: meeting,
    sourceId: wire,
    stance: "SUPPORTS",
    ...passage(WIRE, "the envoys met at the border crossing"),
  });
  await t.analyst.citation.create({
    eventId: meeting,
    sourceId: daily,
    stance: "SUPPORTS",
    ...passage(DAILY, "envoys from both sides met"),
  });
  const unrelated = (await t.analyst.event.create({ workspaceId: t.ws, ...eventInput("Water rights discussed") })).id;
  await t.analyst.citation.create({
    eventId: unrelated,
    sourceId: other,
    stance: "SUPPORTS",
    ...passage(OTHER, "discussed water rights"),
  });
  await publish(t, meeting, unrelated);

  const b = await t.analyst.briefing.create({ workspaceId: t.ws, title: "Border contacts" });
  const saved = await t.analyst.briefing.update({
    id: b.id,
    version: b.version,
    body: `The envoys met at the border [@event:${meeting}].`,
  });
  const submitted = await t.analyst.briefing.submit({ id: b.id, version: saved.version });
  await t.reviewer.briefing.decide({ id: b.id, round: submitted.round, decision: "APPROVE", comment: "" });
  const dailyOrigin = (await db.source.findUniqueOrThrow({ where: { id: daily }, select: { publisherId: true } }))
    .publisherId!;
  fx = { t, wire, daily, other, dailyOrigin, meeting, unrelated, briefing: b.id };
});

describe("retracting a source cited by a published briefing", () => {
  it("flags the events citing it, recounts their support without it, and notifies authors and approvers once each, even after a retry", async () => {
    const { t } = fx;
    const before = await t.viewer.citation.forEvent({ eventId: fx.meeting });
    expect(before).toMatchObject({ supportingSources: 2, independentOrigins: 2 });

    const done = await t.admin.source.setStanding({
      sourceId: fx.wire,
      version: await sourceVersion(t, fx.wire),
      standing: "RETRACTED",
      note: "The agency withdrew the story: the meeting was on another day.",
      link: "https://agency.example/retractions/118",
    });
    expect(done.changeId).toBeTruthy();
    // The durable queue runs it (this process works the queue while it waits).
    await evidenceSettled(done.changeId!);

    const flags = await db.evidenceFlag.findMany({
      where: { changeId: done.changeId! },
      select: { eventId: true, briefingId: true, originsBefore: true, originsAfter: true, supportingAfter: true },
    });
    expect(flags.filter((f) => f.eventId)).toEqual([
      { eventId: fx.meeting, briefingId: null, originsBefore: 2, originsAfter: 1, supportingAfter: 1 },
    ]);
    expect(flags.filter((f) => f.briefingId).map((f) => f.briefingId)).toEqual([fx.briefing]);

    const after = await t.viewer.citation.forEvent({ eventId: fx.meeting });
    expect(after).toMatchObject({ supportingSources: 1, independentOrigins: 1 });
    // The STIX files count as the app does: the workspace's and the briefing's (over the quotes it froze).
    const originCount = (objects: StixObject[]) =>
      objects.find((o) => o.name === "Envoys meet at the border")?.x_dossier_origin_count;
    const viewer = { userId: t.users.viewer.id };
    expect(originCount((await exportStixChronology(viewer, t.ws)).bundle.objects)).toBe(1);
    expect(originCount((await exportStixBriefing(viewer, fx.briefing, t.ws)).bundle.objects)).toBe(1);
    // The event page says why, when, and what the support was before and after.
    expect(after.evidenceWarnings).toMatchObject([
      {
        kind: "SOURCE_RETRACTED",
        reason:
          "Source “Envoys meet at the crossing” was retracted: The agency withdrew the story: the meeting was on another day.",
        note: "The agency withdrew the story: the meeting was on another day.",
        link: "https://agency.example/retractions/118",
        counts: { supportingBefore: 2, supportingAfter: 1, originsBefore: 2, originsAfter: 1 },
        handled: null,
      },
    ]);
    expect(after.evidenceWarnings[0]!.changedAt).toBeInstanceOf(Date);
    // The chronology marks the row, for viewers too, from one query for the page.
    const rows = (await t.viewer.event.list({ workspaceId: t.ws, limit: 10 })).items;
    expect(Object.fromEntries(rows.map((r) => [r.id, r.evidenceWeakened]))).toEqual({
      [fx.meeting]: 1,
      [fx.unrelated]: 0,
    });
    expect(after.citations.find((c) => c.source.id === fx.wire)?.source.standing).toMatchObject({
      kind: "RETRACTED",
      link: "https://agency.example/retractions/118",
    });
    expect((await t.viewer.source.get({ sourceId: fx.wire })).standing).toMatchObject({
      kind: "RETRACTED",
      note: "The agency withdrew the story: the meeting was on another day.",
    });
    const summary = await t.admin.vote.summary({ eventId: fx.meeting });
    expect(summary.suggestion).toMatchObject({ independentOrigins: 1, suggested: false });
    expect((await t.viewer.citation.forEvent({ eventId: fx.unrelated })).evidenceWarnings).toEqual([]);

    // The analyst wrote the event and the briefing; the reviewer approved both: one message each.
    expect(await mine(t.users.analyst.id)).toHaveLength(1);
    expect(await mine(t.users.reviewer.id)).toHaveLength(1);
    expect((await mine(t.users.analyst.id))[0]!.message).toContain("“Envoys meet at the border”");
    // Whoever marked it is not told what they did.
    expect(await mine(t.users.admin.id)).toHaveLength(0);

    // A retried job (the queue runs it again after a failure) changes and notifies nothing more.
    expect(await propagateEvidenceChange(done.changeId!)).toEqual({ outcome: "skipped" });
    expect(await mine(t.users.analyst.id)).toHaveLength(1);
    expect(await mine(t.users.reviewer.id)).toHaveLength(1);
    expect(await db.evidenceFlag.count({ where: { changeId: done.changeId! } })).toBe(2);
    const audit = await db.auditLog.findFirst({
      where: { action: "source.standing_set", targetId: fx.wire },
      select: { actorId: true, after: true },
    });
    expect(audit).toMatchObject({ actorId: t.users.admin.id, after: { standing: "RETRACTED" } });
  });

  it("shows readers of the published briefing a banner with what changed, when and why", async () => {
    const { t } = fx;
    const seen = await t.viewer.briefing.get({ id: fx.briefing });
    expect(seen.evidence).toMatchObject({
      needsCorrection: true,
      correction: null,
      changes: [
        {
          kind: "SOURCE_RETRACTED",
          subject: "Envoys meet at the crossing",
          note: "The agency withdrew the story: the meeting was on another day.",
          link: "https://agency.example/retractions/118",
          sinceApproval: true,
        },
      ],
    });
    expect(seen.evidence!.changes[0]!.at).toBeInstanceOf(Date);
    expect((await t.analyst.briefing.get({ id: fx.briefing })).evidence?.needsCorrection).toBe(true);
  });

  it("lists what is affected and not handled, a page at a time, until someone marks it handled", async () => {
    const { t } = fx;
    const first = await t.analyst.evidence.affected({ workspaceId: t.ws, limit: 1 });
    expect(first.items).toHaveLength(1);
    const second = await t.analyst.evidence.affected({ workspaceId: t.ws, limit: 1, cursor: first.nextCursor });
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    const all = [...first.items, ...second.items];
    expect(all.map((i) => i.kind).sort()).toEqual(["briefing", "event"]);
    const event = all.find((i) => i.kind === "event")!;
    expect(event.counts).toEqual({ supportingBefore: 2, supportingAfter: 1, originsBefore: 2, originsAfter: 1 });
    expect(await outcome(t.viewer.evidence.affected({ workspaceId: t.ws, limit: 10 }))).toBe("FORBIDDEN");
    expect(await outcome(t.viewer.evidence.handle({ flagId: event.id }))).toBe("FORBIDDEN");
    expect(await outcome(t.outsider.evidence.handle({ flagId: event.id }))).toBe("NOT_FOUND");

    await t.analyst.evidence.handle({ flagId: event.id });
    expect(await outcome(t.reviewer.evidence.handle({ flagId: event.id }))).toBe("CONFLICT");
    const left = await t.analyst.evidence.affected({ workspaceId: t.ws, limit: 10 });
    expect(left.items.map((i) => i.kind)).toEqual(["briefing"]);
    expect(
      await db.auditLog.count({
        where: { action: "evidence.handled", targetId: fx.meeting, actorId: t.users.analyst.id },
      }),
    ).toBe(1);
    // Handled, it stays on the event page as history (who and when), no longer a warning, and the row's marker goes.
    const handled = (await t.viewer.citation.forEvent({ eventId: fx.meeting })).evidenceWarnings;
    expect(handled).toHaveLength(1);
    expect(handled[0]!.handled).toMatchObject({ by: t.users.analyst.name });
    expect(handled[0]!.handled!.at).toBeInstanceOf(Date);
    const rows = (await t.viewer.event.list({ workspaceId: t.ws, limit: 10 })).items;
    expect(rows.find((r) => r.id === fx.meeting)?.evidenceWeakened).toBe(0);
  });

  it("publishes the authors' correction through review; the banner and the PDF's first page then carry it", async () => {
    const { t } = fx;
    const text =
      "The meeting took place a week earlier than first reported; the judgment stands on the daily's account.";
    const b = await t.analyst.briefing.get({ id: fx.briefing });
    expect(b.canCorrect).toBe(true);
    const written = await t.analyst.briefing.writeCorrection({ id: fx.briefing, version: b.version, text });
    expect(written.status).toBe("DRAFT");
    // Readers still see the approved version, without a correction yet.
    expect((await t.viewer.briefing.get({ id: fx.briefing })).evidence?.correction).toBeNull();
    const submitted = await t.analyst.briefing.submit({ id: fx.briefing, version: written.version });
    // The author may not approve their own correction; a reviewer does.
    expect(
      await outcome(
        t.analyst.briefing.decide({ id: fx.briefing, round: submitted.round, decision: "APPROVE", comment: "" }),
      ),
    ).toBe("FORBIDDEN");
    await t.reviewer.briefing.decide({ id: fx.briefing, round: submitted.round, decision: "APPROVE", comment: "" });

    const seen = await t.viewer.briefing.get({ id: fx.briefing });
    expect(seen.evidence?.correction?.text).toBe(text);
    expect(seen.evidence?.correction?.date).toBeInstanceOf(Date);
    expect(seen.evidence?.needsCorrection).toBe(false);
    expect(seen.evidence?.changes.map((c) => c.sinceApproval)).toEqual([false]);
    // The correction handles the briefing's entry on the affected list.
    expect((await t.analyst.evidence.affected({ workspaceId: t.ws, limit: 10 })).items).toEqual([]);

    const { doc, revisionId } = await loadBriefingForExport({ userId: t.users.viewer.id }, fx.briefing, "published");
    const file = await renderExport(doc, revisionId, "pdf");
    const first = pdfPages(file.body as Uint8Array)
      .map(plain)[0]!
      .replace(/\s+/g, " ");
    const day = seen.evidence!.correction!.date.toLocaleDateString("en-GB", {
      day: "numeric",
      month: "long",
      year: "numeric",
      timeZone: "UTC",
    });
    expect(first).toContain(`Correction notice — corrected on ${day}.`);
    expect(first).toContain("The meeting took place a week earlier than first reported");

    // The Markdown file says it too, in the same words, before anything else the briefing says.
    const md = (await renderExport(doc, revisionId, "md")).body as string;
    const notice = md.indexOf(`> **Correction notice — corrected on ${day}.**`);
    expect(notice).toBeGreaterThan(0);
    expect(md.slice(notice)).toContain(`> ${text}`);
    expect(notice).toBeLessThan(md.indexOf("## Analysis"));
    // A draft of the next version is not a corrected publication: its file has no notice.
    const draft = await loadBriefingForExport({ userId: t.users.analyst.id }, fx.briefing, "working");
    expect((await renderExport(draft.doc, draft.revisionId, "md")).body as string).not.toContain("Correction notice");
  });
});

describe("an origin's consensus reliability falling", () => {
  it("flags the events citing its sources and the briefings citing those, and notifies once", async () => {
    const { t } = fx;
    const before = await db.notification.count({ where: { kind: "evidence.weakened" } });
    await t.reviewer.vote.cast({ entityId: fx.dailyOrigin, grade: "C", rationale: "Mixed record." });
    expect(await db.evidenceChange.count({ where: { entityId: fx.dailyOrigin } })).toBe(0);
    await t.analyst.vote.cast({ entityId: fx.dailyOrigin, grade: "E", rationale: "Repeats state messaging." });
    const change = await db.evidenceChange.findFirstOrThrow({
      where: { entityId: fx.dailyOrigin, kind: "ORIGIN_DOWNGRADED" },
      select: { id: true, gradeBefore: true, gradeAfter: true },
    });
    expect(change).toMatchObject({ gradeBefore: "C", gradeAfter: "E" });
    await evidenceSettled(change.id);
    // Blind voting holds: the admin has not voted or skipped on this origin, so no page tells them the grades.
    const fell = "Source origin “Daily Paper” fell in reliability";
    const reasons = async (caller: typeof t.admin) =>
      (await caller.citation.forEvent({ eventId: fx.meeting })).evidenceWarnings
        .filter((w) => w.kind === "ORIGIN_DOWNGRADED")
        .map((w) => w.reason);
    expect(await reasons(t.admin)).toEqual([`${fell}.`]);
    expect(await reasons(t.reviewer)).toEqual([`${fell} (C → E).`]);
    expect(await reasons(t.viewer)).toEqual([`${fell} (C → E).`]);
    const listed = (await t.admin.evidence.affected({ workspaceId: t.ws, limit: 10 })).items.filter(
      (i) => i.change.kind === "ORIGIN_DOWNGRADED",
    );
    expect(listed.map((i) => [i.reason, i.change.gradeAfter])).toEqual([
      [`${fell}.`, null],
      [`${fell}.`, null],
    ]);
    expect(
      (await t.admin.briefing.get({ id: fx.briefing })).evidence?.changes.find((c) => c.kind === "ORIGIN_DOWNGRADED")
        ?.reason,
    ).toBe(`${fell}.`);
    // A third vote agreeing with the new consensus is no further fall.
    await t.admin.vote.cast({ entityId: fx.dailyOrigin, grade: "E", rationale: "Agreed." });
    expect(await db.evidenceChange.count({ where: { entityId: fx.dailyOrigin } })).toBe(1);

    const flags = await db.evidenceFlag.findMany({
      where: { changeId: change.id },
      select: { eventId: true, briefingId: true, reason: true },
    });
    expect(flags.map((f) => f.eventId ?? f.briefingId).sort()).toEqual([fx.briefing, fx.meeting].sort());
    expect(flags[0]!.reason).toBe("Source origin “Daily Paper” fell in reliability (C → E).");
    // The analyst cast the deciding vote and is not told; the reviewer (approver of both) is, once.
    expect(await mine(t.users.reviewer.id)).toHaveLength(2);
    // A notification cannot know when, or how blind, its reader will be: it names no grades.
    expect((await mine(t.users.reviewer.id)).map((n) => n.message)).toContainEqual(expect.stringContaining(`${fell}.`));
    expect(await db.notification.count({ where: { kind: "evidence.weakened" } })).toBe(before + 1);
    await propagateEvidenceChange(change.id);
    expect(await db.notification.count({ where: { kind: "evidence.weakened" } })).toBe(before + 1);

    const seen = await t.viewer.briefing.get({ id: fx.briefing });
    expect(seen.evidence?.needsCorrection).toBe(true);
    expect(seen.evidence?.changes.at(-1)).toMatchObject({ kind: "ORIGIN_DOWNGRADED", sinceApproval: true });
    // The corrected notice stays until a new one is approved.
    expect(seen.evidence?.correction).not.toBeNull();
  });

  it("is caught the same way when a vote is withdrawn or changed", async () => {
    const { t } = fx;
    const radio = (await db.source.findUniqueOrThrow({ where: { id: fx.other }, select: { publisherId: true } }))
      .publisherId!;
    const changes = () =>
      db.evidenceChange.findMany({
        where: { entityId: radio },
        orderBy: { createdAt: "asc" },
        select: { id: true, gradeBefore: true, gradeAfter: true, actorId: true },
      });
    await t.analyst.vote.cast({ entityId: radio, grade: "B", rationale: "Careful programme." });
    await t.reviewer.vote.cast({ entityId: radio, grade: "B", rationale: "Agreed." });
    await t.admin.vote.cast({ entityId: radio, grade: "E", rationale: "Airs rumours." });
    expect(await changes()).toEqual([]); // B, B, E: the consensus is still B

    // Without the reviewer's B the cautious median is E: a fall, though nobody voted anything new.
    await t.reviewer.vote.withdraw({ entityId: radio });
    const [withdrawn] = await changes();
    expect(withdrawn).toMatchObject({ gradeBefore: "B", gradeAfter: "E", actorId: t.users.reviewer.id });
    await evidenceSettled(withdrawn!.id);
    expect(
      await db.evidenceFlag.findMany({ where: { changeId: withdrawn!.id }, select: { eventId: true, reason: true } }),
    ).toEqual([{ eventId: fx.unrelated, reason: "Source origin “Radio Station” fell in reliability (B → E)." }]);

    // Back up to C, then down to D because a vote was changed.
    await t.reviewer.vote.cast({ entityId: radio, grade: "C", rationale: "Mixed, on reflection." });
    expect(await changes()).toHaveLength(1);
    await t.analyst.vote.cast({ entityId: radio, grade: "D", rationale: "Two stories pulled this year." });
    const all = await changes();
    expect(all).toHaveLength(2);
    expect(all[1]).toMatchObject({ gradeBefore: "C", gradeAfter: "D", actorId: t.users.analyst.id });
    await evidenceSettled(all[1]!.id);
  });
});

describe("who may mark a source, and what is refused", () => {
  it("refuses viewers, and other workspaces' ids as not found", async () => {
    const { t } = fx;
    const version = await sourceVersion(t, fx.other);
    const input = { sourceId: fx.other, version, standing: "DISPUTED" as const, note: "", link: "" };
    expect(await outcome(t.viewer.source.setStanding(input))).toBe("FORBIDDEN");
    expect(await outcome(t.outsider.source.setStanding(input))).toBe("NOT_FOUND");
    expect(
      await outcome(t.outsider.briefing.writeCorrection({ id: fx.briefing, version: 1, text: "Not mine to write." })),
    ).toBe("NOT_FOUND");
    expect(await outcome(t.outsider.evidence.affected({ workspaceId: t.ws, limit: 5 }))).toBe("NOT_FOUND");
    expect(await outcome(t.viewer.briefing.writeCorrection({ id: fx.briefing, version: 1, text: "No." }))).toBe(
      "FORBIDDEN",
    );
  });

  it("refuses a note too long, a link that is not http(s) and a stale version with clear messages", async () => {
    const { t } = fx;
    const version = await sourceVersion(t, fx.other);
    const base = { sourceId: fx.other, version, standing: "CORRECTED" as const };
    const long = await refusal(t.analyst.source.setStanding({ ...base, note: "x".repeat(2001), link: "" }));
    expect(long.code).toBe("BAD_REQUEST");
    expect(long.fieldErrors?.note).toBe("Use at most 2,000 characters");
    for (const link of ["javascript:alert(1)", "ftp://files.example/notice.txt", "agency.example/notice"]) {
      const bad = await refusal(t.analyst.source.setStanding({ ...base, note: "", link }));
      expect(bad.code, link).toBe("BAD_REQUEST");
      expect(bad.fieldErrors?.link, link).toBe("Enter a full web address, starting with http:// or https://");
    }
    const empty = await refusal(t.analyst.briefing.writeCorrection({ id: fx.briefing, version: 1, text: "  " }));
    expect(empty.code).toBe("BAD_REQUEST");
    await t.analyst.source.setStanding({ ...base, note: "Figures corrected.", link: "" });
    const stale = await refusal(t.reviewer.source.setStanding({ ...base, note: "Something else.", link: "" }));
    expect(stale.code).toBe("CONFLICT");
    expect(await db.source.findUniqueOrThrow({ where: { id: fx.other }, select: { standingNote: true } })).toEqual({
      standingNote: "Figures corrected.",
    });
  });
});

describe("a source's text edited after published material quoted it", () => {
  async function proposeAndApprove(t: CurationTeam, sourceId: string, text: string) {
    const s = await t.analyst.source.get({ sourceId, withText: false });
    const saved = await t.analyst.source.update({
      sourceId,
      version: s.version,
      kind: s.kind,
      title: s.title,
      publisherName: s.publisher?.name ?? "",
      author: s.author,
      pubDate: s.pubDate,
      url: s.url ?? "",
      language: s.language,
      text,
    });
    expect(saved.proposed).toBe(true);
    const target = { targetType: "SOURCE" as const, targetId: sourceId };
    const { round } = await t.analyst.proposal.submit(target);
    await t.reviewer.proposal.decide({ ...target, round, decision: "APPROVE", comment: "" });
  }

  it("flags, once approved, the events whose quotes moved or were lost and the briefings citing them; publications keep their quotes", async () => {
    const { t } = fx;
    // Words added after the quote leave it where it was: nothing is weakened.
    await proposeAndApprove(t, fx.daily, `${DAILY} Talks lasted an hour.`);
    expect(await db.evidenceChange.count({ where: { sourceId: fx.daily } })).toBe(0);

    await proposeAndApprove(t, fx.daily, DAILY.replace("envoys from both sides met", "envoys of both sides met"));
    const change = await db.evidenceChange.findFirstOrThrow({
      where: { sourceId: fx.daily },
      select: { id: true, kind: true, eventIds: true, actorId: true },
    });
    expect(change).toMatchObject({ kind: "SOURCE_TEXT_EDITED", eventIds: [fx.meeting], actorId: t.users.reviewer.id });
    await evidenceSettled(change.id);
    const flags = await db.evidenceFlag.findMany({
      where: { changeId: change.id },
      select: { eventId: true, briefingId: true, reason: true },
    });
    expect(flags.map((f) => f.eventId ?? f.briefingId).sort()).toEqual([fx.briefing, fx.meeting].sort());
    expect(flags[0]!.reason).toBe(
      "Source “Border talks” had its text edited after it was quoted: 1 quoted passage no longer found in the new text.",
    );
    const warnings = (await t.viewer.citation.forEvent({ eventId: fx.meeting })).evidenceWarnings;
    expect(warnings[0]).toMatchObject({ kind: "SOURCE_TEXT_EDITED", handled: null });
    // The author of the event and briefing is told; the reviewer who approved the text knows already.
    const told = (userId: string) =>
      mine(userId).then((all) => all.filter((n) => n.message.includes("had its text edited after it was quoted")));
    expect(await told(t.users.analyst.id)).toHaveLength(1);
    expect(await told(t.users.reviewer.id)).toHaveLength(0);
    expect((await t.viewer.briefing.get({ id: fx.briefing })).evidence?.changes.at(-1)).toMatchObject({
      kind: "SOURCE_TEXT_EDITED",
      sinceApproval: true,
    });

    // The publication froze the quote as approved: its files still print the words the source no longer has.
    const { doc, revisionId } = await loadBriefingForExport({ userId: t.users.viewer.id }, fx.briefing, "published");
    expect(doc.cited.events.find((e) => e.id === fx.meeting)?.quotes.map((q) => q.quote)).toContain(
      "envoys from both sides met",
    );
    expect((await renderExport(doc, revisionId, "md")).body as string).toContain("> envoys from both sides met");
  });
});
