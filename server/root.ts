import { auditRouter } from "./routers/audit.ts";
import { briefingRouter } from "./routers/briefing.ts";
import { citationRouter } from "./routers/citation.ts";
import { entityRouter } from "./routers/entity.ts";
import { eventRouter } from "./routers/event.ts";
import { evidenceRouter } from "./routers/evidence.ts";
import { historyRouter } from "./routers/history.ts";
import { importRouter } from "./routers/import.ts";
import { invitationRouter } from "./routers/invitation.ts";
import { memberRouter } from "./routers/member.ts";
import { meRouter } from "./routers/me.ts";
import { networkRouter } from "./routers/network.ts";
import { notificationRouter } from "./routers/notification.ts";
import { presenceRouter } from "./routers/presence.ts";
import { proposalRouter } from "./routers/proposal.ts";
import { reviewRouter } from "./routers/review.ts";
import { searchRouter } from "./routers/search.ts";
import { sourceRouter } from "./routers/source.ts";
import { systemRouter } from "./routers/system.ts";
import { voteRouter } from "./routers/vote.ts";
import { workspaceRouter } from "./routers/workspace.ts";
import { createCallerFactory, router } from "./trpc.ts";

export const appRouter = router({
  me: meRouter,
  workspace: workspaceRouter,
  member: memberRouter,
  invitation: invitationRouter,
  audit: auditRouter,
  event: eventRouter,
  source: sourceRouter,
  citation: citationRouter,
  entity: entityRouter,
  network: networkRouter,
  search: searchRouter,
  history: historyRouter,
  vote: voteRouter,
  review: reviewRouter,
  proposal: proposalRouter,
  notification: notificationRouter,
  presence: presenceRouter,
  briefing: briefingRouter,
  import: importRouter,
  evidence: evidenceRouter,
  system: systemRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
