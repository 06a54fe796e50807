import { db } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";
import { badRequest, conflict, notFound } from "../../errors.ts";
import { decodeCursor, decodeDate, encodeCursor } from "../../lib/cursor.ts";
import {
  archiveTextSchema,
  archiveUrlSchema,
  listArchivesSchema,
  requestArchiveSchema,
  type RequestArchiveInput,
} from "../../schemas/archive.ts";
import type { Page } from "../../schemas/common.ts";
import { requireAccessFor } from "../access/index.ts";
import type { Actor } from "../access/index.ts";
import { recordAudit } from "../audit/index.ts";
import { safeFileName } from "../source/index.ts";
import { archiveFileName } from "./file-name.ts";
import { enqueueArchive } from "./runner.ts";

const NO_ADDRESS = "This source has no web address. Enter the address to archive.";
const ALREADY_WAITING =
  "This source already has a page waiting to be archived. When that one is done or has failed, ask again.";

/** The source, not in the trash, with the caller's access for `permission`; NOT_FOUND for anyone else. */
async function sourceFor(actor: Actor, sourceId: string, permission: "source.read" | "source.write") {
  const source = await db.source.findUnique({
    where: { id: sourceId },
    select: { workspaceId: true, deletedAt: true, url: true },
  });
  if (!source || source.deletedAt) throw notFound("Source");
  const access = await requireAccessFor("Source", actor, source.workspaceId, permission);
  return { ...source, access };
}

/**
 * Asks the server to fetch and keep a source's page (its own address, or
 * another given for the same document). The request and its job are written
 * in one transaction, under the source's row lock, so two clicks at once make
 * one request: a second is refused while one waits.
 */
export async function requestArchive(actor: Actor, raw: RequestArchiveInput) {
  const input = requestArchiveSchema.parse(raw);
  const source = await sourceFor(actor, input.sourceId, "source.write");
  const address = input.url || source.url;
  if (!address) throw badRequest(NO_ADDRESS, { url: "Enter the web address to archive" });
  // A stored address was checked as a source's address; it is checked again as one to fetch.
  const checked = archiveUrlSchema.safeParse(address);
  if (!checked.success) {
    const message = checked.error.issues[0]?.message ?? "Enter a full web address";
    throw badRequest(message, { url: message });
  }
  const url = checked.data;
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Source" WHERE id = ${input.sourceId} FOR UPDATE`;
    const waiting = await tx.sourceArchive.findFirst({
      where: { sourceId: input.sourceId, status: "QUEUED" },
      select: { id: true },
    });
    if (waiting) throw conflict(ALREADY_WAITING);
    const archive = await tx.sourceArchive.create({
      data: { workspaceId: source.workspaceId, sourceId: input.sourceId, url, requestedById: actor.userId },
      select: { id: true, status: true, url: true, createdAt: true },
    });
    await enqueueArchive(tx, archive.id);
    await recordAudit(tx, actor, {
      workspaceId: source.workspaceId,
      action: "source.archive_requested",
      targetType: "source",
      targetId: input.sourceId,
      after: { archiveId: archive.id, url },
    });
    return archive;
  });
}

const archiveSelect = {
  id: true,
  url: true,
  status: true,
  message: true,
  finalUrl: true,
  httpStatus: true,
  contentType: true,
  size: true,
  sha256: true,
  textApplied: true,
  createdAt: true,
  finishedAt: true,
  requestedBy: { select: { id: true, name: true } },
} satisfies Prisma.SourceArchiveSelect;

export type ArchiveView = Prisma.SourceArchiveGetPayload<{ select: typeof archiveSelect }> & { textLength: number };

/** A source's archives, newest first, for anyone who may open the source; the texts are read one at a time. */
export async function listArchives(
  actor: Actor,
  raw: { sourceId: string; cursor?: string | null; limit?: number },
): Promise<Page<ArchiveView>> {
  const input = listArchivesSchema.parse(raw);
  const source = await sourceFor(actor, input.sourceId, "source.read");
  const where: Prisma.SourceArchiveWhereInput = { sourceId: input.sourceId, workspaceId: source.workspaceId };
  if (input.cursor) {
    const [at, id] = decodeCursor(input.cursor, 2);
    const createdAt = decodeDate(at!);
    where.OR = [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: id } }];
  }
  const rows = await db.sourceArchive.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    select: archiveSelect,
  });
  const page = rows.slice(0, input.limit);
  // Only the lengths: a page's text may run to two million characters, and is loaded when it is opened.
  const lengths = page.length
    ? await db.$queryRaw<{ id: string; n: number }[]>`
        SELECT id, length(text)::int AS n FROM "SourceArchive" WHERE id = ANY(${page.map((p) => p.id)})`
    : [];
  const lengthOf = new Map(lengths.map((l) => [l.id, l.n]));
  const last = page.at(-1);
  return {
    items: page.map((a) => ({ ...a, textLength: lengthOf.get(a.id) ?? 0 })),
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.createdAt, last.id]) : null,
  };
}

/** The archive, if the caller may open its source; NOT_FOUND otherwise, whatever the workspace. */
async function readableArchive(actor: Actor, archiveId: string, sourceId?: string) {
  const archive = await db.sourceArchive.findUnique({
    where: { id: archiveId },
    select: {
      workspaceId: true,
      sourceId: true,
      sha256: true,
      finalUrl: true,
      url: true,
      source: { select: { deletedAt: true } },
    },
  });
  if (!archive || archive.source.deletedAt || (sourceId !== undefined && archive.sourceId !== sourceId))
    throw notFound("Archive");
  await requireAccessFor("Archive", actor, archive.workspaceId, "source.read");
  return archive;
}

/** The readable text of one archived page. */
export async function getArchiveText(actor: Actor, raw: { archiveId: string }) {
  const { archiveId } = archiveTextSchema.parse(raw);
  await readableArchive(actor, archiveId);
  const { text } = await db.sourceArchive.findUniqueOrThrow({ where: { id: archiveId }, select: { text: true } });
  return { id: archiveId, text };
}

/**
 * The page as fetched, byte for byte, for download: the same check as opening
 * the source (NOT_FOUND for anyone else, and for ids under another workspace's
 * or source's address).
 */
export async function readArchiveFile(actor: Actor, workspaceId: string, sourceId: string, archiveId: string) {
  const archive = await readableArchive(actor, archiveId, sourceId);
  if (archive.workspaceId !== workspaceId) throw notFound("Archive");
  if (!archive.sha256) throw notFound("Archived file");
  const file = await db.sourceOriginal.findUnique({
    where: { workspaceId_sha256: { workspaceId, sha256: archive.sha256 } },
    select: { sha256: true, contentType: true, bytes: true },
  });
  if (!file) throw notFound("Archived file");
  return {
    ...file,
    fileName: safeFileName(archiveFileName(archive.finalUrl ?? archive.url, file.contentType), file.sha256),
  };
}
