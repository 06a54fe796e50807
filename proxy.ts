import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/server/env";
import { servedOverHttps } from "@/server/http/forwarded";
import { newNonce, pageHeaders } from "@/server/http/security-headers.mjs";

/**
 * Every page gets a Content-Security-Policy with a nonce of its own. Next.js
 * reads the nonce from the policy on the request it renders and puts it on
 * each script it writes into the page, so those run and nothing else does.
 * The headers every response shares (and the API's) come from next.config.js.
 */
export function proxy(request: NextRequest) {
  const headers = pageHeaders({
    nonce: newNonce(),
    dev: env().NODE_ENV === "development",
    https: servedOverHttps(request.headers),
  });
  const forwarded = new Headers(request.headers);
  forwarded.set("content-security-policy", headers["Content-Security-Policy"]!);
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Pages only. API routes and static files carry no inline script to allow, and
  // running the proxy for a request with a body would make Next buffer that body
  // in memory before the route sees it (uploads included).
  matcher: ["/((?!api/|_next/static/|_next/image|favicon.ico).*)"],
};
