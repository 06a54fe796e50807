import NextAuth from "next-auth";
import { authOptions } from "@/server/auth";
import { servedOverHttps } from "@/server/http/forwarded";

export const dynamic = "force-dynamic";

async function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(authOptions({ secureCookies: servedOverHttps(req.headers) }))(req, { params: await ctx.params });
}

export { handler as GET, handler as POST };
