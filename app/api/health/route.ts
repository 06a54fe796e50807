import { RETRY_AFTER } from "@/server/http/unavailable";
import { checkHealth } from "@/server/services/system/index";

export const dynamic = "force-dynamic";

export async function GET() {
  const health = await checkHealth();
  return Response.json(health, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store", ...(health.status !== "ok" && RETRY_AFTER) },
  });
}
