import type { NextRequest } from "next/server";
import { DomainError } from "@/server/errors";
import { attachmentHeaders } from "@/server/http/attachment-headers";
import { clientIp } from "@/server/http/client-ip";
import { errorResponse, HTTP_STATUS } from "@/server/http/error-response";
import { sessionIdFromRequest } from "@/server/http/session-from-request";
import { isDatabaseUnavailable, unavailableResponse } from "@/server/http/unavailable";
import { logger } from "@/server/logger";
import { resolveSession } from "@/server/services/auth/index";
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
  try {
    const session = await resolveSession(await sessionIdFromRequest(req));
    if (!session) return errorResponse(401, "Please sign in to continue.");
    const { workspaceId, sourceId } = await ctx.params;
    const file = await readOriginalFile({ userId: session.userId, ip: clientIp(req.headers) }, workspaceId, sourceId);
    return new Response(new Uint8Array(file.bytes), {
      status: 200,
      headers: {
        ...attachmentHeaders(file.contentType, file.fileName),
        "Content-Length": String(file.bytes.byteLength),
        // Lets a reader check the copy against the hash the source page and the briefing manifest print.
        "X-Content-SHA256": file.sha256,
      },
    });
  } catch (err) {
    if (err instanceof DomainError) return errorResponse(HTTP_STATUS[err.code], err.message);
    if (isDatabaseUnavailable(err)) return unavailableResponse();
    logger.error({ err }, "original file download failed");
    return errorResponse(500, "The file could not be sent. Please try again.");
  }
}
