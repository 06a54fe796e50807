/**
 * Where to send someone after signing in (or any other "come back here"
 * parameter). Only a path on this site is accepted; anything else becomes the
 * home page, so the sign-in page can never be used to forward a freshly
 * signed-in user to a look-alike site.
 *
 * Browsers are generous when they read a Location header or an href: they
 * treat "\" as "/", drop tabs and newlines anywhere, and read "//host" as
 * another site. Values also get decoded more than once on their way (the query
 * string, next-auth's cookie, the client router), so "/%09/evil.example" can
 * become "/\t/evil.example" and then "//evil.example". The value is therefore
 * checked as given and after every round of percent-decoding, and refused if
 * any of those forms could leave the site.
 */
export const HOME_PATH = "/workspaces";

/** Longer than any path the app makes; a longer value is not a link anyone clicked. */
const MAX_LENGTH = 2048;
/** Each round of encoding adds a layer; real links carry at most two. */
const MAX_DECODE_ROUNDS = 5;

/** A stand-in origin to resolve against; a path that stays on it stays on ours. */
const PROBE_ORIGIN = "http://return-path.invalid";

function staysOnSite(candidate: string): boolean {
  // Exactly one leading slash, not followed by another slash or a backslash.
  if (!/^\/(?![/\\])/.test(candidate)) return false;
  // Backslashes read as slashes; C0 controls, DEL and line separators are dropped or
  // split the header; none belongs in a path the app links to.
  for (const ch of candidate) {
    const code = ch.charCodeAt(0);
    if (ch === "\\" || code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) return false;
  }
  try {
    return new URL(candidate, PROBE_ORIGIN).origin === PROBE_ORIGIN;
  } catch {
    return false;
  }
}

/**
 * The value itself when it is a path on this site in every decoded form,
 * otherwise `fallback` (the home page).
 */
export function safeReturnPath(value: unknown, fallback: string = HOME_PATH): string {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_LENGTH) return fallback;
  let form = value;
  for (let round = 0; round <= MAX_DECODE_ROUNDS; round++) {
    if (!staysOnSite(form)) return fallback;
    let decoded: string;
    try {
      decoded = decodeURIComponent(form);
    } catch {
      // Not valid percent-encoding: no browser decodes it any further either.
      return value;
    }
    if (decoded === form) return value;
    form = decoded;
  }
  // Still changing after this many rounds: layered on purpose.
  return fallback;
}

/**
 * For next-auth's redirect callback, which gets either a path or an absolute
 * URL. An absolute URL on the app's own origin is reduced to its path and
 * checked like any other; every other URL leads home.
 */
export function safeRedirectUrl(url: string, baseUrl: string, fallback: string = HOME_PATH): string {
  const base = baseUrl.replace(/\/+$/, "");
  let path: unknown = url;
  if (!url.startsWith("/")) {
    try {
      const parsed = new URL(url);
      path = parsed.origin === new URL(base).origin ? url.slice(parsed.origin.length) || "/" : null;
    } catch {
      path = null;
    }
  }
  return `${base}${safeReturnPath(path, fallback)}`;
}
