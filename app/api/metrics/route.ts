import { metricsResponse } from "@/server/http/metrics-endpoint";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Prometheus scrape target; off unless METRICS_TOKEN is set (server/http/metrics-endpoint.ts). */
export async function GET(req: Request) {
  return metricsResponse(req.headers.get("authorization"));
}
