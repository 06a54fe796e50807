import { listAuditSchema } from "../schemas/audit.ts";
import { listAudit } from "../services/audit/index.ts";
import { protectedProcedure, router } from "../trpc.ts";

export const auditRouter = router({
  list: protectedProcedure.input(listAuditSchema).query(({ ctx, input }) => listAudit(ctx.actor, input)),
});
