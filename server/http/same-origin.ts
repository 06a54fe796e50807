/**
 * Cross-site request check for state-changing calls. next-auth guards only its
 * own routes; every other POST must come from this app's own pages. Browsers
 * always send Origin (and Sec-Fetch-Site) on cross-site POSTs, so a request
 * that names another site is refused. Requests without either header come
 * from non-browser clients, which carry no ambient cookies of a victim.
 */
export function isCrossSite(headers: Headers, requestUrl: string): boolean {
  const site = headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return true;
  const origin = headers.get("origin");
  if (!origin) return false;
  if (origin === "null") return true;
  const host = headers.get("x-forwarded-host") ?? headers.get("host") ?? new URL(requestUrl).host;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}
