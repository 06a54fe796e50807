import type { NextRequest } from "next/server";
import { DomainError } from "@/server/errors";
import { attachmentHeaders } from "@/server/http/attachment-headers";
import { clientIp } from "@/server/http/client-ip";
import { errorResponse, HTTP_STATUS } from "@/server/http/error-response";
import { sessionIdFromRequest } from "@/server/http/session-from-request";
import { isDatabaseUnavailable, unavailableResponse } from "@/server/http/unavailable";
import { logger } from "@/server/logger";
import { readArchiveFile } from "@/server/services/archive/index";
import { resolveSession } from "@/server/services/auth/index";

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
  try {
    const session = await resolveSession(await sessionIdFromRequest(req));
    if (!session) return errorResponse(401, "Please sign in to continue.");
    const { workspaceId, sourceId, archiveId } = await ctx.params;
    const file = await readArchiveFile(
      { userId: session.userId, ip: clientIp(req.headers) },
      workspaceId,
      sourceId,
      archiveId,
    );
    return new Response(new Uint8Array(file.bytes), {
      status: 200,
      headers: {
        ...attachmentHeaders(file.contentType, file.fileName),
        "Content-Length": String(file.bytes.byteLength),
        // Lets a reader check the copy against the hash the source page shows.
        "X-Content-SHA256": file.sha256,
      },
    });
  } catch (err) {
    if (err instanceof DomainError) return errorResponse(HTTP_STATUS[err.code], err.message);
    if (isDatabaseUnavailable(err)) return unavailableResponse();
    logger.error({ err }, "archived page download failed");
    return errorResponse(500, "The file could not be sent. Please try again.");
  }
}
