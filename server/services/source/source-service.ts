import { db } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";
import { badRequest, conflict, notFound } from "../../errors.ts";
import {
  createSourceSchema,
  sourceMetadataSchema,
  type CreateSourceData,
  type CreateSourceInput,
  type SourceMetadata,
  type UpdateSourceInput,
  updateSourceSchema,
} from "../../schemas/source.ts";
import { requireAccess, requireAccessFor } from "../access/index.ts";
import type { Actor } from "../access/index.ts";
import { recordAudit } from "../audit/index.ts";
import { reanchorSourceCitations, type ReanchorResult } from "../citation/index.ts";
import { findOrCreatePublisher } from "../entity/index.ts";
import { noteSourceTextEdited } from "../evidence/index.ts";
import { recordRevision } from "../history/index.ts";
import {
  lockRecord,
  needsReview,
  proposeRecordChange,
  reviewGate,
  sourceDetailsOf,
  staleMessage,
} from "../proposal/index.ts";
import type { SourceDetails } from "../../lib/record-changes.ts";
import { normalizeUrl, textHash } from "../../lib/source-identity.ts";
import { normalizeText } from "../../lib/source-text/index.ts";
import { textChange } from "../../lib/text-change.ts";
import { findNearDuplicate, saveFingerprint } from "./near-duplicate-service.ts";
import { checkOriginal } from "./original-service.ts";
import { pubDateOf } from "./read-service.ts";

/** "similar-text": much the same text (the same article in another format), offered rather than refused. */
export type DuplicateSource = {
  id: string;
  title: string;
  matchedOn: "url" | "text" | "similar-text";
  similarity?: number;
};
export type CreateSourceResult =
  { status: "created"; source: { id: string; title: string } } | { status: "duplicate"; existing: DuplicateSource };

/** Looks for the same document already in the workspace: same normalised URL, or same text. */
export async function findDuplicate(
  workspaceId: string,
  urlNormalized: string | null,
  hash: string | null,
): Promise<DuplicateSource | null> {
  if (!urlNormalized && !hash) return null;
  const found = await db.source.findFirst({
    where: { workspaceId, OR: [...(urlNormalized ? [{ urlNormalized }] : []), ...(hash ? [{ textHash: hash }] : [])] },
    select: { id: true, title: true, urlNormalized: true },
  });
  if (!found) return null;
  return {
    id: found.id,
    title: found.title,
    matchedOn: urlNormalized && found.urlNormalized === urlNormalized ? "url" : "text",
  };
}

function snapshotOf(s: {
  kind: string;
  title: string;
  author: string;
  url: string | null;
  language: string;
  pubYear: number | null;
  pubMonth: number | null;
  pubDay: number | null;
  publisherName: string;
  derivedFromId: string | null;
  textLength: number;
}) {
  return {
    kind: s.kind,
    title: s.title,
    publisherName: s.publisherName,
    author: s.author,
    pubDate: pubDateOf(s),
    url: s.url ?? "",
    language: s.language,
    derivedFromId: s.derivedFromId,
    textLength: s.textLength,
  };
}

/** The columns a source's details map to, shared by adding and editing so the two cannot drift apart. */
function metadataColumns(input: SourceMetadata, publisherId: string | null, urlNormalized: string | null) {
  return {
    kind: input.kind,
    title: input.title,
    publisherId,
    author: input.author,
    pubYear: input.pubDate?.year ?? null,
    pubMonth: input.pubDate?.month ?? null,
    pubDay: input.pubDate?.day ?? null,
    url: input.url || null,
    urlNormalized,
    language: input.language,
    derivedFromId: input.derivedFromId ?? null,
  };
}

async function checkDerivedFrom(workspaceId: string, derivedFromId: string | null | undefined, selfId?: string) {
  if (!derivedFromId) return;
  if (derivedFromId === selfId) throw badRequest("A source cannot be derived from itself.");
  const parent = await db.source.findFirst({ where: { id: derivedFromId, workspaceId }, select: { id: true } });
  if (!parent) throw badRequest("The source it is derived from does not exist in this workspace.");
  if (!selfId) return;
  // A loop (A from B, B from A) would make both each other's origin and leave no original.
  const loop = await db.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE chain AS (
      SELECT id, "derivedFromId" FROM "Source" WHERE id = ${derivedFromId}
      UNION
      SELECT p.id, p."derivedFromId" FROM "Source" p JOIN chain c ON p.id = c."derivedFromId"
    )
    SELECT id FROM chain WHERE id = ${selfId} LIMIT 1`;
  if (loop.length)
    throw badRequest("That source is itself derived from this one.", {
      derivedFromId: "That source is itself derived from this one",
    });
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: unknown }).code === "P2002";
}

/**
 * Adds a document. When the same URL or the same text is already in the
 * workspace nothing is created and the existing source is returned, so the
 * person can be taken there instead.
 */
export async function createSource(actor: Actor, raw: CreateSourceInput): Promise<CreateSourceResult> {
  const input = createSourceSchema.parse(raw);
  await requireAccess(actor, input.workspaceId, "source.write");
  const text = input.text.trim() ? normalizeText(input.text) : "";
  const urlNormalized = input.url ? normalizeUrl(input.url) : null;
  const hash = textHash(text);
  const duplicate = await findDuplicate(input.workspaceId, urlNormalized, hash);
  if (duplicate) return { status: "duplicate", existing: duplicate };
  if (text && !input.allowSimilar) {
    const similar = await findNearDuplicate(input.workspaceId, text);
    if (similar) return { status: "duplicate", existing: { ...similar, matchedOn: "similar-text" } };
  }
  await checkDerivedFrom(input.workspaceId, input.derivedFromId);
  await checkOriginal(db, input.workspaceId, input.originalSha256);
  try {
    return await db.$transaction((tx) => insertSourceRow(tx, actor, input, text, urlNormalized, hash));
  } catch (err) {
    // Someone added the same document between the check above and the insert:
    // the unique keys refuse the second copy, which is answered like any duplicate.
    if (!isUniqueViolation(err)) throw err;
    const existing = await findDuplicate(input.workspaceId, urlNormalized, hash);
    if (!existing) throw err;
    return { status: "duplicate", existing };
  }
}

/**
 * Inserts a source with its first revision and audit row inside the caller's
 * transaction (an import creates several sources and its job together). The
 * caller has checked access and duplicates and normalised the text.
 */
export async function insertSourceRow(
  tx: Prisma.TransactionClient,
  actor: Actor,
  input: CreateSourceData,
  text: string,
  urlNormalized: string | null,
  hash: string | null,
): Promise<CreateSourceResult> {
  const publisherId = await findOrCreatePublisher(tx, actor, input.workspaceId, input.publisherName);
  const source = await tx.source.create({
    data: {
      workspaceId: input.workspaceId,
      ...metadataColumns(input, publisherId, urlNormalized),
      text,
      textHash: hash,
      originalSha256: input.originalSha256 ?? null,
      createdById: actor.userId,
      updatedById: actor.userId,
    },
    select: {
      id: true,
      title: true,
      kind: true,
      author: true,
      url: true,
      language: true,
      pubYear: true,
      pubMonth: true,
      pubDay: true,
      derivedFromId: true,
    },
  });
  if (text) await saveFingerprint(tx, input.workspaceId, source.id, text);
  const snapshot = snapshotOf({ ...source, publisherName: input.publisherName, textLength: text.length });
  await recordRevision(tx, actor, {
    workspaceId: input.workspaceId,
    targetType: "source",
    targetId: source.id,
    version: 1,
    action: "created",
    snapshot,
  });
  await recordAudit(tx, actor, {
    workspaceId: input.workspaceId,
    action: "source.created",
    targetType: "source",
    targetId: source.id,
    after: snapshot,
  });
  return { status: "created" as const, source: { id: source.id, title: source.title } };
}

/** A source's details in the shape its history rows hold. */
function revisionOf(d: SourceDetails, textLength: number) {
  return {
    kind: d.kind,
    title: d.title,
    publisherName: d.publisherName,
    author: d.author,
    pubDate: d.pubDate,
    url: d.url,
    language: d.language,
    derivedFromId: d.derivedFromId,
    textLength,
  };
}

/** Only the length is recorded; reading a text of up to 2 M characters for it would be waste. */
async function textLengthOf(tx: Prisma.TransactionClient, sourceId: string) {
  return (
    (await tx.$queryRaw<{ n: number }[]>`SELECT length(text)::int AS n FROM "Source" WHERE id = ${sourceId}`)[0]?.n ?? 0
  );
}

async function checkUrlFree(
  client: Pick<Prisma.TransactionClient, "source">,
  workspaceId: string,
  sourceId: string,
  urlNormalized: string | null,
) {
  if (!urlNormalized) return;
  const clash = await client.source.findFirst({
    where: { workspaceId, urlNormalized, id: { not: sourceId } },
    select: { title: true },
  });
  if (clash) throw conflict(`Another source already has this web address: “${clash.title}”.`);
}

const SAME_TEXT = "Another source in this workspace already has exactly this text.";

/** Two sources may not hold the same text (see createSource); checked before a change that brings one is kept. */
async function checkTextFree(tx: Prisma.TransactionClient, workspaceId: string, sourceId: string, text: string) {
  const hash = textHash(text);
  if (!hash) return;
  const clash = await tx.source.findFirst({
    where: { workspaceId, textHash: hash, id: { not: sourceId } },
    select: { id: true },
  });
  if (clash) throw conflict(SAME_TEXT);
}

/** How long the text a proposal carries is (null: it keeps the approved text), without reading it. */
async function proposedTextLength(tx: Prisma.TransactionClient, sourceId: string): Promise<number | null> {
  const rows = await tx.$queryRaw<{ n: number | null }[]>`
    SELECT length(text)::int AS n FROM "RecordProposal" WHERE "sourceId" = ${sourceId}`;
  return rows[0]?.n ?? null;
}

/**
 * Saves an edit of a source's details and text, based on the version the
 * form was opened at (else CONFLICT, and nothing is overwritten). When
 * published material shows the source (or a change to it is under way), the
 * edit becomes a proposed change that readers do not see until a reviewer
 * approves it, its new text included (with that change in brief for the
 * reviewer: lib/text-change.ts); a source only drafts cite is saved at once.
 * Either way the citations are found again in a new text when it is applied.
 */
export async function updateSource(
  actor: Actor,
  raw: UpdateSourceInput,
  action: "updated" | "restored_version" = "updated",
) {
  const input = sourceMetadataSchema.extend({}).parse(raw);
  const { sourceId, version } = raw;
  // Normalised as when the source was added, so an unchanged text compares equal and moves nothing.
  const { text: rawText } = updateSourceSchema.pick({ text: true }).parse(raw);
  const newText = rawText === undefined ? undefined : rawText.trim() ? normalizeText(rawText) : "";
  const existing = await db.source.findUnique({
    where: { id: sourceId },
    select: { workspaceId: true, deletedAt: true },
  });
  if (!existing || existing.deletedAt) throw notFound("Source");
  await requireAccessFor("Source", actor, existing.workspaceId, "source.write");
  await checkDerivedFrom(existing.workspaceId, input.derivedFromId, sourceId);
  const urlNormalized = input.url ? normalizeUrl(input.url) : null;
  await checkUrlFree(db, existing.workspaceId, sourceId, urlNormalized);
  const after: SourceDetails = {
    kind: input.kind,
    title: input.title,
    publisherName: input.publisherName,
    author: input.author,
    pubDate: input.pubDate ?? null,
    url: input.url,
    language: input.language,
    derivedFromId: input.derivedFromId ?? null,
  };
  const ref = { targetType: "SOURCE" as const, targetId: sourceId, workspaceId: existing.workspaceId };
  return db
    .$transaction(async (tx) => {
      await lockRecord(tx, ref);
      const row = await tx.source.findUniqueOrThrow({ where: { id: sourceId }, select: { version: true } });
      const currentText =
        newText === undefined
          ? null
          : (await tx.source.findUniqueOrThrow({ where: { id: sourceId }, select: { text: true } })).text;
      const textChanged = newText !== undefined && currentText !== newText;
      const before = (await sourceDetailsOf(tx, [sourceId])).get(sourceId)!;
      const textLength = await textLengthOf(tx, sourceId);
      const beforeSnap = revisionOf(before, textLength);
      const afterSnap = revisionOf(after, textLength);
      const gate = await reviewGate(tx, ref);
      if (needsReview(gate)) {
        // The text is proposed like any field. An edit that sends the approved text takes a proposed
        // one back; one that sends none leaves the proposal's as it is.
        let text: { text: string | null; change: Prisma.InputJsonValue | null } | undefined;
        if (textChanged) {
          await checkTextFree(tx, existing.workspaceId, sourceId, newText);
          text = { text: newText, change: textChange(currentText!, newText) };
          afterSnap.textLength = newText.length;
        } else if (newText !== undefined) text = { text: null, change: null };
        else if (gate.proposal) afterSnap.textLength = (await proposedTextLength(tx, sourceId)) ?? textLength;
        // Saving the approved details and text again, with nothing under way, proposes nothing.
        if (
          !gate.proposal &&
          !textChanged &&
          version === row.version &&
          JSON.stringify(beforeSnap) === JSON.stringify(afterSnap)
        )
          return { id: sourceId, version: row.version, proposed: false };
        const proposed = await proposeRecordChange(tx, actor, {
          ...ref,
          gate,
          recordVersion: row.version,
          version,
          snapshot: after,
          revision: afterSnap,
          diff: { before: beforeSnap, after: afterSnap },
          action,
          text,
        });
        return { id: sourceId, version: proposed.version, proposed: true };
      }
      const publisherId = await findOrCreatePublisher(tx, actor, existing.workspaceId, input.publisherName);
      const { count } = await tx.source.updateMany({
        where: { id: sourceId, version },
        data: {
          ...metadataColumns(input, publisherId, urlNormalized),
          ...(textChanged ? { text: newText, textHash: textHash(newText) } : {}),
          updatedById: actor.userId,
          version: { increment: 1 },
        },
      });
      if (count === 0) throw conflict(staleMessage("SOURCE"));
      let anchors: { kept: number; moved: number; notFound: number } | null = null;
      if (textChanged) {
        afterSnap.textLength = newText.length;
        await tx.sourceFingerprint.deleteMany({ where: { sourceId } });
        if (newText) await saveFingerprint(tx, existing.workspaceId, sourceId, newText);
        const { kept, moved, notFound } = await reanchorSourceCitations(tx, sourceId, newText);
        anchors = { kept, moved, notFound };
      }
      await recordRevision(tx, actor, {
        workspaceId: existing.workspaceId,
        targetType: "source",
        targetId: sourceId,
        version: version + 1,
        action,
        snapshot: afterSnap,
      });
      await recordAudit(tx, actor, {
        workspaceId: existing.workspaceId,
        action: action === "updated" ? "source.updated" : "source.version_restored",
        targetType: "source",
        targetId: sourceId,
        before: beforeSnap,
        after: anchors ? { ...afterSnap, citationsReanchored: anchors } : afterSnap,
      });
      return { id: sourceId, version: version + 1, proposed: false, anchors };
    })
    .catch((err: unknown) => {
      // Two sources may not hold the same text (see createSource): the edit is refused, nothing is half-saved.
      if (isUniqueViolation(err)) throw conflict(SAME_TEXT);
      throw err;
    });
}

/**
 * Applies an approved proposal to the source, as one new version, inside the
 * decision's transaction (which holds the source's lock). The address and the
 * derivation are checked again: another source may have taken the address,
 * or become a copy of this one, since the proposal was written. A new text
 * re-anchors the citations in the same transaction (no reader sees the text
 * with citations pointing into the old one); quotes it moved or lost are an
 * evidence change that flags the events resting on them and the published
 * briefings citing those (services/evidence). Publications keep the quotes
 * they froze.
 */
export async function applySourceChange(
  tx: Prisma.TransactionClient,
  actor: Actor,
  args: {
    sourceId: string;
    workspaceId: string;
    details: SourceDetails;
    proposalVersion: number;
    /** The proposal's new text; null keeps the text. */
    text: string | null;
  },
) {
  const { sourceId, workspaceId, details } = args;
  const row = await tx.source.findUniqueOrThrow({
    where: { id: sourceId },
    select: { version: true, deletedAt: true },
  });
  if (row.deletedAt) throw conflict("This source was deleted; its change cannot apply.");
  const urlNormalized = details.url ? normalizeUrl(details.url) : null;
  await checkUrlFree(tx, workspaceId, sourceId, urlNormalized);
  await checkDerivedFrom(workspaceId, details.derivedFromId, sourceId);
  const before = (await sourceDetailsOf(tx, [sourceId])).get(sourceId)!;
  const textLength = await textLengthOf(tx, sourceId);
  const text =
    args.text !== null &&
    args.text !== (await tx.source.findUniqueOrThrow({ where: { id: sourceId }, select: { text: true } })).text
      ? args.text
      : null;
  // Another source may have been given this text since the change was proposed.
  if (text !== null) await checkTextFree(tx, workspaceId, sourceId, text);
  const publisherId = await findOrCreatePublisher(tx, actor, workspaceId, details.publisherName);
  const version = Math.max(row.version, args.proposalVersion) + 1;
  await tx.source.update({
    where: { id: sourceId },
    data: {
      ...metadataColumns(details, publisherId, urlNormalized),
      ...(text !== null ? { text, textHash: textHash(text) } : {}),
      updatedById: actor.userId,
      version,
    },
  });
  let anchors: ReanchorResult | null = null;
  if (text !== null) {
    await tx.sourceFingerprint.deleteMany({ where: { sourceId } });
    if (text) await saveFingerprint(tx, workspaceId, sourceId, text);
    anchors = await reanchorSourceCitations(tx, sourceId, text);
    await noteSourceTextEdited(tx, { workspaceId, sourceId, title: details.title, actorId: actor.userId, anchors });
  }
  const afterSnap = revisionOf(details, text !== null ? text.length : textLength);
  await recordRevision(tx, actor, {
    workspaceId,
    targetType: "source",
    targetId: sourceId,
    version,
    action: "published_change",
    snapshot: afterSnap,
  });
  await recordAudit(tx, actor, {
    workspaceId,
    action: "source.change_published",
    targetType: "source",
    targetId: sourceId,
    before: revisionOf(before, textLength),
    after: anchors
      ? { ...afterSnap, citationsReanchored: { kept: anchors.kept, moved: anchors.moved, notFound: anchors.notFound } }
      : afterSnap,
  });
  return { version };
}

export type FilledText = { applied: true } | { applied: false; reason: string };

/**
 * Gives a source that has no text the text read from a copy of its page
 * fetched later (services/archive), with that copy as its original file, as
 * one new version (history and audit) in the caller's transaction.
 *
 * Only an empty text is filled. A text already there is never replaced from
 * here: quotes are anchored in it, and a replacement is an edit someone makes
 * on the edit page, where citations are re-anchored and what moved is shown.
 * Nor is a source that published material shows: a text would reach its
 * readers without review. The reason comes back, for the archive to show.
 */
export async function fillEmptySourceText(
  tx: Prisma.TransactionClient,
  actor: Actor,
  args: { sourceId: string; workspaceId: string; text: string; originalSha256: string; archiveId: string },
): Promise<FilledText> {
  const { sourceId, workspaceId } = args;
  const text = normalizeText(args.text);
  if (!text) return { applied: false, reason: "no readable text was found in the page" };
  const ref = { targetType: "SOURCE" as const, targetId: sourceId, workspaceId };
  await lockRecord(tx, ref);
  const row = await tx.source.findUnique({
    where: { id: sourceId },
    select: { workspaceId: true, deletedAt: true, version: true, textHash: true, originalSha256: true },
  });
  if (!row || row.workspaceId !== workspaceId || row.deletedAt)
    return { applied: false, reason: "the source was deleted" };
  // textHash is null exactly when the text is empty (see the Source model).
  if (row.textHash !== null) return { applied: false, reason: "it already had a text" };
  if (needsReview(await reviewGate(tx, ref)))
    return {
      applied: false,
      reason: "published material shows the source, and a text would reach its readers without review",
    };
  const hash = textHash(text);
  const twin = await tx.source.findFirst({
    where: { workspaceId, textHash: hash, id: { not: sourceId } },
    select: { title: true },
  });
  if (twin) return { applied: false, reason: `another source already has exactly this text: “${twin.title}”` };
  const version = row.version + 1;
  await tx.source.update({
    where: { id: sourceId },
    data: {
      text,
      textHash: hash,
      originalSha256: row.originalSha256 ?? args.originalSha256,
      updatedById: actor.userId,
      version,
    },
  });
  await saveFingerprint(tx, workspaceId, sourceId, text);
  const details = (await sourceDetailsOf(tx, [sourceId])).get(sourceId)!;
  await recordRevision(tx, actor, {
    workspaceId,
    targetType: "source",
    targetId: sourceId,
    version,
    action: "text_from_archive",
    snapshot: revisionOf(details, text.length),
  });
  await recordAudit(tx, actor, {
    workspaceId,
    action: "source.text_from_archive",
    targetType: "source",
    targetId: sourceId,
    before: { textLength: 0, originalSha256: row.originalSha256 },
    after: {
      textLength: text.length,
      originalSha256: row.originalSha256 ?? args.originalSha256,
      archiveId: args.archiveId,
      version,
    },
  });
  return { applied: true };
}
