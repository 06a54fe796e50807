import "./zod-config.ts";
import { z } from "zod";
import { idSchema } from "./common.ts";

export const listNotificationsSchema = z.object({ limit: z.number().int().min(1).max(50).default(20) });
/** Without ids, every unread notification of the caller is marked read. */
export const markNotificationsReadSchema = z.object({ ids: z.array(idSchema).max(100).optional() });
