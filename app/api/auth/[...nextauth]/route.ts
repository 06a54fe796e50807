import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { authOptions } from "@/server/auth";
import { servedOverHttps } from "@/server/http/forwarded";
import { BodyTooLargeError, readBody } from "@/server/http/body-limit";
import { errorResponse } from "@/server/http/error-response";

export const dynamic = "force-dynamic";

/** Sign-in and sign-out forms are a few hundred bytes; nothing larger is read. */
const MAX_FORM_BYTES = 64 * 1024;

async function handler(req: NextRequest, ctx: { params: Promise<{ nextauth: string[] }> }) {
  let request = req;
  if (req.method === "POST") {
    try {
      const body = await readBody(req, MAX_FORM_BYTES);
      request = new NextRequest(req.url, { method: req.method, headers: req.headers, body });
    } catch (err) {
      if (err instanceof BodyTooLargeError) return errorResponse(413, "The request is too large.");
      throw err;
    }
  }
  return NextAuth(authOptions({ secureCookies: servedOverHttps(req.headers) }))(request, { params: await ctx.params });
}

export { handler as GET, handler as POST };
