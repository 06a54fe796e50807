import { env } from "../env.ts";

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(h: HeaderSource, name: string): string | undefined {
  if (h instanceof Headers) return h.get(name) ?? undefined;
  const v = h[name] ?? h[name.toLowerCase()];
  return Array.isArray(v) ? v.join(",") : v;
}

/**
 * The caller's address for rate limits and the audit trail. The app's own
 * server appends the socket address to X-Forwarded-For, so with N trusted
 * proxies in front the client is the entry N places from the right; anything
 * further left was written by the client and is ignored.
 */
export function clientIp(headers: HeaderSource, hops = env().TRUST_PROXY_HOPS): string {
  const chain = (header(headers, "x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const ip = chain[chain.length - 1 - hops] ?? chain[0];
  return ip ? ip.replace(/^::ffff:/, "") : "unknown";
}
