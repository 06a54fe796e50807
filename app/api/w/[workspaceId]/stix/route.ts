import type { NextRequest } from "next/server";
import { DomainError } from "@/server/errors";
import { clientIp } from "@/server/http/client-ip";
import { errorResponse, HTTP_STATUS } from "@/server/http/error-response";
import { sessionIdFromRequest } from "@/server/http/session-from-request";
import { isDatabaseUnavailable, unavailableResponse } from "@/server/http/unavailable";
import { logger } from "@/server/logger";
import { stixExportQuerySchema } from "@/server/schemas/stix";
import { BodyTooLargeError, readBody } from "@/server/http/body-limit";
import { isCrossSite } from "@/server/http/same-origin";
import { MAX_STIX_BYTES } from "@/server/schemas/stix";
import { resolveSession } from "@/server/services/auth/index";
import { exportStixBriefing, exportStixChronology, importStixBundle } from "@/server/services/stix/index";
import { attachmentHeaders } from "@/server/http/attachment-headers";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * GET /api/w/{workspaceId}/stix?scope=workspace|chronology|briefing[&briefingId=…][&<chronology filters>]
 * A STIX 2.1 bundle as a download, after the same checks as reading what it holds.
 */
export async function GET(req: NextRequest, ctx: { params: Promise<{ workspaceId: string }> }) {
  const started = performance.now();
  const { workspaceId } = await ctx.params;
  try {
    const session = await resolveSession(await sessionIdFromRequest(req));
    if (!session) return errorResponse(401, "Please sign in to continue.");
    const query = stixExportQuerySchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
    if (!query.success) return errorResponse(400, query.error.issues[0]?.message ?? "Check the export options.");
    const actor = { userId: session.userId, ip: clientIp(req.headers) };
    const { scope, briefingId, ...filters } = query.data;
    const file =
      scope === "briefing"
        ? await exportStixBriefing(actor, briefingId!, workspaceId)
        : await exportStixChronology(actor, workspaceId, scope === "workspace" ? {} : filters);
    logger.info(
      { workspaceId, scope, objects: file.bundle.objects.length, ms: Math.round(performance.now() - started) },
      "stix exported",
    );
    return new Response(JSON.stringify(file.bundle, null, 2), {
      status: 200,
      headers: attachmentHeaders("application/stix+json;version=2.1", file.fileName),
    });
  } catch (err) {
    if (err instanceof DomainError) return errorResponse(HTTP_STATUS[err.code], err.message);
    if (isDatabaseUnavailable(err)) return unavailableResponse();
    logger.error({ err, workspaceId }, "stix export failed");
    return errorResponse(500, "The export could not be produced. Please try again.");
  }
}

/** The file plus the multipart envelope around it. */
const MAX_UPLOAD_BYTES = MAX_STIX_BYTES + 64 * 1024;
const TOO_BIG = "STIX bundles can be at most 10 MB.";

/**
 * POST /api/w/{workspaceId}/stix (multipart/form-data, field "file"): a STIX 2.1
 * bundle imported as candidates for review. Every refusal is a 4xx that says
 * why, and a refused bundle changes nothing.
 */
export async function POST(req: NextRequest, ctx: { params: Promise<{ workspaceId: string }> }) {
  if (isCrossSite(req.headers, req.url)) return errorResponse(403, "Cross-site requests are not allowed.");
  const { workspaceId } = await ctx.params;
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
      if (err instanceof BodyTooLargeError) return errorResponse(413, TOO_BIG);
      return errorResponse(400, "The upload could not be read. Send the file as multipart/form-data.");
    }
    const file = form.get("file");
    if (!(file instanceof File)) return errorResponse(400, "Choose a STIX bundle (.json) to upload.");
    if (file.size > MAX_STIX_BYTES) return errorResponse(413, TOO_BIG);
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
    } catch {
      return errorResponse(400, "This file is not text. Choose a STIX 2.1 bundle (a .json file).");
    }
    const result = await importStixBundle(
      { userId: session.userId, ip: clientIp(req.headers) },
      { workspaceId, fileName: file.name, text },
    );
    return Response.json(result);
  } catch (err) {
    if (err instanceof DomainError) return errorResponse(HTTP_STATUS[err.code], err.message);
    if (isDatabaseUnavailable(err)) return unavailableResponse();
    logger.error({ err, workspaceId }, "stix import failed");
    return errorResponse(500, "The import could not be completed. Please try again.");
  }
}
