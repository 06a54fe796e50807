import "./zod-config.ts";
import { z } from "zod";
import { workspaceScopedSchema } from "./common.ts";
import { eventFiltersSchema } from "./event.ts";

/** What the timeline's lanes group events by. */
export const TIMELINE_LANES = ["none", "status", "tag", "entity"] as const;
export type TimelineLaneBy = (typeof TIMELINE_LANES)[number];
export const TIMELINE_LANE_LABELS: Record<TimelineLaneBy, string> = {
  none: "One lane",
  status: "Status",
  tag: "Tag",
  entity: "Entity",
};

/** More events than this in the visible window are drawn as density bands instead of one by one. */
export const TIMELINE_EVENT_CAP = 400;
/** Lanes beyond this many are folded into one "other" lane. */
export const TIMELINE_MAX_LANES = 12;

// setUTCFullYear, not Date.UTC, which would read the year 1 as 1901.
const YEAR_ONE = (() => {
  const d = new Date(0);
  d.setUTCFullYear(1, 0, 1);
  return d.getTime();
})();
const YEAR_10000 = (() => {
  const d = new Date(0);
  d.setUTCFullYear(10000, 0, 1);
  return d.getTime();
})();
/** The narrowest window the timeline draws: one hour shows a day as wide as the screen. */
const MIN_WINDOW_MS = 3_600_000;

/**
 * The timeline's window and grouping, with the chronology's filters except
 * from/to: those are the brush's window, which filters the list, not the
 * picture it was drawn on. Without start and end the window fits the events.
 */
export const timelineSchema = workspaceScopedSchema
  .extend(eventFiltersSchema.omit({ from: true, to: true }).shape)
  .extend({
    start: z.date().optional(),
    end: z.date().optional(),
    /** How many density bands across the window (about one per few pixels). */
    buckets: z.number().int().min(4).max(400).default(120),
    lane: z.enum(TIMELINE_LANES).default("none"),
  })
  .superRefine((v, ctx) => {
    if (!v.start !== !v.end) {
      ctx.addIssue({ code: "custom", path: [v.start ? "end" : "start"], message: "Give both ends of the window" });
      return;
    }
    if (!v.start || !v.end) return;
    for (const [key, d] of [
      ["start", v.start],
      ["end", v.end],
    ] as const) {
      if (Number.isNaN(d.getTime()) || d.getTime() < YEAR_ONE || d.getTime() > YEAR_10000) {
        ctx.addIssue({ code: "custom", path: [key], message: "The window must lie between the year 1 and 9999" });
        return;
      }
    }
    if (v.end.getTime() - v.start.getTime() < MIN_WINDOW_MS) {
      ctx.addIssue({ code: "custom", path: ["end"], message: "The window must end at least an hour after it starts" });
    }
  });
export type TimelineInput = z.infer<typeof timelineSchema>;
export type TimelineQuery = z.input<typeof timelineSchema>;
