import type { NextRequest } from "next/server";
import { DomainError } from "@/server/errors";
import { chronologyFile } from "@/server/export/chronology-export";
import { clientIp } from "@/server/http/client-ip";
import { errorResponse, HTTP_STATUS } from "@/server/http/error-response";
import { sessionIdFromRequest } from "@/server/http/session-from-request";
import { streamBody } from "@/server/http/stream-body";
import { isDatabaseUnavailable, unavailableResponse } from "@/server/http/unavailable";
import { logger } from "@/server/logger";
import { exportEventsSchema } from "@/server/schemas/event";
import { exportChronology } from "@/server/services/event/index";
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
 * after that cuts the transfer (see streamBody).
 */
export async function GET(req: NextRequest, ctx: { params: Promise<{ workspaceId: string }> }) {
  const started = performance.now();
  try {
    const session = await resolveSession(await sessionIdFromRequest(req));
    if (!session) return errorResponse(401, "Please sign in to continue.");
    const params = new URL(req.url).searchParams;
    const { workspaceId } = await ctx.params;
    const raw: Record<string, string | undefined> = { workspaceId, format: params.get("format") ?? undefined };
    for (const f of FILTERS) raw[f] = params.get(f) || undefined;
    const input = exportEventsSchema.safeParse(raw);
    if (!input.success) return errorResponse(400, input.error.issues[0]?.message ?? "Check the export options.");
    const { format, ...filters } = input.data;
    const exp = await exportChronology({ userId: session.userId, ip: clientIp(req.headers) }, filters);
    const file = chronologyFile(
      format,
      exp,
      Object.fromEntries(FILTERS.map((f) => [f, raw[f]]).filter(([, v]) => v !== undefined)),
    );
    let rows = 0;
    async function* counted() {
      for await (const chunk of file.body) {
        yield chunk;
        rows++;
      }
      logger.info(
        { workspaceId, format, chunks: rows, ms: Math.round(performance.now() - started) },
        "chronology exported",
      );
    }
    return new Response(
      streamBody(counted(), (err) =>
        logger.error({ err, workspaceId, format }, "chronology export failed while streaming"),
      ),
      {
        status: 200,
        headers: attachmentHeaders(file.contentType, file.fileName),
      },
    );
  } catch (err) {
    if (err instanceof DomainError) return errorResponse(HTTP_STATUS[err.code], err.message);
    if (isDatabaseUnavailable(err)) return unavailableResponse();
    logger.error({ err }, "chronology export failed");
    return errorResponse(500, "The export could not be produced. Please try again.");
  }
}
