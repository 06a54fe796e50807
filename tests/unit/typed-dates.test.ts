import { describe, expect, it } from "vitest";
import { dateFilterWindow, readDateText } from "../../server/import/date-text.ts";
import { findDates } from "../../server/import/date-finder.ts";
import { describeEventDate } from "../../server/schemas/partial-date.ts";

const reads = (text: string) => {
  const d = readDateText(text);
  return d ? describeEventDate(d) : null;
};

describe("dates typed as analysts write them", () => {
  it.each([
    ["March 2011", "month: March 2011"],
    ["9 March 2011", "day: 9 March 2011"],
    ["c. 2015", "year: 2015, about"],
    ["about March 2011", "month: March 2011, about"],
    ["late 1990s", "range: 1996–1999, about"],
    ["the 1990s", "range: 1990–1999"],
    ["2011–2012", "range: 2011–2012"],
    ["March–June 2011", "range: March–June 2011"],
    ["3 May to 5 June 2015", "range: 3 May – 5 June 2015"],
    ["before January 2016", "before: January 2016"],
    ["after 3 May 2015", "after: 3 May 2015"],
    ["2011-03", "month: March 2011"],
    ["in 1998", "year: 1998"],
  ])("reads “%s” as %s", (typed, understood) => {
    expect(reads(typed)).toBe(understood);
  });

  it.each(["March", "hello", "March 2011 and then some", "2012–2011", "31 February 2011", ""])(
    "refuses “%s” rather than guess",
    (typed) => {
      expect(readDateText(typed)).toBeNull();
    },
  );

  it("agrees with the importer on the same phrase", () => {
    for (const phrase of ["late 1990s", "2011–2012", "March 2011"]) {
      const [found] = findDates(`It happened in ${phrase}.`);
      expect(readDateText(phrase)).toEqual(found!.date);
    }
  });

  it("turns filters into a window: from the earliest, to the latest, when overlapping", () => {
    const r = dateFilterWindow({ when: "2011–2012" });
    expect(r).toEqual({
      window: { start: new Date(Date.UTC(2011, 0, 1)), end: new Date(Date.UTC(2013, 0, 1) - 1) },
    });
    const before = dateFilterWindow({ when: "before January 2016" });
    expect(before).toEqual({ window: { start: null, end: new Date(Date.UTC(2016, 0, 1) - 1) } });
    expect(dateFilterWindow({ from: "March 2011", to: "2012" })).toEqual({
      window: { start: new Date(Date.UTC(2011, 2, 1)), end: new Date(Date.UTC(2013, 0, 1) - 1) },
    });
    expect(dateFilterWindow({})).toEqual({ window: null });
    expect(dateFilterWindow({ when: "someday" })).toEqual({ unreadable: "when" });
  });
});
