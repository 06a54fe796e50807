import { db } from "../../db/client.ts";
import { requireAccess } from "../access/index.ts";
import type { Actor } from "../access/index.ts";
import { extractSourceText } from "../../lib/source-text/index.ts";
import { storeOriginal } from "./original-service.ts";

/**
 * Reads an uploaded file into text and whatever metadata it carries, for the
 * new-source form to show before the source is saved. Only contributors may
 * upload. A file that could be read is kept as it came (once per hash): the
 * form sends its hash back with the new source, which links the two.
 */
export async function extractUpload(
  actor: Actor,
  workspaceId: string,
  file: { fileName: string; mimeType?: string; bytes: Uint8Array },
) {
  await requireAccess(actor, workspaceId, "source.write");
  const extracted = await extractSourceText(file);
  const original = await storeOriginal(db, actor, workspaceId, {
    fileName: file.fileName,
    kind: extracted.kind,
    bytes: file.bytes,
  });
  return { ...extracted, original };
}
