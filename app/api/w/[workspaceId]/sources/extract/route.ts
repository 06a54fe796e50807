import type { NextRequest } from "next/server";
import { DomainError } from "@/server/errors";
import { clientIp } from "@/server/http/client-ip";
import { isCrossSite } from "@/server/http/same-origin";
import { sessionIdFromRequest } from "@/server/http/session-from-request";
import { resolveSession } from "@/server/services/session-service";
import { extractUpload } from "@/server/services/source-import";
import { MAX_SOURCE_FILE_BYTES } from "@/server/services/source-text";

export const dynamic = "force-dynamic";

const STATUS = { NOT_FOUND: 404, FORBIDDEN: 403, CONFLICT: 409, BAD_REQUEST: 400, TOO_MANY_REQUESTS: 429 } as const;

/** Multipart upload of one file → its text and metadata (JSON). Nothing is stored. */
export async function POST(req: NextRequest, ctx: { params: Promise<{ workspaceId: string }> }) {
  if (isCrossSite(req.headers, req.url)) return Response.json({ error: "Cross-site requests are not allowed." }, { status: 403 });
  const session = await resolveSession(await sessionIdFromRequest(req));
  if (!session) return Response.json({ error: "Please sign in to continue." }, { status: 401 });
  const length = Number(req.headers.get("content-length") ?? 0);
  if (length > MAX_SOURCE_FILE_BYTES + 64 * 1024) return Response.json({ error: "Files can be at most 10 MB." }, { status: 413 });
  try {
    const form = await req.formData();
    const file = form.get("file");
    if (!(file instanceof File)) return Response.json({ error: "Choose a file to upload." }, { status: 400 });
    if (file.size > MAX_SOURCE_FILE_BYTES) return Response.json({ error: "Files can be at most 10 MB." }, { status: 413 });
    const { workspaceId } = await ctx.params;
    const result = await extractUpload(
      { userId: session.userId, ip: clientIp(req.headers) },
      workspaceId,
      { fileName: file.name, mimeType: file.type, bytes: new Uint8Array(await file.arrayBuffer()) },
    );
    return Response.json(result);
  } catch (err) {
    if (err instanceof DomainError) return Response.json({ error: err.message }, { status: STATUS[err.code] });
    return Response.json({ error: "The file could not be read." }, { status: 400 });
  }
}
