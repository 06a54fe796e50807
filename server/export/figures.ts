import { readDateText } from "../import/date-text.ts";
import { drawTimeline, dateExtent, timelineLayout, WHISKER, type TimelineEvent } from "../lib/timeline/draw.ts";
import { layoutNetwork, renderNetworkSvg, type NetworkEdgeInput, type NetworkNodeInput } from "../lib/network/index.ts";
import { toSvgString } from "../lib/timeline/svg-node.ts";
import type { FigureKind } from "../schemas/briefing.ts";
import type { BriefingDocument, FrozenEvent } from "../schemas/briefing-document.ts";
import { HIDDEN_GRADE } from "../schemas/admiralty.ts";

/**
 * The figures a briefing prints, each an SVG drawn on the server from what
 * the export renders (for a publication, the frozen cited material), by the
 * same drawing code as the app. The PDF embeds them as vector images in the
 * PDF's own fonts; the app offers each alone as SVG or PNG. A figure kind
 * plugs in with one line in FIGURES.
 */
export type Figure = { kind: FigureKind; caption: string; svg: string; width: number; height: number };

/** The PDF's fonts by family name: Typst and the PNG renderer resolve them from the same font files. */
export const FIGURE_FONT_FAMILY = "'Source Serif 4', Vazirmatn, 'Noto Emoji', serif";
/** The width the figures are drawn at, in SVG units (the PDF scales it to the text width). */
const FIGURE_WIDTH = 520;

const FIGURES: Partial<Record<FigureKind, (doc: BriefingDocument) => Figure | null>> = {
  timeline: timelineFigure,
  network: networkFigure,
};

/** The figures the briefing's setting asks for, in order, leaving out any with nothing to draw. */
export function briefingFigures(doc: BriefingDocument): Figure[] {
  return (Object.keys(FIGURES) as FigureKind[])
    .filter((kind) => doc.figures?.[kind])
    .map((kind) => FIGURES[kind]!(doc))
    .filter((f): f is Figure => f !== null);
}

/** One figure on demand (the download), whether or not the PDF prints it. */
export function briefingFigure(doc: BriefingDocument, kind: FigureKind): Figure | null {
  return FIGURES[kind]?.(doc) ?? null;
}

/** "B2" → credibility "2"; "?" while hidden; null when unrated or its credibility is. */
function credibilityOf(rating: string | null): string | null {
  if (!rating) return null;
  const c = rating.slice(-1);
  if (c === HIDDEN_GRADE) return "?";
  return /[1-6]/.test(c) ? c : null;
}

/**
 * The frozen date as written ("c. 2009", "March–June 2011") read back into its
 * parts: the frozen material keeps the text, and the reader is the one that
 * reads typed dates, so what is drawn is what the briefing printed.
 */
function timelineEvents(events: FrozenEvent[]): TimelineEvent[] {
  return events.flatMap((e) => {
    const date = e.dateText === "Undated" ? null : readDateText(e.dateText);
    if (!date) return [];
    return [
      {
        id: e.id,
        title: e.title,
        dateText: e.dateText,
        date,
        lanes: ["all"],
        credibility: credibilityOf(e.rating),
        ratingText: e.rating ?? "not rated",
        contested: e.contested,
      },
    ];
  });
}

export function timelineFigure(doc: BriefingDocument): Figure | null {
  const events = timelineEvents(doc.cited.events);
  if (events.length === 0) return null;
  let lo = Infinity;
  let hi = -Infinity;
  for (const e of events) {
    const [a, b] = dateExtent(e.date);
    lo = Math.min(lo, a.getTime());
    hi = Math.max(hi, b.getTime());
  }
  const span = Math.max(hi - lo, 60 * 86_400_000);
  // Room either side for the open whiskers of "before" and "after", which are drawn in pixels.
  const { left, right } = timelineLayout({ width: FIGURE_WIDTH, domain: [new Date(lo), new Date(hi)], layout: "rows" });
  const room = (WHISKER + 8) / Math.max(1, right - left - 2 * (WHISKER + 8));
  const pad = span * Math.max(0.04, room);
  const drawing = drawTimeline(
    { events },
    {
      width: FIGURE_WIDTH,
      domain: [new Date(lo - pad), new Date(hi + pad)],
      lanes: [{ key: "all", label: "" }],
      layout: "rows",
      fontFamily: FIGURE_FONT_FAMILY,
      title: `Timeline of the events this briefing cites`,
    },
    "fig-tl",
  );
  const undated = doc.cited.events.length - events.length;
  return {
    kind: "timeline",
    caption:
      `Timeline of the ${events.length === 1 ? "event" : `${events.length} events`} this briefing cites, each drawn as precisely as its date is known; colour gives the consensus credibility.` +
      (undated ? ` ${undated === 1 ? "One undated event is" : `${undated} undated events are`} not shown.` : ""),
    svg: toSvgString(drawing.svg),
    width: drawing.width,
    height: drawing.height,
  };
}

/** The most entities a printed network shows: beyond that a page of labels is no longer read. */
const NETWORK_FIGURE_NODES = 40;

/**
 * The people, organisations and places the cited events name, linked when
 * they share an event, from the frozen material (so a publication prints the
 * network it was approved with), laid out and drawn by the network view's own
 * code. The entities named by most cited events first, up to
 * NETWORK_FIGURE_NODES; "other" entities are left out, as the view does by default.
 */
export function networkFigure(doc: BriefingDocument): Figure | null {
  const named = new Map<string, NetworkNodeInput>();
  const pairs = new Map<string, NetworkEdgeInput>();
  for (const event of doc.cited.events) {
    const entities = (event.entities ?? []).filter((e) => e.kind !== "OTHER");
    for (const e of entities) {
      const node = named.get(e.id) ?? { id: e.id, label: e.name, kind: e.kind, weight: 0 };
      node.weight++;
      named.set(e.id, node);
    }
    for (let i = 0; i < entities.length; i++)
      for (let j = i + 1; j < entities.length; j++) {
        const [a, b] = [entities[i]!.id, entities[j]!.id].sort();
        const key = `${a} ${b}`;
        const edge = pairs.get(key) ?? { source: a!, target: b!, weight: 0 };
        edge.weight++;
        pairs.set(key, edge);
      }
  }
  if (named.size === 0) return null;
  const nodes = [...named.values()]
    .sort((x, y) => y.weight - x.weight || (x.id < y.id ? -1 : 1))
    .slice(0, NETWORK_FIGURE_NODES);
  const kept = new Set(nodes.map((n) => n.id));
  const edges = [...pairs.values()].filter((e) => kept.has(e.source) && kept.has(e.target));
  const graph = layoutNetwork({ nodes, edges });
  const left = named.size - nodes.length;
  return {
    kind: "network",
    caption:
      `Who appears with whom in the events this briefing cites: ${nodes.length === 1 ? "one entity" : `${nodes.length} entities`}, linked when they share an event; the thicker the line, the more events they share.` +
      (left
        ? ` ${left === 1 ? "One entity named less often is" : `${left} entities named less often are`} not shown.`
        : ""),
    svg: renderNetworkSvg(graph, { title: "Network of the entities the cited events name" }),
    width: Math.max(graph.width, 420),
    height: graph.height,
  };
}
