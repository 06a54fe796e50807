/**
 * A STIX 2.1 bundle imported into a workspace as candidates, reviewed on the
 * same screen as the document importer's (accept, merge, dismiss): nothing is
 * published, nothing becomes an event until an analyst accepts it.
 *
 * - Each report or note is a candidate event, dated at the precision the bundle
 *   gives (Dossier's x_dossier_date, else the day it was published). Its passage
 *   is its title and description, in a source that holds the bundle's text, so
 *   accepting it cites where it came from like any imported passage.
 * - The identities, threat actors, intrusion sets and locations it refers to are
 *   matched to the workspace's entities by name or alias, or proposed as new.
 * - Each web address among its external references becomes a source (or the
 *   existing source with that address).
 * - Matching, not duplicating: a report exported from this workspace carries the
 *   deterministic id of its event (server/lib/stix/ids.ts), and a candidate from
 *   an earlier STIX import remembers its object's id (the job's meta), so a
 *   re-imported report is offered for merging into that event, and one still
 *   waiting for a decision is not proposed twice.
 *
 * The whole import is read and checked before anything is written, and written
 * in one transaction: a refused bundle changes nothing. It runs in the request:
 * a bundle is at most 10 MB of JSON and produces rows, not parsing work.
 */
import { db } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";
import { badRequest } from "../../errors.ts";
import { readStixBundle, StixReadError, type ReadCandidate, type ReadEntity } from "../../lib/stix/read-bundle.ts";
import { stixId, stixKeys } from "../../lib/stix/ids.ts";
import { normalizeUrl, textHash } from "../../lib/source-identity.ts";
import { importJobMetaSchema, type CandidateEntity } from "../../schemas/import.ts";
import { formatEventDate } from "../../schemas/partial-date.ts";
import { createSourceSchema, MAX_SOURCE_TEXT, SOURCE_KINDS } from "../../schemas/source.ts";
import { MAX_STIX_BYTES } from "../../schemas/stix.ts";
import { requireAccess, type Actor } from "../access/index.ts";
import { recordAudit } from "../audit/index.ts";
import { insertSourceRow } from "../source/index.ts";

/** More candidates than an analyst can review in one sitting: split the bundle. */
export const MAX_STIX_CANDIDATES = 2000;
/** A passage is cited as a quote: at most 5,000 characters, like any citation. */
const MAX_PASSAGE = 5000;

export type StixImportResult = {
  jobId: string;
  candidates: number;
  /** Reports already waiting as candidates from an earlier import of the same objects. */
  alreadyPending: number;
  /** Candidates offered for merging into the event they were exported from. */
  matched: number;
  skipped: number;
};

const fold = (s: string) => s.normalize("NFKC").toLocaleLowerCase("en").replace(/\s+/g, " ").trim();

/** The workspace's entities by folded name and alias, in one query. */
async function entityIndex(workspaceId: string) {
  const rows = await db.entity.findMany({
    where: { workspaceId, mergedIntoId: null },
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, kind: true, aliases: { select: { alias: true } } },
  });
  const byName = new Map<string, (typeof rows)[number]>();
  const byAlias = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    if (!byName.has(fold(r.name))) byName.set(fold(r.name), r);
    for (const a of r.aliases) if (!byAlias.has(fold(a.alias))) byAlias.set(fold(a.alias), r);
  }
  return (e: ReadEntity): CandidateEntity => {
    const exact = byName.get(fold(e.name));
    if (exact) return { entityId: exact.id, name: exact.name, kind: exact.kind, why: "Same name" };
    for (const term of [e.name, ...e.aliases]) {
      const hit = byName.get(fold(term)) ?? byAlias.get(fold(term));
      if (hit)
        return {
          entityId: hit.id,
          name: hit.name,
          kind: hit.kind,
          written: e.name,
          why: `“${term}” is a name it goes by`,
        };
    }
    return { name: e.name, kind: e.kind, why: "New: not yet in this workspace" };
  };
}

/** Duplicates were looked for in the same transaction, so insertSourceRow creates. */
function createdSource(r: Awaited<ReturnType<typeof insertSourceRow>>): { id: string; title: string } {
  if (r.status !== "created") throw new Error("a source the import checked for was there after all");
  return r.source;
}

/** The address as duplicates are matched on, or null for one Dossier cannot read (left out, not refused). */
function keyOf(url: string): string | null {
  try {
    return normalizeUrl(url);
  } catch {
    return null;
  }
}

/** Earlier STIX imports into this workspace: what became of each object's candidate. */
async function earlierCandidates(workspaceId: string) {
  const jobs = await db.importJob.findMany({
    where: { workspaceId, meta: { path: ["mode"], equals: "stix" } },
    select: {
      meta: true,
      candidates: { select: { ordinal: true, status: true, eventId: true } },
    },
  });
  const byStixId = new Map<string, { pending: boolean; eventId: string | null }>();
  for (const job of jobs) {
    const ids = (job.meta as { stixIds?: unknown }).stixIds;
    if (!Array.isArray(ids)) continue;
    for (const c of job.candidates) {
      const id = ids[c.ordinal];
      if (typeof id !== "string") continue;
      const prior = byStixId.get(id);
      if (c.status === "PENDING") byStixId.set(id, { pending: true, eventId: prior?.eventId ?? null });
      else if (c.eventId && !prior?.pending) byStixId.set(id, { pending: false, eventId: c.eventId });
    }
  }
  return byStixId;
}

/** The deterministic ids this workspace's events have in its exports. */
async function exportedEventIds(workspaceId: string): Promise<Map<string, string>> {
  const rows = await db.event.findMany({ where: { workspaceId, deletedAt: null }, select: { id: true } });
  return new Map(rows.map((r) => [stixId("report", stixKeys.event(workspaceId, r.id)), r.id]));
}

export async function importStixBundle(
  actor: Actor,
  input: { workspaceId: string; fileName: string; text: string },
): Promise<StixImportResult> {
  await requireAccess(actor, input.workspaceId, "import.run");
  let read;
  try {
    read = readStixBundle(input.text, MAX_STIX_BYTES);
  } catch (err) {
    if (err instanceof StixReadError) throw badRequest(err.message, { file: err.message });
    throw err;
  }
  if (read.candidates.length === 0)
    throw badRequest("This bundle holds no reports or notes, so there is nothing to propose as events.");
  if (read.candidates.length > MAX_STIX_CANDIDATES)
    throw badRequest(
      `This bundle holds ${read.candidates.length.toLocaleString("en")} reports and notes; import at most ${MAX_STIX_CANDIDATES.toLocaleString("en")} at once.`,
    );

  const [entityFor, earlier, exported] = await Promise.all([
    entityIndex(input.workspaceId),
    earlierCandidates(input.workspaceId),
    exportedEventIds(input.workspaceId),
  ]);

  const fresh: ReadCandidate[] = [];
  let alreadyPending = 0;
  for (const c of read.candidates) {
    if (earlier.get(c.stixId)?.pending) alreadyPending++;
    else fresh.push(c);
  }
  if (fresh.length === 0)
    throw badRequest("Every report in this bundle is already waiting for review from an earlier import.");

  // The bundle's own text: one block per candidate, each block its passage.
  let text = "";
  const blocks = fresh.map((c) => {
    const block = (c.description ? `${c.title}\n\n${c.description}` : c.title).slice(0, MAX_PASSAGE).trim();
    if (text) text += "\n\n";
    const start = text.length;
    text += block;
    return { start, end: text.length, block };
  });
  if (text.length > MAX_SOURCE_TEXT)
    throw badRequest("The reports in this bundle are too long to import at once. Split the bundle into smaller parts.");

  // Web addresses among the references, each once, with the best title the bundle gives for it.
  const addresses = new Map<
    string,
    { url: string; title: string; publisher: string; kind: string | null; pubDate: Prisma.JsonValue }
  >();
  for (const s of read.sources.values()) {
    const key = s.url ? keyOf(s.url) : null;
    if (key)
      addresses.set(key, { url: s.url!, title: s.title, publisher: s.publisher, kind: s.kind, pubDate: s.pubDate });
  }
  for (const c of fresh)
    for (const r of c.references) {
      const key = r.url ? keyOf(r.url) : null;
      if (key && !addresses.has(key))
        addresses.set(key, { url: r.url!, title: r.name, publisher: r.name, kind: null, pubDate: null });
    }

  const hash = textHash(text);
  const title = `STIX bundle${input.fileName ? `: ${input.fileName}` : ""}`.slice(0, 500);
  const entityCache = new Map<string, CandidateEntity>();
  const entitiesOf = (c: ReadCandidate) =>
    c.entityIds.flatMap((ref) => {
      const e = read.entities.get(ref);
      if (!e) return [];
      if (!entityCache.has(ref)) entityCache.set(ref, entityFor(e));
      return [entityCache.get(ref)!];
    });

  const result = await db.$transaction(
    async (tx) => {
      const existingBundle = hash
        ? await tx.source.findFirst({ where: { workspaceId: input.workspaceId, textHash: hash }, select: { id: true } })
        : null;
      const bundleSource =
        existingBundle ??
        createdSource(
          await insertSourceRow(
            tx,
            actor,
            createSourceSchema.parse({ workspaceId: input.workspaceId, kind: "REPORT", title, text }),
            text,
            null,
            hash,
          ),
        );
      const metaSources = [{ id: bundleSource.id, title, urls: [] as string[], reused: Boolean(existingBundle) }];
      for (const [key, a] of addresses) {
        const existing = await tx.source.findFirst({
          where: { workspaceId: input.workspaceId, urlNormalized: key },
          select: { id: true, title: true },
        });
        if (existing) {
          metaSources.push({ id: existing.id, title: existing.title, urls: [a.url], reused: true });
          continue;
        }
        const kind = SOURCE_KINDS.includes(a.kind as (typeof SOURCE_KINDS)[number]) ? a.kind : "REPORT";
        const parsed = createSourceSchema.safeParse({
          workspaceId: input.workspaceId,
          kind,
          title: a.title || a.url,
          publisherName: a.publisher.slice(0, 200),
          url: a.url,
          pubDate: a.pubDate,
        });
        // An address or title that Dossier would refuse from a person is left out, not a reason to refuse the bundle.
        if (!parsed.success) continue;
        const created = createdSource(await insertSourceRow(tx, actor, parsed.data, "", key, null));
        metaSources.push({ id: created.id, title: created.title, urls: [a.url], reused: false });
      }

      const meta = importJobMetaSchema.parse({
        title,
        publisherName: "",
        url: "",
        pubDate: null,
        mode: "stix",
        sources: metaSources,
        ...(read.skipped ? { message: `${read.skipped} objects of kinds Dossier does not import were left out.` } : {}),
      });
      const job = await tx.importJob.create({
        data: {
          workspaceId: input.workspaceId,
          createdById: actor.userId,
          status: "DONE",
          fileName: input.fileName.slice(0, 255),
          // The object id of each candidate, by ordinal: how a later import of the same bundle recognises it.
          meta: { ...meta, stixIds: fresh.map((c) => c.stixId) } as unknown as Prisma.InputJsonValue,
          progress: fresh.length,
          total: fresh.length,
          sourceIds: metaSources.map((s) => s.id),
          finishedAt: new Date(),
        },
        select: { id: true },
      });
      let matched = 0;
      const created = await tx.importCandidate.createManyAndReturn({
        data: fresh.map((c, ordinal) => {
          const similarEventId = exported.get(c.stixId) ?? earlier.get(c.stixId)?.eventId ?? null;
          if (similarEventId) matched++;
          return {
            jobId: job.id,
            workspaceId: input.workspaceId,
            sourceId: bundleSource.id,
            ordinal,
            title: c.title,
            dateText: c.date ? formatEventDate(c.date) : "",
            date: c.date ? (c.date as unknown as Prisma.InputJsonValue) : undefined,
            unanchored: !c.date,
            entities: entitiesOf(c) as unknown as Prisma.InputJsonValue,
            similarEventId,
            similarity: similarEventId ? 1 : null,
          };
        }),
        select: { id: true, ordinal: true },
      });
      await tx.importCandidatePassage.createMany({
        data: created.map((c) => ({
          candidateId: c.id,
          sourceId: bundleSource.id,
          ordinal: 0,
          text: blocks[c.ordinal]!.block,
          startOffset: blocks[c.ordinal]!.start,
          endOffset: blocks[c.ordinal]!.end,
        })),
      });
      await recordAudit(tx, actor, {
        workspaceId: input.workspaceId,
        action: "import.started",
        targetType: "import",
        targetId: job.id,
        after: {
          title,
          mode: "stix",
          fileName: input.fileName,
          candidates: fresh.length,
          matched,
          skipped: read.skipped,
        },
      });
      return { jobId: job.id, matched };
    },
    { timeout: 60_000 },
  );
  return {
    jobId: result.jobId,
    candidates: fresh.length,
    alreadyPending,
    matched: result.matched,
    skipped: read.skipped,
  };
}
