"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { can, ROLE_LABELS, ROLES, type Role } from "@/server/policy";
import type { WorkspaceOverview } from "@/components/trpc";
import { errorMessage } from "../errors";
import { useTRPC } from "../trpc";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { Notice } from "../ui/notice";

export function MemberTable({ workspace }: { workspace: WorkspaceOverview }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const manage = can(workspace.role, "member.manage");
  const members = useQuery(trpc.member.list.queryOptions({ workspaceId: workspace.id }));
  const [notice, setNotice] = useState<{ tone: "error" | "success"; text: string } | null>(null);

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.member.list.pathFilter()),
      queryClient.invalidateQueries(trpc.workspace.pathFilter()),
    ]);
  const changeRole = useMutation(
    trpc.member.changeRole.mutationOptions({
      onSuccess: async (m) => {
        setNotice({ tone: "success", text: `Role changed to ${ROLE_LABELS[m.role]}.` });
        await refresh();
      },
      onError: async (err) => {
        setNotice({ tone: "error", text: errorMessage(err) });
        await refresh();
      },
    }),
  );
  const setActive = useMutation(
    trpc.member.setActive.mutationOptions({
      onSuccess: async (m) => {
        setNotice({
          tone: "success",
          text: m.active ? "Member reactivated." : "Member deactivated. Their access ended immediately.",
        });
        await refresh();
      },
      onError: async (err) => {
        setNotice({ tone: "error", text: errorMessage(err) });
        await refresh();
      },
    }),
  );

  return (
    <Card
      title="Team"
      description={manage ? "Role changes and deactivations take effect on the member's very next request." : undefined}
    >
      {notice && (
        <Notice tone={notice.tone} className="mb-4">
          {notice.text}
        </Notice>
      )}
      {members.error && <Notice tone="error">{errorMessage(members.error)}</Notice>}
      {members.isPending && <p className="text-sm text-slate-500">Loading…</p>}
      {members.data && (
        // On a phone the email goes under the name; the wrapper scrolls rather than widening the page.
        <div className="-mx-1 overflow-x-auto px-1">
          <table className="w-full text-left text-sm">
            <thead className="text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="py-2 font-medium">
                  Name
                </th>
                <th scope="col" className="hidden py-2 font-medium sm:table-cell">
                  Email
                </th>
                <th scope="col" className="py-2 font-medium">
                  Role
                </th>
                {manage && (
                  <th scope="col" className="py-2 text-right font-medium">
                    Access
                  </th>
                )}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {members.data.map((m) => (
                // Deactivated rows are dimmed, but stay readable (the badge says why).
                <tr key={m.membershipId} data-testid={`member-${m.email}`} className={m.active ? "" : "text-slate-500"}>
                  <td className="py-2.5 pr-3 font-medium">
                    <span dir="auto">{m.name}</span> {!m.active && <Badge tone="red">Deactivated</Badge>}
                    <span className="block break-all text-xs font-normal text-slate-600 sm:hidden">{m.email}</span>
                  </td>
                  <td className="hidden break-all py-2.5 pr-3 sm:table-cell">{m.email}</td>
                  <td className="py-2.5 pr-3">
                    {manage ? (
                      <select
                        aria-label={`Role of ${m.name}`}
                        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
                        value={m.role}
                        disabled={!m.active || changeRole.isPending}
                        onChange={(e) =>
                          changeRole.mutate({
                            membershipId: m.membershipId,
                            role: e.target.value as Role,
                            version: m.version,
                          })
                        }
                      >
                        {ROLES.map((r) => (
                          <option key={r} value={r}>
                            {ROLE_LABELS[r]}
                          </option>
                        ))}
                      </select>
                    ) : (
                      ROLE_LABELS[m.role]
                    )}
                  </td>
                  {manage && (
                    <td className="py-2.5 text-right">
                      <Button
                        size="sm"
                        variant={m.active ? "danger" : "secondary"}
                        busy={setActive.isPending && setActive.variables?.membershipId === m.membershipId}
                        onClick={() =>
                          setActive.mutate({ membershipId: m.membershipId, active: !m.active, version: m.version })
                        }
                        aria-label={`${m.active ? "Deactivate" : "Reactivate"} ${m.name}`}
                      >
                        {m.active ? "Deactivate" : "Reactivate"}
                      </Button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
