import { db } from "../../db/client.ts";
import { notFound } from "../../errors.ts";
import { figuresOf, type BriefingContent } from "../../schemas/briefing.ts";
import { citedMaterialSchema, type BriefingDocument, type CitedMaterial } from "../../schemas/briefing-document.ts";
import type { ExportQuery } from "../../schemas/briefing-procedures.ts";
import type { Actor } from "../access/index.ts";
import { contentOf, contentSelect, publishedContentOf, loadBriefingAccess, namesOf, requireRole } from "./access.ts";
import { citedIdsOf, loadCitedMaterial, storedMaterialFor } from "./cited.ts";
import { lensFor } from "../vote/index.ts";
import { contentHashOf } from "../../lib/canonical-hash.ts";
import { latestPublication } from "./briefing-service.ts";

/**
 * What a briefing export renders, after the same checks as reading the
 * briefing: non-members and unknown or deleted briefings are NOT_FOUND, a
 * viewer gets only the publication (and NOT_FOUND when there is none, so a
 * draft's existence does not leak), the working copy only for contributors.
 * A publication exports exactly what was approved: its frozen content and
 * cited material; the working copy is resolved against the current state.
 * Either way a contributor's copy shows "?" for each grade they have not voted
 * or skipped on yet (blind voting); such a copy of a publication is not the
 * approved document, so it carries the hash of what it does contain.
 */

export type LoadedBriefing = { doc: BriefingDocument; revisionId: string | null };

export function contentHash(content: BriefingContent, cited: CitedMaterial): string {
  return contentHashOf({ content, cited });
}

/** Names in the order of the ids; ids of users no longer there are left out. */
const namesIn = (ids: string[], names: Map<string, string>) =>
  ids.map((id) => names.get(id)).filter((n): n is string => !!n);

/** The id of the briefing's history row for the exported version, if the history has one. */
async function revisionOf(briefingId: string, version: number): Promise<string | null> {
  const row = await db.revision.findFirst({
    where: { targetType: "briefing", targetId: briefingId, version: { lte: version } },
    orderBy: { id: "desc" },
    select: { id: true },
  });
  return row ? row.id.toString() : null;
}

export async function loadBriefingForExport(
  actor: Actor,
  briefingId: string,
  version: ExportQuery["version"],
  now = new Date(),
): Promise<LoadedBriefing> {
  const { access } = await loadBriefingAccess(actor, briefingId);
  if (version === "working") requireRole(access, "briefing.readDrafts");
  const [b, publication] = await Promise.all([
    db.briefing.findUniqueOrThrow({
      where: { id: briefingId },
      select: {
        ...contentSelect,
        id: true,
        workspaceId: true,
        version: true,
        status: true,
        authorIds: true,
        createdById: true,
        workspace: { select: { name: true } },
        figures: true,
        quoteLanguage: true,
      },
    }),
    latestPublication(briefingId),
  ]);
  if (version === "published" && !publication) throw notFound("Published version of this briefing");

  const base = { briefingId: b.id, workspaceName: b.workspace.name, exportedAt: now.toISOString() };
  const lens = lensFor(actor, access.role);
  if (publication && version !== "working") {
    const content = publishedContentOf(publication.content);
    const [names, revisionId, stored] = await Promise.all([
      namesOf([...publication.authorIds, ...publication.reviewerIds]),
      revisionOf(b.id, publication.version),
      storedMaterialFor(lens, b.workspaceId, citedMaterialSchema.parse(publication.cited), db),
    ]);
    return {
      revisionId,
      doc: {
        ...content,
        ...base,
        version: publication.version,
        versionNumber: publication.number,
        published: true,
        authors: namesIn(publication.authorIds, names),
        reviewers: namesIn(publication.reviewerIds, names),
        publishedAt: publication.approvedAt.toISOString(),
        cited: stored.material,
        figures: figuresOf(publication.figures),
        quoteLanguage: publication.quoteLanguage,
        contentHash: stored.withheld ? contentHash(content, stored.material) : publication.contentHash,
        correction:
          publication.correction && publication.correctedAt
            ? { text: publication.correction, date: publication.correctedAt.toISOString() }
            : null,
      },
    };
  }

  const content = contentOf(b);
  const authorIds = b.authorIds.length ? b.authorIds : [b.createdById];
  const [{ material }, names, revisionId] = await Promise.all([
    loadCitedMaterial(db, b.workspaceId, citedIdsOf(content), lens),
    namesOf(authorIds),
    revisionOf(b.id, b.version),
  ]);
  return {
    revisionId,
    doc: {
      ...content,
      ...base,
      version: b.version,
      // As on the briefing's page: the working copy of a published briefing is the draft of the next version.
      versionNumber: b.status !== "PUBLISHED" ? (publication?.number ?? 0) + 1 : (publication?.number ?? 1),
      published: false,
      authors: namesIn(authorIds, names),
      reviewers: [],
      publishedAt: null,
      cited: material,
      figures: figuresOf(b.figures),
      quoteLanguage: b.quoteLanguage,
      contentHash: contentHash(content, material),
      correction: null,
    },
  };
}
