import type { NextRequest } from "next/server";
import { DomainError } from "@/server/errors";
import { BodyTooLargeError, readBody } from "@/server/http/body-limit";
import { clientIp } from "@/server/http/client-ip";
import { errorResponse, HTTP_STATUS } from "@/server/http/error-response";
import { isCrossSite } from "@/server/http/same-origin";
import { sessionIdFromRequest } from "@/server/http/session-from-request";
import { isDatabaseUnavailable, unavailableResponse } from "@/server/http/unavailable";
import { resolveSession } from "@/server/services/auth/index";
import { extractUpload } from "@/server/services/source/index";
import { MAX_SOURCE_FILE_BYTES } from "@/server/lib/source-text/index";

export const dynamic = "force-dynamic";

/** The file plus the multipart envelope around it (boundaries, headers, the file name). */
const MAX_UPLOAD_BYTES = MAX_SOURCE_FILE_BYTES + 64 * 1024;

/** Multipart upload of one file → its text and metadata (JSON). Nothing is stored. */
export async function POST(req: NextRequest, ctx: { params: Promise<{ workspaceId: string }> }) {
  if (isCrossSite(req.headers, req.url)) return errorResponse(403, "Cross-site requests are not allowed.");
  try {
    const session = await resolveSession(await sessionIdFromRequest(req));
    if (!session) return errorResponse(401, "Please sign in to continue.");
    let form: FormData;
    try {
      // Counted as it streams in and cut at the limit, with or without a Content-Length.
      const body = await readBody(req, MAX_UPLOAD_BYTES);
      form = await new Response(body, {
        headers: { "content-type": req.headers.get("content-type") ?? "" },
      }).formData();
    } catch (err) {
      if (err instanceof BodyTooLargeError) return errorResponse(413, "Files can be at most 10 MB.");
      return errorResponse(400, "The upload could not be read. Send the file as multipart/form-data.");
    }
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
    if (isDatabaseUnavailable(err)) return unavailableResponse();
    return errorResponse(400, "The file could not be read.");
  }
}
