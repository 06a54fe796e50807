import type { BriefingContent } from "../../server/schemas/briefing.ts";
import { CONTEXT_CHARS } from "../../server/services/citation/index.ts";
import { toDateColumns } from "../../server/lib/event-date-columns.ts";
import { normalizeUrl, textHash } from "../../server/lib/source-identity.ts";
import { BY, DEMO_ACCOUNTS, type Author } from "./accounts.ts";
import { DEMO_BRIEFINGS } from "./briefings.ts";
import { DEMO_ENTITIES } from "./entities.ts";
import { DEMO_CHANGES_REQUESTED, DEMO_EVENTS, DEMO_PROPOSAL, type DemoEvent } from "./events.ts";
import { at, demoId } from "./ids.ts";
import { DEMO_SOURCES } from "./sources.ts";
import { EVENT_VOTES, ORIGIN_VOTES } from "./votes.ts";

/**
 * Turns the demo data into table rows, exactly as the services would have
 * written them (review rounds, history snapshots, vote history, citation
 * offsets and context), so every screen and aggregate reads the demo like
 * real work. Pure: ids and timestamps come from stable keys and a fixed epoch.
 */
export const userId = (email: string) => demoId(`user:${email}`);
export const WORKSPACE_ID = demoId("workspace:iran-taliban-al-qaeda");
export const entityId = (key: string) => demoId(`entity:${key}`);
export const sourceId = (key: string) => demoId(`source:${key}`);
export const eventId = (key: string) => demoId(`event:${key}`);
const who = (a: Author) => userId(BY[a]);
const HOUR = 60;
const DAY = 24 * HOUR;

type RevisionRow = {
  workspaceId: string;
  targetType: "event" | "source";
  targetId: string;
  version: number;
  action: string;
  snapshot: object;
  actorId: string;
  createdAt: Date;
};

function lookup<T extends { key: string }>(list: T[], what: string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of list) {
    if (map.has(item.key)) throw new Error(`Duplicate demo ${what}: ${item.key}`);
    map.set(item.key, item);
  }
  return map;
}

const entities = lookup(DEMO_ENTITIES, "entity");
const sources = lookup(DEMO_SOURCES, "source");
const events = lookup(DEMO_EVENTS, "event");
const need = <T>(map: Map<string, T>, key: string, what: string): T => {
  const v = map.get(key);
  if (!v) throw new Error(`Unknown demo ${what}: ${key}`);
  return v;
};

/** The event's fields as event-service snapshots them. */
function fieldsOf(e: Pick<DemoEvent, "title" | "summary" | "date" | "tags" | "entities">) {
  return {
    title: e.title,
    summary: e.summary,
    date: e.date,
    tags: e.tags,
    entities: e.entities.map(([key, role, precision]) => ({
      entityId: entityId(need(entities, key, "entity").key),
      role,
      placePrecision: role === "PLACE" ? (precision ?? null) : null,
    })),
  };
}

/** Where a quote sits in a source's text, with the context citation-service keeps. */
export function locate(text: string, quote: string) {
  const start = text.indexOf(quote);
  if (start < 0 || quote.trim() === "") throw new Error(`Demo quote not found in its source: ${quote}`);
  if (text.indexOf(quote, start + 1) >= 0) throw new Error(`Demo quote is ambiguous in its source: ${quote}`);
  const end = start + quote.length;
  return {
    startOffset: start,
    endOffset: end,
    contextBefore: text.slice(Math.max(0, start - CONTEXT_CHARS), start),
    contextAfter: text.slice(end, end + CONTEXT_CHARS),
  };
}

export function buildRows(passwordHash: string) {
  const admin = userId(BY.admin);
  const reviewer = userId(BY.reviewer);
  const users = DEMO_ACCOUNTS.map((a) => ({
    id: userId(a.email),
    email: a.email,
    name: a.name,
    passwordHash,
    createdAt: at(0),
    updatedAt: at(0),
  }));
  const memberships = DEMO_ACCOUNTS.map((a) => ({
    id: demoId(`membership:${a.email}`),
    workspaceId: WORKSPACE_ID,
    userId: userId(a.email),
    role: a.role,
    createdAt: at(1),
    updatedAt: at(1),
  }));

  const entityRows = DEMO_ENTITIES.map((e) => ({
    id: entityId(e.key),
    workspaceId: WORKSPACE_ID,
    kind: e.kind,
    name: e.name,
    description: e.description ?? "",
    createdById: admin,
    createdAt: at(5),
    updatedAt: at(5),
  }));
  const aliasRows = DEMO_ENTITIES.flatMap((e) =>
    e.aliases.map((alias) => ({
      id: demoId(`alias:${e.key}:${alias}`),
      entityId: entityId(e.key),
      workspaceId: WORKSPACE_ID,
      alias,
    })),
  );

  const revisions: RevisionRow[] = [];
  const sourceRows = DEMO_SOURCES.map((s, i) => {
    const createdAt = at(30 + i * 20);
    const publisher = need(entities, s.publisher, "publisher");
    if (s.derivedFrom) need(sources, s.derivedFrom, "source");
    const row = {
      id: sourceId(s.key),
      workspaceId: WORKSPACE_ID,
      kind: s.kind,
      title: s.title,
      publisherId: entityId(publisher.key),
      author: s.author ?? "",
      pubYear: s.date.year,
      pubMonth: s.date.month ?? null,
      pubDay: s.date.day ?? null,
      url: s.url,
      urlNormalized: s.url ? normalizeUrl(s.url) : null,
      language: s.language ?? "en",
      text: s.text,
      textHash: textHash(s.text),
      derivedFromId: s.derivedFrom ? sourceId(s.derivedFrom) : null,
      createdById: who(s.by),
      updatedById: who(s.by),
      createdAt,
      updatedAt: createdAt,
    };
    // As source-service snapshots a new source.
    revisions.push({
      workspaceId: WORKSPACE_ID,
      targetType: "source",
      targetId: row.id,
      version: 1,
      action: "created",
      snapshot: {
        kind: row.kind,
        title: row.title,
        publisherName: publisher.name,
        author: row.author,
        pubDate: { year: row.pubYear, month: row.pubMonth, day: row.pubDay },
        url: row.url ?? "",
        language: row.language,
        derivedFromId: row.derivedFromId,
        textLength: row.text.length,
      },
      actorId: row.createdById,
      createdAt,
    });
    return row;
  });

  const eventRows = [];
  const eventEntityRows = [];
  const citationRows = [];
  const decisions = [];
  const eventStart = 2 * DAY;
  for (const [i, e] of DEMO_EVENTS.entries()) {
    const id = eventId(e.key);
    const author = who(e.by);
    const createdAt = at(eventStart + i * 3 * HOUR);
    const submittedAt = at(eventStart + i * 3 * HOUR + 2 * HOUR);
    const decidedAt = at(eventStart + i * 3 * HOUR + DAY);
    const fields = fieldsOf(e);
    const reviewed = e.status !== "DRAFT";
    const decided = e.status === "PUBLISHED" || e.status === "CHANGES_REQUESTED";
    const lastTouch = decided ? decidedAt : reviewed ? submittedAt : createdAt;
    eventRows.push({
      id,
      workspaceId: WORKSPACE_ID,
      title: e.title,
      summary: e.summary,
      status: e.status,
      tags: e.tags,
      ...toDateColumns(e.date),
      createdById: author,
      updatedById: author,
      createdAt,
      updatedAt: lastTouch,
      // As review-service leaves them: authors of the submission until it is published.
      reviewRound: reviewed ? 1 : 0,
      revisionAuthorIds: e.status === "PUBLISHED" ? [] : reviewed ? [author, author] : [author],
      awaitingReview: e.status === "PENDING",
      submittedAt: reviewed ? submittedAt : null,
      publishedAt: e.status === "PUBLISHED" ? decidedAt : null,
    });
    eventEntityRows.push(...fields.entities.map((l) => ({ eventId: id, ...l })));
    revisions.push({
      workspaceId: WORKSPACE_ID,
      targetType: "event",
      targetId: id,
      version: 1,
      action: "created",
      snapshot: { ...fields, status: "DRAFT" },
      actorId: author,
      createdAt,
    });

    for (const [k, c] of e.cites.entries()) {
      const source = need(sources, c.source, "source");
      const place = locate(source.text, c.quote);
      const citationAt = at(eventStart + i * 3 * HOUR + 10 + k);
      const row = {
        id: demoId(`citation:${e.key}:${c.source}:${place.startOffset}`),
        workspaceId: WORKSPACE_ID,
        eventId: id,
        sourceId: sourceId(c.source),
        stance: c.stance,
        quote: c.quote,
        ...place,
        note: c.note ?? "",
        createdById: author,
        createdAt: citationAt,
      };
      citationRows.push(row);
      revisions.push({
        workspaceId: WORKSPACE_ID,
        targetType: "event",
        targetId: id,
        version: 1,
        action: "citation_added",
        snapshot: {
          citationId: row.id,
          sourceId: row.sourceId,
          sourceTitle: source.title,
          stance: c.stance,
          quote: c.quote,
        },
        actorId: author,
        createdAt: citationAt,
      });
    }
    if (reviewed)
      revisions.push({
        workspaceId: WORKSPACE_ID,
        targetType: "event",
        targetId: id,
        version: 1,
        action: "submitted",
        snapshot: { round: 1, kind: "event" },
        actorId: author,
        createdAt: submittedAt,
      });
    if (decided) {
      const approve = e.status === "PUBLISHED";
      const comment = approve
        ? ""
        : need(new Map([[DEMO_CHANGES_REQUESTED.event, DEMO_CHANGES_REQUESTED]]), e.key, "returned event").comment;
      const decision = approve ? "APPROVE" : "REQUEST_CHANGES";
      decisions.push({
        id: demoId(`decision:${e.key}:1`),
        workspaceId: WORKSPACE_ID,
        eventId: id,
        round: 1,
        reviewerId: reviewer,
        decision,
        comment,
        onProposal: false,
        createdAt: decidedAt,
      } as const);
      revisions.push({
        workspaceId: WORKSPACE_ID,
        targetType: "event",
        targetId: id,
        version: 1,
        action: `review_${decision.toLowerCase()}`,
        snapshot: { round: 1, comment, kind: "event", outcome: e.status },
        actorId: reviewer,
        createdAt: decidedAt,
      });
    }
  }

  // A change proposed to a published event and submitted, as event-service and review-service record it.
  const target = need(events, DEMO_PROPOSAL.event, "event");
  if (target.status !== "PUBLISHED") throw new Error("The demo proposal must change a published event");
  const proposer = who(DEMO_PROPOSAL.by);
  const proposedAt = at(eventStart + DEMO_EVENTS.length * 3 * HOUR + 2 * DAY);
  const proposalSubmittedAt = at(eventStart + DEMO_EVENTS.length * 3 * HOUR + 2 * DAY + HOUR);
  const proposedFields = fieldsOf({
    ...target,
    title: DEMO_PROPOSAL.title,
    summary: DEMO_PROPOSAL.summary,
    tags: DEMO_PROPOSAL.tags,
  });
  const proposal = {
    id: demoId(`proposal:${target.key}`),
    eventId: eventId(target.key),
    workspaceId: WORKSPACE_ID,
    snapshot: { ...proposedFields, status: "PUBLISHED" },
    status: "PENDING" as const,
    version: 2,
    authorIds: [proposer, proposer],
    reviewRound: 1,
    submittedAt: proposalSubmittedAt,
    createdAt: proposedAt,
    updatedAt: proposalSubmittedAt,
  };
  const proposed = eventRows.find((r) => r.id === proposal.eventId)!;
  Object.assign(proposed, { awaitingReview: true, submittedAt: proposalSubmittedAt });
  revisions.push(
    {
      workspaceId: WORKSPACE_ID,
      targetType: "event",
      targetId: proposal.eventId,
      version: 2,
      action: "proposed_change",
      snapshot: proposal.snapshot,
      actorId: proposer,
      createdAt: proposedAt,
    },
    {
      workspaceId: WORKSPACE_ID,
      targetType: "event",
      targetId: proposal.eventId,
      version: 1,
      action: "submitted",
      snapshot: { round: 1, kind: "proposal" },
      actorId: proposer,
      createdAt: proposalSubmittedAt,
    },
  );

  // Votes: the current vote and every change in its history, as vote-service writes them.
  const votes = [];
  const voteHistory = [];
  const voteStart = proposalSubmittedAt.getTime() + DAY * 60_000;
  let n = 0;
  const ballots = [
    ...Object.entries(ORIGIN_VOTES).map(([key, list]) => ({
      kind: "entity" as const,
      id: entityId(need(entities, key, "origin").key),
      list,
    })),
    ...Object.entries(EVENT_VOTES).map(([key, list]) => ({
      kind: "event" as const,
      id: eventId(need(events, key, "event").key),
      list,
    })),
  ];
  for (const { kind, id, list } of ballots) {
    for (const b of list) {
      const voterId = who(b.by);
      const axis = kind === "entity" ? ("RELIABILITY" as const) : ("CREDIBILITY" as const);
      const target = kind === "entity" ? { entityId: id, eventId: null } : { entityId: null, eventId: id };
      const first = new Date(voteStart + n++ * 7 * 60_000);
      const last = b.earlier ? new Date(first.getTime() + DAY * 60_000) : first;
      if (b.earlier)
        voteHistory.push({
          workspaceId: WORKSPACE_ID,
          voterId,
          axis,
          ...target,
          grade: b.earlier.grade,
          rationale: b.earlier.rationale,
          createdAt: first,
        });
      voteHistory.push({
        workspaceId: WORKSPACE_ID,
        voterId,
        axis,
        ...target,
        grade: b.grade,
        rationale: b.rationale,
        createdAt: last,
      });
      votes.push({
        id: demoId(`vote:${voterId}:${id}`),
        workspaceId: WORKSPACE_ID,
        voterId,
        axis,
        ...target,
        grade: b.grade,
        rationale: b.rationale,
        createdAt: first,
        updatedAt: last,
      });
    }
  }
  voteHistory.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());

  // History rows get their ids from a sequence: insert them in the order they happened.
  revisions.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());

  return {
    users,
    memberships,
    entityRows,
    aliasRows,
    sourceRows,
    eventRows,
    eventEntityRows,
    citationRows,
    decisions,
    proposal,
    votes,
    voteHistory,
    revisions,
  };
}

export type DemoRows = ReturnType<typeof buildRows>;

/** JSON with object keys sorted at every level: the same data always gives the same text, and so the same hash. */

/** Replaces demo keys in `[@event:KEY]` / `[@source:KEY]` tokens with ids. */
function withIds(text: string): string {
  return text.replace(/\[@(event|source):([a-z0-9-]+)\]/g, (_, kind: string, key: string) =>
    kind === "event"
      ? `[@event:${eventId(need(events, key, "event").key)}]`
      : `[@source:${sourceId(need(sources, key, "source").key)}]`,
  );
}

/**
 * Briefings, their history and approval. The published one's frozen
 * publication is written by the seed through the same code approval uses
 * (loadCitedMaterial), once events, sources and votes are in place.
 */
export function buildBriefings() {
  const reviewer = userId(BY.reviewer);
  const briefings = [];
  const toPublish: {
    id: string;
    key: string;
    content: BriefingContent;
    author: string;
    reviewer: string;
    approvedAt: Date;
  }[] = [];
  const briefingDecisions = [];
  const revisions = [];
  for (const [i, b] of DEMO_BRIEFINGS.entries()) {
    const id = demoId(`briefing:${b.key}`);
    const author = who(b.by);
    const createdAt = at(40 * DAY + i * DAY);
    const submittedAt = at(40 * DAY + i * DAY + 3 * HOUR);
    const approvedAt = at(41 * DAY + i * DAY);
    const content: BriefingContent = {
      title: b.title,
      marking: b.marking,
      summary: b.summary,
      body: withIds(b.body),
      keyJudgments: b.keyJudgments.map((k) => ({
        id: k.id,
        statement: k.statement,
        probability: k.probability,
        confidence: k.confidence,
        eventIds: k.events.map((key) => eventId(need(events, key, "event").key)),
        sourceIds: k.sources.map((key) => sourceId(need(sources, key, "source").key)),
      })),
    };
    briefings.push({
      id,
      workspaceId: WORKSPACE_ID,
      title: content.title,
      marking: content.marking,
      summary: content.summary,
      body: content.body,
      keyJudgments: content.keyJudgments,
      status: b.published ? ("PUBLISHED" as const) : ("DRAFT" as const),
      version: 1,
      // Authors since the last publication: none once published.
      authorIds: b.published ? [] : [author],
      createdById: author,
      updatedById: author,
      reviewRound: b.published ? 1 : 0,
      revisionAuthorIds: [],
      awaitingReview: false,
      submittedAt: b.published ? submittedAt : null,
      publishedAt: b.published ? approvedAt : null,
      createdAt,
      updatedAt: b.published ? approvedAt : createdAt,
    });
    // History rows as the briefing services write them: created, then submitted and approved.
    const history = { workspaceId: WORKSPACE_ID, targetType: "briefing", targetId: id, version: 1 };
    revisions.push({
      ...history,
      action: "created",
      snapshot: { ...content, status: "DRAFT" },
      actorId: author,
      createdAt,
    });
    if (!b.published) continue;
    revisions.push({
      ...history,
      action: "submitted",
      snapshot: { round: 1 },
      actorId: author,
      createdAt: submittedAt,
    });
    revisions.push({
      ...history,
      action: "review_approve",
      snapshot: { round: 1, comment: "", outcome: "PUBLISHED", publicationId: demoId(`publication:${b.key}:1`) },
      actorId: reviewer,
      createdAt: approvedAt,
    });
    toPublish.push({ id, key: b.key, content, author, reviewer, approvedAt });
    briefingDecisions.push({
      id: demoId(`briefing-decision:${b.key}:1`),
      workspaceId: WORKSPACE_ID,
      briefingId: id,
      round: 1,
      reviewerId: reviewer,
      decision: "APPROVE" as const,
      comment: "",
      createdAt: approvedAt,
    });
  }
  return { briefings, briefingDecisions, revisions, toPublish };
}
