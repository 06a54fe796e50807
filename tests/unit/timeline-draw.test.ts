import { describe, expect, it } from "vitest";
import {
  drawTimeline,
  markGeometry,
  periodText,
  textWidth,
  tickLabel,
  WHISKER,
  type TimelineEvent,
} from "../../server/lib/timeline/draw.ts";
import { toSvgString, type SvgNode } from "../../server/lib/timeline/svg-node.ts";
import { eventDateSchema, type EventDate } from "../../server/schemas/partial-date.ts";

const ed = (v: unknown) => eventDateSchema.parse(v) as EventDate;

// One pixel per day over 2011 (365 days), starting at x = 0.
const origin = Date.UTC(2011, 0, 1);
const DAY = 86_400_000;
const x = (d: Date) => (d.getTime() - origin) / DAY;

describe("each precision drawn as itself", () => {
  it("a day is a point in the middle of its day", () => {
    const m = markGeometry(ed({ start: { year: 2011, month: 3, day: 14 } }), x);
    expect(m.shape).toBe("point");
    expect(m.precision).toBe("DAY");
    // 14 March is day 72 (0-based); the point sits at its noon.
    expect(m.x1).toBe(72.5);
    expect(m.x2).toBe(72.5);
  });

  it("a month is a bar across the whole month, never a point on the 1st", () => {
    const m = markGeometry(ed({ start: { year: 2011, month: 3 } }), x);
    expect(m.shape).toBe("bar");
    expect(m.x1).toBe(59);
    expect(m.x2).toBe(90);
  });

  it("a year is a bar across the whole year", () => {
    const m = markGeometry(ed({ start: { year: 2011 } }), x);
    expect(m.shape).toBe("bar");
    expect(m.precision).toBe("YEAR");
    expect(m.x1).toBe(0);
    expect(m.x2).toBe(365);
  });

  it("a range runs from the first moment of its start to the last of its end", () => {
    const m = markGeometry(ed({ start: { year: 2011, month: 3, day: 14 }, end: { year: 2011, month: 5 } }), x);
    expect(m.shape).toBe("range");
    expect(m.x1).toBe(72);
    expect(m.x2).toBe(151);
  });

  it("about a month has a solid core and faded ends a month either side", () => {
    const m = markGeometry(ed({ start: { year: 2011, month: 6 }, qualifier: "CIRCA" }), x);
    expect(m.shape).toBe("about");
    expect([m.core1, m.core2]).toEqual([151, 181]);
    // As dateBounds widens it: from 1 May to the end of 30 July.
    expect([m.x1, m.x2]).toEqual([120, 211]);
  });

  it("about a day is a point with a week of fade each side", () => {
    const m = markGeometry(ed({ start: { year: 2011, month: 6, day: 10 }, qualifier: "CIRCA" }), x);
    expect(m.core1).toBe(m.core2);
    expect(m.core1).toBe(160.5);
    expect([m.x1, m.x2]).toEqual([153, 168]);
  });

  it("before and after are whiskers open on one side, capped at the date", () => {
    const before = markGeometry(ed({ start: { year: 2011, month: 7 }, qualifier: "BEFORE" }), x);
    expect(before.shape).toBe("before");
    expect(before.x2).toBe(181);
    expect(before.x1).toBe(181 - WHISKER);
    const after = markGeometry(ed({ start: { year: 2011, month: 7 }, qualifier: "AFTER" }), x);
    expect(after.shape).toBe("after");
    expect(after.x1).toBe(212);
    expect(after.x2).toBe(212 + WHISKER);
  });
});

const event = (id: string, date: unknown, extra: Partial<TimelineEvent> = {}): TimelineEvent => ({
  id,
  title: `Event ${id}`,
  dateText: "",
  date: ed(date),
  lanes: ["all"],
  credibility: "2",
  ratingText: "B2",
  contested: false,
  ...extra,
});

function find(node: SvgNode, pred: (n: SvgNode) => boolean): SvgNode[] {
  return [...(pred(node) ? [node] : []), ...(node.children ?? []).flatMap((c) => find(c, pred))];
}

describe("the drawing", () => {
  const domain: [Date, Date] = [new Date(Date.UTC(2011, 0, 1)), new Date(Date.UTC(2012, 0, 1))];
  const opts = { width: 385, domain, lanes: [{ key: "all", label: "All events" }] };

  it("draws a point, a bar and a whisker with their true coordinates, and marks contested and unrated", () => {
    const d = drawTimeline(
      {
        events: [
          event("day", { start: { year: 2011, month: 3, day: 14 } }, { contested: true }),
          event("year", { start: { year: 2011 } }, { credibility: null, ratingText: "––" }),
          event("before", { start: { year: 2011, month: 7 }, qualifier: "BEFORE" }),
        ],
      },
      opts,
    );
    const marks = find(d.svg, (n) => n.eventId !== undefined);
    const byId = Object.fromEntries(marks.map((m) => [m.eventId, m]));
    expect(byId.day!.attrs["data-shape"]).toBe("point");
    expect(find(byId.day!, (n) => n.tag === "circle")).toHaveLength(1);
    expect(byId.day!.attrs["data-contested"]).toBe("true");
    // The plot runs from 10 to 375: a year fills it.
    expect(byId.year!.attrs["data-x1"]).toBe(10);
    expect(byId.year!.attrs["data-x2"]).toBe(375);
    expect(byId.year!.attrs["data-credibility"]).toBe("unrated");
    expect(byId.before!.attrs["data-shape"]).toBe("before");
    expect(byId.day!.label).toContain("contested");
  });

  it("serialises to SVG with user text escaped", () => {
    const d = drawTimeline({ events: [event("x", { start: { year: 2011 } }, { title: `<b>"A & B"</b>` })] }, opts);
    const s = toSvgString(d.svg);
    expect(s.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(s).toContain("&lt;b&gt;&quot;A &amp; B&quot;&lt;/b&gt;");
    expect(s).not.toContain("<b>");
  });

  it("labels one row per event in the figure layout, right to left for Persian titles", () => {
    const d = drawTimeline(
      { events: [event("fa", { start: { year: 2011 } }, { title: "نشست تهران" })] },
      { ...opts, layout: "rows" },
    );
    const label = find(d.svg, (n) => n.attrs["data-part"] === "row-label")[0]!;
    expect(label.text).toBe("نشست تهران\u200F");
    expect(label.attrs["text-anchor"]).toBe("end");
    expect(label.attrs["data-rtl"]).toBe("true");
  });

  it("writes titles beside marks on rows of their own when they would cover each other", () => {
    const d = drawTimeline(
      {
        events: [
          event("a", { start: { year: 2011, month: 3, day: 1 } }, { title: "First meeting at the crossing" }),
          event("b", { start: { year: 2011, month: 3, day: 5 } }, { title: "Second meeting" }),
          event("c", { start: { year: 2011, month: 12, day: 20 } }, { title: "Late in the year" }),
        ],
      },
      { ...opts, titles: true },
    );
    const marks = find(d.svg, (n) => n.eventId !== undefined);
    const cy = (id: string) => {
      const m = marks.find((n) => n.eventId === id)!;
      return Number(find(m, (n) => n.tag === "circle")[0]!.attrs.cy);
    };
    // Four days apart: the first title would cover the second mark, so the second goes a row down.
    expect(cy("b")).toBeGreaterThan(cy("a"));
    const titles = find(d.svg, (n) => n.attrs["data-part"] === "title");
    expect(titles.map((t) => t.text)).toEqual(["First meeting at the crossing", "Second meeting", "Late in the year"]);
    // Near the right edge the title goes before its mark instead of off the picture.
    const late = titles.find((t) => t.text === "Late in the year")!;
    expect(late.attrs["text-anchor"]).toBe("end");
  });

  it("draws density bands when events are aggregated", () => {
    const d = drawTimeline(
      {
        events: [],
        bands: [
          { lane: "all", start: domain[0], end: new Date(Date.UTC(2011, 6, 1)), count: 10 },
          { lane: "all", start: new Date(Date.UTC(2011, 6, 1)), end: domain[1], count: 5 },
        ],
      },
      opts,
    );
    const bands = find(d.svg, (n) => n.attrs.class === "tl-band");
    expect(bands.map((b) => b.attrs["data-count"])).toEqual([10, 5]);
    const bar = (b: SvgNode) => find(b, (n) => n.attrs.class === "tl-band-bar")[0]!;
    expect(Number(bar(bands[0]!).attrs.height)).toBeGreaterThan(Number(bar(bands[1]!).attrs.height));
    // Each band knows its period, for the app to zoom into, and is named by its count and period.
    expect(bands[0]!.band).toEqual({ start: domain[0], end: new Date(Date.UTC(2011, 6, 1)) });
    expect(bands[0]!.label).toBe("10 events, January 2011 to June 2011 — zoom in");
  });

  it("names a period at the precision its length calls for", () => {
    const at = (y: number, m = 1, d = 1) => new Date(Date.UTC(y, m - 1, d));
    expect(periodText(at(2011), at(2012))).toBe("2011");
    expect(periodText(at(2003), at(2006))).toBe("2003 to 2005");
    expect(periodText(at(2011, 3), at(2011, 4))).toBe("March 2011");
    expect(periodText(at(2011, 3, 3), at(2011, 3, 10))).toBe("3 March 2011 to 9 March 2011");
  });

  it("never writes a title over a mark or another title, even in a crowded lane at a phone's width", () => {
    // Forty events in one week, each with a long title, at 390 px: more than a lane's rows can hold.
    const week: [Date, Date] = [new Date(Date.UTC(2011, 2, 10)), new Date(Date.UTC(2011, 2, 24))];
    const events = Array.from({ length: 40 }, (_, i) =>
      event(
        `e${i}`,
        { start: { year: 2011, month: 3, day: 14 + (i % 7) } },
        { title: `Meeting number ${i} at the WMW crossing` },
      ),
    );
    const d = drawTimeline({ events }, { width: 390, domain: week, lanes: opts.lanes, titles: true });
    const marks = find(d.svg, (n) => n.eventId !== undefined);
    const rowOf = (id: string) =>
      Number(
        find(
          marks.find((m) => m.eventId === id)!,
          (n) => n.tag === "circle",
        )[0]!.attrs.cy,
      );
    const xOf = (id: string) => Number(marks.find((m) => m.eventId === id)!.attrs["data-x1"]);
    const titles = find(d.svg, (n) => n.attrs["data-part"] === "title").map((t) => {
      const w = textWidth(t.text!, 11);
      const x0 = Number(t.attrs.x);
      return {
        id: String(t.attrs["data-for"]),
        y: Number(t.attrs.y) - 4,
        a: t.attrs["text-anchor"] === "end" ? x0 - w : x0,
        w,
      };
    });
    expect(titles.length).toBeGreaterThan(0);
    expect(titles.length).toBeLessThan(40);
    for (const t of titles) {
      const b = t.a + t.w;
      for (const m of marks) {
        if (m.eventId === t.id || rowOf(m.eventId!) !== t.y) continue;
        expect(Math.abs(xOf(m.eventId!) - (t.a + b) / 2) >= t.w / 2 + 6, `${t.id} covers ${m.eventId}`).toBe(true);
      }
      for (const o of titles) {
        if (o === t || o.y !== t.y) continue;
        expect(o.a + o.w <= t.a || b <= o.a, `${t.id} covers ${o.id}`).toBe(true);
      }
    }
  });
});

describe("axis labels", () => {
  it("says the year at year ticks, the month at month ticks, and the year on the first tick", () => {
    expect(tickLabel(new Date(Date.UTC(2011, 0, 1)), false)).toBe("2011");
    expect(tickLabel(new Date(Date.UTC(2011, 2, 1)), false)).toBe("Mar");
    expect(tickLabel(new Date(Date.UTC(2011, 2, 1)), true)).toBe("Mar 2011");
    expect(tickLabel(new Date(Date.UTC(2011, 2, 14)), false)).toBe("14 Mar");
  });
});
