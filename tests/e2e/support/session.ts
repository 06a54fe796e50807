import { createTRPCClient, httpLink, TRPCClientError, type TRPCClient } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "../../../server/root";

/** A typed client for the app's own tRPC API, acting as one signed-in user (or nobody). */
export type Api = TRPCClient<AppRouter>;

/** A browser cookie as Playwright's `BrowserContext.addCookies` takes it. */
export type SessionCookie = {
  name: string;
  value: string;
  domain: string;
  path: string;
  expires: number;
  httpOnly: boolean;
  secure: boolean;
  sameSite: "Lax" | "Strict" | "None";
};

/** What one signed-in user carries: the cookies a browser would hold, and the same as one Cookie header. */
export type Session = { cookies: SessionCookie[]; header: string };

function parseSetCookie(line: string, domain: string): SessionCookie {
  const [pair, ...attrs] = line.split(";").map((s) => s.trim());
  const at = pair!.indexOf("=");
  const cookie: SessionCookie = {
    name: pair!.slice(0, at),
    value: pair!.slice(at + 1),
    domain,
    path: "/",
    expires: -1,
    httpOnly: false,
    secure: false,
    sameSite: "Lax",
  };
  for (const attr of attrs) {
    const [k = "", v = ""] = attr.split("=");
    const key = k.toLowerCase();
    if (key === "path") cookie.path = v;
    else if (key === "httponly") cookie.httpOnly = true;
    else if (key === "secure") cookie.secure = true;
    else if (key === "expires") cookie.expires = Math.floor(new Date(v).getTime() / 1000);
    else if (key === "max-age") cookie.expires = Math.floor(Date.now() / 1000) + Number(v);
    else if (key === "samesite") cookie.sameSite = (v.charAt(0).toUpperCase() + v.slice(1).toLowerCase()) as never;
  }
  return cookie;
}

/**
 * Signs in through next-auth's credentials flow over plain HTTP, exactly as
 * the sign-in form does (CSRF token, then the callback), and returns the
 * session. Much faster than driving the form, and it exercises the same code.
 */
export async function signInOverHttp(baseURL: string, email: string, password: string): Promise<Session> {
  const domain = new URL(baseURL).hostname;
  const jar = new Map<string, SessionCookie>();
  const keep = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const c = parseSetCookie(line, domain);
      jar.set(c.name, c);
    }
  };
  const header = () => [...jar.values()].map((c) => `${c.name}=${c.value}`).join("; ");

  const csrf = await fetch(`${baseURL}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${baseURL}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: header() },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  keep(res);
  if (![...jar.keys()].some((k) => k.endsWith("session-token"))) {
    const location = res.headers.get("location") ?? "";
    throw new Error(`Could not sign in as ${email} (HTTP ${res.status} ${decodeURIComponent(location)})`);
  }
  return { cookies: [...jar.values()], header: header() };
}

/**
 * A tRPC client over HTTP with superjson, as the app's own pages use, sending
 * the session's cookie. Without a session it calls public procedures only.
 */
export function apiClient(baseURL: string, session?: () => Promise<Session>): Api {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${baseURL}/api/trpc`,
        transformer: superjson,
        headers: async () => (session ? { cookie: (await session()).header } : {}),
      }),
    ],
  });
}

/** The tRPC error code of a failed call ("FORBIDDEN", "NOT_FOUND"…), or null when it succeeded. */
export async function errorCodeOf(call: Promise<unknown>): Promise<string | null> {
  try {
    await call;
    return null;
  } catch (err) {
    if (err instanceof TRPCClientError) return (err.data as { code?: string } | undefined)?.code ?? "UNKNOWN";
    throw err;
  }
}
