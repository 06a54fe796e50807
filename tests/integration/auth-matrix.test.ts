import { randomBytes } from "node:crypto";
import { TRPCError, type inferRouterInputs } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { db } from "../../server/db/client.ts";
import { appRouter, type AppRouter } from "../../server/root.ts";
import { importSettled } from "../../server/services/import/index.ts";
import { anonymousCaller, callerFor } from "../helpers/caller.ts";
import { makeTeam, TEST_PASSWORD } from "../helpers/factories.ts";

/**
 * Who may call what. Every procedure of the app router must have a row here:
 * a new procedure without one fails the first test, so nobody ships an
 * endpoint whose access rules were never written down.
 *
 * Each case that may change data builds its own fixture (a team in a fresh
 * workspace, an outsider who is admin of *another* workspace, one open
 * invitation, and the curation material below), so mutations in one case
 * cannot change the outcome of another; reads and refusals share one. Ids in rows always belong to the team's workspace: the outsider
 * must get NOT_FOUND for them, never FORBIDDEN.
 */
type Inputs = inferRouterInputs<AppRouter>;
type ProcedurePath = { [N in keyof Inputs & string]: `${N}.${keyof Inputs[N] & string}` }[keyof Inputs & string];
type InputOf<P> = P extends `${infer N extends keyof Inputs & string}.${infer M}`
  ? M extends keyof Inputs[N]
    ? Inputs[N][M]
    : never
  : never;

const CALLERS = ["anonymous", "nonMember", "viewer", "analyst", "reviewer", "admin"] as const;
type CallerKind = (typeof CALLERS)[number];
type Outcome = "ok" | "UNAUTHORIZED" | "NOT_FOUND" | "FORBIDDEN" | "CONFLICT";

/**
 * The workspace's material every row can refer to: a published and a draft
 * event, one in the trash, a source with text and a citation on it, two
 * entities (one a misspelling, to merge), all created through the API by the
 * admin, and published through review (the reviewer approves).
 */
async function fixture(withImport = false) {
  const team = await makeTeam();
  const admin = (await callerFor(team.users.admin.id)).caller;
  const reviewer = (await callerFor(team.users.reviewer.id)).caller;
  const ws = team.workspace.id;
  const invitation = await admin.invitation.create({ workspaceId: ws, role: "ANALYST" });
  const place = await admin.entity.create({ workspaceId: ws, kind: "PLACE", name: "Mashhad", aliases: ["مشهد"] });
  const misspelt = await admin.entity.create({ workspaceId: ws, kind: "PLACE", name: "Mashad" });
  const date = { start: { year: 2015, month: 5 } };
  const published = await admin.event.create({
    workspaceId: ws,
    title: "Delegation visits Mashhad",
    date,
    entities: [{ entityId: place.id, role: "PLACE" }],
  });
  const draft = await admin.event.create({ workspaceId: ws, title: "Unconfirmed meeting", date });
  const trashed = await admin.event.create({ workspaceId: ws, title: "Deleted by mistake", date });
  await admin.event.delete({ eventId: trashed.id, version: 1 });
  const text = "The Taliban delegation met Iranian officials in Mashhad. They talked about refugees.";
  const created = await admin.source.create({
    workspaceId: ws,
    kind: "NEWS_REPORT",
    title: "Report",
    publisherName: "Tasnim News",
    text,
  });
  if (created.status !== "created") throw new Error("fixture source should be new");
  const source = { id: created.source.id, text };
  // A finished archive of the source's page, written directly: fetching is not what these rows test.
  const archive = await db.sourceArchive.create({
    data: {
      workspaceId: ws,
      sourceId: source.id,
      url: "https://example.org/report",
      status: "DONE",
      text: "The archived page.",
      requestedById: team.users.admin.id,
    },
    select: { id: true },
  });
  const citation = await admin.citation.create({
    eventId: published.id,
    sourceId: source.id,
    stance: "SUPPORTS",
    ...quoteOf(text, "met Iranian officials"),
  });
  // Published after it is cited, so the citation is part of the published evidence (not a proposed addition).
  const { round } = await admin.review.submit({ eventId: published.id });
  await reviewer.review.decide({ eventId: published.id, round, decision: "APPROVE" });
  const [firstVersion] = await admin.history.list({ targetType: "event", targetId: published.id });
  const [sourceFirstVersion] = await admin.history.list({ targetType: "source", targetId: source.id });
  // Briefings: one published through review (citing the published event), one draft, and a comment by the admin.
  const briefing = await admin.briefing.create({ workspaceId: ws, title: "Where the talks stand" });
  const saved = await admin.briefing.update({
    id: briefing.id,
    version: briefing.version,
    body: `The delegation met officials [@event:${published.id}].`,
  });
  const submitted = await admin.briefing.submit({ id: briefing.id, version: saved.version });
  await reviewer.briefing.decide({ id: briefing.id, round: submitted.round, decision: "APPROVE" });
  const draftBriefing = await admin.briefing.create({ workspaceId: ws, title: "Notes in progress" });
  const trashedBriefing = await admin.briefing.create({ workspaceId: ws, title: "Started by mistake" });
  await admin.briefing.delete({ id: trashedBriefing.id, version: trashedBriefing.version });
  const briefingComment = await admin.briefing.comment({
    briefingId: briefing.id,
    body: "Ready for the Monday meeting.",
  });
  const imported = withImport ? await importFixture(admin, ws) : null;
  return {
    ...team,
    imported,
    admin,
    invitation,
    place,
    misspelt,
    published,
    draft,
    trashed,
    source,
    archive,
    citation,
    firstVersion: firstVersion!,
    sourceFirstVersion: sourceFirstVersion!,
    briefing,
    draftBriefing,
    trashedBriefing,
    briefingComment,
  };
}

/** An import with three candidates, only for the import rows: parsing is the slow part. */
async function importFixture(admin: Awaited<ReturnType<typeof callerFor>>["caller"], ws: string) {
  const text =
    "On 22 May 2015 a Taliban delegation visited Tehran for talks with officials.\nIn 2016 the Taliban leader travelled through Iran before he was killed.\nIn March 2011 British forces seized rockets sent from Iran to the Taliban.";
  const started = await admin.import.start({ workspaceId: ws, title: "Import fixture", text });
  if (started.status !== "started") throw new Error("fixture import should start");
  await importSettled(started.jobId);
  const { items } = await admin.import.candidates({ jobId: started.jobId });
  if (items.length < 3) throw new Error(`fixture import should propose three candidates, got ${items.length}`);
  return { jobId: started.jobId, candidates: items };
}
type Fixture = Awaited<ReturnType<typeof fixture>>;

/**
 * Queries change nothing, and neither does a refused call, so those cases
 * share one fixture (a fixture is a few dozen API calls); every mutation
 * expected to succeed gets a fresh one. A refusal that wrongly succeeded
 * could change the shared fixture, but its own case fails first.
 */
let shared: Promise<Fixture> | undefined;
let sharedWithImport: Promise<Fixture> | undefined;
function fixtureFor(path: string, expected: Outcome = "ok"): Promise<Fixture> {
  const procedure = (appRouter._def.procedures as unknown as Record<string, { _def: { type: string } } | undefined>)[
    path
  ];
  const withImport = path.startsWith("import.");
  if (procedure?._def.type !== "query" && expected === "ok") return fixture(withImport);
  if (withImport) return (sharedWithImport ??= fixture(true));
  shared ??= fixture();
  return shared;
}

function quoteOf(text: string, quote: string) {
  const startOffset = text.indexOf(quote);
  return { startOffset, endOffset: startOffset + quote.length, quote };
}

/** Only the caller a case needs is signed in: sessions are the slow part of a fixture. */
async function callerOf(fx: Fixture, who: CallerKind) {
  switch (who) {
    case "anonymous":
      return anonymousCaller();
    case "admin":
      return fx.admin;
    case "nonMember":
      return (await callerFor(fx.users.outsider.id)).caller;
    default:
      return (await callerFor(fx.users[who].id)).caller;
  }
}

type Row<P extends ProcedurePath> = { input: (fx: Fixture) => InputOf<P> } & Record<CallerKind, Outcome>;

// Column order everywhere: anonymous, nonMember, viewer, analyst, reviewer, admin.
const signedIn = (o: Outcome = "ok") =>
  ({ anonymous: "UNAUTHORIZED", nonMember: o, viewer: o, analyst: o, reviewer: o, admin: o }) as const;
const anyMember = {
  anonymous: "UNAUTHORIZED",
  nonMember: "NOT_FOUND",
  viewer: "ok",
  analyst: "ok",
  reviewer: "ok",
  admin: "ok",
} as const;
const adminOnly = {
  anonymous: "UNAUTHORIZED",
  nonMember: "NOT_FOUND",
  viewer: "FORBIDDEN",
  analyst: "FORBIDDEN",
  reviewer: "FORBIDDEN",
  admin: "ok",
} as const;
const contributors = {
  anonymous: "UNAUTHORIZED",
  nonMember: "NOT_FOUND",
  viewer: "FORBIDDEN",
  analyst: "ok",
  reviewer: "ok",
  admin: "ok",
} as const;
const submitters = contributors;
// Members who may ask get CONFLICT here because the published fixture has nothing under review.
const stateDependent = {
  anonymous: "UNAUTHORIZED",
  nonMember: "NOT_FOUND",
  viewer: "FORBIDDEN",
  analyst: "CONFLICT",
  reviewer: "CONFLICT",
  admin: "CONFLICT",
} as const;
// A batch reports each item's refusal in its result instead of failing as a whole.
const batch = {
  anonymous: "UNAUTHORIZED",
  nonMember: "ok",
  viewer: "ok",
  analyst: "ok",
  reviewer: "ok",
  admin: "ok",
} as const;
const everyone = {
  anonymous: "ok",
  nonMember: "ok",
  viewer: "ok",
  analyst: "ok",
  reviewer: "ok",
  admin: "ok",
} as const;

const newPassword = "a brand new password 42";

const MATRIX: { [P in ProcedurePath]: Row<P> } = {
  "me.get": { input: () => undefined, ...signedIn() },
  "me.updateProfile": { input: () => ({ name: "Renamed" }), ...signedIn() },
  "me.changePassword": {
    input: () => ({ currentPassword: TEST_PASSWORD, newPassword, confirmPassword: newPassword }),
    ...signedIn(),
  },

  "workspace.list": { input: () => undefined, ...signedIn() },
  // Anyone signed in may start a workspace of their own.
  "workspace.create": { input: () => ({ name: "A new dossier", description: "" }), ...signedIn() },
  "workspace.bySlug": { input: (fx) => ({ slug: fx.workspace.slug }), ...anyMember },
  "workspace.eventCounts": { input: (fx) => ({ workspaceId: fx.workspace.id }), ...anyMember },
  "workspace.update": {
    input: (fx) => ({ workspaceId: fx.workspace.id, name: "Renamed dossier", description: "" }),
    ...adminOnly,
  },
  "workspace.updateBriefingSettings": {
    input: (fx) => ({ workspaceId: fx.workspace.id, defaultMarking: "TLP:RED" }),
    ...adminOnly,
  },
  "workspace.archiveSettings": { input: (fx) => ({ workspaceId: fx.workspace.id }), ...adminOnly },
  "workspace.updateArchiveSettings": {
    input: (fx) => ({ workspaceId: fx.workspace.id, version: 1, allowedHosts: ["intranet.example.org:8080"] }),
    ...adminOnly,
  },

  "member.list": { input: (fx) => ({ workspaceId: fx.workspace.id }), ...anyMember },
  "member.changeRole": {
    input: (fx) => ({
      membershipId: fx.memberships.analyst.id,
      role: "REVIEWER",
      version: fx.memberships.analyst.version,
    }),
    ...adminOnly,
  },
  "member.setActive": {
    input: (fx) => ({ membershipId: fx.memberships.viewer.id, active: false, version: fx.memberships.viewer.version }),
    ...adminOnly,
  },

  "invitation.list": { input: (fx) => ({ workspaceId: fx.workspace.id }), ...adminOnly },
  "invitation.create": { input: (fx) => ({ workspaceId: fx.workspace.id, role: "VIEWER" }), ...adminOnly },
  "invitation.revoke": { input: (fx) => ({ invitationId: fx.invitation.id }), ...adminOnly },
  // The token is the credential: whoever holds the link may see what it offers.
  "invitation.preview": { input: (fx) => ({ token: fx.invitation.token }), ...everyone },
  // Members already belong to the workspace; only the outsider can join with it.
  "invitation.accept": { input: (fx) => ({ token: fx.invitation.token }), ...signedIn("CONFLICT"), nonMember: "ok" },
  // Creates a new account; a session on the request plays no part.
  "invitation.acceptAsNewUser": {
    input: (fx) => ({
      token: fx.invitation.token,
      name: "New Person",
      email: `new-${randomBytes(4).toString("hex")}@example.org`,
      password: newPassword,
    }),
    ...everyone,
  },

  "audit.list": { input: (fx) => ({ workspaceId: fx.workspace.id, limit: 10 }), ...adminOnly },
  // Install-wide figures, but only for an admin of some workspace, asked through that workspace.
  "system.status": { input: (fx) => ({ workspaceId: fx.workspace.id }), ...adminOnly },

  // Viewers read published events; drafts are contributors' (see the draft table below).
  "event.list": { input: (fx) => ({ workspaceId: fx.workspace.id, limit: 10 }), ...anyMember },
  "event.get": { input: (fx) => ({ eventId: fx.published.id }), ...anyMember },
  "event.timeline": { input: (fx) => ({ workspaceId: fx.workspace.id }), ...anyMember },
  "event.getForEdit": { input: (fx) => ({ eventId: fx.draft.id }), ...contributors },
  "event.create": {
    input: (fx) => ({
      workspaceId: fx.workspace.id,
      title: "Delegation visits Tehran",
      summary: "",
      date: { start: { year: 2015, month: 5 } },
    }),
    ...contributors,
  },
  "event.update": {
    input: (fx) => ({ eventId: fx.draft.id, version: 1, title: "Renamed", date: { start: { year: 2015 } } }),
    ...contributors,
  },
  // A draft is its authors' to delete, and reviewers' and admins' (the fixture's is the admin's);
  // a viewer does not see it at all (the full matrix is in deletion.test.ts).
  "event.delete": {
    input: (fx) => ({ eventId: fx.draft.id, version: 1 }),
    ...contributors,
    viewer: "NOT_FOUND",
    analyst: "FORBIDDEN",
  },
  "event.restoreVersion": {
    input: (fx) => ({ eventId: fx.published.id, revisionId: fx.firstVersion.id, version: 1 }),
    ...contributors,
  },
  // The trash is the admins'.
  "event.trash": { input: (fx) => ({ workspaceId: fx.workspace.id }), ...adminOnly },
  // Reading a typed date touches no data: anyone signed in may ask.
  "event.readDate": { input: () => ({ text: "March 2011" }), ...signedIn() },
  "event.restore": { input: (fx) => ({ eventId: fx.trashed.id }), ...adminOnly },

  "source.list": { input: (fx) => ({ workspaceId: fx.workspace.id }), ...anyMember },
  "source.get": { input: (fx) => ({ sourceId: fx.source.id }), ...anyMember },
  "source.textChunk": { input: (fx) => ({ sourceId: fx.source.id, cursor: 0, limit: 10 }), ...anyMember },
  "source.findText": { input: (fx) => ({ sourceId: fx.source.id, text: "a" }), ...anyMember },
  "source.create": {
    input: (fx) => ({
      workspaceId: fx.workspace.id,
      kind: "REPORT",
      title: "Another report",
      text: "Different words entirely.",
    }),
    ...contributors,
  },
  "source.update": {
    input: (fx) => ({ sourceId: fx.source.id, version: 1, kind: "NEWS_REPORT", title: "Report, renamed" }),
    ...contributors,
  },
  "source.setStanding": {
    input: (fx) => ({ sourceId: fx.source.id, version: 1, standing: "DISPUTED", note: "Contested by the agency." }),
    ...contributors,
  },
  // Asking queues a fetch (nothing in this file works that queue); reading is for whoever may open the source.
  "source.archive": { input: (fx) => ({ sourceId: fx.source.id, url: "https://example.org/copy" }), ...contributors },
  "source.archives": { input: (fx) => ({ sourceId: fx.source.id }), ...anyMember },
  "source.archiveText": { input: (fx) => ({ archiveId: fx.archive.id }), ...anyMember },
  "source.restoreVersion": {
    input: (fx) => ({ sourceId: fx.source.id, revisionId: fx.sourceFirstVersion.id, version: 1 }),
    ...contributors,
  },

  "citation.forEvent": { input: (fx) => ({ eventId: fx.published.id }), ...anyMember },
  "citation.create": {
    input: (fx) => ({
      eventId: fx.draft.id,
      sourceId: fx.source.id,
      stance: "MENTIONS",
      ...quoteOf(fx.source.text, "talked about refugees"),
    }),
    ...contributors,
  },
  "citation.createWithEvent": {
    input: (fx) => ({
      sourceId: fx.source.id,
      stance: "SUPPORTS",
      ...quoteOf(fx.source.text, "in Mashhad"),
      event: { title: "Meeting in Mashhad", date: { start: { year: 2016 } } },
    }),
    ...contributors,
  },
  "citation.delete": { input: (fx) => ({ citationId: fx.citation.id }), ...contributors },
  "citation.keep": { input: (fx) => ({ citationId: fx.citation.id }), ...contributors },
  "citation.setTranslation": {
    input: (fx) => ({
      citationId: fx.citation.id,
      version: 1,
      translation: { text: "A translated line", language: "en", translator: { kind: "MACHINE", engine: "Engine X" } },
    }),
    ...contributors,
  },
  // The fixture's quote has no translation yet, so there is nothing to check (translations.test.ts).
  "citation.checkTranslation": { input: (fx) => ({ citationId: fx.citation.id, version: 1 }), ...stateDependent },

  "entity.list": { input: (fx) => ({ workspaceId: fx.workspace.id }), ...anyMember },
  "entity.get": { input: (fx) => ({ entityId: fx.place.id }), ...anyMember },
  "entity.events": { input: (fx) => ({ entityId: fx.place.id }), ...anyMember },
  "entity.suggest": { input: (fx) => ({ workspaceId: fx.workspace.id, q: "Mashh" }), ...anyMember },
  "entity.create": {
    input: (fx) => ({ workspaceId: fx.workspace.id, kind: "PERSON", name: "Tayyab Agha" }),
    ...contributors,
  },
  // The place is on a published event: the edit becomes a proposed change (record-proposals.test.ts).
  "entity.update": {
    input: (fx) => ({ entityId: fx.place.id, kind: "PLACE", name: "Mashhad", aliases: ["Meshed"], version: 1 }),
    ...contributors,
  },
  // Merging gives the published place a new alias at once: a reviewer's or an admin's call.
  "entity.merge": {
    input: (fx) => ({ fromEntityId: fx.misspelt.id, intoEntityId: fx.place.id }),
    ...contributors,
    analyst: "FORBIDDEN",
  },

  // Proposed changes to sources and entities are unreviewed work: contributors only.
  "proposal.get": { input: (fx) => ({ targetType: "ENTITY", targetId: fx.place.id }), ...contributors },
  "proposal.forEvent": { input: (fx) => ({ eventId: fx.published.id }), ...contributors },
  "proposal.queue": { input: (fx) => ({ workspaceId: fx.workspace.id }), ...contributors },
  // The fixture has no proposal: members who may ask get CONFLICT (the flows are in record-proposals.test.ts).
  "proposal.submit": { input: (fx) => ({ targetType: "SOURCE", targetId: fx.source.id }), ...stateDependent },
  "proposal.withdraw": { input: (fx) => ({ targetType: "ENTITY", targetId: fx.place.id }), ...stateDependent },
  "proposal.decide": {
    input: (fx) => ({ targetType: "SOURCE", targetId: fx.source.id, round: 1, decision: "APPROVE", comment: "" }),
    ...stateDependent,
    analyst: "FORBIDDEN",
  },

  "search.query": { input: (fx) => ({ workspaceId: fx.workspace.id, q: "Mashhad" }), ...anyMember },

  "network.get": { input: (fx) => ({ workspaceId: fx.workspace.id }), ...anyMember },
  "network.edgeEvents": {
    input: (fx) => ({ workspaceId: fx.workspace.id, sourceId: fx.place.id, targetId: fx.misspelt.id }),
    ...anyMember,
  },

  // Drafts show in the history, so it is for contributors, even for a published event.
  "history.list": { input: (fx) => ({ targetType: "event", targetId: fx.published.id }), ...contributors },

  "vote.summary": { input: (fx) => ({ eventId: fx.published.id }), ...anyMember },
  "vote.cast": {
    input: (fx) => ({ eventId: fx.published.id, grade: "2", rationale: "Two outlets report it." }),
    ...contributors,
  },
  "vote.withdraw": { input: (fx) => ({ entityId: fx.place.id }), ...contributors },
  "vote.reveal": { input: (fx) => ({ eventId: fx.published.id }), ...contributors },

  "review.queue": { input: (fx) => ({ workspaceId: fx.workspace.id }), ...contributors },
  "review.counts": { input: (fx) => ({ workspaceId: fx.workspace.id }), ...anyMember },
  "review.state": { input: (fx) => ({ eventId: fx.published.id }), ...contributors },
  // Outcomes that depend on the item's state are covered in review.test.ts; here only who may ask.
  "review.submit": { input: (fx) => ({ eventId: fx.draft.id }), ...submitters },
  "review.withdraw": { input: (fx) => ({ eventId: fx.published.id }), ...stateDependent },
  "review.decide": {
    input: (fx) => ({ eventId: fx.published.id, round: 1, decision: "APPROVE", comment: "" }),
    ...stateDependent,
  },
  "review.decideMany": {
    input: (fx) => ({ items: [{ eventId: fx.published.id, round: 1 }], decision: "APPROVE", comment: "" }),
    ...batch,
  },
  "review.updateSettings": { input: (fx) => ({ workspaceId: fx.workspace.id, requiredApprovals: 2 }), ...adminOnly },

  // Viewers read published briefings; working copies, history, comments and the editor's tools are contributors'.
  "briefing.list": { input: (fx) => ({ workspaceId: fx.workspace.id }), ...anyMember },
  "briefing.queue": { input: (fx) => ({ workspaceId: fx.workspace.id }), ...contributors },
  "briefing.get": { input: (fx) => ({ id: fx.briefing.id }), ...anyMember },
  "briefing.create": { input: (fx) => ({ workspaceId: fx.workspace.id, title: "A new briefing" }), ...contributors },
  // A briefing never published does not exist for a viewer: NOT_FOUND, as for a draft event.
  "briefing.update": {
    input: (fx) => ({ id: fx.draftBriefing.id, version: 1, summary: "What we know so far." }),
    ...contributors,
    viewer: "NOT_FOUND",
  },
  "briefing.setFigures": {
    input: (fx) => ({ id: fx.draftBriefing.id, version: 1, figures: { timeline: true, network: false } }),
    ...contributors,
    viewer: "NOT_FOUND",
  },
  "briefing.setQuoteLanguage": {
    input: (fx) => ({ id: fx.draftBriefing.id, version: 1, quoteLanguage: "BOTH" }),
    ...contributors,
    viewer: "NOT_FOUND",
  },
  // A draft never published is its authors' (here the admin's), reviewers' and admins' to delete;
  // published ones only admins' (deletion.test.ts).
  "briefing.delete": {
    input: (fx) => ({ id: fx.draftBriefing.id, version: 1 }),
    ...contributors,
    viewer: "NOT_FOUND",
    analyst: "FORBIDDEN",
  },
  // The trash is the admins', as for events.
  "briefing.trash": { input: (fx) => ({ workspaceId: fx.workspace.id }), ...adminOnly },
  "briefing.restore": { input: (fx) => ({ id: fx.trashedBriefing.id }), ...adminOnly },
  "briefing.resolveRefs": {
    input: (fx) => ({
      workspaceId: fx.workspace.id,
      body: `See [@event:${fx.published.id}] and [@source:${fx.source.id}].`,
    }),
    ...contributors,
  },
  "briefing.searchCitable": {
    input: (fx) => ({ workspaceId: fx.workspace.id, q: "Mashhad", kind: "all" }),
    ...contributors,
  },
  "briefing.chronology": { input: (fx) => ({ id: fx.briefing.id }), ...contributors },
  "briefing.submit": { input: (fx) => ({ id: fx.draftBriefing.id, version: 1 }), ...submitters, viewer: "NOT_FOUND" },
  "briefing.withdraw": { input: (fx) => ({ id: fx.briefing.id }), ...stateDependent },
  // Analysts may not decide at all; reviewers and admins may, but the published fixture is not waiting for review.
  "briefing.decide": {
    input: (fx) => ({ id: fx.briefing.id, round: 1, decision: "APPROVE", comment: "" }),
    ...stateDependent,
    analyst: "FORBIDDEN",
  },
  // The published fixture briefing was saved once after it was created (version 2).
  "briefing.writeCorrection": {
    input: (fx) => ({ id: fx.briefing.id, version: 2, text: "The meeting place was misreported." }),
    ...contributors,
  },
  "briefing.history": { input: (fx) => ({ id: fx.briefing.id }), ...contributors },
  "briefing.diff": { input: (fx) => ({ id: fx.briefing.id, from: "published", to: "working" }), ...contributors },
  "briefing.comments": { input: (fx) => ({ id: fx.briefing.id }), ...contributors },
  "briefing.comment": { input: (fx) => ({ briefingId: fx.briefing.id, body: "Agreed, @reviewer." }), ...contributors },
  // Authors delete their own comments, admins any: the fixture's comment is the admin's.
  "briefing.deleteComment": { input: (fx) => ({ id: fx.briefingComment.id }), ...adminOnly },

  "notification.list": { input: () => ({}), ...signedIn() },
  "notification.markRead": { input: () => ({}), ...signedIn() },

  // Being present is reading: whoever may open the record; a draft does not exist for a viewer.
  "presence.beat": {
    input: (fx) => ({
      workspaceId: fx.workspace.id,
      targetType: "event",
      targetId: fx.draft.id,
      tabId: "tab-1",
      editing: true,
    }),
    ...contributors,
    viewer: "NOT_FOUND",
  },
  "presence.list": {
    input: (fx) => ({ workspaceId: fx.workspace.id, targetType: "event", targetId: fx.published.id }),
    ...anyMember,
  },
  "presence.leave": { input: () => ({ tabId: "tab-1" }), ...signedIn() },

  // Importing is contributors' work: viewers only see what was accepted and published.
  "import.start": {
    input: (fx) => ({
      workspaceId: fx.workspace.id,
      title: "Another import",
      text: "On 9 March 2011 British forces seized rockets sent from Iran to the Taliban.",
    }),
    ...contributors,
  },
  "import.job": { input: (fx) => ({ jobId: fx.imported!.jobId }), ...contributors },
  "import.jobs": { input: (fx) => ({ workspaceId: fx.workspace.id }), ...contributors },
  "import.candidates": { input: (fx) => ({ jobId: fx.imported!.jobId }), ...contributors },
  "import.accept": { input: (fx) => ({ candidateId: fx.imported!.candidates[0]!.id, version: 1 }), ...contributors },
  "import.acceptMany": {
    input: (fx) => ({
      jobId: fx.imported!.jobId,
      items: [{ candidateId: fx.imported!.candidates[0]!.id, version: 1 }],
    }),
    ...contributors,
  },
  "import.merge": {
    input: (fx) => ({ candidateId: fx.imported!.candidates[1]!.id, version: 1, eventId: fx.draft.id }),
    ...contributors,
  },
  "evidence.affected": { input: (fx) => ({ workspaceId: fx.workspace.id }), ...contributors },
  // Marking an affected item handled is covered, flag by flag, in evidence-retraction.test.ts; an unknown id is NOT_FOUND to all.
  "evidence.handle": {
    input: () => ({ flagId: "no-such-flag" }),
    anonymous: "UNAUTHORIZED",
    nonMember: "NOT_FOUND",
    viewer: "NOT_FOUND",
    analyst: "NOT_FOUND",
    reviewer: "NOT_FOUND",
    admin: "NOT_FOUND",
  },
  "import.dismiss": { input: (fx) => ({ candidateId: fx.imported!.candidates[2]!.id, version: 1 }), ...contributors },
};

/**
 * Drafts and the trash, seen by role: what a viewer may not see is NOT_FOUND,
 * exactly as if it did not exist (never FORBIDDEN, which would confirm it does).
 */
const HIDDEN: {
  name: string;
  call: (c: AnyCaller, fx: Fixture) => Promise<unknown>;
  viewer: Outcome;
  analyst: Outcome;
  admin: Outcome;
}[] = [
  {
    name: "event.get of a draft",
    call: (c, fx) => c.event.get({ eventId: fx.draft.id }),
    viewer: "NOT_FOUND",
    analyst: "ok",
    admin: "ok",
  },
  {
    name: "citation.forEvent of a draft",
    call: (c, fx) => c.citation.forEvent({ eventId: fx.draft.id }),
    viewer: "NOT_FOUND",
    analyst: "ok",
    admin: "ok",
  },
  {
    name: "event.get of an event in the trash",
    call: (c, fx) => c.event.get({ eventId: fx.trashed.id }),
    viewer: "NOT_FOUND",
    analyst: "NOT_FOUND",
    admin: "ok",
  },
  {
    name: "briefing.get of a draft briefing",
    call: (c, fx) => c.briefing.get({ id: fx.draftBriefing.id }),
    viewer: "NOT_FOUND",
    analyst: "ok",
    admin: "ok",
  },
  {
    name: "briefing.comments of a draft briefing",
    call: (c, fx) => c.briefing.comments({ id: fx.draftBriefing.id }),
    viewer: "NOT_FOUND",
    analyst: "ok",
    admin: "ok",
  },
  {
    name: "briefing.history of a draft briefing",
    call: (c, fx) => c.briefing.history({ id: fx.draftBriefing.id }),
    viewer: "NOT_FOUND",
    analyst: "ok",
    admin: "ok",
  },
  {
    name: "briefing.get of a briefing in the trash",
    call: (c, fx) => c.briefing.get({ id: fx.trashedBriefing.id }),
    viewer: "NOT_FOUND",
    analyst: "NOT_FOUND",
    admin: "NOT_FOUND",
  },
  {
    name: "citation.forEvent of an event in the trash",
    call: (c, fx) => c.citation.forEvent({ eventId: fx.trashed.id }),
    viewer: "NOT_FOUND",
    analyst: "NOT_FOUND",
    admin: "ok",
  },
];

type AnyCaller = Awaited<ReturnType<typeof callerOf>>;

function invoke(caller: AnyCaller, path: string, input: unknown): Promise<unknown> {
  // The caller is a proxy keyed by path segments, exactly like the HTTP client.
  const fn = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (
    input?: unknown,
  ) => Promise<unknown>;
  return input === undefined ? fn() : fn(input);
}

const rows = Object.entries(MATRIX) as [ProcedurePath, Row<ProcedurePath>][];

describe("authorization matrix", () => {
  it("has a row for every procedure of the app router, and no rows for procedures that do not exist", () => {
    const procedures = Object.keys(appRouter._def.procedures).sort();
    expect(procedures.length).toBeGreaterThan(0);
    expect(Object.keys(MATRIX).sort()).toEqual(procedures);
  });

  it("never lets a non-member tell a forbidden workspace from a missing one", () => {
    // Wherever a member can be FORBIDDEN, the same procedure is workspace-scoped,
    // and an outsider must learn nothing: NOT_FOUND, never FORBIDDEN.
    for (const [path, row] of rows) {
      expect(row.nonMember, path).not.toBe("FORBIDDEN");
      if (CALLERS.some((c) => row[c] === "FORBIDDEN")) expect(row.nonMember, path).toBe("NOT_FOUND");
    }
  });

  const cases = rows.flatMap(([path, row]) => CALLERS.map((who) => ({ path, who, expected: row[who], row })));

  it.each(cases)("$path as $who → $expected", async ({ path, who, expected, row }) => {
    const fx = await fixtureFor(path, expected);
    const call = invoke(await callerOf(fx, who), path, row.input(fx));
    if (expected === "ok") {
      await expect(call).resolves.not.toBeInstanceOf(Error);
    } else {
      const err = await call.then(
        () => null,
        (e: unknown) => e,
      );
      expect(err, `${path} as ${who} should be refused`).toBeInstanceOf(TRPCError);
      expect(err).toMatchObject({ code: expected });
    }
  });
});

describe("drafts and the trash by role", () => {
  const hiddenCases = HIDDEN.flatMap((row) =>
    (["viewer", "analyst", "admin"] as const).map((who) => ({ ...row, who, expected: row[who] })),
  );

  it.each(hiddenCases)("$name as $who → $expected", async ({ call, who, expected }) => {
    // Reads only, like the query rows above.
    const fx = await fixtureFor("event.get");
    const result = await call(await callerOf(fx, who), fx).then(
      () => "ok",
      (e: unknown) => (e instanceof TRPCError ? e.code : e),
    );
    expect(result).toBe(expected);
  });
});

/**
 * An outsider learns nothing from ids either: for every procedure that tells
 * a non-member NOT_FOUND, the answer to an id of this (foreign, to them)
 * workspace is word for word the answer to an id that does not exist. Each
 * fixture id in the input (also inside text, as in a briefing's references)
 * is swapped for an unknown one of the same shape.
 */
describe("ids of another workspace read as unknown ids", () => {
  /** Every id the fixture made, longest first so none is replaced inside another. */
  function fixtureIds(fx: Fixture): string[] {
    const ids = new Set<string>();
    const walk = (value: unknown, key = "") => {
      if (typeof value === "string") {
        if (/(^id$|Id$)/.test(key) && value.length >= 8) ids.add(value);
      } else if (Array.isArray(value)) {
        for (const v of value) walk(v);
      } else if (value && typeof value === "object") {
        for (const [k, v] of Object.entries(value)) walk(v, k);
      }
    };
    walk({ ...fx, admin: undefined });
    return [...ids].sort((a, b) => b.length - a.length);
  }

  function swapIds(input: unknown, ids: string[], unknownOf: (id: string) => string): unknown {
    if (typeof input === "string") return ids.reduce((s, id) => s.split(id).join(unknownOf(id)), input);
    if (Array.isArray(input)) return input.map((v) => swapIds(v, ids, unknownOf));
    if (input && typeof input === "object")
      return Object.fromEntries(Object.entries(input).map(([k, v]) => [k, swapIds(v, ids, unknownOf)]));
    return input;
  }

  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => ({ code: "ok", message: "" }),
      (e: unknown) => ({ code: (e as TRPCError).code, message: (e as TRPCError).message }),
    );

  const probed = rows.filter(([, row]) => row.nonMember === "NOT_FOUND");

  it.each(probed.map(([path, row]) => ({ path, row })))("$path", async ({ path, row }) => {
    // Refused calls change nothing, so mutations may share the read-only fixture here.
    const fx = await fixtureFor(path.startsWith("import.") ? "import.job" : "event.get");
    const outsider = (await callerFor(fx.users.outsider.id)).caller;
    const ids = fixtureIds(fx);
    const unknown = new Map(
      ids.map((id) => [
        id,
        `c${randomBytes(12)
          .toString("hex")
          .slice(0, id.length - 1)}`,
      ]),
    );
    const input = row.input(fx);
    const foreign = await refusal(invoke(outsider, path, input));
    const missing = await refusal(
      invoke(
        outsider,
        path,
        swapIds(input, ids, (id) => unknown.get(id)!),
      ),
    );
    expect(foreign.code, path).toBe("NOT_FOUND");
    // Messages that quote an id are compared with the id taken out.
    const plain = (message: string, swap: (id: string) => string) =>
      ids.reduce((s, id) => s.split(swap(id)).join("<id>"), message);
    expect(
      plain(missing.message, (id) => unknown.get(id)!),
      path,
    ).toBe(plain(foreign.message, (id) => id));
    expect(missing.code, path).toBe(foreign.code);
  });
});
