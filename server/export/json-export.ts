import type { BriefingDocument } from "../schemas/briefing-document.ts";

/** The cited events and sources as JSON, with the briefing they were cited by. */
export function citedMaterialJson(doc: BriefingDocument, revisionId: string | null): string {
  return `${JSON.stringify(
    {
      briefing: {
        id: doc.briefingId,
        title: doc.title,
        marking: doc.marking,
        workspace: doc.workspaceName,
        // versionNumber is the version people know (publications); version the save it was exported at.
        versionNumber: doc.versionNumber,
        version: doc.version,
        revisionId,
        published: doc.published,
        publishedAt: doc.publishedAt,
        exportedAt: doc.exportedAt,
        authors: doc.authors,
        reviewers: doc.reviewers,
        contentHash: doc.contentHash,
      },
      events: doc.cited.events,
      sources: doc.cited.sources,
    },
    null,
    2,
  )}\n`;
}
