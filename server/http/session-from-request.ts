import { decode, getToken } from "next-auth/jwt";
import { authSecret } from "../auth.ts";

/**
 * Decoded tokens, by the token itself. Decoding derives the key (HKDF) and
 * decrypts the token, about half a millisecond of CPU on every request; a
 * browser sends the same token with each one. Only the session id is kept,
 * until the token's own expiry: whether the session is still alive (not
 * signed out, not expired, user active) is checked against the database on
 * every request regardless, so caching the decoding delays no revocation.
 * An unknown token costs one decoding; a bounded map keeps forged ones from
 * growing it without end.
 */
const decoded = new Map<string, { sid: string | null; expiresAt: number }>();
const MAX_DECODED = 10_000;

/**
 * What getToken reads of a request: its headers, and its cookies either as
 * Next's cookie store (a NextRequest) or as a Map (the app's own Node server).
 */
export type TokenSource = {
  headers: Headers;
  cookies: Map<string, string> | { getAll: () => { name: string; value: string }[] };
};

/** The session id inside the next-auth cookie, or null. */
export async function sessionIdFromRequest(req: TokenSource): Promise<string | null> {
  const raw = await getToken({ req: req as Parameters<typeof getToken>[0]["req"], secret: authSecret(), raw: true });
  if (!raw) return null;
  const now = Date.now();
  const hit = decoded.get(raw);
  if (hit && hit.expiresAt > now) return hit.sid;
  const payload = await decode({ token: raw, secret: authSecret() }).catch(() => null);
  const sid = typeof payload?.sid === "string" ? payload.sid : null;
  const exp = typeof payload?.exp === "number" ? payload.exp * 1000 : now;
  if (sid && exp > now) {
    if (decoded.size >= MAX_DECODED) decoded.delete(decoded.keys().next().value!);
    decoded.set(raw, { sid, expiresAt: exp });
  }
  return sid;
}

/** A Cookie header as a Map of names to (URI-decoded) values, as browsers send it. */
export function parseCookieHeader(header: string | undefined): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at <= 0) continue;
    const name = part.slice(0, at).trim();
    let value = part.slice(at + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      value = decodeURIComponent(value);
    } catch {
      /* kept as sent */
    }
    if (name && !jar.has(name)) jar.set(name, value);
  }
  return jar;
}
