import { db } from "../../server/db/client.ts";
import { createCaller } from "../../server/root.ts";
import { createSession } from "../../server/services/auth/index.ts";
import { createContext } from "../../server/trpc.ts";

/**
 * A tRPC caller acting as a user through a real session row, exactly as a
 * browser request would resolve it (no next-auth involved).
 */
export async function callerFor(userId: string, ip = "203.0.113.7") {
  const sessionId = await createSession(db, userId, { ip, userAgent: "vitest" });
  return { caller: createCaller(await createContext({ sessionId, ip })), sessionId };
}

/** A caller for an existing session id; the context is rebuilt from the database each time. */
export async function callerForSession(sessionId: string | null, ip = "203.0.113.7") {
  return createCaller(await createContext({ sessionId, ip }));
}

export async function anonymousCaller(ip = "203.0.113.7") {
  return createCaller(await createContext({ sessionId: null, ip }));
}
