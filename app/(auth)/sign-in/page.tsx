import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { oidcConfigured, env } from "@/server/env";
import { getPageUser } from "@/server/http/page-session";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

function safeCallback(url: string | undefined): string {
  // Only same-site paths: an open redirect would turn the sign-in page into a phishing aid.
  return url && url.startsWith("/") && !url.startsWith("//") ? url : "/workspaces";
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  if (await getPageUser()) redirect(callbackUrl);
  return (
    <SignInForm
      callbackUrl={callbackUrl}
      sso={oidcConfigured() ? { id: "oidc", name: env().OIDC_DISPLAY_NAME } : null}
      initialError={params.error && params.error !== "CredentialsSignin" ? params.error : undefined}
    />
  );
}
