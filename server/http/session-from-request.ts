import { decode, getToken } from "next-auth/jwt";
import type { NextRequest } from "next/server";
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

/** The session id inside the next-auth cookie, or null. */
export async function sessionIdFromRequest(req: NextRequest): Promise<string | null> {
  const raw = await getToken({ req, secret: authSecret(), raw: true });
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
