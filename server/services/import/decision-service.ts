/**
 * What an analyst decides about a candidate event: accept it (a draft event
 * citing each of its passages), accept it as edited, merge it into an
 * existing event (its passages are cited there), or dismiss it. Each decision claims the
 * candidate at the version the analyst saw, in the same transaction as what
 * it creates, so two people deciding at once cannot both win and a refused
 * citation leaves no event behind.
 */
import { db } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";
import { badRequest, conflict, DomainError, notFound } from "../../errors.ts";
import { eventFieldsSchema, type EventEntityLink, type EventFields } from "../../schemas/event.ts";
import {
  acceptCandidateSchema,
  acceptManySchema,
  candidateDateSchema,
  candidateEntitiesSchema,
  dismissCandidateSchema,
  mergeCandidateSchema,
  type AcceptCandidateInput,
  type CandidateEntity,
  type CandidateStatus,
  ROLE_BY_KIND,
} from "../../schemas/import.ts";
import { formatEventDate } from "../../schemas/partial-date.ts";
import { requireAccess, requireAccessFor } from "../access/index.ts";
import type { Actor } from "../access/index.ts";
import { recordAudit } from "../audit/index.ts";
import { citePassageInTx } from "../citation/index.ts";
import { findOrCreateNamedEntity } from "../entity/index.ts";
import { insertEvent, updateEventInTx } from "../event/index.ts";
import { loadJobAccess } from "./job-service.ts";

const DECIDED: Record<Exclude<CandidateStatus, "PENDING">, string> = {
  ACCEPTED: "This candidate was already accepted.",
  MERGED: "This candidate was already merged into an event.",
  DISMISSED: "This candidate was already dismissed.",
};
const STALE = "Someone else decided on this candidate after you opened it. Reload to see what they did.";

const candidateSelect = {
  id: true,
  workspaceId: true,
  jobId: true,
  sourceId: true,
  status: true,
  version: true,
  title: true,
  summary: true,
  tags: true,
  stixId: true,
  updatesEventId: true,
  date: true,
  unanchored: true,
  passages: {
    orderBy: { ordinal: "asc" },
    select: { sourceId: true, text: true, startOffset: true, endOffset: true, stance: true },
  },
  entities: true,
  similarEventId: true,
} satisfies Prisma.ImportCandidateSelect;
type Candidate = Prisma.ImportCandidateGetPayload<{ select: typeof candidateSelect }>;

async function loadCandidate(actor: Actor, candidateId: string) {
  const c = await db.importCandidate.findUnique({ where: { id: candidateId }, select: candidateSelect });
  if (!c) throw notFound("Candidate");
  await requireAccessFor("Candidate", actor, c.workspaceId, "import.run");
  return c;
}

function checkOpen(c: Candidate, version: number) {
  if (c.status !== "PENDING") throw conflict(DECIDED[c.status]);
  if (c.version !== version) throw conflict(STALE);
}

/** Moves the candidate on from the version the analyst saw; zero rows means someone else got there first. */
async function claim(
  tx: Prisma.TransactionClient,
  c: Candidate,
  version: number,
  status: Exclude<CandidateStatus, "PENDING">,
  eventId: string | null,
) {
  const { count } = await tx.importCandidate.updateMany({
    where: { id: c.id, version, status: "PENDING" },
    data: { status, eventId, version: { increment: 1 } },
  });
  if (count === 0) throw conflict(STALE);
}

/** The texts of the candidates' sources that are not in the trash, by source id. */
async function sourceTexts(workspaceId: string, sourceIds: string[]): Promise<Map<string, string>> {
  const rows = await db.source.findMany({
    where: { id: { in: [...new Set(sourceIds)] }, workspaceId, deletedAt: null },
    select: { id: true, text: true },
  });
  return new Map(rows.map((r) => [r.id, r.text]));
}

const sourceIdsOf = (c: Candidate) => [c.sourceId, ...c.passages.map((p) => p.sourceId)];

/** The texts each passage of the candidate is cited from, checked present. */
function textsOf(c: Candidate, texts: Map<string, string>): Map<string, string> {
  for (const id of sourceIdsOf(c))
    if (!texts.has(id)) throw conflict("The source of this candidate was deleted; restore it from the trash first.");
  return texts;
}

async function sourceTextsOf(c: Candidate) {
  return textsOf(c, await sourceTexts(c.workspaceId, sourceIdsOf(c)));
}

const UNANCHORED =
  "The importer could not place this candidate's date (nothing in the document says when it was written). Choose “Edit then accept” and set the date.";

function proposedFields(c: Candidate): EventFields {
  const date = candidateDateSchema.parse(c.date);
  if (!date) throw badRequest(UNANCHORED, { date: "Set the date" });
  const entities = candidateEntitiesSchema
    .parse(c.entities)
    .flatMap((e) => (e.entityId ? [{ entityId: e.entityId, role: ROLE_BY_KIND[e.kind] }] : []));
  return eventFieldsSchema.parse({ title: c.title.slice(0, 300), summary: c.summary, tags: c.tags, date, entities });
}

/** An entity recognised at import time may have been merged into another since: each id mapped to the one it is now. */
async function currentEntityIds(workspaceId: string, entityIds: string[]): Promise<Map<string, string>> {
  if (!entityIds.length) return new Map();
  const rows = await db.entity.findMany({
    where: { id: { in: [...new Set(entityIds)] }, workspaceId },
    select: { id: true, mergedIntoId: true },
  });
  return new Map(rows.map((r) => [r.id, r.mergedIntoId ?? r.id]));
}

/** The links follow a merged entity, or are dropped when it is gone. */
function withCurrentEntities(fields: EventFields, current: Map<string, string>): EventFields {
  if (!fields.entities.length) return fields;
  return {
    ...fields,
    entities: fields.entities.flatMap((e) =>
      current.has(e.entityId) ? [{ ...e, entityId: current.get(e.entityId)! }] : [],
    ),
  };
}

async function stillExisting(workspaceId: string, fields: EventFields): Promise<EventFields> {
  return withCurrentEntities(
    fields,
    await currentEntityIds(
      workspaceId,
      fields.entities.map((e) => e.entityId),
    ),
  );
}

/** Each telling of the event, as the citation it becomes. */
function passagesOf(c: Candidate) {
  return c.passages.map((p) => ({
    sourceId: p.sourceId,
    stance: p.stance,
    startOffset: p.startOffset,
    endOffset: p.endOffset,
    quote: p.text,
    note: "",
  }));
}

export async function acceptCandidate(actor: Actor, raw: AcceptCandidateInput) {
  const input = acceptCandidateSchema.parse(raw);
  const c = await loadCandidate(actor, input.candidateId);
  await requireAccess(actor, c.workspaceId, "event.create");
  checkOpen(c, input.version);
  const fields = input.event ?? (await stillExisting(c.workspaceId, proposedFields(c)));
  const texts = await sourceTextsOf(c);
  // Only names the importer found may be created this way; anything else goes through the entity pages.
  const offered = new Map(
    candidateEntitiesSchema
      .parse(c.entities)
      .filter((e) => !e.entityId)
      .map((e) => [e.name.toLocaleLowerCase(), e]),
  );
  const toCreate = input.createEntities.map((name) => {
    const found = offered.get(name.toLocaleLowerCase());
    if (!found) throw badRequest(`“${name}” is not one of the names found in this passage.`);
    return found;
  });
  return acceptInTransaction(actor, c, input.version, fields, texts, toCreate, Boolean(input.event));
}

/** Claims the candidate and writes its event, citation and audit row together; the caller has checked access and read the rest. */
function acceptInTransaction(
  actor: Actor,
  c: Candidate,
  version: number,
  fields: EventFields,
  texts: Map<string, string>,
  toCreate: CandidateEntity[],
  edited: boolean,
) {
  return db.$transaction(async (tx) => {
    await claim(tx, c, version, "ACCEPTED", null);
    const links: EventEntityLink[] = [...fields.entities];
    for (const e of toCreate) {
      const entity = await findOrCreateNamedEntity(tx, actor, c.workspaceId, e.name, e.kind);
      links.push({ entityId: entity.id, role: ROLE_BY_KIND[entity.kind] });
    }
    if (c.updatesEventId)
      return updateInTransaction(tx, actor, c, version, { ...fields, entities: links }, texts, edited);
    const event = await insertEvent(tx, actor, c.workspaceId, { ...fields, entities: links });
    for (const p of passagesOf(c)) await citePassageInTx(tx, actor, c.workspaceId, event.id, texts.get(p.sourceId)!, p);
    // The event keeps the STIX id it came with, so the workspace's exports give it that id and a re-import finds it.
    const keepsId =
      c.stixId &&
      !(await tx.event.findFirst({ where: { workspaceId: c.workspaceId, stixId: c.stixId }, select: { id: true } }));
    await tx.event.update({ where: { id: event.id }, data: keepsId ? { stixId: c.stixId } : {} });
    await tx.importCandidate.update({ where: { id: c.id }, data: { eventId: event.id } });
    await recordAudit(tx, actor, {
      workspaceId: c.workspaceId,
      action: "import.candidate_accepted",
      targetType: "import_candidate",
      targetId: c.id,
      after: {
        jobId: c.jobId,
        eventId: event.id,
        title: fields.title,
        date: formatEventDate(fields.date),
        edited,
        passages: c.passages.length,
      },
    });
    return { candidateId: c.id, eventId: event.id, version: version + 1 };
  });
}

/**
 * A re-imported object that is already an event here, and changed: accepting
 * applies the bundle's fields as an edit (on a published event, a proposed
 * change that goes through review like any edit) and cites what the event does
 * not cite yet. Nothing is removed: evidence is withdrawn by people, not by a file.
 */
async function updateInTransaction(
  tx: Prisma.TransactionClient,
  actor: Actor,
  c: Candidate,
  version: number,
  fields: EventFields,
  texts: Map<string, string>,
  edited: boolean,
) {
  const eventId = c.updatesEventId!;
  const event = await tx.event.findFirst({
    where: { id: eventId, workspaceId: c.workspaceId, deletedAt: null },
    select: { id: true, workspaceId: true, title: true },
  });
  if (!event) throw notFound("Event");
  await tx.importCandidate.update({ where: { id: c.id }, data: { eventId } });
  await updateEventInTx(tx, actor, event, null, fields, "updated");
  const cited = await tx.citation.findMany({
    where: { eventId, sourceId: { in: sourceIdsOf(c) } },
    select: { sourceId: true, startOffset: true, endOffset: true },
  });
  const fresh = passagesOf(c).filter(
    (p) =>
      !cited.some((x) => x.sourceId === p.sourceId && x.startOffset === p.startOffset && x.endOffset === p.endOffset),
  );
  for (const p of fresh) await citePassageInTx(tx, actor, c.workspaceId, eventId, texts.get(p.sourceId)!, p);
  await recordAudit(tx, actor, {
    workspaceId: c.workspaceId,
    action: "import.candidate_accepted",
    targetType: "import_candidate",
    targetId: c.id,
    after: {
      jobId: c.jobId,
      eventId,
      title: fields.title,
      date: formatEventDate(fields.date),
      edited,
      updated: true,
      passages: fresh.length,
    },
  });
  return { candidateId: c.id, eventId, version: version + 1 };
}

export async function mergeCandidate(actor: Actor, raw: unknown) {
  const input = mergeCandidateSchema.parse(raw);
  const c = await loadCandidate(actor, input.candidateId);
  await requireAccess(actor, c.workspaceId, "citation.write");
  checkOpen(c, input.version);
  const eventId = input.eventId ?? c.similarEventId;
  if (!eventId) throw badRequest("Choose the event to add this passage to.", { eventId: "Choose an event" });
  const event = await db.event.findFirst({
    where: { id: eventId, workspaceId: c.workspaceId, deletedAt: null },
    select: { id: true, status: true, title: true },
  });
  if (!event) throw notFound("Event");
  if (event.status === "PENDING")
    throw conflict(
      "That event is waiting for review, so its citations cannot change now. Withdraw the submission first.",
    );
  const texts = await sourceTextsOf(c);
  return db.$transaction(async (tx) => {
    await claim(tx, c, input.version, "MERGED", event.id);
    // A telling the event already cites (from an earlier import) is not cited twice; the others are added.
    const cited = await tx.citation.findMany({
      where: { eventId: event.id, sourceId: { in: sourceIdsOf(c) } },
      select: { sourceId: true, startOffset: true, endOffset: true },
    });
    const fresh = passagesOf(c).filter(
      (p) =>
        !cited.some((x) => x.sourceId === p.sourceId && x.startOffset === p.startOffset && x.endOffset === p.endOffset),
    );
    if (fresh.length === 0) throw conflict("This passage is already cited on this event.");
    for (const p of fresh) await citePassageInTx(tx, actor, c.workspaceId, event.id, texts.get(p.sourceId)!, p);
    await recordAudit(tx, actor, {
      workspaceId: c.workspaceId,
      action: "import.candidate_merged",
      targetType: "import_candidate",
      targetId: c.id,
      after: { jobId: c.jobId, eventId: event.id, eventTitle: event.title, passages: fresh.length },
    });
    return { candidateId: c.id, eventId: event.id, version: input.version + 1 };
  });
}

export async function dismissCandidate(actor: Actor, raw: unknown) {
  const input = dismissCandidateSchema.parse(raw);
  const c = await loadCandidate(actor, input.candidateId);
  checkOpen(c, input.version);
  return db.$transaction(async (tx) => {
    await claim(tx, c, input.version, "DISMISSED", null);
    await recordAudit(tx, actor, {
      workspaceId: c.workspaceId,
      action: "import.candidate_dismissed",
      targetType: "import_candidate",
      targetId: c.id,
      after: { jobId: c.jobId, title: c.title },
    });
    return { candidateId: c.id, version: input.version + 1 };
  });
}

export type AcceptManyResult =
  | { candidateId: string; ok: true; eventId: string }
  | { candidateId: string; ok: false; code: string; message: string };

/**
 * Accepts candidates of one job one by one, each in its own transaction: one
 * that someone else decided meanwhile is reported, not a reason to undo the rest.
 * Access, the candidates, their sources' texts and their entities are read
 * once for the whole selection, not once per candidate.
 */
export async function acceptManyCandidates(actor: Actor, raw: unknown): Promise<AcceptManyResult[]> {
  const input = acceptManySchema.parse(raw);
  const job = await loadJobAccess(actor, input.jobId);
  await requireAccess(actor, job.workspaceId, "event.create");
  const inJob = await db.importCandidate.findMany({
    where: { jobId: input.jobId, id: { in: input.items.map((i) => i.candidateId) } },
    select: candidateSelect,
  });
  const byId = new Map(inJob.map((c) => [c.id, c]));
  const recognised = inJob.flatMap((c) =>
    (candidateEntitiesSchema.safeParse(c.entities).data ?? []).flatMap((e) => (e.entityId ? [e.entityId] : [])),
  );
  const [current, texts] = await Promise.all([
    currentEntityIds(job.workspaceId, recognised),
    sourceTexts(job.workspaceId, inJob.flatMap(sourceIdsOf)),
  ]);
  const results: AcceptManyResult[] = [];
  for (const item of input.items) {
    const c = byId.get(item.candidateId);
    if (!c) {
      results.push({
        candidateId: item.candidateId,
        ok: false,
        code: "NOT_FOUND",
        message: "Candidate was not found in this import.",
      });
      continue;
    }
    try {
      checkOpen(c, item.version);
      const r = await acceptInTransaction(
        actor,
        c,
        item.version,
        withCurrentEntities(proposedFields(c), current),
        textsOf(c, texts),
        [],
        false,
      );
      // The same candidate listed twice is answered as already accepted, as a fresh read would.
      byId.set(c.id, { ...c, status: "ACCEPTED", version: r.version });
      results.push({ candidateId: item.candidateId, ok: true, eventId: r.eventId });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      results.push({ candidateId: item.candidateId, ok: false, code: err.code, message: err.message });
    }
  }
  return results;
}
