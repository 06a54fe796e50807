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
  listMyWorkspaces,
  updateBriefingSettings,
  updateWorkspace,
  type WorkspaceOverview,
} from "./workspace-service.ts";
