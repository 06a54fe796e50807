import {
  acceptInvitationAsNewUserSchema,
  createInvitationSchema,
  invitationTokenSchema,
  listInvitationsSchema,
  revokeInvitationSchema,
} from "../schemas/invitation.ts";
import {
  acceptInvitation,
  acceptInvitationAsNewUser,
  createInvitation,
  listInvitations,
  previewInvitation,
  revokeInvitation,
} from "../services/workspace/index.ts";
import { protectedProcedure, publicProcedure, router } from "../trpc.ts";

export const invitationRouter = router({
  list: protectedProcedure.input(listInvitationsSchema).query(({ ctx, input }) => listInvitations(ctx.actor, input)),
  create: protectedProcedure
    .input(createInvitationSchema)
    .mutation(({ ctx, input }) => createInvitation(ctx.actor, input)),
  revoke: protectedProcedure
    .input(revokeInvitationSchema)
    .mutation(({ ctx, input }) => revokeInvitation(ctx.actor, input.invitationId)),
  // The token is the credential here: whoever holds the link may see what it offers.
  preview: publicProcedure.input(invitationTokenSchema).query(({ input }) => previewInvitation(input.token)),
  accept: protectedProcedure
    .input(invitationTokenSchema)
    .mutation(({ ctx, input }) => acceptInvitation(ctx.actor, input.token)),
  acceptAsNewUser: publicProcedure
    .input(acceptInvitationAsNewUserSchema)
    .mutation(({ ctx, input }) => acceptInvitationAsNewUser(input, { ip: ctx.ip })),
});
