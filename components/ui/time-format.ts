/**
 * The one way the app writes a moment: relative while it is recent ("3 days
 * ago", "in 2 hours"), the day as analysts write dates ("9 March 2011") once
 * it is older than a week; the exact time always on hover. Day-month-year in
 * words everywhere, so a timestamp never reads "12/5/2026" beside an event of
 * "9 March 2011". Pure: `now` is passed in, so it is unit-tested.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const relative = new Intl.RelativeTimeFormat("en-GB", { numeric: "auto" });
const dayFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric" });
const exactFormat = new Intl.DateTimeFormat("en-GB", {
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZoneName: "short",
});

/** "just now", "5 minutes ago", "yesterday", "3 days ago", "in 2 days"; the day itself past a week. */
export function relativeTime(at: Date, now: Date): string {
  const diff = at.getTime() - now.getTime();
  const abs = Math.abs(diff);
  if (abs < MINUTE) return "just now";
  if (abs < HOUR) return relative.format(Math.round(diff / MINUTE), "minute");
  if (abs < DAY) return relative.format(Math.round(diff / HOUR), "hour");
  if (abs < 7 * DAY) return relative.format(Math.round(diff / DAY), "day");
  return dayFormat.format(at);
}

/** "Sunday 6 December 2026 at 09:15 GMT+3:30": the full moment, in the reader's own time zone. */
export function exactTime(at: Date): string {
  return exactFormat.format(at);
}

/** "6 December 2026". */
export function dayOf(at: Date): string {
  return dayFormat.format(at);
}
