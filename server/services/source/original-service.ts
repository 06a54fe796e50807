import { createHash } from "node:crypto";
import { db } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";
import { badRequest, notFound } from "../../errors.ts";
import type { SourceFileKind } from "../../lib/source-text/index.ts";
import { requireAccessFor } from "../access/index.ts";
import type { Actor } from "../access/index.ts";

/**
 * The files sources are read from, kept byte for byte so what was quoted can
 * be proved against what came in: addressed by SHA-256 within a workspace (the
 * same bytes twice are one row), in PostgreSQL (bytea, at most the 10 MB upload
 * limit), so backups and workspace deletion carry them like any other data.
 */

/** The type a download declares: what the app read the file as, never what the uploading browser claimed. */
const CONTENT_TYPE: Record<SourceFileKind, string> = {
  html: "text/html",
  pdf: "application/pdf",
  txt: "text/plain",
  md: "text/markdown",
};

export type StoredOriginal = { sha256: string; size: number };

export const sha256Hex = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** Keeps a file (once per workspace and hash) and says how to refer to it. */
export async function storeOriginal(
  client: Pick<Prisma.TransactionClient, "sourceOriginal">,
  actor: Actor,
  workspaceId: string,
  file: { fileName: string; kind: SourceFileKind; bytes: Uint8Array },
): Promise<StoredOriginal> {
  const sha256 = sha256Hex(file.bytes);
  // Two people uploading the same file at once both succeed; the first name it came under stays.
  await client.sourceOriginal.createMany({
    data: [
      {
        workspaceId,
        sha256,
        fileName: file.fileName.slice(0, 255),
        contentType: CONTENT_TYPE[file.kind],
        size: file.bytes.byteLength,
        bytes: new Uint8Array(file.bytes),
        createdById: actor.userId,
      },
    ],
    skipDuplicates: true,
  });
  return { sha256, size: file.bytes.byteLength };
}

/** A hash given with a new source must name a file kept in that workspace (the upload stored it first). */
export async function checkOriginal(
  client: Pick<Prisma.TransactionClient, "sourceOriginal">,
  workspaceId: string,
  sha256: string | null | undefined,
) {
  if (!sha256) return;
  const found = await client.sourceOriginal.findUnique({
    where: { workspaceId_sha256: { workspaceId, sha256 } },
    select: { sha256: true },
  });
  if (!found)
    throw badRequest("The uploaded file was not found. Upload it again.", { originalSha256: "Upload the file again" });
}

/** What a source page shows of its original file (not the bytes). */
export async function originalSummary(workspaceId: string, sha256: string | null) {
  if (!sha256) return null;
  return db.sourceOriginal.findUnique({
    where: { workspaceId_sha256: { workspaceId, sha256 } },
    select: { sha256: true, fileName: true, contentType: true, size: true, createdAt: true },
  });
}

/** "report.html" stays; quotes, slashes, control and non-ASCII characters become "_" so the header stays valid. */
export function safeFileName(name: string, sha256: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._ -]/g, "_").trim();
  return cleaned && !/^\.+$/.test(cleaned) ? cleaned : `original-${sha256.slice(0, 12)}`;
}

/**
 * The original file of a source, for download: the same check as opening the
 * source (any member of its workspace; NOT_FOUND for everyone else, and for a
 * source id given under another workspace's address).
 */
export async function readOriginalFile(actor: Actor, workspaceId: string, sourceId: string) {
  const source = await db.source.findUnique({
    where: { id: sourceId },
    select: { workspaceId: true, deletedAt: true, originalSha256: true },
  });
  if (!source || source.deletedAt || source.workspaceId !== workspaceId) throw notFound("Source");
  await requireAccessFor("Source", actor, source.workspaceId, "source.read");
  if (!source.originalSha256) throw notFound("Original file");
  const file = await db.sourceOriginal.findUnique({
    where: { workspaceId_sha256: { workspaceId, sha256: source.originalSha256 } },
    select: { sha256: true, fileName: true, contentType: true, bytes: true },
  });
  if (!file) throw notFound("Original file");
  return { ...file, fileName: safeFileName(file.fileName, file.sha256) };
}
