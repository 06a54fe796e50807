import { createHash } from "node:crypto";

/**
 * Ids derived from a stable key ("event:mazar-1998"), so every run, and every
 * rebuild with --reset, gives each demo row the same id: links to demo pages
 * keep working and a second run can tell what is already there.
 */
export function demoId(key: string): string {
  return `demo${createHash("sha256").update(key).digest("hex").slice(0, 21)}`;
}

/** Every demo timestamp is an offset from this instant, whatever the clock says. */
export const SEED_EPOCH = Date.UTC(2026, 0, 5, 9, 0, 0);
export const at = (minutes: number) => new Date(SEED_EPOCH + minutes * 60_000);
