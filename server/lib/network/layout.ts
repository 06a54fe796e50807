import Graph from "graphology";
import forceAtlas2 from "graphology-layout-forceatlas2";
import type { EntityKind } from "../../schemas/entity.ts";

/**
 * The network's layout, computed on the server: one pure function of the data,
 * so the app, a download and a briefing's figure show the same picture on every
 * machine, and the browser never ships or runs a layout engine. ForceAtlas2
 * itself is deterministic; its only seed is the starting positions, taken from
 * a hash of each entity's id (never Math.random), and nodes and edges are added
 * in id order, so the same data always gives the same coordinates.
 */

export type NetworkNodeInput = { id: string; label: string; kind: EntityKind; weight: number };
export type NetworkEdgeInput = { source: string; target: string; weight: number };

export type LabelBox = { x: number; y: number; width: number; height: number };

export type LaidOutNode = NetworkNodeInput & {
  x: number;
  y: number;
  r: number;
  /** Where the label sits, or null when it would overlap another (shown on focus and in the table). */
  labelAt: { x: number; y: number; anchor: "start" | "end" | "middle"; box: LabelBox } | null;
  /** The label as drawn (long names shortened). */
  shortLabel: string;
};

export type LaidOutGraph = {
  width: number;
  height: number;
  nodes: LaidOutNode[];
  edges: (NetworkEdgeInput & { width: number })[];
  /** The lightest and heaviest link drawn (the legend's scale). */
  minEdgeWeight: number;
  maxEdgeWeight: number;
};

export const LABEL_FONT_SIZE = 12;
const LABEL_MAX_CHARS = 28;
const PAD = 16;

/** FNV-1a: a stable 32-bit hash of a string, the layout's only source of "randomness". */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The label's width at the drawing's font size, estimated without a font
 * (the server has no text metrics): wide letters count more, so Latin and
 * Persian names both get room. Generous on purpose: overlap is worse than air.
 */
export function labelWidth(label: string, fontSize = LABEL_FONT_SIZE): number {
  let em = 0;
  for (const ch of label)
    em += /[MW@%]/.test(ch) ? 0.9 : /[A-Z\u0600-\u06ff]/.test(ch) ? 0.68 : /[ilj.,'|]/.test(ch) ? 0.3 : 0.56;
  return Math.ceil(em * fontSize) + 2;
}

export function shorten(label: string): string {
  const chars = [...label];
  return chars.length > LABEL_MAX_CHARS
    ? `${chars
        .slice(0, LABEL_MAX_CHARS - 1)
        .join("")
        .trimEnd()}…`
    : label;
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function nodeRadius(weight: number, maxWeight: number): number {
  return 5 + 11 * Math.sqrt(weight / Math.max(1, maxWeight));
}

export function edgeWidth(weight: number, min: number, max: number): number {
  return max === min ? 2 : 1 + 5 * ((weight - min) / (max - min));
}

const overlaps = (a: LabelBox, b: LabelBox) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * Places labels greedily, strongest node first: right of the node, then left,
 * below and above; a label that fits nowhere without touching another label
 * or a node is left out of the picture (it stays in the accessible table and
 * in the node's own name), so what is drawn never overlaps.
 */
export function placeLabels(nodes: Omit<LaidOutNode, "labelAt" | "shortLabel">[]): LaidOutNode[] {
  const order = [...nodes].sort((a, b) => b.weight - a.weight || byId(a, b));
  const nodeBoxes = nodes.map((n) => ({
    id: n.id,
    box: { x: n.x - n.r, y: n.y - n.r, width: 2 * n.r, height: 2 * n.r },
  }));
  const placed: LabelBox[] = [];
  const out = new Map<string, LaidOutNode>();
  const h = LABEL_FONT_SIZE + 2;
  for (const n of order) {
    const shortLabel = shorten(n.label);
    const w = labelWidth(shortLabel);
    const gap = 3;
    const candidates = [
      {
        x: n.x + n.r + gap,
        y: n.y + LABEL_FONT_SIZE / 3,
        anchor: "start" as const,
        box: { x: n.x + n.r + gap, y: n.y - h / 2, width: w, height: h },
      },
      {
        x: n.x - n.r - gap,
        y: n.y + LABEL_FONT_SIZE / 3,
        anchor: "end" as const,
        box: { x: n.x - n.r - gap - w, y: n.y - h / 2, width: w, height: h },
      },
      {
        x: n.x,
        y: n.y + n.r + gap + LABEL_FONT_SIZE - 2,
        anchor: "middle" as const,
        box: { x: n.x - w / 2, y: n.y + n.r + gap - 1, width: w, height: h },
      },
      {
        x: n.x,
        y: n.y - n.r - gap - 2,
        anchor: "middle" as const,
        box: { x: n.x - w / 2, y: n.y - n.r - gap - h, width: w, height: h },
      },
    ];
    const fit = candidates.find(
      (c) => !placed.some((p) => overlaps(p, c.box)) && !nodeBoxes.some((o) => o.id !== n.id && overlaps(o.box, c.box)),
    );
    if (fit) placed.push(fit.box);
    out.set(n.id, { ...n, shortLabel, labelAt: fit ?? null });
  }
  return nodes.map((n) => out.get(n.id)!);
}

/** Lays the graph out and frames it; the same input (in any order) always gives the same output. */
export function layoutNetwork(input: { nodes: NetworkNodeInput[]; edges: NetworkEdgeInput[] }): LaidOutGraph {
  const nodes = [...input.nodes].sort(byId);
  const known = new Set(nodes.map((n) => n.id));
  const edges = input.edges
    .filter((e) => known.has(e.source) && known.has(e.target) && e.source !== e.target)
    .map((e) => (e.source < e.target ? e : { ...e, source: e.target, target: e.source }))
    .sort((a, b) => (a.source === b.source ? (a.target < b.target ? -1 : 1) : a.source < b.source ? -1 : 1));
  const maxWeight = Math.max(1, ...nodes.map((n) => n.weight));
  const minEdge = edges.length ? Math.min(...edges.map((e) => e.weight)) : 1;
  const maxEdge = edges.length ? Math.max(...edges.map((e) => e.weight)) : 1;

  const graph = new Graph({ type: "undirected", multi: false });
  for (const n of nodes) {
    const h = hash32(n.id);
    // Starting points on a disc from the id's hash: spread out, never random.
    const angle = ((h & 0xffff) / 0x10000) * 2 * Math.PI;
    const radius = 50 + ((h >>> 16) / 0x10000) * 450;
    graph.addNode(n.id, {
      x: Math.cos(angle) * radius,
      y: Math.sin(angle) * radius,
      size: nodeRadius(n.weight, maxWeight),
    });
  }
  for (const e of edges) graph.addEdge(e.source, e.target, { weight: e.weight });

  if (nodes.length > 1) {
    const big = nodes.length > 300;
    forceAtlas2.assign(graph, {
      iterations: big ? 150 : 600,
      getEdgeWeight: "weight",
      settings: {
        ...forceAtlas2.inferSettings(graph),
        // Tried against lifelike workspaces: "adjustSizes" and strong gravity fling loosely tied nodes to
        // the edges of the page; plain gravity spreads the picture evenly and keeps clusters together.
        gravity: 1,
        scalingRatio: 2,
        adjustSizes: false,
        barnesHutOptimize: big,
      },
    });
  }

  // Frame: scale the layout into a fixed frame so sizes and labels read the same whatever its raw extent.
  const xs = nodes.map((n) => graph.getNodeAttribute(n.id, "x") as number);
  const ys = nodes.map((n) => graph.getNodeAttribute(n.id, "y") as number);
  const minX = Math.min(...xs, 0);
  const maxX = Math.max(...xs, 0);
  const minY = Math.min(...ys, 0);
  const maxY = Math.max(...ys, 0);
  const span = Math.max(maxX - minX, maxY - minY, 1);
  // A small network drawn small: a pair of nodes a page apart reads as two unrelated dots.
  const frame = Math.min(900, Math.max(220, 160 * Math.sqrt(nodes.length)));
  const scale = nodes.length > 1 ? frame / span : 1;
  const round = (v: number) => Math.round(v * 10) / 10;
  const framed = nodes.map((n, i) => ({
    ...n,
    x: round((xs[i]! - minX) * scale),
    y: round((ys[i]! - minY) * scale),
    r: round(nodeRadius(n.weight, maxWeight)),
  }));
  const labelled = placeLabels(framed);

  // The drawing's extent: nodes and the labels drawn, with a margin; then moved to start at the margin.
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const n of labelled) {
    x0 = Math.min(x0, n.x - n.r, n.labelAt?.box.x ?? Infinity);
    y0 = Math.min(y0, n.y - n.r, n.labelAt?.box.y ?? Infinity);
    x1 = Math.max(x1, n.x + n.r, n.labelAt ? n.labelAt.box.x + n.labelAt.box.width : -Infinity);
    y1 = Math.max(y1, n.y + n.r, n.labelAt ? n.labelAt.box.y + n.labelAt.box.height : -Infinity);
  }
  if (!labelled.length) [x0, y0, x1, y1] = [0, 0, 0, 0];
  const dx = PAD - x0;
  const dy = PAD - y0;
  const shifted = labelled.map((n) => ({
    ...n,
    x: round(n.x + dx),
    y: round(n.y + dy),
    labelAt: n.labelAt && {
      ...n.labelAt,
      x: round(n.labelAt.x + dx),
      y: round(n.labelAt.y + dy),
      box: { ...n.labelAt.box, x: round(n.labelAt.box.x + dx), y: round(n.labelAt.box.y + dy) },
    },
  }));
  return {
    width: Math.ceil(x1 - x0 + 2 * PAD),
    height: Math.ceil(y1 - y0 + 2 * PAD),
    nodes: shifted,
    edges: edges.map((e) => ({ ...e, width: round(edgeWidth(e.weight, minEdge, maxEdge)) })),
    minEdgeWeight: minEdge,
    maxEdgeWeight: maxEdge,
  };
}
