import type { NextRequest } from "next/server";
import { DomainError } from "../errors.ts";
import { logger } from "../logger.ts";
import type { Actor } from "../services/access/index.ts";
import { resolveSession } from "../services/auth/index.ts";
import { attachmentHeaders } from "./attachment-headers.ts";
import { clientIp } from "./client-ip.ts";
import { errorResponse, HTTP_STATUS } from "./error-response.ts";
import { sessionIdFromRequest } from "./session-from-request.ts";
import { isDatabaseUnavailable, unavailableResponse } from "./unavailable.ts";

type StoredFile = { bytes: Uint8Array; contentType: string; fileName: string; sha256: string };

/**
 * A file kept as it came (an upload, an archived page), sent to the signed-in
 * reader `read` lets see it: always an attachment with nosniff, so stored HTML
 * never renders on the app's origin, and its SHA-256, so a reader can check
 * the copy against the hash the app shows. 401 without a session; a refusal
 * keeps its status and message.
 */
export async function storedFileResponse(req: NextRequest, what: string, read: (actor: Actor) => Promise<StoredFile>) {
  try {
    const session = await resolveSession(await sessionIdFromRequest(req));
    if (!session) return errorResponse(401, "Please sign in to continue.");
    const file = await read({ userId: session.userId, ip: clientIp(req.headers) });
    return new Response(new Uint8Array(file.bytes), {
      status: 200,
      headers: {
        ...attachmentHeaders(file.contentType, file.fileName),
        "Content-Length": String(file.bytes.byteLength),
        "X-Content-SHA256": file.sha256,
      },
    });
  } catch (err) {
    if (err instanceof DomainError) return errorResponse(HTTP_STATUS[err.code], err.message);
    if (isDatabaseUnavailable(err)) return unavailableResponse();
    logger.error({ err }, `${what} download failed`);
    return errorResponse(500, "The file could not be sent. Please try again.");
  }
}
