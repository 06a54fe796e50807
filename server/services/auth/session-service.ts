import { cachedLookup } from "../../db/auth-cache.ts";
import { db } from "../../db/client.ts";
import { query, sql } from "../../db/sql.ts";
import type { Role } from "../../policy.ts";

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export type SessionUser = {
  sessionId: string;
  userId: string;
  email: string;
  name: string;
};

export async function createSession(
  tx: Pick<typeof db, "session">,
  userId: string,
  meta: { ip?: string | null; userAgent?: string | null },
): Promise<string> {
  const session = await tx.session.create({
    data: {
      userId,
      expiresAt: new Date(Date.now() + SESSION_TTL_MS),
      ip: meta.ip ?? null,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    },
    select: { id: true },
  });
  return session.id;
}

/**
 * Resolves a session id from the browser's token to a live user. Read from
 * the database, or from the HTTP server's short in-memory copy that every
 * change to a session, an account or a membership clears on every instance
 * (server/db/auth-cache.ts): a deleted session, an expired one or a
 * deactivated user stops working on the next request, everywhere.
 */
export async function resolveSession(sessionId: string | null | undefined): Promise<SessionUser | null> {
  if (!sessionId) return null;
  return cachedLookup(`s:${sessionId}`, async () => {
    // One plain statement (Prisma's relation query would be two): this runs before every call.
    const rows = await query<SessionUser & { expiresAt: Date }>(sql`
      SELECT s.id AS "sessionId", u.id AS "userId", u.email, u.name, s."expiresAt"
      FROM "Session" s JOIN "User" u ON u.id = s."userId"
      WHERE s.id = ${sessionId} AND s."expiresAt" > now() AND u.active`);
    const row = rows[0];
    if (!row) return { value: null, userId: "", keep: false };
    const { expiresAt, ...user } = row;
    return { value: user, userId: user.userId, validUntil: expiresAt.getTime() };
  });
}

export async function revokeSession(sessionId: string | null | undefined): Promise<void> {
  if (!sessionId) return;
  await db.session.deleteMany({ where: { id: sessionId } });
}

export type MembershipSummary = { workspaceId: string; slug: string; name: string; role: Role };
