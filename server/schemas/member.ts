import "./zod-config.ts";
import { z } from "zod";
import { ROLES } from "../policy.ts";
import { idSchema, versionSchema, workspaceScopedSchema } from "./common.ts";

export const roleSchema = z.enum(ROLES, { message: "Choose a role" });

export const listMembersSchema = workspaceScopedSchema;

export const changeRoleSchema = z.object({
  membershipId: idSchema,
  role: roleSchema,
  /** The version the admin saw, so two admins editing at once cannot silently overwrite. */
  version: versionSchema,
});
export type ChangeRoleInput = z.infer<typeof changeRoleSchema>;

export const setMemberActiveSchema = z.object({
  membershipId: idSchema,
  active: z.boolean(),
  version: versionSchema,
});
export type SetMemberActiveInput = z.infer<typeof setMemberActiveSchema>;
