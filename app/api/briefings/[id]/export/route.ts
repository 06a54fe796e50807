import type { NextRequest } from "next/server";
import { DomainError } from "@/server/errors";
import { renderExport } from "@/server/export/export-file";
import { EXPORT_LIMIT_STATUS, ExportLimitError } from "@/server/export/limits";
import { clientIp } from "@/server/http/client-ip";
import { errorResponse, HTTP_STATUS } from "@/server/http/error-response";
import { streamBody } from "@/server/http/stream-body";
import { sessionIdFromRequest } from "@/server/http/session-from-request";
import { isDatabaseUnavailable, RETRY_AFTER, unavailableResponse } from "@/server/http/unavailable";
import { logger } from "@/server/logger";
import { recordExport } from "@/server/metrics";
import { exportQuerySchema } from "@/server/schemas/briefing-procedures";
import { loadBriefingForExport } from "@/server/services/briefing/index";
import { resolveSession } from "@/server/services/auth/index";
import { attachmentHeaders } from "@/server/http/attachment-headers";

export const dynamic = "force-dynamic";
// The Typst compiler is a native module in worker threads: Node only.
export const runtime = "nodejs";

const fail = (status: number, error: string) => errorResponse(status, error);

/**
 * GET /api/briefings/{id}/export?format=pdf|md|csv|json[&version=published|working]
 * A download after the same authorization as reading the briefing.
 */
export async function GET(req: NextRequest, ctx: { params: Promise<{ id: string }> }) {
  try {
    return await exportBriefing(req, ctx);
  } catch (err) {
    if (isDatabaseUnavailable(err)) return unavailableResponse();
    throw err;
  }
}

async function exportBriefing(req: NextRequest, ctx: { params: Promise<{ id: string }> }) {
  const started = performance.now();
  const session = await resolveSession(await sessionIdFromRequest(req));
  if (!session) return fail(401, "Please sign in to continue.");
  const params = new URL(req.url).searchParams;
  const query = exportQuerySchema.safeParse({
    format: params.get("format") ?? undefined,
    version: params.get("version") ?? undefined,
    figure: params.get("figure") ?? undefined,
  });
  if (!query.success) return fail(400, query.error.issues[0]?.message ?? "Check the export options.");
  const { id } = await ctx.params;
  try {
    const { doc, revisionId } = await loadBriefingForExport(
      { userId: session.userId, ip: clientIp(req.headers) },
      id,
      query.data.version,
    );
    const file = await renderExport(doc, revisionId, query.data.format, query.data.figure);
    recordExport(query.data.format, "ok", (performance.now() - started) / 1000);
    logger.info(
      {
        briefingId: id,
        format: query.data.format,
        published: doc.published,
        ms: Math.round(performance.now() - started),
      },
      "briefing exported",
    );
    const body =
      typeof file.body === "string" || file.body instanceof Uint8Array
        ? file.body
        : streamBody(file.body, {
            onError: (err) =>
              logger.error(
                { err, briefingId: id, format: query.data.format },
                "briefing export failed while streaming",
              ),
          });
    return new Response(body, {
      status: 200,
      headers: attachmentHeaders(file.contentType, file.fileName),
    });
  } catch (err) {
    if (err instanceof DomainError) return fail(HTTP_STATUS[err.code], err.message);
    const seconds = (performance.now() - started) / 1000;
    if (err instanceof ExportLimitError) {
      recordExport(query.data.format, "refused", seconds);
      return errorResponse(EXPORT_LIMIT_STATUS[err.kind], err.message, err.kind === "BUSY" ? RETRY_AFTER : {});
    }
    recordExport(query.data.format, "failed", seconds);
    if (isDatabaseUnavailable(err)) return unavailableResponse();
    logger.error({ err, briefingId: id, format: query.data.format }, "briefing export failed");
    return fail(500, "The export could not be produced. Please try again.");
  }
}
