import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { oidcConfigured, env } from "@/server/env";
import { getPageUser } from "@/server/http/page-session";
import { safeReturnPath } from "@/server/lib/safe-return-path";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

/**
 * What next-auth reports in `?error=`, as the page words it. The parameter is
 * part of a link anyone can send, so only known codes are shown: free text
 * from the URL would let a stranger write the page's warning.
 */
const SIGN_IN_ERRORS = new Map<unknown, string>(
  Object.entries({
    OAuthSignin: "Single sign-on failed. Try again or use your password.",
    OAuthCallback: "Single sign-on failed. Try again or use your password.",
    Callback: "Single sign-on failed. Try again or use your password.",
    OAuthAccountNotLinked: "This single sign-on account cannot be linked to an existing account.",
    AccessDenied: "Access was denied.",
    SessionRequired: "Please sign in to continue.",
  }),
);

function signInError(code: unknown): string | undefined {
  if (!code || code === "CredentialsSignin") return undefined;
  return SIGN_IN_ERRORS.get(code) ?? "Sign-in did not succeed. Try again.";
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const params = await searchParams;
  // Only a path on this site: an open redirect would turn the sign-in page into a phishing aid.
  const callbackUrl = safeReturnPath(params.callbackUrl);
  if (await getPageUser()) redirect(callbackUrl);
  return (
    <SignInForm
      callbackUrl={callbackUrl}
      sso={oidcConfigured() ? { id: "oidc", name: env().OIDC_DISPLAY_NAME } : null}
      initialError={signInError(params.error)}
    />
  );
}
