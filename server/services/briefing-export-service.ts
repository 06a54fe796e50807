import { z } from "zod";
import { db } from "../db/client.ts";
import { DomainError, forbidden, notFound } from "../errors.ts";
import { can } from "../policy.ts";
import { briefingContentSchema, keyJudgmentSchema, MARKINGS, type BriefingContent } from "../schemas/briefing.ts";
import type { BriefingDocument, CitedMaterial } from "../schemas/briefing-document.ts";
import { requireAccess } from "./access.ts";
import type { Actor } from "./actor.ts";
import { citedIdsOf, loadCitedMaterial } from "./briefing-cited.ts";
import { contentHashOf } from "./briefing-hash.ts";

/**
 * What a briefing export renders, after the same checks as reading the
 * briefing: non-members and unknown or deleted briefings are NOT_FOUND, a
 * viewer gets only the publication (and NOT_FOUND when there is none, so a
 * draft's existence does not leak), the working copy only for contributors.
 * A publication exports exactly what was approved: its frozen content and
 * cited material; the working copy is resolved against the current state.
 */

export const EXPORT_FORMATS = ["pdf", "md", "csv", "json"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const exportQuerySchema = z.object({
  format: z.enum(EXPORT_FORMATS, { message: "Choose a format: pdf, md, csv or json" }).default("pdf"),
  version: z.enum(["published", "working"], { message: "Choose version=published or version=working" }).optional(),
});
export type ExportQuery = z.infer<typeof exportQuerySchema>;

export type LoadedBriefing = { doc: BriefingDocument; revisionId: string | null };

export function contentHash(content: BriefingContent, cited: CitedMaterial): string {
  return contentHashOf({ content, cited });
}

/** Stored JSON back to content; a judgment that no longer parses is left out rather than failing the export. */
function contentOf(raw: { title: string; marking: string; summary: string; body: string; keyJudgments: unknown }): BriefingContent {
  const parsed = briefingContentSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const judgments = Array.isArray(raw.keyJudgments) ? raw.keyJudgments.flatMap((k) => keyJudgmentSchema.safeParse(k).data ?? []) : [];
  return {
    title: raw.title || "Untitled briefing",
    marking: (MARKINGS as readonly string[]).includes(raw.marking) ? (raw.marking as BriefingContent["marking"]) : "TLP:AMBER",
    summary: raw.summary ?? "",
    body: raw.body ?? "",
    keyJudgments: judgments,
  };
}

async function namesOf(ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const users = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  const byId = new Map(users.map((u) => [u.id, u.name]));
  return ids.map((id) => byId.get(id)).filter((n): n is string => !!n);
}

/** The id of the briefing's history row for the exported version, if the history has one. */
async function revisionOf(briefingId: string, version: number): Promise<string | null> {
  const row = await db.revision.findFirst({
    where: { targetType: "briefing", targetId: briefingId, version: { lte: version } },
    orderBy: { id: "desc" },
    select: { id: true },
  });
  return row ? row.id.toString() : null;
}

export async function loadBriefingForExport(actor: Actor, briefingId: string, version: ExportQuery["version"], now = new Date()): Promise<LoadedBriefing> {
  const b = await db.briefing.findUnique({
    where: { id: briefingId },
    select: {
      id: true,
      workspaceId: true,
      deletedAt: true,
      title: true,
      marking: true,
      summary: true,
      body: true,
      keyJudgments: true,
      version: true,
      authorIds: true,
      createdById: true,
      workspace: { select: { name: true } },
    },
  });
  if (!b || b.deletedAt) throw notFound("Briefing");
  const access = await requireAccess(actor, b.workspaceId, "briefing.readPublished").catch((err: unknown) => {
    throw err instanceof DomainError && err.code === "NOT_FOUND" ? notFound("Briefing") : err;
  });
  const drafts = can(access.role, "briefing.readDrafts");
  const publication = await db.briefingPublication.findFirst({
    where: { briefingId },
    orderBy: [{ version: "desc" }],
    select: { version: true, content: true, cited: true, authorIds: true, reviewerIds: true, contentHash: true, approvedAt: true },
  });
  if (!drafts && !publication) throw notFound("Briefing");
  if (version === "working" && !drafts) throw forbidden("Your role in this workspace shows published briefings only.");
  if (version === "published" && !publication) throw notFound("Published version of this briefing");

  const exportedAt = now.toISOString();
  if (publication && version !== "working") {
    const content = contentOf(publication.content as Parameters<typeof contentOf>[0]);
    const [authors, reviewers, revisionId] = await Promise.all([namesOf(publication.authorIds), namesOf(publication.reviewerIds), revisionOf(b.id, publication.version)]);
    return {
      revisionId,
      doc: {
        ...content,
        briefingId: b.id,
        workspaceName: b.workspace.name,
        version: publication.version,
        published: true,
        authors,
        reviewers,
        publishedAt: publication.approvedAt.toISOString(),
        exportedAt,
        cited: publication.cited as CitedMaterial,
        contentHash: publication.contentHash,
      },
    };
  }

  const content = contentOf(b);
  const [{ material }, authors, revisionId] = await Promise.all([
    loadCitedMaterial(db, b.workspaceId, citedIdsOf(content)),
    namesOf(b.authorIds.length ? b.authorIds : [b.createdById]),
    revisionOf(b.id, b.version),
  ]);
  return {
    revisionId,
    doc: {
      ...content,
      briefingId: b.id,
      workspaceName: b.workspace.name,
      version: b.version,
      published: false,
      authors,
      reviewers: [],
      publishedAt: null,
      exportedAt,
      cited: material,
      contentHash: contentHash(content, material),
    },
  };
}
