import type { NextRequest } from "next/server";
import { storedFileResponse } from "@/server/http/stored-file-response";
import { readArchiveFile } from "@/server/services/archive/index";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * GET /api/w/{workspaceId}/sources/{sourceId}/archives/{archiveId}
 * An archived page as the server fetched it, byte for byte, for members who
 * may open the source (NOT_FOUND for anyone else). Always an attachment with
 * nosniff: a fetched page must never render on the app's origin.
 */
export async function GET(
  req: NextRequest,
  ctx: { params: Promise<{ workspaceId: string; sourceId: string; archiveId: string }> },
) {
  const { workspaceId, sourceId, archiveId } = await ctx.params;
  return storedFileResponse(req, "archived page", (actor) => readArchiveFile(actor, workspaceId, sourceId, archiveId));
}
