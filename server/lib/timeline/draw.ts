import { scaleUtc, type ScaleTime } from "d3-scale";
import { utcDay, utcMonth, utcYear } from "d3-time";
import { utcFormat } from "d3-time-format";
import {
  dateBounds,
  earliestInstant,
  latestInstant,
  precisionOf,
  type DatePrecision,
  type EventDate,
} from "../../schemas/partial-date.ts";
import { h, type SvgNode } from "./svg-node.ts";

/**
 * The timeline as a pure function from events (or density bands), a time
 * window and options to a drawing (svg-node.ts). The app renders the drawing
 * with React; the server writes it out for the briefing PDF and the SVG/PNG
 * downloads, so every copy of the picture is drawn by this one file.
 *
 * Each date is drawn at the precision it was written with: a day is a point,
 * a month or a year a bar across all of it, a range its range, "about" a core
 * with faded ends reaching as far as "about" can mean, "before"/"after" a
 * whisker open on one side. Nothing is ever drawn at 1 January for "2011".
 */

export type TimelineEvent = {
  id: string;
  title: string;
  /** The date as written ("c. 2011"), for labels. */
  dateText: string;
  date: EventDate;
  /** Keys of the lanes it is drawn in (an event with two tags shows in both). */
  lanes: string[];
  /** Consensus credibility "1"–"6", "?" while hidden from this reader, null when nobody rated it. */
  credibility: string | null;
  /** The rating as written, e.g. "B2" or "–3". */
  ratingText: string;
  contested: boolean;
};

export type TimelineBand = { lane: string; start: Date; end: Date; count: number };
export type TimelineLane = { key: string; label: string };

export type TimelineOptions = {
  width: number;
  domain: [Date, Date];
  lanes: TimelineLane[];
  /** "lanes": marks packed in lanes (the app); "rows": one labelled row per event (the briefing figure). */
  layout?: "lanes" | "rows";
  fontFamily?: string;
  /** A selected window, drawn as a shaded band. */
  brush?: [Date, Date] | null;
  /** The figure's accessible name. */
  title?: string;
  legend?: boolean;
  /**
   * Write each event's title beside its mark (lanes layout), packing rows so titles never cover each
   * other. For sparse windows; with hundreds of events the marks alone stay readable.
   */
  titles?: boolean;
};

export type MarkShape = "point" | "bar" | "range" | "about" | "before" | "after";

/**
 * Where a date falls on the axis. x1–x2 is everything the mark covers; core1–core2
 * the part drawn solid (for "about", the date as written; the rest fades).
 */
export type Mark = {
  shape: MarkShape;
  precision: DatePrecision;
  x1: number;
  x2: number;
  core1: number;
  core2: number;
};

/** How far an open-ended "before"/"after" whisker reaches, in pixels: a direction, not a duration. */
export const WHISKER = 36;

const nextMs = (d: Date) => new Date(d.getTime() + 1);
const midDay = (d: EventDate["start"]) => new Date(earliestInstant(d).getTime() + 43_200_000);

export function markGeometry(date: EventDate, x: (d: Date) => number): Mark {
  const last = date.end ?? date.start;
  const precision = precisionOf(date.start);
  const singleDay = !date.end && precision === "DAY";
  if (date.qualifier === "BEFORE") {
    const at = x(earliestInstant(date.start));
    return { shape: "before", precision, x1: at - WHISKER, x2: at, core1: at, core2: at };
  }
  if (date.qualifier === "AFTER") {
    const at = x(nextMs(latestInstant(date.start)));
    return { shape: "after", precision, x1: at, x2: at + WHISKER, core1: at, core2: at };
  }
  const core1 = singleDay ? x(midDay(date.start)) : x(earliestInstant(date.start));
  const core2 = singleDay ? core1 : x(nextMs(latestInstant(last)));
  if (date.qualifier === "CIRCA") {
    const b = dateBounds(date);
    return { shape: "about", precision, x1: x(b.earliest!), x2: x(nextMs(b.latest!)), core1, core2 };
  }
  const shape: MarkShape = date.end ? "range" : singleDay ? "point" : "bar";
  return { shape, precision, x1: core1, x2: core2, core1, core2 };
}

/** The span of time a date can mean, with open ends closed at the date itself (for fitting a window). */
export function dateExtent(date: EventDate): [Date, Date] {
  const b = dateBounds(date);
  const start = b.earliest ?? earliestInstant(date.start);
  const end = b.latest ?? latestInstant(date.start);
  return [start, end];
}

/** Credibility colours: blue for credible, through amber, to red for improbable; grey when it cannot be judged. */
export const CREDIBILITY_COLOURS: Record<string, string> = {
  "1": "#1e40af",
  "2": "#2563eb",
  "3": "#b45309",
  "4": "#ea580c",
  "5": "#b91c1c",
  "6": "#4b5563",
};
const HIDDEN_COLOUR = "#94a3b8";
const UNRATED_STROKE = "#475569";
const CONTESTED = "#d97706";
const INK = "#0f172a";
const MUTED = "#475569";
const GRID = "#e2e8f0";

const colourOf = (credibility: string | null) =>
  credibility == null ? "#ffffff" : credibility === "?" ? HIDDEN_COLOUR : (CREDIBILITY_COLOURS[credibility] ?? MUTED);
const colourKey = (credibility: string | null) => (credibility == null ? "u" : credibility === "?" ? "h" : credibility);

export const CREDIBILITY_LEGEND: { key: string; label: string }[] = [
  { key: "1", label: "1 confirmed" },
  { key: "2", label: "2 probably true" },
  { key: "3", label: "3 possibly true" },
  { key: "4", label: "4 doubtful" },
  { key: "5", label: "5 improbable" },
  { key: "6", label: "6 cannot be judged" },
];

/** Axis labels: the year at year ticks, the month at month ticks, the day at day ticks; the first one says the year. */
const fmtYear = utcFormat("%Y");
const fmtMonth = utcFormat("%b");
const fmtMonthYear = utcFormat("%b %Y");
const fmtDay = utcFormat("%-d %b");
const fmtDayYear = utcFormat("%-d %b %Y");
export function tickLabel(d: Date, first: boolean): string {
  if (utcYear(d) >= d) return fmtYear(d);
  if (utcMonth(d) >= d) return first ? fmtMonthYear(d) : fmtMonth(d);
  if (utcDay(d) >= d) return first ? fmtDayYear(d) : fmtDay(d);
  return first ? fmtDayYear(d) : fmtDay(d);
}

const fmtHour = utcFormat("%-d %B %Y, %H:%M");
const fmtLongDay = utcFormat("%-d %B %Y");
const fmtLongMonth = utcFormat("%B %Y");
/**
 * A period in words at the precision its length calls for: "2011", "March 2011", "3 March 2011 to
 * 9 March 2011", "2003 to 2005". A band's end is exclusive, so its last moment is what it reaches.
 */
export function periodText(start: Date, end: Date): string {
  const span = end.getTime() - start.getTime();
  const day = 86_400_000;
  const fmt = span >= 360 * day ? fmtYear : span >= 27 * day ? fmtLongMonth : span >= day ? fmtLongDay : fmtHour;
  const a = fmt(start);
  const b = fmt(new Date(end.getTime() - 1));
  return a === b ? a : `${a} to ${b}`;
}

export type Layout = {
  left: number;
  right: number;
  labelWidth: number;
  x: ScaleTime<number, number>;
};

const AXIS = 26;
const LANE_HEAD = 16;
const ROW = 22;
const TITLE_FONT = 11;
const TITLE_CHARS = 32;
const FIGURE_ROW = 18;
const BAND_HEIGHT = 30;
const MAX_ROWS_PER_LANE = 10;

/** The horizontal scale of a drawing: shared with the app, which inverts it for the brush and for zooming. */
export function timelineLayout(opts: Pick<TimelineOptions, "width" | "domain" | "layout">): Layout {
  const labelWidth = opts.layout === "rows" ? Math.round(Math.min(220, opts.width * 0.36)) : 0;
  const left = labelWidth + 10;
  const right = opts.width - 10;
  const x = scaleUtc().domain(opts.domain).range([left, right]);
  return { left, right, labelWidth, x };
}

const r2 = (n: number) => Math.round(n * 100) / 100;

/** Cut a label to about what fits, by a cautious average glyph width. */
export function fitLabel(s: string, px: number, fontSize: number): string {
  const max = Math.max(4, Math.floor(px / (fontSize * 0.55)));
  return s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s;
}

const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
/** Right-to-left when its first strong character is (Persian, Arabic, Hebrew). */
export function isRtlText(s: string): boolean {
  const strong = /[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF]|[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/.exec(s);
  return !!strong && RTL.test(strong[0]);
}

function gradient(id: string, colour: string, fadeTo: "left" | "right"): SvgNode {
  const [a, b] = fadeTo === "left" ? ["0", "1"] : ["1", "0"];
  return h("linearGradient", { id, x1: "0", x2: "1", y1: "0", y2: "0" }, [
    h("stop", { offset: "0", "stop-color": colour, "stop-opacity": a }),
    h("stop", { offset: "1", "stop-color": colour, "stop-opacity": b }),
  ]);
}

type Placed = {
  event: TimelineEvent;
  mark: Mark;
  y: number;
  title?: { x: number; anchor: "start" | "end"; text: string };
};

/** Drawn marks of one event at vertical centre y. */
function eventMark(p: Placed, idPrefix: string, barHeight: number): SvgNode {
  const { event, mark, y } = p;
  const key = colourKey(event.credibility);
  const fill = colourOf(event.credibility);
  const unrated = event.credibility == null;
  const stroke = unrated ? UNRATED_STROKE : fill;
  const common = { stroke, "stroke-width": unrated ? 1.25 : 1, ...(unrated ? { "stroke-dasharray": "2 1.5" } : {}) };
  const half = barHeight / 2;
  const parts: SvgNode[] = [];
  const bar = (a: number, b: number) => {
    // Too narrow to see at this zoom: widen around its centre, keep its true place in data-x1/x2.
    const w = Math.max(3, b - a);
    const cx = (a + b) / 2;
    return h("rect", { x: r2(cx - w / 2), y: r2(y - half), width: r2(w), height: barHeight, rx: 2, fill, ...common });
  };
  const point = (cx: number) => h("circle", { cx: r2(cx), cy: r2(y), r: half + 0.5, fill, ...common });
  switch (mark.shape) {
    case "point":
      parts.push(point(mark.core1));
      break;
    case "bar":
    case "range":
      parts.push(bar(mark.x1, mark.x2));
      break;
    case "about": {
      const fadeH = barHeight - 2;
      parts.push(
        h("rect", {
          x: r2(mark.x1),
          y: r2(y - fadeH / 2),
          width: r2(Math.max(0, mark.core1 - mark.x1)),
          height: fadeH,
          fill: `url(#${idPrefix}-fl-${key})`,
          "data-part": "fade-start",
        }),
        h("rect", {
          x: r2(mark.core2),
          y: r2(y - fadeH / 2),
          width: r2(Math.max(0, mark.x2 - mark.core2)),
          height: fadeH,
          fill: `url(#${idPrefix}-fr-${key})`,
          "data-part": "fade-end",
        }),
      );
      parts.push(mark.core1 === mark.core2 ? point(mark.core1) : bar(mark.core1, mark.core2));
      break;
    }
    case "before":
    case "after": {
      const open = mark.shape === "before" ? mark.x1 : mark.x2;
      const at = mark.shape === "before" ? mark.x2 : mark.x1;
      const colour = unrated ? UNRATED_STROKE : fill;
      parts.push(
        // A thin rect, not a line: a gradient cannot paint a shape whose box has no height.
        h("rect", {
          x: r2(Math.min(open, at)),
          y: r2(y - 1.5),
          width: r2(Math.abs(at - open)),
          height: 3,
          fill: `url(#${idPrefix}-${mark.shape === "before" ? "fl" : "fr"}-${unrated ? "s" : key})`,
        }),
        // The known end: a firm cap where the date stops being possible.
        h("line", {
          x1: r2(at),
          x2: r2(at),
          y1: r2(y - half - 1),
          y2: r2(y + half + 1),
          stroke: colour,
          "stroke-width": 2.5,
        }),
        // The open end: a chevron pointing the way the date can run.
        h("path", {
          d:
            mark.shape === "before"
              ? `M${r2(open + 5)},${r2(y - 4)} L${r2(open)},${r2(y)} L${r2(open + 5)},${r2(y + 4)}`
              : `M${r2(open - 5)},${r2(y - 4)} L${r2(open)},${r2(y)} L${r2(open - 5)},${r2(y + 4)}`,
          fill: "none",
          stroke: colour,
          "stroke-opacity": 0.45,
          "stroke-width": 1.5,
        }),
      );
      break;
    }
  }
  if (event.contested) {
    const cx = r2((mark.core1 + mark.core2) / 2);
    parts.push(
      h("path", {
        d: `M${cx - 4},${r2(y - half - 7)} L${cx + 4},${r2(y - half - 7)} L${cx},${r2(y - half - 1)} Z`,
        fill: CONTESTED,
        stroke: "#ffffff",
        "stroke-width": 0.75,
        "data-part": "contested",
      }),
    );
  }
  const label = `${event.title}, ${event.dateText}, rating ${event.ratingText}${event.contested ? ", contested" : ""}`;
  return {
    tag: "g",
    attrs: {
      class: "tl-event",
      "data-event-id": event.id,
      "data-shape": mark.shape,
      "data-precision": mark.precision.toLowerCase(),
      "data-x1": r2(mark.x1),
      "data-x2": r2(mark.x2),
      "data-core1": r2(mark.core1),
      "data-core2": r2(mark.core2),
      "data-credibility": event.credibility ?? "unrated",
      ...(event.contested ? { "data-contested": "true" } : {}),
    },
    children: [h("title", {}, undefined, label), ...parts],
    eventId: event.id,
    label,
  };
}

/*
 * Advance widths in em of printable ASCII (space to "~"), those of DejaVu Sans, the widest of the common
 * sans-serif faces (what system-ui is on many Linux desktops), so an estimate holds for narrower faces
 * (Helvetica, Arial, Segoe UI, Roboto) too. Pure code has no font metrics, and a title drawn wider than its
 * estimate would run into the next mark.
 */
const ASCII_EM = [
  0.318, 0.401, 0.46, 0.838, 0.636, 0.95, 0.78, 0.275, 0.39, 0.39, 0.5, 0.838, 0.318, 0.361, 0.318, 0.337, 0.636, 0.636,
  0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.337, 0.337, 0.838, 0.838, 0.838, 0.531, 1, 0.684, 0.686,
  0.698, 0.77, 0.632, 0.575, 0.775, 0.752, 0.295, 0.295, 0.656, 0.557, 0.863, 0.748, 0.787, 0.603, 0.787, 0.695, 0.635,
  0.611, 0.732, 0.684, 0.989, 0.685, 0.611, 0.685, 0.39, 0.337, 0.39, 0.838, 0.5, 0.5, 0.613, 0.635, 0.55, 0.635, 0.615,
  0.352, 0.635, 0.634, 0.278, 0.278, 0.579, 0.278, 0.974, 0.634, 0.612, 0.635, 0.635, 0.411, 0.521, 0.392, 0.634, 0.592,
  0.818, 0.592, 0.592, 0.525, 0.636, 0.337, 0.636, 0.838,
];
const WIDE = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/;
// Combining marks (Persian and Arabic vowel signs among them) and format characters such as the bidi marks.
const ZERO_WIDTH = /[\p{Mn}\p{Cf}]/u;

/** A cautious estimate of a text's width in pixels at a font size (no font metrics in pure code). */
export function textWidth(s: string, fontSize: number): number {
  let em = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= 0x20 && c <= 0x7e) em += ASCII_EM[c - 0x20]!;
    else if (ZERO_WIDTH.test(ch)) continue;
    else if (WIDE.test(ch) || c > 0xffff) em += 1;
    else em += 0.72;
  }
  // A few per cent for hinting and rounding.
  return em * fontSize * 1.04;
}

const titleWidth = (s: string) => textWidth(s, TITLE_FONT);

/** The longest start of a title, with an ellipsis when cut, that fits in `room` pixels; null when not even a few words do. */
function cutTitle(title: string, room: number): string | null {
  if (title.length <= TITLE_CHARS && titleWidth(title) <= room) return title;
  const chars = [...title];
  let n = Math.min(chars.length, TITLE_CHARS) - 1;
  let text = "";
  for (; n >= 8; n--) {
    text = `${chars.slice(0, n).join("").trimEnd()}…`;
    if (titleWidth(text) <= room) break;
  }
  return n >= 8 ? text : null;
}

/**
 * Where an event's title goes: after its mark, or before it when it would run off the right edge,
 * cut to the room there is on the roomier side; none when even a few words would not fit.
 */
function titlePlace(
  mark: Mark,
  title: string,
  left: number,
  right: number,
): { x: number; anchor: "start" | "end"; a: number; b: number; text: string } | undefined {
  const after = Math.max(mark.x2, mark.core2) + 6;
  const before = Math.min(mark.x1, mark.core1) - 6;
  const roomAfter = right + 8 - after;
  const roomBefore = before - Math.max(0, left - 8);
  const whole = titleWidth([...title].slice(0, TITLE_CHARS).join(""));
  const side =
    whole <= roomAfter ? "after" : whole <= roomBefore ? "before" : roomAfter >= roomBefore ? "after" : "before";
  const room = side === "after" ? roomAfter : roomBefore;
  const text = cutTitle(title, room);
  if (!text) return undefined;
  const tw = titleWidth(text);
  return side === "after"
    ? { x: after, anchor: "start", a: after, b: after + tw, text }
    : { x: before, anchor: "end", a: before - tw, b: before, text };
}

/** What a mark covers across, with room for a point's circle and a thin bar's widening. */
function markSpan(mark: Mark): [number, number] {
  const a = Math.min(mark.x1, mark.core1);
  const b = Math.max(mark.x2, mark.core2);
  const half = Math.max((b - a) / 2, 6) + 2;
  return [(a + b) / 2 - half, (a + b) / 2 + half];
}

/**
 * The last word on titles: one that would cover another event's mark, or a title kept before it, in its
 * row is left out. Packing keeps most of them apart already; this catches the marks packing had to put
 * in a full lane's last row, and any estimate that came out short. A title left out is still the mark's
 * accessible name and its tooltip.
 */
function dropCoveringTitles(items: Placed[]): void {
  const rows = new Map<number, Placed[]>();
  for (const p of items) rows.set(p.y, [...(rows.get(p.y) ?? []), p]);
  for (const row of rows.values()) {
    const kept: [number, number][] = [];
    for (const p of row) {
      if (!p.title) continue;
      const w = titleWidth(p.title.text);
      const [a, b] = p.title.anchor === "start" ? [p.title.x, p.title.x + w] : [p.title.x - w, p.title.x];
      const hits = (r: [number, number]) => r[0] < b && a < r[1];
      const covers = row.some((o) => o !== p && hits(markSpan(o.mark))) || kept.some(hits);
      if (covers) p.title = undefined;
      else kept.push([a, b]);
    }
  }
}

/**
 * Greedy first-fit rows inside a lane, so marks (and their titles) of one lane do not cover each
 * other. When every row is taken, an event keeps its mark but loses its title (`untitled`), and
 * only when even the mark finds no room does it share the last row.
 */
function pack(items: { mark: Mark; event: TimelineEvent; title?: { a: number; b: number } }[]): {
  rows: number;
  at: number[];
  untitled: boolean[];
} {
  const ends: number[] = [];
  const untitled: boolean[] = [];
  const fit = (a: number) => {
    const row = ends.findIndex((e) => e <= a);
    if (row >= 0) return row;
    return ends.length < MAX_ROWS_PER_LANE ? ends.length : -1;
  };
  const at = items.map(({ mark, title }, i) => {
    const markA = Math.min(mark.x1, mark.core1) - 4;
    const markB = Math.max(mark.x2, mark.core2, markA + 8) + 4;
    const withTitle = title ? { a: Math.min(markA, title.a - 4), b: Math.max(markB, title.b + 4) } : null;
    let span = withTitle ?? { a: markA, b: markB };
    let row = fit(span.a);
    untitled[i] = false;
    if (row < 0 && withTitle) {
      span = { a: markA, b: markB };
      row = fit(span.a);
      untitled[i] = true;
    }
    if (row < 0) {
      row = MAX_ROWS_PER_LANE - 1;
      untitled[i] = Boolean(title);
    }
    if (row === ends.length) ends.push(span.b);
    ends[row] = Math.max(ends[row] ?? 0, span.b);
    return row;
  });
  return { rows: Math.max(1, ends.length), at, untitled };
}

export type Drawing = { svg: SvgNode; height: number; width: number };

/** The whole drawing: axis, grid, lanes (or rows), marks or density bands, brush and legend. */
export function drawTimeline(
  data: { events: TimelineEvent[]; bands?: TimelineBand[] },
  opts: TimelineOptions,
  idPrefix = "tl",
): Drawing {
  const { x, left, right, labelWidth } = timelineLayout(opts);
  const font = opts.fontFamily ?? "system-ui, sans-serif";
  const clip = (v: number) => Math.max(left - WHISKER - 8, Math.min(right + WHISKER + 8, v));
  const ticks = x.ticks(Math.max(2, Math.floor((right - left) / 70)));
  const body: SvgNode[] = [];
  let y = AXIS;
  const layout = opts.layout ?? "lanes";
  const bands = data.bands ?? [];

  const placed: Placed[] = [];
  const laneNodes: SvgNode[] = [];
  if (layout === "rows") {
    const ordered = [...data.events];
    ordered.forEach((event, i) => {
      const rowY = y + i * FIGURE_ROW + FIGURE_ROW / 2;
      const mark = markGeometry(event.date, (d) => clip(x(d)));
      placed.push({ event, mark, y: rowY });
      const rtl = isRtlText(event.title);
      if (i % 2 === 0) {
        laneNodes.push(
          h("rect", { x: 0, y: r2(rowY - FIGURE_ROW / 2), width: opts.width, height: FIGURE_ROW, fill: "#f8fafc" }),
        );
      }
      laneNodes.push(
        h(
          "text",
          {
            x: labelWidth,
            y: r2(rowY + 3.5),
            "font-size": 9,
            fill: INK,
            // Right-aligned at the column's edge in either script. No `direction` attribute: renderers
            // disagree on what "start" means under it, while the bidi algorithm orders the run alike.
            "text-anchor": "end",
            ...(rtl ? { "data-rtl": "true" } : {}),
            "data-part": "row-label",
          },
          undefined,
          // A right-to-left mark after the cut keeps its ellipsis at the line's left, where that text ends.
          rtl ? `${fitLabel(event.title, labelWidth - 4, 9)}\u200F` : fitLabel(event.title, labelWidth - 4, 9),
        ),
      );
    });
    y += Math.max(1, ordered.length) * FIGURE_ROW;
  } else {
    for (const [i, lane] of opts.lanes.entries()) {
      const laneEvents = data.events
        .filter((e) => e.lanes.includes(lane.key))
        .map((event) => {
          const mark = markGeometry(event.date, (d) => clip(x(d)));
          return { event, mark, title: opts.titles ? titlePlace(mark, event.title, left, right) : undefined };
        })
        .sort((a, b) => Math.min(a.mark.x1, a.title?.a ?? Infinity) - Math.min(b.mark.x1, b.title?.a ?? Infinity));
      const laneBands = bands.filter((b) => b.lane === lane.key);
      const packed = pack(laneEvents);
      const inner = laneBands.length ? BAND_HEIGHT : packed.rows * ROW + 4;
      const height = LANE_HEAD + inner + 6;
      laneNodes.push(
        h("g", { class: "tl-lane", "data-lane": lane.key }, [
          h("rect", { x: 0, y, width: opts.width, height, fill: i % 2 ? "#ffffff" : "#f8fafc" }),
          h(
            "text",
            { x: 6, y: y + 12, "font-size": 11, "font-weight": 600, fill: MUTED, "data-part": "lane-label" },
            undefined,
            fitLabel(lane.label, opts.width - 12, 11),
          ),
        ]),
      );
      const top = y + LANE_HEAD;
      laneEvents.forEach((le, j) =>
        placed.push({
          ...le,
          title: packed.untitled[j] ? undefined : le.title,
          y: top + packed.at[j]! * ROW + ROW / 2 + 2,
        }),
      );
      if (laneBands.length) {
        const max = Math.max(...laneBands.map((b) => b.count), 1);
        for (const b of laneBands) {
          const bh = Math.max(1.5, (b.count / max) * (BAND_HEIGHT - 4));
          const bx1 = clip(x(b.start));
          const bx2 = clip(x(b.end));
          const label = `${b.count.toLocaleString("en")} ${b.count === 1 ? "event" : "events"}, ${periodText(b.start, b.end)}`;
          // The bar, with the lane's whole height over its period to press: the app makes it a button that zooms in.
          laneNodes.push({
            ...h(
              "g",
              {
                class: "tl-band",
                "data-count": b.count,
                "data-start": b.start.toISOString(),
                "data-end": b.end.toISOString(),
              },
              [
                h("title", {}, undefined, `${label} — zoom in`),
                h("rect", {
                  class: "tl-band-area",
                  x: r2(bx1),
                  y: r2(top),
                  width: r2(Math.max(1, bx2 - bx1)),
                  height: BAND_HEIGHT,
                  fill: "transparent",
                }),
                h("rect", {
                  class: "tl-band-bar",
                  x: r2(bx1),
                  y: r2(top + BAND_HEIGHT - bh),
                  width: r2(Math.max(1, bx2 - bx1 - 0.5)),
                  height: r2(bh),
                  fill: "#475569",
                  "fill-opacity": 0.55,
                }),
              ],
            ),
            band: { start: b.start, end: b.end },
            label: `${label} — zoom in`,
          });
        }
      }
      y += height;
    }
  }
  dropCoveringTitles(placed);
  const plotBottom = y;

  // Grid and axis above the lanes.
  const grid = ticks.map((t) =>
    h("line", { x1: r2(x(t)), x2: r2(x(t)), y1: AXIS - 4, y2: plotBottom, stroke: GRID, "stroke-width": 1 }),
  );
  const axis = h("g", { class: "tl-axis", "font-size": layout === "rows" ? 10 : 11, fill: MUTED }, [
    h("line", { x1: left, x2: right, y1: AXIS - 4, y2: AXIS - 4, stroke: "#94a3b8" }),
    ...ticks.map((t, i) => {
      // Centred on its tick, but never cut by the picture's edges: "Feb 2011" near the left edge starts at it.
      const label = tickLabel(t, i === 0);
      const half = textWidth(label, 11) / 2;
      const at = x(t);
      const [tx, anchor] =
        at - half < 2 ? [2, "start"] : at + half > opts.width - 2 ? [opts.width - 2, "end"] : [at, "middle"];
      return h("text", { x: r2(tx), y: AXIS - 9, "text-anchor": anchor, "data-part": "tick" }, undefined, label);
    }),
  ]);

  const colours = new Set(placed.map((p) => colourKey(p.event.credibility)));
  const defs = h(
    "defs",
    {},
    [...colours, "s"].flatMap((k) => {
      const c = k === "s" || k === "u" ? UNRATED_STROKE : colourOf(k === "h" ? "?" : k);
      return [gradient(`${idPrefix}-fl-${k}`, c, "left"), gradient(`${idPrefix}-fr-${k}`, c, "right")];
    }),
  );

  body.push(
    ...laneNodes,
    ...grid,
    h("clipPath", { id: `${idPrefix}-plot` }, [h("rect", { x: 0, y: 0, width: opts.width, height: plotBottom + 2 })]),
  );
  if (opts.brush) {
    const a = Math.max(left, Math.min(right, x(opts.brush[0])));
    const b = Math.max(left, Math.min(right, x(opts.brush[1])));
    body.push(
      h("rect", {
        class: "tl-brush",
        "data-testid": "timeline-brush",
        x: r2(Math.min(a, b)),
        y: AXIS - 4,
        width: r2(Math.max(1, Math.abs(b - a))),
        height: plotBottom - AXIS + 4,
        fill: "#2563eb",
        "fill-opacity": 0.1,
        stroke: "#2563eb",
        "stroke-width": 1,
      }),
    );
  }
  body.push(
    h(
      "g",
      { class: "tl-marks", "clip-path": `url(#${idPrefix}-plot)` },
      placed.map((p) => eventMark(p, idPrefix, layout === "rows" ? 9 : 10)),
    ),
  );
  // Titles beside the marks, outside the marks' links: a link's name is the whole title with its
  // date and rating, and a cut title inside it would be visible text its name does not contain.
  const titled = placed.filter((p) => p.title);
  if (titled.length) {
    body.push(
      h(
        "g",
        { class: "tl-titles", "font-size": TITLE_FONT, fill: INK, "pointer-events": "none" },
        titled.map((p) =>
          h(
            "text",
            {
              x: r2(p.title!.x),
              y: r2(p.y + 4),
              "text-anchor": p.title!.anchor,
              "data-part": "title",
              "data-for": p.event.id,
            },
            undefined,
            isRtlText(p.event.title) ? `${p.title!.text}\u200F` : p.title!.text,
          ),
        ),
      ),
    );
  }
  body.push(axis);

  let height = plotBottom + 8;
  if (opts.legend !== false) {
    const { node, height: lh } = legend(opts.width, height, idPrefix);
    body.push(node);
    height += lh;
  }
  return {
    width: opts.width,
    height: Math.ceil(height),
    svg: h(
      "svg",
      {
        xmlns: "http://www.w3.org/2000/svg",
        viewBox: `0 0 ${opts.width} ${Math.ceil(height)}`,
        width: opts.width,
        height: Math.ceil(height),
        "font-family": font,
        role: "img",
        "aria-label": opts.title ?? "Timeline",
      },
      [h("title", {}, undefined, opts.title ?? "Timeline"), defs, ...body],
    ),
  };
}

/** Colours and shapes explained, wrapping to the width. */
function legend(width: number, top: number, idPrefix: string): { node: SvgNode; height: number } {
  const items: { w: number; draw: (x: number, y: number) => SvgNode[]; text: string }[] = [
    ...CREDIBILITY_LEGEND.map((c) => ({
      text: c.label,
      w: 0,
      draw: (x: number, y: number) => [
        h("rect", { x, y: y - 4, width: 12, height: 8, rx: 2, fill: CREDIBILITY_COLOURS[c.key]! }),
      ],
    })),
    {
      text: "not rated",
      w: 0,
      draw: (x, y) => [
        h("rect", {
          x,
          y: y - 4,
          width: 12,
          height: 8,
          rx: 2,
          fill: "#ffffff",
          stroke: UNRATED_STROKE,
          "stroke-dasharray": "2 1.5",
        }),
      ],
    },
    {
      text: "hidden until you vote",
      w: 0,
      draw: (x, y) => [h("rect", { x, y: y - 4, width: 12, height: 8, rx: 2, fill: HIDDEN_COLOUR })],
    },
    {
      text: "contested",
      w: 0,
      draw: (x, y) => [
        h("path", { d: `M${x + 2},${y - 4} L${x + 10},${y - 4} L${x + 6},${y + 3} Z`, fill: CONTESTED }),
      ],
    },
    {
      text: "day",
      w: 0,
      draw: (x, y) => [h("circle", { cx: x + 6, cy: y, r: 4, fill: MUTED })],
    },
    {
      text: "month, year or range",
      w: 0,
      draw: (x, y) => [h("rect", { x, y: y - 4, width: 14, height: 8, rx: 2, fill: MUTED })],
    },
    {
      text: "about (faded ends)",
      w: 0,
      draw: (x, y) => [
        h("rect", { x, y: y - 3, width: 6, height: 6, fill: `url(#${idPrefix}-fl-s)` }),
        h("rect", { x: x + 6, y: y - 4, width: 6, height: 8, fill: MUTED }),
        h("rect", { x: x + 12, y: y - 3, width: 6, height: 6, fill: `url(#${idPrefix}-fr-s)` }),
      ],
    },
    {
      text: "before / after (open end)",
      w: 0,
      draw: (x, y) => [
        h("rect", { x, y: y - 1.5, width: 16, height: 3, fill: `url(#${idPrefix}-fl-s)` }),
        h("line", { x1: x + 16, x2: x + 16, y1: y - 5, y2: y + 5, stroke: MUTED, "stroke-width": 2.5 }),
      ],
    },
  ];
  const nodes: SvgNode[] = [];
  let x = 8;
  let y = top + 12;
  for (const item of items) {
    const w = 24 + item.text.length * 5.3 + 12;
    if (x + w > width - 4 && x > 8) {
      x = 8;
      y += 16;
    }
    nodes.push(
      ...item.draw(x, y),
      h("text", { x: x + 22, y: y + 3.5, "font-size": 10, fill: MUTED }, undefined, item.text),
    );
    x += w;
  }
  return { node: h("g", { class: "tl-legend" }, nodes), height: y - top + 10 };
}
