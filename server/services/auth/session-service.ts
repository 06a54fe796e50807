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
 * Resolves a session id from the browser's token to a live user, reading the
 * database on every request: a deleted session, an expired one or a
 * deactivated user stops working at once, on every instance.
 */
export async function resolveSession(sessionId: string | null | undefined): Promise<SessionUser | null> {
  if (!sessionId) return null;
  // One plain statement (Prisma's relation query would be two): this runs before every call.
  const rows = await query<SessionUser>(sql`
    SELECT s.id AS "sessionId", u.id AS "userId", u.email, u.name
    FROM "Session" s JOIN "User" u ON u.id = s."userId"
    WHERE s.id = ${sessionId} AND s."expiresAt" > now() AND u.active`);
  return rows[0] ?? null;
}

export async function revokeSession(sessionId: string | null | undefined): Promise<void> {
  if (!sessionId) return;
  await db.session.deleteMany({ where: { id: sessionId } });
}

export type MembershipSummary = { workspaceId: string; slug: string; name: string; role: Role };
