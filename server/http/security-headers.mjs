// @ts-check
/**
 * The security headers of every response, in one place. Plain JavaScript so
 * that everything that serves the app can use it as it is: next.config.js
 * (headers for every route, static files included), proxy.ts (each page's
 * Content-Security-Policy with its own nonce), and a plain Node entry point
 * such as server/cli/serve.mjs, which runs without a TypeScript loader.
 *
 * Pages get a policy that lets no script run unless it carries the nonce of
 * that one response: Next.js puts the nonce on its own bootstrap scripts and
 * chunks ('strict-dynamic' extends the trust to the chunks they load), so an
 * injected <script> or inline event handler never runs. API responses are data,
 * never documents: their policy allows nothing at all.
 */

/** Browser features the app never uses, denied to it and to anything it might load. */
export const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "camera=()",
  "geolocation=()",
  "gyroscope=()",
  "magnetometer=()",
  "microphone=()",
  "payment=()",
  "usb=()",
  "browsing-topics=()",
].join(", ");

/** @typedef {{ key: string; value: string }} Header */

/** On every response, static files included. @type {readonly Header[]} */
export const COMMON_HEADERS = Object.freeze([
  { key: "X-Content-Type-Options", value: "nosniff" },
  // The workspace's addresses (slugs, ids, search terms) stay on this site.
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: PERMISSIONS_POLICY },
  // A page opened from elsewhere cannot reach back into the app's window, nor the app into it.
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
  // For browsers that predate frame-ancestors.
  { key: "X-Frame-Options", value: "DENY" },
]);

/**
 * On every /api response (tRPC, health, exports, uploads, sign-in). What they
 * return is someone's workspace: no cache keeps it, and no browser renders it
 * as a page that could run anything. form-action stays 'self' for the
 * sign-out confirmation next-auth serves under /api/auth.
 */
export const API_CONTENT_SECURITY_POLICY =
  "default-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** @type {readonly Header[]} */
export const API_HEADERS = Object.freeze([
  { key: "Cache-Control", value: "no-store" },
  { key: "Content-Security-Policy", value: API_CONTENT_SECURITY_POLICY },
]);

/** Two years, the usual preload value; no includeSubDomains, the app cannot speak for its neighbours. */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000";

/** A fresh, unguessable nonce for one response (128 bits, base64). */
export function newNonce() {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return globalThis.btoa(String.fromCharCode(...bytes));
}

/**
 * The Content-Security-Policy of a page.
 * @param {string} nonce
 * @param {{ dev?: boolean; https?: boolean }} [options]
 *   dev: `next dev` needs eval (React's error overlay) and inline styles (its overlay's);
 *   https: the page was served over HTTPS, so any http: address it names is upgraded.
 */
export function pageContentSecurityPolicy(nonce, { dev = false, https = false } = {}) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Tailwind is one stylesheet from 'self'; Next's own inline <style> tags carry the nonce.
    dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    // Style attributes only (no <style> elements): co-authors' cursor colours in the live
    // editor are set as attributes. An attribute cannot load anything img-src does not allow.
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "frame-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/**
 * The headers a page response gets on top of COMMON_HEADERS.
 * @param {{ nonce: string; dev?: boolean; https?: boolean }} options
 * @returns {Record<string, string>}
 */
export function pageHeaders({ nonce, dev = false, https = false }) {
  return {
    "Content-Security-Policy": pageContentSecurityPolicy(nonce, { dev, https }),
    ...(https ? { "Strict-Transport-Security": STRICT_TRANSPORT_SECURITY } : {}),
  };
}

/**
 * For next.config.js `headers()`: the common headers everywhere and the API
 * headers under /api. A page's policy needs a nonce per response, so it is
 * set by proxy.ts instead.
 */
export function nextConfigHeaders() {
  return [
    { source: "/:path*", headers: [...COMMON_HEADERS] },
    { source: "/api/:path*", headers: [...API_HEADERS] },
  ];
}
