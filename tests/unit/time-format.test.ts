import { describe, expect, it } from "vitest";
import { dayOf, exactTime, relativeTime } from "../../components/ui/time-format.ts";

describe("one timestamp format", () => {
  const now = new Date(Date.UTC(2026, 11, 6, 9, 0));
  const ago = (ms: number) => new Date(now.getTime() - ms);

  it("is relative while recent", () => {
    expect(relativeTime(ago(20_000), now)).toBe("just now");
    expect(relativeTime(ago(5 * 60_000), now)).toBe("5 minutes ago");
    expect(relativeTime(ago(3 * 3600_000), now)).toBe("3 hours ago");
    expect(relativeTime(ago(24 * 3600_000), now)).toBe("yesterday");
    expect(relativeTime(ago(3 * 24 * 3600_000), now)).toBe("3 days ago");
    expect(relativeTime(new Date(now.getTime() + 2 * 24 * 3600_000), now)).toBe("in 2 days");
  });

  it("writes older moments as days in words, never as 12/5/2026", () => {
    const old = ago(40 * 24 * 3600_000);
    expect(relativeTime(old, now)).toBe(dayOf(old));
    expect(relativeTime(old, now)).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}$/);
  });

  it("gives the exact moment with the day, month in words, year and time", () => {
    expect(exactTime(now)).toMatch(/December 2026/);
    expect(exactTime(now)).toMatch(/\d{2}:\d{2}/);
  });
});
