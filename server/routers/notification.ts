import { listNotificationsSchema, markNotificationsReadSchema } from "../schemas/notification.ts";
import { listNotifications, markNotificationsRead } from "../services/notification/index.ts";
import { protectedProcedure, router } from "../trpc.ts";

export const notificationRouter = router({
  list: protectedProcedure
    .input(listNotificationsSchema)
    .query(({ ctx, input }) => listNotifications(ctx.actor, input)),
  markRead: protectedProcedure
    .input(markNotificationsReadSchema)
    .mutation(({ ctx, input }) => markNotificationsRead(ctx.actor, input)),
});
