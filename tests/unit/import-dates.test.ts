import { describe, expect, it } from "vitest";
import { findDates } from "../../server/import/date-finder.ts";

/** The one date found in a phrase, as [text as written, precision, date]. */
function one(text: string, pubDate?: { year: number; month?: number; day?: number }) {
  const found = findDates(text, pubDate ?? null);
  expect(found, `${text}: ${JSON.stringify(found)}`).toHaveLength(1);
  const [f] = found;
  return { text: f!.text, precision: f!.precision, date: f!.date, relative: f!.relative };
}

const article = { year: 2016, month: 12, day: 9 }; // a Friday

describe("absolute dates", () => {
  it.each([
    ["22 May 2007: British troops", "22 May 2007", { year: 2007, month: 5, day: 22 }],
    ["On December 12, 2016, Iran’s ambassador", "December 12, 2016", { year: 2016, month: 12, day: 12 }],
    ["published on 2016-12-14 by", "2016-12-14", { year: 2016, month: 12, day: 14 }],
  ])("%s → %s, to the day", (sentence, text, start) => {
    expect(one(sentence)).toEqual({
      text,
      precision: "DAY",
      date: { start, end: null, qualifier: "EXACT" },
      relative: false,
    });
  });
});

describe("Persian and Arabic-Indic digits", () => {
  it("read as digits, and the phrase keeps the digits as written", () => {
    expect(one("The envoy arrived on ۱۸ May ۲۰۱۵ in Tehran.")).toEqual({
      text: "۱۸ May ۲۰۱۵",
      precision: "DAY",
      date: { start: { year: 2015, month: 5, day: 18 }, end: null, qualifier: "EXACT" },
      relative: false,
    });
    expect(one("The office opened in ٢٠١٢.")).toMatchObject({
      text: "in ٢٠١٢",
      precision: "YEAR",
      date: { start: { year: 2012 } },
    });
  });
});

describe("partial dates", () => {
  it("“In 1998” is a year", () => {
    expect(one("In 1998 the Taliban took Mazar")).toMatchObject({
      text: "In 1998",
      precision: "YEAR",
      date: { start: { year: 1998 }, end: null, qualifier: "EXACT" },
    });
  });

  it("“in 2011 and 2012” is a range of two years", () => {
    expect(one("shipments seized in 2011 and 2012 were")).toMatchObject({
      precision: "YEAR",
      date: { start: { year: 2011 }, end: { year: 2012 }, qualifier: "EXACT" },
    });
    expect(one("during 2011–2012 the")).toMatchObject({ date: { start: { year: 2011 }, end: { year: 2012 } } });
  });

  it("“late 1990s” is about the last years of the decade; “the 1990s” all of it", () => {
    expect(one("In the late 1990s Iran backed")).toMatchObject({
      text: "late 1990s",
      date: { start: { year: 1996 }, end: { year: 1999 }, qualifier: "CIRCA" },
    });
    expect(one("through the 1990s")).toMatchObject({
      date: { start: { year: 1990 }, end: { year: 1999 }, qualifier: "EXACT" },
    });
  });

  it("“mid-September” is a month, placed in the year of the article", () => {
    expect(one("protests since mid-September shook", article)).toMatchObject({
      text: "mid-September",
      precision: "MONTH",
      date: { start: { year: 2016, month: 9 }, end: null },
    });
  });

  it("“August 2021” is a month", () => {
    expect(one("In August 2021 the Taliban")).toMatchObject({
      precision: "MONTH",
      date: { start: { year: 2021, month: 8 }, end: null, qualifier: "EXACT" },
      relative: false,
    });
  });

  it("“before 2001” and “around 2005” keep their qualifier", () => {
    expect(one("before 2001 it")).toMatchObject({ date: { start: { year: 2001 }, qualifier: "BEFORE" } });
    expect(one("around 2005 it")).toMatchObject({ date: { start: { year: 2005 }, qualifier: "CIRCA" } });
  });
});

describe("relative dates, from the publication date", () => {
  it("“on Monday” is the Monday before the article", () => {
    expect(one("On Monday, the Taliban overran a district", article)).toMatchObject({
      text: "Monday",
      precision: "DAY",
      relative: true,
      date: { start: { year: 2016, month: 12, day: 5 } },
    });
  });

  it("“last October” is the latest October before the article", () => {
    expect(one("Last October, a Taliban official said", article)).toMatchObject({
      text: "Last October",
      precision: "MONTH",
      date: { start: { year: 2016, month: 10 } },
    });
    expect(one("Last October, a Taliban official said", { year: 2017, month: 3, day: 1 })).toMatchObject({
      date: { start: { year: 2016, month: 10 } },
    });
  });

  it("“two months ago” is about a month", () => {
    expect(one("entered Iran two months ago", article)).toMatchObject({
      precision: "MONTH",
      date: { start: { year: 2016, month: 10 }, qualifier: "CIRCA" },
    });
  });

  it("“this year” is the article's year", () => {
    expect(one("targeted heavily this year", article)).toMatchObject({
      precision: "YEAR",
      date: { start: { year: 2016 }, qualifier: "EXACT" },
    });
  });

  it("a month without a year is the latest one not after the article (“a June meeting” in September 2007)", () => {
    expect(one("a June meeting in Mashhad", { year: 2007, month: 9, day: 20 })).toMatchObject({
      date: { start: { year: 2007, month: 6 } },
    });
    expect(one("a June meeting in Mashhad", { year: 2007, month: 3, day: 1 })).toMatchObject({
      date: { start: { year: 2006, month: 6 } },
    });
  });

  it("is no more precise than a publication date known only to the month", () => {
    expect(one("On Monday, the Taliban met", { year: 2016, month: 12 })).toMatchObject({
      precision: "MONTH",
      date: { start: { year: 2016, month: 12 } },
    });
  });

  it("is dropped without a publication date rather than guessed", () => {
    expect(findDates("Last October, a Taliban official said")).toEqual([]);
    expect(findDates("On Monday the Taliban met")).toEqual([]);
  });
});

describe("what is not a date", () => {
  it.each([
    "3,000 German soldiers",
    "Tehran now operates four camps",
    "Iran may seek to use them",
    "“I certainly believe it,” August Hanning said",
    "at 10 am",
  ])("%s", (text) => {
    expect(findDates(text, article)).toEqual([]);
  });
});
