import "./zod-config.ts";
import { z } from "zod";
import { displayNameSchema, emailSchema, passwordSchema } from "./auth.ts";
import { idSchema, pageSchema, text, workspaceScopedSchema } from "./common.ts";
import { roleSchema } from "./member.ts";

export const INVITATION_TTL_DAYS = [1, 3, 7, 14] as const;

export const createInvitationSchema = z.object({
  workspaceId: idSchema,
  role: roleSchema,
  email: z
    .union([z.literal(""), emailSchema])
    .optional()
    .transform((v) => v || undefined),
  expiresInDays: z
    .union(
      INVITATION_TTL_DAYS.map((d) => z.literal(d)) as [
        z.ZodLiteral<1>,
        z.ZodLiteral<3>,
        z.ZodLiteral<7>,
        z.ZodLiteral<14>,
      ],
    )
    .default(7),
});
export type CreateInvitationInput = z.input<typeof createInvitationSchema>;

export const invitationTokenSchema = z.object({
  token: text().trim().min(20, "This invitation link is incomplete").max(200, "This invitation link is invalid"),
});

export const acceptInvitationAsNewUserSchema = invitationTokenSchema.extend({
  name: displayNameSchema,
  email: emailSchema,
  password: passwordSchema,
});
export type AcceptInvitationAsNewUserInput = z.infer<typeof acceptInvitationAsNewUserSchema>;

export const revokeInvitationSchema = z.object({ invitationId: idSchema });

export const listInvitationsSchema = workspaceScopedSchema.extend(pageSchema.shape);
export type ListInvitationsInput = z.infer<typeof listInvitationsSchema>;
