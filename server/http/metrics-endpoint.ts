import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "../env.ts";
import { metricsText } from "../metrics.ts";

const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();

/**
 * Whether an Authorization header carries the token. Both sides are hashed to
 * one length first, so the comparison takes the same time whatever was sent
 * and leaks neither the token nor its length.
 */
export function bearerMatches(header: string | null, token: string): boolean {
  const match = /^Bearer[ ]+(\S+)[ ]*$/i.exec(header ?? "");
  const same = timingSafeEqual(digest(match?.[1] ?? ""), digest(token));
  return match !== null && same;
}

const noStore = { "Cache-Control": "no-store" };

/**
 * GET /api/metrics. Without METRICS_TOKEN the endpoint does not exist (404,
 * the same answer as any unknown address); with it, a request without the
 * token is refused (401) and one with it gets the Prometheus text.
 */
export async function metricsResponse(
  authorization: string | null,
  token: string | undefined = env().METRICS_TOKEN,
): Promise<Response> {
  if (!token) return new Response("Not Found\n", { status: 404, headers: noStore });
  if (!bearerMatches(authorization, token)) {
    return new Response("Unauthorized\n", {
      status: 401,
      headers: { ...noStore, "WWW-Authenticate": 'Bearer realm="metrics"' },
    });
  }
  const { body, contentType } = await metricsText();
  return new Response(body, { status: 200, headers: { ...noStore, "Content-Type": contentType } });
}
