import type { BriefingDocument } from "../schemas/briefing-document.ts";
import { arrayOf, prettyJsonChunks } from "./json-stream.ts";

/** Items per chunk written to the response. */
const ITEMS_PER_CHUNK = 200;

function* batches<T>(items: T[]): Generator<T[]> {
  for (let i = 0; i < items.length; i += ITEMS_PER_CHUNK) yield items.slice(i, i + ITEMS_PER_CHUNK);
}

/** The cited events and sources as JSON, with the briefing they were cited by, chunk by chunk. */
export async function* citedMaterialJsonChunks(
  doc: BriefingDocument,
  revisionId: string | null,
): AsyncGenerator<string> {
  yield* prettyJsonChunks({
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
    events: arrayOf(batches(doc.cited.events)),
    sources: arrayOf(batches(doc.cited.sources)),
  });
  yield "\n";
}

export async function citedMaterialJson(doc: BriefingDocument, revisionId: string | null): Promise<string> {
  let out = "";
  for await (const chunk of citedMaterialJsonChunks(doc, revisionId)) out += chunk;
  return out;
}
