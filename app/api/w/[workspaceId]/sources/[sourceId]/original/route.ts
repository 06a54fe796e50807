import type { NextRequest } from "next/server";
import { storedFileResponse } from "@/server/http/stored-file-response";
import { readOriginalFile } from "@/server/services/source/index";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * GET /api/w/{workspaceId}/sources/{sourceId}/original
 * The file a source was read from, byte for byte, for members of its workspace
 * (NOT_FOUND for anyone else). Always an attachment with the type the app read
 * it as and nosniff: a stored HTML page must never render on the app's origin.
 */
export async function GET(req: NextRequest, ctx: { params: Promise<{ workspaceId: string; sourceId: string }> }) {
  const { workspaceId, sourceId } = await ctx.params;
  return storedFileResponse(req, "original file", (actor) => readOriginalFile(actor, workspaceId, sourceId));
}
