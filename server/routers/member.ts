import { changeRoleSchema, listMembersSchema, setMemberActiveSchema } from "../schemas/member.ts";
import { changeRole, listMembers, setMemberActive } from "../services/workspace/index.ts";
import { protectedProcedure, router } from "../trpc.ts";

export const memberRouter = router({
  list: protectedProcedure
    .input(listMembersSchema)
    .query(({ ctx, input }) => listMembers(ctx.actor, input.workspaceId)),
  changeRole: protectedProcedure.input(changeRoleSchema).mutation(({ ctx, input }) => changeRole(ctx.actor, input)),
  setActive: protectedProcedure
    .input(setMemberActiveSchema)
    .mutation(({ ctx, input }) => setMemberActive(ctx.actor, input)),
});
