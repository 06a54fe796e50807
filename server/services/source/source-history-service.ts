import { db } from "../../db/client.ts";
import { badRequest, notFound } from "../../errors.ts";
import { sourceMetadataSchema } from "../../schemas/source.ts";
import { requireAccessFor } from "../access/index.ts";
import type { Actor } from "../access/index.ts";
import { getRevision } from "../history/index.ts";
import { updateSource } from "./source-service.ts";

/** Restores a source's details from an older version; saved as a new version, based on the current one. */
export async function restoreSourceVersion(
  actor: Actor,
  input: { sourceId: string; revisionId: string; version: number },
) {
  const source = await db.source.findUnique({
    where: { id: input.sourceId },
    select: { workspaceId: true, deletedAt: true },
  });
  if (!source || source.deletedAt) throw notFound("Source");
  // Access first, so nothing about another workspace's versions can be probed.
  await requireAccessFor("Source", actor, source.workspaceId, "source.write");
  const revision = await getRevision(source.workspaceId, "source", input.sourceId, input.revisionId);
  const parsed = sourceMetadataSchema.safeParse(revision.snapshot);
  if (!parsed.success) throw badRequest("That version cannot be restored.");
  return updateSource(actor, { ...parsed.data, sourceId: input.sourceId, version: input.version }, "restored_version");
}
