"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { ROLE_LABELS } from "@/server/policy";
import { changePasswordSchema, updateProfileSchema } from "@/server/schemas/auth";
import { errorMessage, fieldErrors } from "../errors";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { TextField } from "../ui/field";
import { Notice } from "../ui/notice";

type PasswordValues = z.input<typeof changePasswordSchema>;
type ProfileValues = z.input<typeof updateProfileSchema>;

export function ProfilePage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useQuery(trpc.me.get.queryOptions());
  const profileForm = useForm<ProfileValues>({
    resolver: zodResolver(updateProfileSchema),
    values: { name: me.data?.name ?? "" },
    // What the user typed before the profile arrived is theirs: the loaded name fills only untouched fields.
    resetOptions: { keepDirtyValues: true },
  });
  const updateProfile = useMutation(
    trpc.me.updateProfile.mutationOptions({ onSuccess: () => queryClient.invalidateQueries(trpc.me.pathFilter()) }),
  );
  const pwForm = useForm<PasswordValues>({
    resolver: zodResolver(changePasswordSchema),
    defaultValues: { currentPassword: "", newPassword: "", confirmPassword: "" },
  });
  const changePassword = useMutation(
    trpc.me.changePassword.mutationOptions({
      onSuccess: () => pwForm.reset(),
      onError: (err) => {
        for (const [name, message] of Object.entries(fieldErrors(err))) {
          if (name === "currentPassword" || name === "newPassword" || name === "confirmPassword")
            pwForm.setError(name, { message });
        }
      },
    }),
  );

  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Your profile</h1>
      {me.error && <Notice tone="error">{errorMessage(me.error)}</Notice>}
      <Card title="Account" description={me.data?.email}>
        <form
          className="flex items-end gap-3"
          noValidate
          onSubmit={profileForm.handleSubmit((v) => updateProfile.mutate(v))}
        >
          <div className="flex-1">
            <TextField
              label="Display name"
              error={profileForm.formState.errors.name?.message}
              {...profileForm.register("name")}
            />
          </div>
          <Button type="submit" variant="secondary" busy={updateProfile.isPending}>
            Save
          </Button>
        </form>
        {updateProfile.isSuccess && (
          <Notice tone="success" className="mt-3">
            Name saved.
          </Notice>
        )}
        {updateProfile.error && (
          <Notice tone="error" className="mt-3">
            {errorMessage(updateProfile.error)}
          </Notice>
        )}
      </Card>
      <Card title="Workspaces">
        <ul className="divide-y divide-slate-100 text-sm">
          {me.data?.memberships.map((m) => (
            <li key={m.workspaceId} className="flex justify-between py-2">
              <Link href={`/w/${m.slug}`} className="text-brand-700 hover:underline" dir="auto">
                {m.name}
              </Link>
              <span className="text-slate-600">{ROLE_LABELS[m.role]}</span>
            </li>
          ))}
          {me.data?.memberships.length === 0 && <li className="py-2 text-slate-600">No workspaces yet.</li>}
        </ul>
      </Card>
      {me.data?.hasPassword !== false && (
        <Card
          title="Change password"
          description="Your other signed-in sessions end as soon as the new password is saved."
        >
          <form className="space-y-4" noValidate onSubmit={pwForm.handleSubmit((v) => changePassword.mutate(v))}>
            {changePassword.isSuccess && (
              <Notice tone="success">
                Password changed.{" "}
                {changePassword.data.otherSessionsEnded > 0 &&
                  `${changePassword.data.otherSessionsEnded} other session(s) were signed out.`}
              </Notice>
            )}
            {changePassword.error && !Object.keys(fieldErrors(changePassword.error)).length && (
              <Notice tone="error">{errorMessage(changePassword.error)}</Notice>
            )}
            <TextField
              label="Current password"
              type="password"
              autoComplete="current-password"
              error={pwForm.formState.errors.currentPassword?.message}
              {...pwForm.register("currentPassword")}
            />
            <TextField
              label="New password"
              type="password"
              autoComplete="new-password"
              hint="At least 10 characters."
              error={pwForm.formState.errors.newPassword?.message}
              {...pwForm.register("newPassword")}
            />
            <TextField
              label="Repeat new password"
              type="password"
              autoComplete="new-password"
              error={pwForm.formState.errors.confirmPassword?.message}
              {...pwForm.register("confirmPassword")}
            />
            <Button type="submit" busy={changePassword.isPending}>
              Change password
            </Button>
          </form>
        </Card>
      )}
    </div>
  );
}
