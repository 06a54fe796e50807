import type { NextRequest } from "next/server";
import { DomainError } from "@/server/errors";
import { attachmentHeaders } from "@/server/http/attachment-headers";
import { clientIp } from "@/server/http/client-ip";
import { errorResponse, HTTP_STATUS } from "@/server/http/error-response";
import { sessionIdFromRequest } from "@/server/http/session-from-request";
import { isDatabaseUnavailable, unavailableResponse } from "@/server/http/unavailable";
import { logger } from "@/server/logger";
import { networkSchema } from "@/server/schemas/network";
import { resolveSession } from "@/server/services/auth/index";
import { networkSvgFile } from "@/server/services/network/index";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** A whole number from the query string, or the text itself so the schema names what is wrong with it. */
const numberOrText = (v: string | null) => (v == null || v === "" ? undefined : /^\d{1,6}$/.test(v) ? Number(v) : v);

/**
 * GET /api/w/{workspaceId}/network/svg?from=…&to=…&kinds=PERSON,PLACE&minWeight=2&credibility=3&limit=120
 * The network as the page shows it, as a standalone SVG drawn by the same code
 * as the page's picture, after the same sign-in, membership and visibility checks.
 */
export async function GET(req: NextRequest, ctx: { params: Promise<{ workspaceId: string }> }) {
  try {
    const session = await resolveSession(await sessionIdFromRequest(req));
    if (!session) return errorResponse(401, "Please sign in to continue.");
    const params = new URL(req.url).searchParams;
    const { workspaceId } = await ctx.params;
    const kinds = params.get("kinds");
    const input = networkSchema.safeParse({
      workspaceId,
      from: params.get("from") || undefined,
      to: params.get("to") || undefined,
      kinds: kinds ? kinds.split(",") : undefined,
      minWeight: numberOrText(params.get("minWeight")),
      credibility: params.get("credibility") || undefined,
      limit: numberOrText(params.get("limit")),
    });
    if (!input.success) return errorResponse(400, input.error.issues[0]?.message ?? "Check the network's filters.");
    const svg = await networkSvgFile({ userId: session.userId, ip: clientIp(req.headers) }, input.data);
    return new Response(svg, {
      status: 200,
      headers: attachmentHeaders("image/svg+xml; charset=utf-8", "network.svg"),
    });
  } catch (err) {
    if (err instanceof DomainError) return errorResponse(HTTP_STATUS[err.code], err.message);
    if (isDatabaseUnavailable(err)) return unavailableResponse();
    logger.error({ err }, "network download failed");
    return errorResponse(500, "The network could not be drawn. Please try again.");
  }
}
