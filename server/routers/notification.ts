import { z } from "zod";
import { idSchema } from "../schemas/common.ts";
import { listNotifications, markNotificationsRead } from "../services/notification-service.ts";
import { protectedProcedure, router } from "../trpc.ts";

export const notificationRouter = router({
  list: protectedProcedure.input(z.object({ limit: z.number().int().min(1).max(50).default(20) })).query(({ ctx, input }) => listNotifications(ctx.actor, input)),
  markRead: protectedProcedure.input(z.object({ ids: z.array(idSchema).max(100).optional() })).mutation(({ ctx, input }) => markNotificationsRead(ctx.actor, input)),
});
