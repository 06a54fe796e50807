import type { NextRequest } from "next/server";
import { DomainError } from "@/server/errors";
import {
  ChronologyExportError,
  EXPORT_FAILED_MESSAGE,
  startChronologyExport,
} from "@/server/export/chronology-exporter";
import { clientIp } from "@/server/http/client-ip";
import { errorResponse, HTTP_STATUS } from "@/server/http/error-response";
import { sessionIdFromRequest } from "@/server/http/session-from-request";
import { isDatabaseUnavailable, unavailableResponse } from "@/server/http/unavailable";
import { logger } from "@/server/logger";
import { recordChronologyExport } from "@/server/metrics";
import { exportEventsSchema } from "@/server/schemas/event";
import { resolveSession } from "@/server/services/auth/index";
import { attachmentHeaders } from "@/server/http/attachment-headers";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const FILTERS = ["from", "to", "when", "entityId", "tag", "text", "status", "hasCitation"] as const;

/**
 * GET /api/w/{workspaceId}/events/export?format=csv|json[&from=…&to=…&tag=…&…]
 * The chronology with the list's filters, as a download written while it is
 * read. Sign-in, membership, the filters and the first page's checks happen
 * before the status line, so those failures are real 4xx answers; a failure
 * after that cuts the transfer. The file is written in a worker thread of its
 * own (server/export/chronology-exporter.ts).
 */
export async function GET(req: NextRequest, ctx: { params: Promise<{ workspaceId: string }> }) {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  const params = new URL(req.url).searchParams;
  // The metrics' label: one of the two formats, or "other" (never what a client typed).
  const requested = params.get("format");
  const label = requested === "csv" || requested === "json" ? requested : "other";
  const record = (outcome: Parameters<typeof recordChronologyExport>[1]) =>
    recordChronologyExport(label, outcome, seconds());
  const refuse = (status: number, message: string) => {
    record("refused");
    return errorResponse(status, message);
  };
  try {
    const session = await resolveSession(await sessionIdFromRequest(req));
    if (!session) return refuse(401, "Please sign in to continue.");
    const { workspaceId } = await ctx.params;
    const raw: Record<string, string | undefined> = { workspaceId, format: requested ?? undefined };
    for (const f of FILTERS) raw[f] = params.get(f) || undefined;
    const input = exportEventsSchema.safeParse(raw);
    if (!input.success) return refuse(400, input.error.issues[0]?.message ?? "Check the export options.");
    const { format, ...filters } = input.data;
    const file = await startChronologyExport(
      { userId: session.userId, ip: clientIp(req.headers) },
      format,
      filters,
      Object.fromEntries(FILTERS.flatMap((f) => (raw[f] === undefined ? [] : [[f, raw[f]]]))),
      {
        onEnd: (chunks) => {
          record("ok");
          logger.info({ workspaceId, format, chunks, ms: Math.round(seconds() * 1000) }, "chronology exported");
        },
        onError: (err) => {
          record("failed");
          logger.error({ err, workspaceId, format }, "chronology export failed while streaming");
        },
        onCancel: () => record("cancelled"),
      },
    );
    return new Response(file.body, { status: 200, headers: attachmentHeaders(file.contentType, file.fileName) });
  } catch (err) {
    if (err instanceof DomainError) return refuse(HTTP_STATUS[err.code], err.message);
    record("failed");
    if (isDatabaseUnavailable(err) || (err instanceof ChronologyExportError && err.unavailable))
      return unavailableResponse();
    logger.error({ err }, "chronology export failed");
    return errorResponse(500, EXPORT_FAILED_MESSAGE);
  }
}
