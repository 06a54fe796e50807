/** What the rest of the server may call in workspace/. */
export {
  acceptInvitation,
  acceptInvitationAsNewUser,
  createInvitation,
  listInvitations,
  previewInvitation,
  revokeInvitation,
} from "./invitation-service.ts";
export { changeRole, listMembers, setMemberActive } from "./member-service.ts";
export {
  createWorkspace,
  getWorkspaceBySlug,
  getWorkspaceEventCounts,
  listMyWorkspaces,
  updateBriefingSettings,
  updateWorkspace,
  type WorkspaceEventCounts,
  type WorkspaceOverview,
} from "./workspace-service.ts";
