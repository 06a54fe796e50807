import { describe, expect, it } from "vitest";
import {
  dateBounds,
  earliestInstant,
  eventDateSchema,
  formatEventDate,
  latestInstant,
  parseDateFilter,
  partialDateSchema,
  sortInstant,
  type EventDate,
} from "../../server/schemas/partial-date.ts";

const ed = (v: unknown) => eventDateSchema.parse(v) as EventDate;
const iso = (d: Date | null) => d?.toISOString() ?? null;

describe("earliest and latest instants (UTC, whatever the machine's zone)", () => {
  it("covers a whole year, month or day", () => {
    expect(iso(earliestInstant({ year: 2011 }))).toBe("2011-01-01T00:00:00.000Z");
    expect(iso(latestInstant({ year: 2011 }))).toBe("2011-12-31T23:59:59.999Z");
    expect(iso(earliestInstant({ year: 2011, month: 3 }))).toBe("2011-03-01T00:00:00.000Z");
    expect(iso(latestInstant({ year: 2011, month: 3 }))).toBe("2011-03-31T23:59:59.999Z");
    expect(iso(latestInstant({ year: 2012, month: 2 }))).toBe("2012-02-29T23:59:59.999Z");
    expect(iso(latestInstant({ year: 2011, month: 12, day: 31 }))).toBe("2011-12-31T23:59:59.999Z");
  });

  it("handles years below 100 without the 1900s shift", () => {
    expect(earliestInstant({ year: 99 }).getUTCFullYear()).toBe(99);
    expect(latestInstant({ year: 99 }).getUTCFullYear()).toBe(99);
  });
});

describe("validation", () => {
  it("refuses impossible days with a message naming the month", () => {
    const r = partialDateSchema.safeParse({ year: 2011, month: 2, day: 31 });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toBe("February 2011 has 28 days");
    expect(partialDateSchema.safeParse({ year: 2012, month: 2, day: 29 }).success).toBe(true);
    expect(partialDateSchema.safeParse({ year: 2011, day: 3 }).success).toBe(false);
    expect(partialDateSchema.safeParse({ year: 0 }).success).toBe(false);
    expect(partialDateSchema.safeParse({ year: 2011, month: 13 }).success).toBe(false);
  });

  it("refuses a range that ends before it starts, and before/after with a range", () => {
    const r = eventDateSchema.safeParse({ start: { year: 2012 }, end: { year: 2011 } });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toBe("The end is before the start");
    expect(eventDateSchema.safeParse({ start: { year: 2011, month: 5 }, end: { year: 2011 } }).success).toBe(true);
    expect(eventDateSchema.safeParse({ start: { year: 2011 }, end: { year: 2012 }, qualifier: "BEFORE" }).success).toBe(
      false,
    );
  });
});

describe("bounds used for sorting and filtering", () => {
  it("lets a month filter find both the year and the month", () => {
    const filter = { from: earliestInstant({ year: 2011, month: 3 }), to: latestInstant({ year: 2011, month: 3 }) };
    const overlaps = (b: { earliest: Date | null; latest: Date | null }) =>
      (b.earliest === null || b.earliest <= filter.to) && (b.latest === null || b.latest >= filter.from);
    expect(overlaps(dateBounds(ed({ start: { year: 2011 } })))).toBe(true);
    expect(overlaps(dateBounds(ed({ start: { year: 2011, month: 3 } })))).toBe(true);
    expect(overlaps(dateBounds(ed({ start: { year: 2011, month: 4 } })))).toBe(false);
    expect(overlaps(dateBounds(ed({ start: { year: 2010 }, end: { year: 2012 } })))).toBe(true);
  });

  it("widens 'about' by the precision, and leaves before/after open", () => {
    expect(dateBounds(ed({ start: { year: 1999 }, qualifier: "CIRCA" }))).toEqual({
      earliest: new Date("1998-01-01T00:00:00.000Z"),
      latest: new Date("2000-12-31T23:59:59.999Z"),
    });
    expect(iso(dateBounds(ed({ start: { year: 2015, month: 5, day: 18 }, qualifier: "CIRCA" })).earliest)).toBe(
      "2015-05-11T00:00:00.000Z",
    );
    expect(dateBounds(ed({ start: { year: 2001 }, qualifier: "BEFORE" }))).toEqual({
      earliest: null,
      latest: new Date("2000-12-31T23:59:59.999Z"),
    });
    expect(dateBounds(ed({ start: { year: 2014, month: 6 }, qualifier: "AFTER" }))).toEqual({
      earliest: new Date("2014-07-01T00:00:00.000Z"),
      latest: null,
    });
  });

  it("sorts 'March 2011' after '2011', 'c. 2016' after 'May 2015', and 'before 2001' by its end", () => {
    const year = sortInstant(ed({ start: { year: 2011 } }));
    const month = sortInstant(ed({ start: { year: 2011, month: 3 } }));
    expect(year < month).toBe(true);
    expect(
      sortInstant(ed({ start: { year: 2016 }, qualifier: "CIRCA" })) >
        sortInstant(ed({ start: { year: 2015, month: 5 } })),
    ).toBe(true);
    expect(iso(sortInstant(ed({ start: { year: 2001 }, qualifier: "BEFORE" })))).toBe("2000-12-31T23:59:59.999Z");
  });
});

describe("display as written", () => {
  it.each([
    [{ start: { year: 2011, month: 3 } }, "March 2011"],
    [{ start: { year: 2015, month: 5, day: 18 } }, "18 May 2015"],
    [{ start: { year: 1999 }, qualifier: "CIRCA" }, "c. 1999"],
    [{ start: { year: 2011 }, end: { year: 2012 } }, "2011–2012"],
    [{ start: { year: 2011, month: 3 }, end: { year: 2011, month: 6 } }, "March–June 2011"],
    [{ start: { year: 2015, month: 5, day: 3 }, end: { year: 2015, month: 5, day: 5 } }, "3–5 May 2015"],
    [{ start: { year: 2015, month: 4, day: 28 }, end: { year: 2015, month: 5, day: 2 } }, "28 April – 2 May 2015"],
    [{ start: { year: 2010, month: 11 }, end: { year: 2011 } }, "November 2010 – 2011"],
    [{ start: { year: 2001 }, qualifier: "BEFORE" }, "before 2001"],
    [{ start: { year: 2014, month: 6 }, qualifier: "AFTER" }, "after June 2014"],
  ])("%j → %s", (input, text) => {
    expect(formatEventDate(ed(input))).toBe(text);
  });
});

describe("filter input", () => {
  it("reads year, month and day bounds and refuses anything else", () => {
    expect(parseDateFilter("2011")).toEqual({ year: 2011, month: null, day: null });
    expect(parseDateFilter("2011-03")).toEqual({ year: 2011, month: 3, day: null });
    expect(parseDateFilter("2011-02-30")).toBeNull();
    expect(parseDateFilter("March")).toBeNull();
  });
});
