"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery } from "@tanstack/react-query";
import { signIn, signOut } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from "@/server/policy";
import { acceptInvitationAsNewUserSchema } from "@/server/schemas/invitation";
import { errorMessage, fieldErrors } from "../errors";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { TextField } from "../ui/field";
import { Notice } from "../ui/notice";

type NewUserValues = z.input<typeof acceptInvitationAsNewUserSchema>;

export function InviteAccept({ token, user }: { token: string; user: { name: string; email: string } | null }) {
  const trpc = useTRPC();
  const router = useRouter();
  const preview = useQuery(trpc.invitation.preview.queryOptions({ token }, { retry: false }));
  const accept = useMutation(
    trpc.invitation.accept.mutationOptions({ onSuccess: (r) => router.push(`/w/${r.workspaceSlug}`) }),
  );
  const form = useForm<NewUserValues>({
    resolver: zodResolver(acceptInvitationAsNewUserSchema),
    defaultValues: { token, name: "", email: preview.data?.email ?? "", password: "" },
  });
  const signUp = useMutation(
    trpc.invitation.acceptAsNewUser.mutationOptions({
      onSuccess: async (r, vars) => {
        const res = await signIn("credentials", { email: r.email, password: vars.password, redirect: false });
        router.push(res?.ok ? `/w/${r.workspaceSlug}` : "/sign-in");
        router.refresh();
      },
      onError: (err) => {
        for (const [name, message] of Object.entries(fieldErrors(err))) {
          if (name === "name" || name === "email" || name === "password") form.setError(name, { message });
        }
      },
    }),
  );

  if (preview.isPending)
    return (
      <Panel>
        <p className="text-sm text-slate-500">Checking the invitation…</p>
      </Panel>
    );
  if (preview.error || !preview.data) {
    return (
      <Panel title="This invitation link does not work">
        <p className="text-sm text-slate-600">
          It may be mistyped or incomplete. Ask the admin who sent it for a new link.
        </p>
      </Panel>
    );
  }
  const inv = preview.data;
  if (inv.status !== "pending") {
    const why = { accepted: "has already been used", revoked: "was withdrawn by an admin", expired: "has expired" }[
      inv.status
    ];
    return (
      <Panel title="This invitation can no longer be used">
        <p className="text-sm text-slate-600">The link {why}. Ask a workspace admin for a new one.</p>
      </Panel>
    );
  }

  return (
    <Panel title={<span dir="auto">Join {inv.workspaceName}</span>}>
      <p className="text-sm text-slate-700">
        You are invited as <strong>{ROLE_LABELS[inv.role]}</strong>. {ROLE_DESCRIPTIONS[inv.role]}
      </p>
      {inv.email && <p className="mt-1 text-sm text-slate-600">This invitation is for {inv.email}.</p>}
      {user ? (
        <div className="mt-5 space-y-3">
          {accept.error && <Notice tone="error">{errorMessage(accept.error)}</Notice>}
          <Button className="w-full" busy={accept.isPending} onClick={() => accept.mutate({ token })}>
            Join as {user.name}
          </Button>
          <p className="text-center text-xs text-slate-600">
            Not {user.email}?{" "}
            <button
              type="button"
              className="font-medium text-brand-700 underline"
              onClick={() => void signOut({ redirect: false }).then(() => router.refresh())}
            >
              Sign out
            </button>
          </p>
        </div>
      ) : (
        <form className="mt-5 space-y-4" noValidate onSubmit={form.handleSubmit((v) => signUp.mutate({ ...v, token }))}>
          <p className="text-sm font-medium text-slate-900">Create your account</p>
          {signUp.error && <Notice tone="error">{errorMessage(signUp.error)}</Notice>}
          <TextField
            label="Your name"
            autoComplete="name"
            error={form.formState.errors.name?.message}
            {...form.register("name")}
          />
          <TextField
            label="Email"
            type="email"
            autoComplete="email"
            error={form.formState.errors.email?.message}
            {...form.register("email")}
          />
          <TextField
            label="Password"
            type="password"
            autoComplete="new-password"
            hint="At least 10 characters."
            error={form.formState.errors.password?.message}
            {...form.register("password")}
          />
          <Button type="submit" className="w-full" busy={signUp.isPending}>
            Create account and join
          </Button>
          <p className="text-center text-xs text-slate-600">
            Already have an account?{" "}
            <Link
              className="font-medium text-brand-700 underline"
              href={`/sign-in?callbackUrl=${encodeURIComponent(`/invite/${token}`)}`}
            >
              Sign in first
            </Link>
          </p>
        </form>
      )}
    </Panel>
  );
}

function Panel({ title, children }: { title?: React.ReactNode; children: React.ReactNode }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      {title && <h1 className="mb-2 text-lg font-semibold text-slate-900">{title}</h1>}
      {children}
    </div>
  );
}
