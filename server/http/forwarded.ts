import { env } from "../env.ts";

/**
 * The X-Forwarded-Host / X-Forwarded-Proto a trusted reverse proxy wrote, or
 * undefined. Without a proxy in front (TRUST_PROXY_HOPS=0) these headers come
 * from the client itself, who could name any host or scheme, so they are not
 * read at all. With N proxies, each may append its own value: the entry N
 * places from the right is the one the outermost trusted proxy wrote, and
 * anything further left came from the client.
 */
export function trustedForwarded(
  headers: Headers,
  name: "x-forwarded-host" | "x-forwarded-proto",
  hops: number = env().TRUST_PROXY_HOPS,
): string | undefined {
  if (hops <= 0) return undefined;
  const chain = (headers.get(name) ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (chain.length === 0) return undefined;
  return chain[Math.max(0, chain.length - hops)]!.toLowerCase();
}

/**
 * Whether the browser reached the app over HTTPS: the public address says so,
 * or a trusted proxy reports it terminated TLS. Cookies set on such a request
 * are marked Secure.
 */
export function servedOverHttps(
  headers: Headers,
  publicUrl: string | undefined = env().NEXTAUTH_URL,
  hops: number = env().TRUST_PROXY_HOPS,
): boolean {
  if (publicUrl?.startsWith("https://")) return true;
  return trustedForwarded(headers, "x-forwarded-proto", hops) === "https";
}
