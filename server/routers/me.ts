import { changePasswordSchema, updateProfileSchema } from "../schemas/auth.ts";
import { changePassword } from "../services/auth/index.ts";
import { getProfile, updateProfile } from "../services/auth/index.ts";
import { protectedProcedure, router } from "../trpc.ts";

export const meRouter = router({
  get: protectedProcedure.query(({ ctx }) => getProfile(ctx.actor)),
  updateProfile: protectedProcedure
    .input(updateProfileSchema)
    .mutation(({ ctx, input }) => updateProfile(ctx.actor, input)),
  changePassword: protectedProcedure
    .input(changePasswordSchema)
    .mutation(({ ctx, input }) => changePassword(ctx.actor, input)),
});
