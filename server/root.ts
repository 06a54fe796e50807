import { auditRouter } from "./routers/audit.ts";
import { eventRouter } from "./routers/event.ts";
import { invitationRouter } from "./routers/invitation.ts";
import { memberRouter } from "./routers/member.ts";
import { meRouter } from "./routers/me.ts";
import { workspaceRouter } from "./routers/workspace.ts";
import { createCallerFactory, router } from "./trpc.ts";

export const appRouter = router({
  me: meRouter,
  workspace: workspaceRouter,
  member: memberRouter,
  invitation: invitationRouter,
  audit: auditRouter,
  event: eventRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
