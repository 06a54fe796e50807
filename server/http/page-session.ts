import { getServerSession } from "next-auth";
import { authOptions } from "../auth.ts";

export type PageUser = { id: string; email: string; name: string };

/** The signed-in user for a server-rendered page, re-read from the database. */
export async function getPageUser(): Promise<PageUser | null> {
  const session = await getServerSession(authOptions());
  const user = session?.user as Partial<PageUser> | undefined;
  return user?.id && user.email ? { id: user.id, email: user.email, name: user.name ?? user.email } : null;
}
