"use client";
import { can } from "@/server/policy";
import { WorkspaceGate } from "../workspace/workspace-gate";
import { InvitePanel } from "./invite-panel";
import { MemberTable } from "./member-table";
import { ArchiveSettings } from "./archive-settings";
import { BriefingSettings } from "./briefing-settings";
import { ReviewSettings } from "./review-settings";
import { WorkspaceSettings } from "./workspace-settings";

export function MembersPage() {
  return (
    <WorkspaceGate>
      {(ws) => (
        <div className="space-y-8">
          <div>
            <h1 className="text-2xl font-semibold tracking-tight">Members</h1>
            <p className="mt-1 text-sm text-slate-600" dir="auto">
              People in {ws.name} and what each of them may do.
            </p>
          </div>
          <MemberTable workspace={ws} />
          {can(ws.role, "invitation.manage") && <InvitePanel workspace={ws} />}
          {can(ws.role, "workspace.update") && <WorkspaceSettings workspace={ws} />}
          {can(ws.role, "workspace.update") && <ReviewSettings workspace={ws} />}
          {can(ws.role, "workspace.update") && <BriefingSettings workspace={ws} />}
          {can(ws.role, "workspace.update") && <ArchiveSettings workspace={ws} />}
        </div>
      )}
    </WorkspaceGate>
  );
}
