"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ChevronLeft, ChevronRight, Maximize2, ZoomIn, ZoomOut } from "lucide-react";
import { useRouter } from "next/navigation";
import {
  useEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent as ReactKeyboardEvent,
  type PointerEvent as ReactPointerEvent,
} from "react";
import { drawTimeline, timelineLayout } from "@/server/lib/timeline/draw";
import { earliestInstant, latestInstant, parseDateFilter } from "@/server/schemas/partial-date";
import { TIMELINE_LANE_LABELS, TIMELINE_LANES, type TimelineLaneBy } from "@/server/schemas/timeline";
import {
  MIN_TIMELINE_WIDTH,
  TIMELINE_WIDTH_COOKIE,
  timelineInput,
  type TimelineFilters,
} from "../events/chronology-query";
import { errorMessage } from "../errors";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { Notice } from "../ui/notice";
import { SvgView } from "./svg-view";

const DAY = 86_400_000;
/** From a day across the screen to two thousand years: decades to days and well beyond. */
const MIN_SPAN = DAY;
const MAX_SPAN = 2000 * 365.25 * DAY;

/** "2011-03-14": the brush's window as the chronology's from/to filters read it. */
export const dayParam = (d: Date) => d.toISOString().slice(0, 10);

/** The brush as instants, from the from/to filters (typed as "2011", "2011-03" or "2011-03-14"). */
function windowOf(from: string, to: string): [Date, Date] | null {
  const a = parseDateFilter(from);
  const b = parseDateFilter(to);
  if (!a || !b) return null;
  return [earliestInstant(a), new Date(latestInstant(b).getTime() + 1)];
}

/**
 * The timeline of what the chronology's filters select, drawn by the shared
 * drawing code. Dragging across it selects a window, kept in the URL as the
 * list's from/to (so the list below, and any other view reading the URL,
 * follows it); the buttons and the arrow and +/− keys zoom and pan.
 */
export function TimelinePanel({
  workspace,
  filters,
  from,
  to,
  onWindow,
  canSeeDrafts,
  initialWidth,
}: {
  workspace: { id: string; slug: string };
  filters: TimelineFilters;
  from: string;
  to: string;
  onWindow: (window: { from: string; to: string } | null) => void;
  canSeeDrafts: boolean;
  /** The width the server drew the first picture at; the panel measures itself once it runs in the browser. */
  initialWidth: number;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(initialWidth);
  const [domain, setDomain] = useState<[Date, Date] | null>(null);
  const [lane, setLane] = useState<TimelineLaneBy>("none");
  const [drag, setDrag] = useState<{ a: Date; b: Date; band?: [string, string] } | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => {
      const w = Math.max(MIN_TIMELINE_WIDTH, Math.floor(el.clientWidth));
      setWidth(w);
      // Remembered (for a year) so the server draws the next visit's first picture at this width.
      document.cookie = `${TIMELINE_WIDTH_COOKIE}=${w}; path=/; max-age=31536000; samesite=lax`;
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const query = useQuery(
    trpc.event.timeline.queryOptions(timelineInput({ workspaceId: workspace.id, filters, domain, width, lane }), {
      placeholderData: keepPreviousData,
    }),
  );
  const data = query.data;
  const shown: [Date, Date] | null = data ? [new Date(data.domain[0]), new Date(data.domain[1])] : null;
  const brush = drag ? ([drag.a, drag.b] as [Date, Date]) : windowOf(from, to);

  const drawing = useMemo(() => {
    if (!data || !shown || !width) return null;
    return drawTimeline(
      { events: data.events, bands: data.bands },
      {
        width,
        domain: shown,
        lanes: data.lanes,
        brush,
        title: `Timeline of ${data.total.toLocaleString("en")} events`,
        // Titles beside the marks while there is room for them; beyond that, the marks and their tooltips.
        titles: data.mode === "events" && data.events.length <= 150,
      },
    );
    // shown is derived from data; brush from from/to/drag.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data, width, from, to, drag]);

  /** Zooms to a period (a density band's), at least the narrowest window the timeline draws. */
  const zoomTo = (start: Date, end: Date) => {
    const span = Math.min(MAX_SPAN, Math.max(MIN_SPAN, end.getTime() - start.getTime()));
    const mid = (start.getTime() + end.getTime()) / 2;
    setDomain([new Date(mid - span / 2), new Date(mid + span / 2)]);
  };
  const zoom = (factor: number) => {
    if (!shown) return;
    const [a, b] = shown;
    const mid = (a.getTime() + b.getTime()) / 2;
    const span = Math.min(MAX_SPAN, Math.max(MIN_SPAN, (b.getTime() - a.getTime()) * factor));
    setDomain([new Date(mid - span / 2), new Date(mid + span / 2)]);
  };
  const pan = (share: number) => {
    if (!shown) return;
    const [a, b] = shown;
    const step = (b.getTime() - a.getTime()) * share;
    setDomain([new Date(a.getTime() + step), new Date(b.getTime() + step)]);
  };

  const dateAt = (e: ReactPointerEvent<SVGSVGElement>): Date | null => {
    if (!shown || !width) return null;
    const rect = e.currentTarget.getBoundingClientRect();
    const px = ((e.clientX - rect.left) * width) / rect.width;
    const { x, left, right } = timelineLayout({ width, domain: shown });
    return x.invert(Math.max(left, Math.min(right, px)));
  };
  const onPointerDown = (e: ReactPointerEvent<SVGSVGElement>) => {
    // A press on an event opens it; a press anywhere else starts a window (a band zooms in if the press does not move).
    if ((e.target as Element).closest("a") || e.button !== 0) return;
    const at = dateAt(e);
    if (!at) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    const band = (e.target as Element).closest<SVGElement>(".tl-band");
    setDrag({ a: at, b: at, band: band ? [band.dataset.start!, band.dataset.end!] : undefined });
  };
  const onPointerMove = (e: ReactPointerEvent<SVGSVGElement>) => {
    if (!drag) return;
    const at = dateAt(e);
    if (at) setDrag({ ...drag, b: at });
  };
  const onPointerUp = () => {
    if (!drag || !shown || !width) return;
    const { x } = timelineLayout({ width, domain: shown });
    const [a, b] = drag.a < drag.b ? [drag.a, drag.b] : [drag.b, drag.a];
    setDrag(null);
    // A click without a drag is not a window; on a density band, it zooms into the band's period.
    if (Math.abs(x(b) - x(a)) < 4) {
      if (drag.band) zoomTo(new Date(drag.band[0]), new Date(drag.band[1]));
      return;
    }
    onWindow({ from: dayParam(a), to: dayParam(new Date(b.getTime() - 1)) });
  };

  const fmt = (d: Date) =>
    d.toLocaleDateString("en-GB", { timeZone: "UTC", year: "numeric", month: "short", day: "numeric" });

  return (
    <section
      aria-labelledby="timeline-heading"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm sm:p-4"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="timeline-heading" className="text-base font-semibold text-slate-800">
          Timeline
        </h2>
        <div className="flex flex-wrap items-center gap-1.5">
          <label className="mr-2 flex items-center gap-1.5 text-sm text-slate-700">
            Lanes
            <select
              className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
              value={lane}
              onChange={(e) => setLane(e.target.value as TimelineLaneBy)}
            >
              {TIMELINE_LANES.filter((l) => l !== "status" || canSeeDrafts).map((l) => (
                <option key={l} value={l}>
                  {TIMELINE_LANE_LABELS[l]}
                </option>
              ))}
            </select>
          </label>
          <Button size="sm" variant="secondary" onClick={() => pan(-0.25)} aria-label="Earlier">
            <ChevronLeft aria-hidden className="size-4" />
          </Button>
          <Button size="sm" variant="secondary" onClick={() => zoom(0.5)} aria-label="Zoom in">
            <ZoomIn aria-hidden className="size-4" />
          </Button>
          <Button size="sm" variant="secondary" onClick={() => zoom(2)} aria-label="Zoom out">
            <ZoomOut aria-hidden className="size-4" />
          </Button>
          <Button size="sm" variant="secondary" onClick={() => pan(0.25)} aria-label="Later">
            <ChevronRight aria-hidden className="size-4" />
          </Button>
          <Button size="sm" variant="secondary" onClick={() => setDomain(null)} aria-label="Fit all events">
            <Maximize2 aria-hidden className="size-4" />
          </Button>
        </div>
      </div>

      <div
        ref={box}
        className="relative w-full"
        onKeyDown={(e) => {
          // Arrow keys pan and +/− zoom while focus is in the picture (on an event, for instance).
          const keys: Record<string, () => void> = {
            ArrowLeft: () => pan(-0.25),
            ArrowRight: () => pan(0.25),
            "+": () => zoom(0.5),
            "=": () => zoom(0.5),
            "-": () => zoom(2),
          };
          const act = keys[e.key];
          if (act) {
            e.preventDefault();
            act();
          }
        }}
      >
        {query.error && <Notice tone="error">{errorMessage(query.error)}</Notice>}
        {!drawing && !query.error && <p className="py-8 text-center text-sm text-slate-500">Loading the timeline…</p>}
        {drawing && (
          <SvgView
            node={drawing.svg}
            rootProps={{
              role: "group",
              "aria-label": `Timeline, ${shown ? `${fmt(shown[0])} to ${fmt(shown[1])}` : ""}. Drag across it to choose a window; arrow keys move it, plus and minus zoom.`,
              "data-testid": "timeline",
              "data-mode": data?.mode,
              style: {
                touchAction: "pan-y",
                cursor: "crosshair",
                userSelect: "none",
                maxWidth: "100%",
                height: "auto",
              },
              onPointerDown,
              onPointerMove,
              onPointerUp,
              onPointerCancel: () => setDrag(null),
            }}
            band={(node) => ({
              role: "button",
              tabIndex: 0,
              "aria-label": node.label,
              onKeyDown: (e: ReactKeyboardEvent) => {
                if (e.key !== "Enter" && e.key !== " ") return;
                e.preventDefault();
                e.stopPropagation();
                zoomTo(node.band!.start, node.band!.end);
              },
            })}
            mark={(node, drawn, key) => {
              const href = `/w/${workspace.slug}/events/${node.eventId}`;
              return (
                <a
                  key={key}
                  href={href}
                  aria-label={node.label}
                  className="tl-link"
                  onClick={(e) => {
                    e.preventDefault();
                    router.push(href);
                  }}
                >
                  {drawn}
                </a>
              );
            }}
          />
        )}
      </div>

      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm text-slate-600" aria-live="polite">
        {data && (
          <span data-testid="timeline-summary">
            {data.mode === "bands"
              ? `${data.total.toLocaleString("en")} events in view: too many to draw one by one, so each bar counts the events that begin in its period. Press a bar to zoom into its period.`
              : `${data.total.toLocaleString("en")} ${data.total === 1 ? "event" : "events"} in view${data.total > data.events.length ? ` (the first ${data.events.length})` : ""}.`}
          </span>
        )}
        {shown && (
          <Button
            size="sm"
            variant="ghost"
            onClick={() => onWindow({ from: dayParam(shown[0]), to: dayParam(new Date(shown[1].getTime() - 1)) })}
          >
            List only this view’s dates
          </Button>
        )}
        {(from || to) && (
          <Button size="sm" variant="ghost" onClick={() => onWindow(null)}>
            Clear the window
          </Button>
        )}
      </div>
    </section>
  );
}
