/**
 * A STIX 2.1 bundle imported into a workspace as candidates, reviewed on the
 * same screen as the document importer's (accept, merge, dismiss): nothing is
 * published, nothing becomes an event until an analyst accepts it.
 *
 * - Each report or note is a candidate event, dated at the precision the bundle
 *   gives (Dossier's x_dossier_date, else the day it was published), with its
 *   description as summary and its labels as tags.
 * - A Dossier bundle's citations (relationships with x_dossier_quote) are the
 *   candidate's passages, with their stance and offsets in the sources the bundle
 *   brings (with their text); any other report's passage is its title and
 *   description, in a source that holds the bundle's text, so accepting it cites
 *   where it came from like any imported passage.
 * - The identities, threat actors, intrusion sets and locations it refers to are
 *   matched to the workspace's entities by STIX id, name or alias; a Dossier
 *   bundle's own entities that match nothing are created as exported, another
 *   tool's names are proposed as new.
 * - Each web address among other tools' external references becomes a source
 *   (or the existing source with that address).
 * - What an import creates keeps its object's STIX id (the stixId columns), so
 *   this workspace's exports give it that id: a bundle exported, imported
 *   elsewhere and exported again keeps its ids (README.md, "Round trip").
 * - Matching, not duplicating: a report whose id is an event here (kept from an
 *   import, or the deterministic id of this workspace's own export) and says
 *   nothing new is counted as unchanged and not offered; a changed one becomes a
 *   candidate that updates that event when accepted (through review if it is
 *   published). A report still waiting from an earlier import is not proposed
 *   twice (each STIX job keeps its objects' ids in its meta).
 *
 * The whole import is read and checked before anything is written, and written
 * in one transaction: a refused bundle changes nothing. It runs in the request:
 * a bundle is at most 10 MB of JSON and produces rows, not parsing work.
 */
import { db } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";
import type { Stance } from "../../schemas/citation.ts";
import { badRequest } from "../../errors.ts";
import { readStixBundle, StixReadError, type ReadCandidate, type ReadEntity } from "../../lib/stix/read-bundle.ts";
import { stixId, stixKeys } from "../../lib/stix/ids.ts";
import { normalizeUrl, textHash } from "../../lib/source-identity.ts";
import { importJobMetaSchema, type CandidateEntity } from "../../schemas/import.ts";
import { formatEventDate, type EventDate } from "../../schemas/partial-date.ts";
import { fromDateColumns, dateColumnSelect } from "../../lib/event-date-columns.ts";
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
  /** Reports that are already events here, unchanged: not offered again. */
  unchanged: number;
  /** Candidates that update an event already here (accepting one changes that event, through review if published). */
  updates: number;
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
  return (e: ReadEntity): CandidateEntity | null => {
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
    return null;
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

/**
 * What this workspace's records are called in STIX: the id kept from an import,
 * and the deterministic id of its own exports (server/lib/stix/ids.ts), so both
 * a bundle from elsewhere imported again and this workspace's own export are
 * recognised. Entities merged into another answer for the one they became;
 * sources in the trash still hold their id, so they are found, not duplicated.
 */
async function knownRecords(workspaceId: string) {
  const [events, entities, sources] = await Promise.all([
    db.event.findMany({ where: { workspaceId, deletedAt: null }, select: { id: true, stixId: true } }),
    db.entity.findMany({ where: { workspaceId }, select: { id: true, stixId: true, kind: true, mergedIntoId: true } }),
    db.source.findMany({ where: { workspaceId }, select: { id: true, stixId: true } }),
  ]);
  const eventIds = new Map<string, string>();
  for (const e of events) {
    eventIds.set(stixId("report", stixKeys.event(workspaceId, e.id)), e.id);
    if (e.stixId) eventIds.set(e.stixId, e.id);
  }
  const entityIds = new Map<string, string>();
  for (const e of entities) {
    const current = e.mergedIntoId ?? e.id;
    entityIds.set(stixId(e.kind === "PLACE" ? "location" : "identity", stixKeys.entity(workspaceId, e.id)), current);
    if (e.stixId) entityIds.set(e.stixId, current);
  }
  const sourceIds = new Map<string, string>();
  for (const s of sources) {
    sourceIds.set(stixId("report", stixKeys.source(workspaceId, s.id)), s.id);
    if (s.stixId) sourceIds.set(s.stixId, s.id);
  }
  return { eventIds, entityIds, sourceIds };
}

/** The events a bundle's reports already are, as compared with what the bundle says of them. */
async function knownEvents(workspaceId: string, ids: string[]) {
  const rows = await db.event.findMany({
    where: { workspaceId, id: { in: ids }, deletedAt: null },
    select: {
      id: true,
      title: true,
      summary: true,
      tags: true,
      ...dateColumnSelect,
      entities: { select: { entityId: true } },
      citations: { select: { sourceId: true, startOffset: true, endOffset: true, stance: true } },
    },
  });
  return new Map(rows.map((r) => [r.id, r]));
}
type KnownEvent = Awaited<ReturnType<typeof knownEvents>> extends Map<string, infer V> ? V : never;

const dateKey = (d: EventDate | null) =>
  d
    ? JSON.stringify([
        d.start.year,
        d.start.month ?? null,
        d.start.day ?? null,
        d.end?.year ?? null,
        d.end?.month ?? null,
        d.end?.day ?? null,
        d.qualifier,
      ])
    : "undated";
const sameSet = (a: string[], b: string[]) => {
  const x = new Set(a);
  const y = new Set(b);
  return x.size === y.size && [...x].every((v) => y.has(v));
};
const tagSet = (tags: string[]) => tags.map((t) => t.trim()).filter(Boolean);
type Passage = { sourceId: string; stance: Stance; quote: string; startOffset: number; endOffset: number };
const passageKey = (p: { sourceId: string; startOffset: number; endOffset: number; stance: string }) =>
  `${p.sourceId}:${p.startOffset}:${p.endOffset}:${p.stance}`;

/**
 * Whether the bundle says of a known event nothing it does not already say: its
 * fields, its entities and (when the bundle gives Dossier's citations) its
 * citations. A report from another tool has no citations of its own, so those are
 * not compared.
 */
function unchanged(ev: KnownEvent, c: ReadCandidate, entities: CandidateEntity[], passages: Passage[]): boolean {
  const linked = entities.flatMap((e) => (e.entityId ? [e.entityId] : []));
  return (
    ev.title === c.title &&
    ev.summary === c.description &&
    sameSet(tagSet(ev.tags), tagSet(c.tags)) &&
    dateKey(fromDateColumns(ev)) === dateKey(c.date) &&
    entities.every((e) => e.entityId) &&
    sameSet(
      ev.entities.map((e) => e.entityId),
      linked,
    ) &&
    (c.citations.length === 0 ||
      (passages.length === c.citations.length && sameSet(ev.citations.map(passageKey), passages.map(passageKey))))
  );
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

  const workspaceId = input.workspaceId;
  const [entityFor, earlier, known] = await Promise.all([
    entityIndex(workspaceId),
    earlierCandidates(workspaceId),
    knownRecords(workspaceId),
  ]);

  const waiting: ReadCandidate[] = [];
  let alreadyPending = 0;
  for (const c of read.candidates) {
    if (earlier.get(c.stixId)?.pending) alreadyPending++;
    else waiting.push(c);
  }
  const existingEvents = await knownEvents(
    workspaceId,
    waiting.flatMap((c) => (known.eventIds.has(c.stixId) ? [known.eventIds.get(c.stixId)!] : [])),
  );

  const title = `STIX bundle${input.fileName ? `: ${input.fileName}` : ""}`.slice(0, 500);

  const result = await db.$transaction(
    async (tx) => {
      // Entities: the one already here (by STIX id, then by name or alias); a Dossier record is created as it
      // was exported (kind, aliases, description, its id kept); another tool's name is proposed, and created
      // only when the analyst confirms it on accepting.
      const entityOf = new Map<string, CandidateEntity>();
      let entitiesCreated = 0;
      for (const e of read.entities.values()) {
        const knownId = known.entityIds.get(e.stixId);
        if (knownId) {
          entityOf.set(e.stixId, { entityId: knownId, name: e.name, kind: e.kind, why: "Imported before" });
          continue;
        }
        const match = entityFor(e);
        if (match) entityOf.set(e.stixId, match);
        else if (e.dossier) {
          const created = await tx.entity.create({
            data: {
              workspaceId,
              kind: e.kind,
              name: e.name,
              description: e.description,
              stixId: e.stixId,
              createdById: actor.userId,
              aliases: { create: e.aliases.map((alias) => ({ alias: alias.slice(0, 200), workspaceId })) },
            },
            select: { id: true },
          });
          await recordAudit(tx, actor, {
            workspaceId,
            action: "entity.created",
            targetType: "entity",
            targetId: created.id,
            after: { name: e.name, kind: e.kind, aliases: e.aliases, as: "imported from STIX" },
          });
          entitiesCreated++;
          entityOf.set(e.stixId, { entityId: created.id, name: e.name, kind: e.kind, why: "Imported with the bundle" });
        } else entityOf.set(e.stixId, { name: e.name, kind: e.kind, why: "New: not yet in this workspace" });
      }
      const entitiesOf = (c: ReadCandidate) => c.entityIds.flatMap((ref) => entityOf.get(ref) ?? []);

      // Dossier's sources, with their text so quotes keep their offsets: the one already here (by STIX id, by
      // address, by text), or a new one keeping the object's id.
      const metaSources: { id: string; title: string; urls: string[]; reused: boolean }[] = [];
      const sourceOf = new Map<string, { id: string; text: string }>();
      const covered = new Set<string>();
      for (const s of read.sources.values()) {
        const key = s.url ? keyOf(s.url) : null;
        const hash = s.text ? textHash(s.text) : null;
        if (key) covered.add(key);
        const knownId = known.sourceIds.get(s.stixId);
        const existing = await tx.source.findFirst({
          where: {
            workspaceId,
            OR: [
              ...(knownId ? [{ id: knownId }] : []),
              ...(key ? [{ urlNormalized: key }] : []),
              ...(hash ? [{ textHash: hash }] : []),
            ],
          },
          // The one with this STIX id first, then by address.
          orderBy: { createdAt: "asc" },
          select: { id: true, title: true, text: true },
        });
        if (existing) {
          sourceOf.set(s.stixId, existing);
          metaSources.push({ id: existing.id, title: existing.title, urls: s.url ? [s.url] : [], reused: true });
          continue;
        }
        const kind = SOURCE_KINDS.includes(s.kind as (typeof SOURCE_KINDS)[number]) ? s.kind : "REPORT";
        const parsed = createSourceSchema.safeParse({
          workspaceId,
          kind,
          title: s.title,
          publisherName: s.publisher,
          author: s.author,
          url: s.url ?? "",
          pubDate: s.pubDate,
          language: s.language,
          text: s.text,
        });
        if (!parsed.success) continue;
        const created = createdSource(await insertSourceRow(tx, actor, parsed.data, s.text, key, hash));
        await tx.source.update({ where: { id: created.id }, data: { stixId: s.stixId } });
        sourceOf.set(s.stixId, { id: created.id, text: s.text });
        metaSources.push({ id: created.id, title: created.title, urls: s.url ? [s.url] : [], reused: false });
      }
      // A copy keeps pointing at what it copies (one origin with it when origins are counted), when the copy came
      // in new with this bundle. A chain in the bundle that loops back on itself is left out.
      const loops = (start: string) => {
        let at = read.sources.get(start)?.derivedFrom;
        for (let steps = 0; at && steps <= read.sources.size; steps++) {
          if (at === start) return true;
          at = read.sources.get(at)?.derivedFrom;
        }
        return false;
      };
      const createdHere = new Set(metaSources.filter((m) => !m.reused).map((m) => m.id));
      // One statement per original, whatever the number of its copies.
      const copiesOf = new Map<string, string[]>();
      for (const s of read.sources.values()) {
        const copy = sourceOf.get(s.stixId);
        const original = s.derivedFrom ? sourceOf.get(s.derivedFrom) : undefined;
        if (!copy || !original || copy.id === original.id || !createdHere.has(copy.id) || loops(s.stixId)) continue;
        copiesOf.set(original.id, [...(copiesOf.get(original.id) ?? []), copy.id]);
      }
      for (const [originalId, copies] of copiesOf)
        await tx.source.updateMany({ where: { id: { in: copies } }, data: { derivedFromId: originalId } });

      // Each candidate: its citations where the source's text still holds the quote at its place.
      let unchangedCount = 0;
      const planned = waiting.flatMap((c) => {
        const passages: Passage[] = c.citations.flatMap((q) => {
          const source = sourceOf.get(q.sourceStixId);
          if (!source || source.text.slice(q.startOffset, q.endOffset) !== q.quote) return [];
          return [
            {
              sourceId: source.id,
              stance: q.stance,
              quote: q.quote,
              startOffset: q.startOffset,
              endOffset: q.endOffset,
            },
          ];
        });
        const entities = entitiesOf(c);
        const eventId = known.eventIds.get(c.stixId) ?? null;
        const ev = eventId ? existingEvents.get(eventId) : undefined;
        if (ev && unchanged(ev, c, entities, passages)) {
          unchangedCount++;
          return [];
        }
        return [{ c, passages, entities, updatesEventId: ev ? ev.id : null }];
      });
      if (planned.length === 0)
        throw badRequest(
          [
            "Nothing to import: every report in this bundle is already here",
            unchangedCount ? `${unchangedCount} unchanged` : "",
            alreadyPending ? `${alreadyPending} waiting for review from an earlier import` : "",
          ]
            .filter(Boolean)
            .join(", ")
            .replace("here, ", "here (") + (unchangedCount || alreadyPending ? ")." : "."),
        );

      // Web addresses among other tools' references, each once, as sources.
      const addresses = new Map<string, { url: string; title: string }>();
      for (const { c } of planned)
        for (const r of c.references) {
          const key = r.url ? keyOf(r.url) : null;
          if (key && !covered.has(key) && !addresses.has(key)) addresses.set(key, { url: r.url!, title: r.name });
        }
      for (const [key, a] of addresses) {
        const existing = await tx.source.findFirst({
          where: { workspaceId, urlNormalized: key },
          select: { id: true, title: true },
        });
        if (existing) {
          metaSources.push({ id: existing.id, title: existing.title, urls: [a.url], reused: true });
          continue;
        }
        const parsed = createSourceSchema.safeParse({
          workspaceId,
          kind: "REPORT",
          title: a.title || a.url,
          publisherName: a.title.slice(0, 200),
          url: a.url,
        });
        // An address or title that Dossier would refuse from a person is left out, not a reason to refuse the bundle.
        if (!parsed.success) continue;
        const created = createdSource(await insertSourceRow(tx, actor, parsed.data, "", key, null));
        metaSources.push({ id: created.id, title: created.title, urls: [a.url], reused: false });
      }

      // A report without citations of its own is told by its text: one block per report in a source that
      // holds the bundle's text, each block its passage.
      let text = "";
      const blocks = new Map<number, { start: number; end: number; block: string }>();
      planned.forEach(({ c, passages }, i) => {
        if (passages.length) return;
        const block = (c.description ? `${c.title}\n\n${c.description}` : c.title).slice(0, MAX_PASSAGE).trim();
        if (text) text += "\n\n";
        const start = text.length;
        text += block;
        blocks.set(i, { start, end: text.length, block });
      });
      if (text.length > MAX_SOURCE_TEXT)
        throw badRequest(
          "The reports in this bundle are too long to import at once. Split the bundle into smaller parts.",
        );
      let bundleSourceId: string | null = null;
      if (blocks.size) {
        const hash = textHash(text);
        const existingBundle = hash
          ? await tx.source.findFirst({ where: { workspaceId, textHash: hash }, select: { id: true } })
          : null;
        const bundleSource =
          existingBundle ??
          createdSource(
            await insertSourceRow(
              tx,
              actor,
              createSourceSchema.parse({ workspaceId, kind: "REPORT", title, text }),
              text,
              null,
              hash,
            ),
          );
        bundleSourceId = bundleSource.id;
        metaSources.unshift({ id: bundleSource.id, title, urls: [], reused: Boolean(existingBundle) });
      }

      // What the job page says beside the candidates: what was left out, and what was already here.
      const notes = [
        read.skipped ? `${read.skipped} objects of kinds Dossier does not import were left out.` : "",
        unchangedCount
          ? `${unchangedCount} reports are already events here, unchanged, and are not offered again.`
          : "",
        alreadyPending ? `${alreadyPending} reports are still waiting for review from an earlier import.` : "",
      ].filter(Boolean);
      const meta = importJobMetaSchema.parse({
        title,
        publisherName: "",
        url: "",
        pubDate: null,
        mode: "stix",
        sources: metaSources,
        ...(notes.length ? { message: notes.join(" ") } : {}),
      });
      const job = await tx.importJob.create({
        data: {
          workspaceId,
          createdById: actor.userId,
          status: "DONE",
          fileName: input.fileName.slice(0, 255),
          // The object id of each candidate, by ordinal: how a later import of the same bundle recognises it.
          meta: { ...meta, stixIds: planned.map((p) => p.c.stixId) } as unknown as Prisma.InputJsonValue,
          progress: planned.length,
          total: planned.length,
          sourceIds: metaSources.map((s) => s.id),
          finishedAt: new Date(),
        },
        select: { id: true },
      });
      let matched = 0;
      const created = await tx.importCandidate.createManyAndReturn({
        data: planned.map(({ c, passages, entities, updatesEventId }, ordinal) => {
          const similarEventId = updatesEventId ?? earlier.get(c.stixId)?.eventId ?? null;
          if (similarEventId) matched++;
          return {
            jobId: job.id,
            workspaceId,
            sourceId: passages[0]?.sourceId ?? bundleSourceId!,
            ordinal,
            title: c.title,
            summary: c.description.slice(0, 20_000),
            tags: tagSet(c.tags),
            stixId: c.stixId,
            updatesEventId,
            dateText: c.date ? formatEventDate(c.date) : "",
            date: c.date ? (c.date as unknown as Prisma.InputJsonValue) : undefined,
            unanchored: !c.date,
            entities: entities as unknown as Prisma.InputJsonValue,
            similarEventId,
            similarity: similarEventId ? 1 : null,
          };
        }),
        select: { id: true, ordinal: true },
      });
      await tx.importCandidatePassage.createMany({
        data: created.flatMap((row) => {
          const { passages } = planned[row.ordinal]!;
          if (passages.length)
            return passages.map((p, ordinal) => ({
              candidateId: row.id,
              sourceId: p.sourceId,
              ordinal,
              text: p.quote,
              startOffset: p.startOffset,
              endOffset: p.endOffset,
              stance: p.stance,
            }));
          const b = blocks.get(row.ordinal)!;
          return [
            {
              candidateId: row.id,
              sourceId: bundleSourceId!,
              ordinal: 0,
              text: b.block,
              startOffset: b.start,
              endOffset: b.end,
            },
          ];
        }),
      });
      const updates = planned.filter((p) => p.updatesEventId).length;
      await recordAudit(tx, actor, {
        workspaceId,
        action: "import.started",
        targetType: "import",
        targetId: job.id,
        after: {
          title,
          mode: "stix",
          fileName: input.fileName,
          candidates: planned.length,
          matched,
          updates,
          unchanged: unchangedCount,
          entitiesCreated,
          skipped: read.skipped,
        },
      });
      return { jobId: job.id, matched, updates, unchanged: unchangedCount, candidates: planned.length };
    },
    { timeout: 60_000 },
  );
  return {
    jobId: result.jobId,
    candidates: result.candidates,
    alreadyPending,
    matched: result.matched,
    unchanged: result.unchanged,
    updates: result.updates,
    skipped: read.skipped,
  };
}
