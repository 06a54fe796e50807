import "./zod-config.ts";
import { z } from "zod";
import { text, workspaceScopedSchema } from "./common.ts";
import { eventFiltersSchema } from "./event.ts";

export const SEARCH_KINDS = ["events", "sources", "entities", "quotes"] as const;

export const searchSchema = workspaceScopedSchema.extend(eventFiltersSchema.omit({ text: true }).shape).extend({
  q: text().trim().min(1, "Type something to search for").max(200, "Use at most 200 characters"),
  kinds: z.array(z.enum(SEARCH_KINDS)).default([...SEARCH_KINDS]),
  limit: z.number().int().min(1).max(50).default(10),
});
export type SearchInput = z.input<typeof searchSchema>;

/** Highlight markers in snippets: private-use characters that never occur in text, split by the UI (no HTML). */
export const HIGHLIGHT_START = "\uE000";
export const HIGHLIGHT_END = "\uE001";
