import type { NextRequest } from "next/server";
import { DomainError } from "@/server/errors";
import { clientIp } from "@/server/http/client-ip";
import { errorResponse, HTTP_STATUS } from "@/server/http/error-response";
import { isCrossSite } from "@/server/http/same-origin";
import { sessionIdFromRequest } from "@/server/http/session-from-request";
import { resolveSession } from "@/server/services/auth/index";
import { extractUpload } from "@/server/services/source/index";
import { MAX_SOURCE_FILE_BYTES } from "@/server/lib/source-text/index";

export const dynamic = "force-dynamic";

/** Multipart upload of one file → its text and metadata (JSON). Nothing is stored. */
export async function POST(req: NextRequest, ctx: { params: Promise<{ workspaceId: string }> }) {
  if (isCrossSite(req.headers, req.url)) return errorResponse(403, "Cross-site requests are not allowed.");
  const session = await resolveSession(await sessionIdFromRequest(req));
  if (!session) return errorResponse(401, "Please sign in to continue.");
  const length = Number(req.headers.get("content-length") ?? 0);
  if (length > MAX_SOURCE_FILE_BYTES + 64 * 1024) return errorResponse(413, "Files can be at most 10 MB.");
  try {
    const form = await req.formData();
    const file = form.get("file");
    if (!(file instanceof File)) return errorResponse(400, "Choose a file to upload.");
    if (file.size > MAX_SOURCE_FILE_BYTES) return errorResponse(413, "Files can be at most 10 MB.");
    const { workspaceId } = await ctx.params;
    const result = await extractUpload({ userId: session.userId, ip: clientIp(req.headers) }, workspaceId, {
      fileName: file.name,
      mimeType: file.type,
      bytes: new Uint8Array(await file.arrayBuffer()),
    });
    return Response.json(result);
  } catch (err) {
    if (err instanceof DomainError) return errorResponse(HTTP_STATUS[err.code], err.message);
    return errorResponse(400, "The file could not be read.");
  }
}
