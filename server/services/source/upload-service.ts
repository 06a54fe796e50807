import { requireAccess } from "../access/index.ts";
import type { Actor } from "../access/index.ts";
import { extractSourceText } from "../../lib/source-text/index.ts";

/**
 * Reads an uploaded file into text and whatever metadata it carries, for the
 * new-source form to show before anything is saved. Only contributors may
 * upload; the file itself is never stored.
 */
export async function extractUpload(
  actor: Actor,
  workspaceId: string,
  file: { fileName: string; mimeType?: string; bytes: Uint8Array },
) {
  await requireAccess(actor, workspaceId, "source.write");
  return extractSourceText(file);
}
