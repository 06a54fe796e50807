import { getToken } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import { authSecret } from "../auth.ts";

/** The session id inside the next-auth cookie, or null. */
export async function sessionIdFromRequest(req: NextRequest): Promise<string | null> {
  const token = await getToken({ req, secret: authSecret() });
  return typeof token?.sid === "string" ? token.sid : null;
}
