"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import "@/server/schemas/zod-config";
import { z } from "zod";
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES } from "@/server/policy";
import { roleSchema } from "@/server/schemas/member";
import { emailSchema } from "@/server/schemas/auth";
import type { WorkspaceOverview } from "@/components/trpc";
import { errorMessage } from "../errors";
import { useTRPC } from "../trpc";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { SelectField, TextField } from "../ui/field";
import { Notice } from "../ui/notice";
import { Timestamp } from "../ui/timestamp";

const formSchema = z.object({
  role: roleSchema,
  email: z.union([z.literal(""), emailSchema]),
  expiresInDays: z.enum(["1", "3", "7", "14"]),
});
type Values = z.input<typeof formSchema>;

const STATUS_TONE = { pending: "blue", accepted: "green", revoked: "slate", expired: "amber" } as const;
const INVITE_STATUS_LABELS = {
  pending: "Pending",
  accepted: "Accepted",
  revoked: "Revoked",
  expired: "Expired",
} as const;

export function InvitePanel({ workspace }: { workspace: WorkspaceOverview }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [link, setLink] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const invitations = useInfiniteQuery(
    trpc.invitation.list.infiniteQueryOptions(
      { workspaceId: workspace.id, limit: 10 },
      { getNextPageParam: (last) => last.nextCursor },
    ),
  );
  const invitationRows = invitations.data?.pages.flatMap((p) => p.items) ?? [];
  const form = useForm<Values>({
    resolver: zodResolver(formSchema),
    defaultValues: { role: "ANALYST", email: "", expiresInDays: "7" },
  });
  const role = form.watch("role");
  const create = useMutation(
    trpc.invitation.create.mutationOptions({
      onSuccess: async (inv) => {
        setCopied(false);
        setLink(`${window.location.origin}/invite/${inv.token}`);
        form.reset({ role: inv.role, email: "", expiresInDays: "7" });
        await queryClient.invalidateQueries(trpc.invitation.list.pathFilter());
      },
    }),
  );
  const revoke = useMutation(
    trpc.invitation.revoke.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.invitation.list.pathFilter()),
    }),
  );

  return (
    <Card
      title="Invite someone"
      description="Creates a single-use link that you copy and send yourself. No email is sent."
    >
      <form
        className="grid gap-4 sm:grid-cols-[10rem_1fr_9rem_auto] sm:items-end"
        noValidate
        onSubmit={form.handleSubmit((v) =>
          create.mutate({
            workspaceId: workspace.id,
            role: v.role,
            email: v.email || undefined,
            expiresInDays: Number(v.expiresInDays) as 1 | 3 | 7 | 14,
          }),
        )}
      >
        <SelectField label="Role" {...form.register("role")}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Only for this email (optional)"
          type="email"
          placeholder="anyone with the link"
          error={form.formState.errors.email?.message}
          {...form.register("email")}
        />
        <SelectField label="Valid for" {...form.register("expiresInDays")}>
          <option value="1">1 day</option>
          <option value="3">3 days</option>
          <option value="7">7 days</option>
          <option value="14">14 days</option>
        </SelectField>
        <Button type="submit" busy={create.isPending}>
          Create link
        </Button>
      </form>
      <p className="mt-2 text-xs text-slate-600">
        {ROLE_LABELS[role]}: {ROLE_DESCRIPTIONS[role]}
      </p>
      {create.error && (
        <Notice tone="error" className="mt-4">
          {errorMessage(create.error)}
        </Notice>
      )}
      {link && (
        <div className="mt-4 rounded-md border border-emerald-200 bg-emerald-50 p-3">
          <p className="text-sm font-medium text-emerald-900">Invitation link — shown only once, copy it now:</p>
          <div className="mt-2 flex gap-2">
            <input
              readOnly
              aria-label="Invitation link"
              data-testid="invite-link"
              value={link}
              className="w-full rounded-md border border-emerald-300 bg-white px-2 py-1.5 font-mono text-xs"
              onFocus={(e) => e.target.select()}
            />
            <Button
              variant="secondary"
              size="sm"
              onClick={() => {
                void navigator.clipboard?.writeText(link).then(
                  () => setCopied(true),
                  () => setCopied(false),
                );
              }}
            >
              {copied ? <Check aria-hidden className="size-4" /> : <Copy aria-hidden className="size-4" />}
              {copied ? "Copied" : "Copy"}
            </Button>
          </div>
        </div>
      )}
      {invitationRows.length > 0 && (
        <div className="mt-6">
          <h3 className="text-sm font-semibold text-slate-900">Recent invitations</h3>
          {revoke.error && (
            <Notice tone="error" className="mt-2">
              {errorMessage(revoke.error)}
            </Notice>
          )}
          <ul className="mt-2 divide-y divide-slate-100 text-sm">
            {invitationRows.map((i) => (
              <li key={i.id} className="flex flex-wrap items-center gap-2 py-2">
                <Badge tone={STATUS_TONE[i.status]}>{INVITE_STATUS_LABELS[i.status]}</Badge>
                <span>{ROLE_LABELS[i.role]}</span>
                <span className="text-slate-500">{i.email ?? "anyone with the link"}</span>
                <span className="text-slate-500">
                  {i.status === "accepted" && i.acceptedBy ? (
                    `joined as ${i.acceptedBy.name}`
                  ) : (
                    <>
                      expires <Timestamp at={i.expiresAt} />
                    </>
                  )}
                </span>
                {i.status === "pending" && (
                  <Button
                    size="sm"
                    variant="ghost"
                    className="ml-auto"
                    onClick={() => revoke.mutate({ invitationId: i.id })}
                  >
                    Revoke
                  </Button>
                )}
              </li>
            ))}
          </ul>
          {invitations.hasNextPage && (
            <Button
              variant="secondary"
              size="sm"
              className="mt-2"
              busy={invitations.isFetchingNextPage}
              onClick={() => void invitations.fetchNextPage()}
            >
              Older invitations
            </Button>
          )}
        </div>
      )}
    </Card>
  );
}
