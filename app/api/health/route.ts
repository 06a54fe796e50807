import { logger } from "@/server/logger";
import { RETRY_AFTER } from "@/server/http/unavailable";
import { checkHealth } from "@/server/services/system/index";

export const dynamic = "force-dynamic";

/**
 * Ok or not ok, for load balancers and anyone else who asks. Why the database
 * cannot be reached (its address, the driver's error) goes to the server log
 * only: this route answers strangers.
 */
export async function GET() {
  const health = await checkHealth();
  if (health.status !== "ok") logger.error({ db: health.db, reason: health.reason }, "health check failed");
  return Response.json(
    { status: health.status, db: health.db },
    {
      status: health.status === "ok" ? 200 : 503,
      headers: { "Cache-Control": "no-store", ...(health.status !== "ok" && RETRY_AFTER) },
    },
  );
}
