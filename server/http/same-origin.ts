import { env } from "../env.ts";
import { trustedForwarded } from "./forwarded.ts";

/**
 * Cross-site request check for state-changing calls. next-auth guards only its
 * own routes; every other POST must come from this app's own pages. Browsers
 * always send Origin (and Sec-Fetch-Site) on cross-site POSTs, so a request
 * that names another site is refused. Requests without either header come
 * from non-browser clients, which carry no ambient cookies of a victim.
 *
 * The Origin is compared with the host the browser asked for: the Host header,
 * or, behind trusted proxies only (TRUST_PROXY_HOPS > 0), the X-Forwarded-Host
 * (and X-Forwarded-Proto) they wrote. Reached directly, those headers are the
 * client's own words and would let a page name itself as the expected host.
 */
export function isCrossSite(headers: Headers, requestUrl: string, hops: number = env().TRUST_PROXY_HOPS): boolean {
  const site = headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return true;
  const origin = headers.get("origin");
  if (!origin) return false;
  if (origin === "null") return true;
  let originUrl: URL;
  try {
    originUrl = new URL(origin);
  } catch {
    return true;
  }
  const forwardedHost = trustedForwarded(headers, "x-forwarded-host", hops);
  const host = forwardedHost ?? headers.get("host") ?? new URL(requestUrl).host;
  if (originUrl.host !== host.toLowerCase()) return true;
  // The scheme is known only when a trusted proxy reports it.
  const forwardedProto = trustedForwarded(headers, "x-forwarded-proto", hops);
  return forwardedProto !== undefined && originUrl.protocol !== `${forwardedProto}:`;
}
