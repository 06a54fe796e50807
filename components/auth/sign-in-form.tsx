"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { signInSchema } from "@/server/schemas/auth";
import { Button } from "../ui/button";
import { TextField } from "../ui/field";
import { Notice } from "../ui/notice";

type Values = z.input<typeof signInSchema>;

export function SignInForm({
  callbackUrl,
  sso,
  initialError,
}: {
  callbackUrl: string;
  sso: { id: string; name: string } | null;
  initialError?: string;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | undefined>(initialError);
  const { register, handleSubmit, formState } = useForm<Values>({ resolver: zodResolver(signInSchema) });

  const onSubmit = handleSubmit(async (values) => {
    setError(undefined);
    const result = await signIn("credentials", { ...values, redirect: false });
    if (!result || result.error) {
      setError(
        result?.error && result.error !== "CredentialsSignin" ? result.error : "Email or password is incorrect.",
      );
      return;
    }
    router.replace(callbackUrl);
    router.refresh();
  });

  return (
    <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-lg font-semibold text-slate-900">Sign in</h1>
      <p className="mt-1 text-sm text-slate-600">Use the account your workspace admin gave you.</p>
      <form className="mt-5 space-y-4" onSubmit={onSubmit} noValidate>
        {error && <Notice tone="error">{error}</Notice>}
        <TextField
          label="Email"
          type="email"
          autoComplete="username"
          autoFocus
          error={formState.errors.email?.message}
          {...register("email")}
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          error={formState.errors.password?.message}
          {...register("password")}
        />
        <Button type="submit" className="w-full" busy={formState.isSubmitting}>
          {formState.isSubmitting ? "Signing in…" : "Sign in"}
        </Button>
      </form>
      {sso && (
        <div className="mt-4 border-t border-slate-100 pt-4">
          <Button variant="secondary" className="w-full" onClick={() => void signIn(sso.id, { callbackUrl })}>
            Continue with {sso.name}
          </Button>
        </div>
      )}
    </div>
  );
}
