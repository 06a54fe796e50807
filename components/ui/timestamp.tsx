"use client";
import { exactTime, relativeTime } from "./time-format";

/**
 * A moment as the app writes it everywhere: relative ("3 days ago"), with
 * the exact time on hover and for assistive technology, as a `<time>`.
 */
export function Timestamp({ at, className }: { at: Date | string; className?: string }) {
  const date = typeof at === "string" ? new Date(at) : at;
  const exact = exactTime(date);
  return (
    // The server renders with its own clock; the browser's reading wins.
    <time dateTime={date.toISOString()} title={exact} className={className} suppressHydrationWarning>
      {relativeTime(date, new Date())}
    </time>
  );
}
