import { ENTITY_KIND_LABELS, type EntityKind } from "../../schemas/entity.ts";
import type { LaidOutGraph, LaidOutNode } from "./layout.ts";
import { LABEL_FONT_SIZE, labelWidth } from "./layout.ts";

/**
 * The network as a tree of SVG elements: one pure description that React
 * renders in the app (adding handlers to the nodes and links it marks) and
 * that `renderNetworkSvg` serialises for a download or a briefing's figure,
 * so the picture is drawn by the same code everywhere. Attribute names are
 * React's (camelCase); the serialiser writes the SVG spelling.
 */
export type SvgNode = {
  tag: "svg" | "g" | "line" | "circle" | "rect" | "polygon" | "text" | "title" | "desc";
  attrs: Record<string, string | number>;
  children?: SvgNode[];
  text?: string;
};

/** Colour and shape per kind: shape as well as colour, so the kinds read in grey print and for colour-blind readers. */
export const KIND_STYLE = {
  PERSON: { fill: "#1d4ed8", shape: "circle" },
  ORGANIZATION: { fill: "#b45309", shape: "square" },
  PLACE: { fill: "#047857", shape: "diamond" },
  OTHER: { fill: "#6b21a8", shape: "triangle" },
} as const satisfies Record<EntityKind, { fill: string; shape: string }>;

// Quoted: an unquoted family name with a digit in it voids the whole list. The PDF's own fonts first (Persian shaped by Vazirmatn).
const FONT = "'Source Serif 4', Vazirmatn, 'Noto Sans', sans-serif";
const EDGE_COLOUR = "#64748b";
const TEXT_COLOUR = "#111827";
const LEGEND_HEIGHT = 64;

export type NetworkSvgOptions = {
  /** Marks nodes and links for the app's handlers and the keyboard (no effect on the picture). */
  interactive?: boolean;
  /** A node to draw highlighted (its label shown even when it would overlap). */
  selectedNodeId?: string | null;
  title?: string;
};

function shapeOf(kind: EntityKind, x: number, y: number, r: number, attrs: Record<string, string | number>): SvgNode {
  const shape = KIND_STYLE[kind].shape;
  const f = (v: number) => Math.round(v * 10) / 10;
  if (shape === "circle") return { tag: "circle", attrs: { cx: x, cy: y, r, ...attrs } };
  if (shape === "square") {
    const s = r * 0.9;
    return { tag: "rect", attrs: { x: f(x - s), y: f(y - s), width: f(2 * s), height: f(2 * s), rx: 2, ...attrs } };
  }
  if (shape === "diamond") {
    const s = r * 1.15;
    return {
      tag: "polygon",
      attrs: { points: `${x},${f(y - s)} ${f(x + s)},${y} ${x},${f(y + s)} ${f(x - s)},${y}`, ...attrs },
    };
  }
  const s = r * 1.2;
  return {
    tag: "polygon",
    attrs: {
      points: `${x},${f(y - s)} ${f(x + s * 0.9)},${f(y + s * 0.6)} ${f(x - s * 0.9)},${f(y + s * 0.6)}`,
      ...attrs,
    },
  };
}

function label(n: LaidOutNode, forced: boolean): SvgNode | null {
  const at =
    n.labelAt ?? (forced ? { x: n.x + n.r + 3, y: n.y + LABEL_FONT_SIZE / 3, anchor: "start" as const } : null);
  if (!at) return null;
  return {
    tag: "text",
    attrs: {
      x: at.x,
      y: at.y,
      textAnchor: at.anchor,
      fontSize: LABEL_FONT_SIZE,
      fill: TEXT_COLOUR,
      // A white halo keeps a label readable where a link passes under it.
      stroke: "#ffffff",
      strokeWidth: 3,
      paintOrder: "stroke",
      strokeLinejoin: "round",
      direction: "ltr",
    },
    text: forced ? n.label : n.shortLabel,
  };
}

export function edgeKey(source: string, target: string): string {
  return `${source}~${target}`;
}

function legend(graph: LaidOutGraph, y: number): SvgNode {
  const items: SvgNode[] = [];
  let x = 16;
  for (const kind of Object.keys(KIND_STYLE) as EntityKind[]) {
    if (!graph.nodes.some((n) => n.kind === kind)) continue;
    items.push(shapeOf(kind, x + 6, y + 14, 6, { fill: KIND_STYLE[kind].fill }));
    items.push({
      tag: "text",
      attrs: { x: x + 18, y: y + 18, fontSize: 12, fill: TEXT_COLOUR },
      text: ENTITY_KIND_LABELS[kind],
    });
    x += 34 + labelWidth(ENTITY_KIND_LABELS[kind]);
  }
  const min = graph.minEdgeWeight;
  const max = graph.maxEdgeWeight;
  const samples = min === max ? [min] : [min, Math.round((min + max) / 2), max].filter((v, i, a) => a.indexOf(v) === i);
  let ex = 16;
  const ey = y + 44;
  items.push({ tag: "text", attrs: { x: ex, y: ey + 4, fontSize: 12, fill: TEXT_COLOUR }, text: "Shared events:" });
  ex += 96;
  for (const w of samples) {
    const width = min === max ? 2 : 1 + 5 * ((w - min) / (max - min));
    items.push({
      tag: "line",
      attrs: { x1: ex, y1: ey, x2: ex + 28, y2: ey, stroke: EDGE_COLOUR, strokeWidth: Math.round(width * 10) / 10 },
    });
    items.push({ tag: "text", attrs: { x: ex + 34, y: ey + 4, fontSize: 12, fill: TEXT_COLOUR }, text: String(w) });
    ex += 48 + String(w).length * 7;
  }
  return { tag: "g", attrs: { "aria-hidden": "true", "data-legend": "true" }, children: items };
}

/** The description of the whole picture: links, nodes, labels, then the legend below. */
export function networkSvgTree(graph: LaidOutGraph, options: NetworkSvgOptions = {}): SvgNode {
  const interactive = options.interactive ?? false;
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const width = Math.max(graph.width, 420);
  const height = graph.height + LEGEND_HEIGHT;
  const edges: SvgNode[] = graph.edges.map((e) => {
    const a = byId.get(e.source)!;
    const b = byId.get(e.target)!;
    const line: SvgNode = {
      tag: "line",
      attrs: {
        x1: a.x,
        y1: a.y,
        x2: b.x,
        y2: b.y,
        stroke: EDGE_COLOUR,
        strokeOpacity: 0.55,
        strokeWidth: e.width,
        strokeLinecap: "round",
      },
    };
    if (!interactive) return line;
    // A wide, invisible twin of each link makes it easy to hit with a mouse or a finger.
    return {
      tag: "g",
      attrs: { "data-edge": edgeKey(e.source, e.target), "data-weight": e.weight, cursor: "pointer" },
      children: [
        line,
        { tag: "line", attrs: { x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: "transparent", strokeWidth: 12 } },
        {
          tag: "title",
          attrs: {},
          text: `${a.label} – ${b.label}: ${e.weight} shared event${e.weight === 1 ? "" : "s"}`,
        },
      ],
    };
  });
  const nodes: SvgNode[] = graph.nodes.map((n) => {
    const selected = options.selectedNodeId === n.id;
    const mark = shapeOf(n.kind, n.x, n.y, n.r, {
      fill: KIND_STYLE[n.kind].fill,
      stroke: selected ? "#111827" : "#ffffff",
      strokeWidth: selected ? 3 : 1.5,
    });
    const text = label(n, selected);
    const attrs: Record<string, string | number> = { "data-node": n.id, "data-kind": n.kind };
    if (!interactive) return { tag: "g", attrs, children: text ? [mark, text] : [mark] };
    // The mark is the keyboard's stop, named in full; the drawn label (perhaps shortened) stays outside it.
    const link: SvgNode = {
      tag: "g",
      attrs: {
        role: "link",
        tabIndex: 0,
        "data-node-link": n.id,
        "aria-label": `${n.label} (${ENTITY_KIND_LABELS[n.kind]}, ${n.weight} event${n.weight === 1 ? "" : "s"})`,
      },
      children: [mark, { tag: "title", attrs: {}, text: n.label }],
    };
    attrs.cursor = "pointer";
    return { tag: "g", attrs, children: text ? [link, text] : [link] };
  });
  const head: SvgNode[] = options.title ? [{ tag: "title", attrs: {}, text: options.title }] : [];
  return {
    tag: "svg",
    attrs: {
      xmlns: "http://www.w3.org/2000/svg",
      viewBox: `0 0 ${width} ${height}`,
      width,
      height,
      fontFamily: FONT,
      ...(interactive ? {} : { role: "img", "aria-label": options.title ?? "Network of entities" }),
    },
    children: [
      ...head,
      { tag: "rect", attrs: { x: 0, y: 0, width, height, fill: "#ffffff" } },
      { tag: "g", attrs: { "data-layer": "edges" }, children: edges },
      { tag: "g", attrs: { "data-layer": "nodes" }, children: nodes },
      legend(graph, graph.height),
    ],
  };
}

const SVG_NAMES: Record<string, string> = {
  strokeWidth: "stroke-width",
  strokeOpacity: "stroke-opacity",
  strokeLinecap: "stroke-linecap",
  strokeLinejoin: "stroke-linejoin",
  paintOrder: "paint-order",
  textAnchor: "text-anchor",
  fontSize: "font-size",
  fontFamily: "font-family",
  tabIndex: "tabindex",
};

const escapeXml = (v: string) =>
  v.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function serialise(node: SvgNode): string {
  const attrs = Object.entries(node.attrs)
    .map(([k, v]) => ` ${SVG_NAMES[k] ?? k}="${escapeXml(String(v))}"`)
    .join("");
  const inner = (node.text != null ? escapeXml(node.text) : "") + (node.children ?? []).map(serialise).join("");
  return inner ? `<${node.tag}${attrs}>${inner}</${node.tag}>` : `<${node.tag}${attrs}/>`;
}

/** The network as a standalone SVG document (downloads, the briefing's figure). */
export function renderNetworkSvg(graph: LaidOutGraph, options: Omit<NetworkSvgOptions, "interactive"> = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serialise(networkSvgTree(graph, { ...options, interactive: false }))}\n`;
}
