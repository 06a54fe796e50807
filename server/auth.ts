import type { CookiesOptions, NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { env, oidcConfigured } from "./env.ts";
import { DomainError } from "./errors.ts";
import { clientIp } from "./http/client-ip.ts";
import { safeRedirectUrl } from "./lib/safe-return-path.ts";
import { signInSchema } from "./schemas/auth.ts";
import { INVALID_CREDENTIALS, signInWithIdentity, signInWithPassword } from "./services/auth/index.ts";
import { resolveSession, revokeSession, SESSION_TTL_MS } from "./services/auth/index.ts";

/**
 * next-auth v4 configuration. The rest of the app never imports next-auth:
 * it sees only a session id, resolved against the database on each request.
 * The JWT cookie carries that id and nothing else that is trusted.
 */
type OidcProfile = {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
  preferred_username?: string;
};

function oidcProvider(): OAuthConfig<OidcProfile> {
  const e = env();
  return {
    id: "oidc",
    name: e.OIDC_DISPLAY_NAME,
    type: "oauth",
    wellKnown: `${e.OIDC_ISSUER!.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId: e.OIDC_CLIENT_ID,
    clientSecret: e.OIDC_CLIENT_SECRET,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    profile: (p) => ({ id: p.sub, email: p.email ?? null, name: p.name ?? p.preferred_username ?? p.email ?? null }),
  };
}

export function authSecret(): string {
  const secret = env().NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set (npm start creates one under .data/ for you).");
  return secret;
}

/**
 * next-auth's own cookies, with the names it uses over plain HTTP, marked
 * Secure. For a request a trusted proxy received over HTTPS while
 * NEXTAUTH_URL still says http: next-auth would mark nothing Secure, and
 * switching to its "__Secure-" names per request would lose the session
 * between requests that arrive by different routes.
 */
function secureCookiesKeepingNames(): Partial<CookiesOptions> {
  const options = { httpOnly: true, sameSite: "lax", path: "/", secure: true } as const;
  const short = { ...options, maxAge: 60 * 15 };
  return {
    sessionToken: { name: "next-auth.session-token", options },
    callbackUrl: { name: "next-auth.callback-url", options },
    csrfToken: { name: "next-auth.csrf-token", options },
    pkceCodeVerifier: { name: "next-auth.pkce.code_verifier", options: short },
    state: { name: "next-auth.state", options: short },
    nonce: { name: "next-auth.nonce", options },
  };
}

/**
 * `secureCookies`: the request came over HTTPS (see servedOverHttps). When
 * NEXTAUTH_URL is https, next-auth marks its cookies Secure by itself.
 */
export function authOptions(request: { secureCookies?: boolean } = {}): NextAuthOptions {
  const httpsUrl = env().NEXTAUTH_URL?.startsWith("https://") ?? false;
  return {
    secret: authSecret(),
    ...(request.secureCookies && !httpsUrl ? { cookies: secureCookiesKeepingNames() } : {}),
    session: { strategy: "jwt", maxAge: SESSION_TTL_MS / 1000 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const parsed = signInSchema.safeParse(credentials ?? {});
          if (!parsed.success) throw new Error(INVALID_CREDENTIALS);
          const headers = (req?.headers ?? {}) as Record<string, string>;
          try {
            const result = await signInWithPassword({
              ...parsed.data,
              ip: clientIp(headers),
              userAgent: headers["user-agent"] ?? null,
            });
            return { id: result.userId, email: result.email, name: result.name, sessionId: result.sessionId };
          } catch (err) {
            // next-auth hands this message to the sign-in form.
            if (err instanceof DomainError) throw new Error(err.message, { cause: err });
            throw err;
          }
        },
      }),
      ...(oidcConfigured() ? [oidcProvider()] : []),
    ],
    callbacks: {
      // Where to go after signing in or out: a path on this site, or the home page.
      redirect: ({ url, baseUrl }) => safeRedirectUrl(url, baseUrl),
      async jwt({ token, user, account, profile }) {
        if (account?.provider === "credentials" && user) {
          token.sid = (user as { sessionId?: string }).sessionId;
        } else if (account && account.type === "oauth") {
          const p = profile as OidcProfile | undefined;
          const result = await signInWithIdentity({
            provider: account.provider,
            subject: account.providerAccountId,
            email: p?.email ?? user?.email,
            emailVerified: p?.email_verified === true,
            name: p?.name ?? user?.name,
            ip: "unknown",
          });
          token.sub = result.userId;
          token.sid = result.sessionId;
        }
        return token;
      },
      async session({ session, token }) {
        // Display data only; authorization always re-reads the database.
        const live = await resolveSession(token.sid as string | undefined);
        return {
          ...session,
          user: live ? { id: live.userId, email: live.email, name: live.name } : undefined,
          expires: session.expires,
        };
      },
    },
    events: {
      async signOut({ token }) {
        await revokeSession(token?.sid as string | undefined);
      },
    },
  };
}
