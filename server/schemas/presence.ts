import "./zod-config.ts";
import { z } from "zod";
import { idSchema } from "./common.ts";

export const PRESENCE_TARGETS = ["event", "briefing"] as const;

const target = {
  workspaceId: idSchema,
  targetType: z.enum(PRESENCE_TARGETS),
  targetId: idSchema,
};

/** A tab says it has this record open (and whether its edit form is), every PRESENCE_BEAT_MS. */
export const presenceBeatSchema = z.object({ ...target, tabId: idSchema, editing: z.boolean().default(false) });
export const presenceLeaveSchema = z.object({ tabId: idSchema });
export const presenceListSchema = z.object(target);

export type PresenceBeatInput = z.infer<typeof presenceBeatSchema>;
export type PresenceListInput = z.infer<typeof presenceListSchema>;

/** How often an open tab renews its presence, and how long one lasts unrenewed (a few missed beats). */
export const PRESENCE_BEAT_MS = 15_000;
export const PRESENCE_TTL_MS = 45_000;
