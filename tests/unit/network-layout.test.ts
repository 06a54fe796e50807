import { describe, expect, it } from "vitest";
import { layoutNetwork, networkSvgTree, renderNetworkSvg, type LaidOutGraph } from "../../server/lib/network/index.ts";
import type { NetworkEdgeInput, NetworkNodeInput } from "../../server/lib/network/index.ts";

const KINDS = ["PERSON", "ORGANIZATION", "PLACE"] as const;

/** A made-up network: a few hubs, a ring and pendants, with names of mixed lengths and scripts. */
function sample(n: number): { nodes: NetworkNodeInput[]; edges: NetworkEdgeInput[] } {
  const names = ["Harbour Authority", "Mina Rostami", "Northern Rail Union", "Tabriz", "K. Alavi", "شرکت نفت شمال"];
  const nodes = Array.from({ length: n }, (_, i) => ({
    id: `ent${String(i).padStart(3, "0")}`,
    label: `${names[i % names.length]} ${i}`,
    kind: KINDS[i % 3]!,
    weight: 1 + ((i * 7) % 13),
  }));
  const edges: NetworkEdgeInput[] = [];
  for (let i = 1; i < n; i++) edges.push({ source: nodes[i % 4]!.id, target: nodes[i]!.id, weight: 1 + (i % 5) });
  for (let i = 4; i + 1 < n; i += 3) edges.push({ source: nodes[i]!.id, target: nodes[i + 1]!.id, weight: 2 });
  return { nodes, edges: edges.filter((e) => e.source !== e.target) };
}

function labelBoxes(g: LaidOutGraph) {
  return g.nodes.flatMap((n) => (n.labelAt ? [{ id: n.id, ...n.labelAt.box }] : []));
}

describe("network layout", () => {
  it("gives the same coordinates for the same data, whatever order it arrives in", () => {
    const data = sample(40);
    const a = layoutNetwork(data);
    const b = layoutNetwork({ nodes: [...data.nodes].reverse(), edges: [...data.edges].reverse() });
    const c = layoutNetwork(structuredClone(data));
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(renderNetworkSvg(b)).toBe(renderNetworkSvg(a));
  });

  it("spreads nodes out (not all on one spot) and keeps them inside the drawing", () => {
    const g = layoutNetwork(sample(30));
    const xs = new Set(g.nodes.map((n) => Math.round(n.x)));
    expect(xs.size).toBeGreaterThan(20);
    for (const n of g.nodes) {
      expect(n.x - n.r).toBeGreaterThanOrEqual(0);
      expect(n.y - n.r).toBeGreaterThanOrEqual(0);
      expect(n.x + n.r).toBeLessThanOrEqual(g.width);
      expect(n.y + n.r).toBeLessThanOrEqual(g.height);
    }
  });

  it("never draws two labels over each other, nor a label over another node", () => {
    for (const size of [12, 60, 150]) {
      const g = layoutNetwork(sample(size));
      const boxes = labelBoxes(g);
      expect(boxes.length).toBeGreaterThan(Math.min(size, 10));
      // Rounding to a tenth of a pixel may make neighbours touch; anything more is an overlap.
      const eps = 0.2;
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i]!;
          const b = boxes[j]!;
          const overlap =
            a.x + eps < b.x + b.width &&
            b.x + eps < a.x + a.width &&
            a.y + eps < b.y + b.height &&
            b.y + eps < a.y + a.height;
          expect(overlap, `${a.id} and ${b.id} at ${size} nodes`).toBe(false);
        }
        for (const n of g.nodes) {
          if (n.id === boxes[i]!.id) continue;
          const a = boxes[i]!;
          const hit =
            a.x + eps < n.x + n.r &&
            n.x - n.r + eps < a.x + a.width &&
            a.y + eps < n.y + n.r &&
            n.y - n.r + eps < a.y + a.height;
          expect(hit, `label of ${a.id} over node ${n.id}`).toBe(false);
        }
      }
    }
  });

  it("labels the strongest node first and shortens long names", () => {
    const g = layoutNetwork({
      nodes: [
        { id: "a", label: "A very long organisation name that goes on and on", kind: "ORGANIZATION", weight: 9 },
        { id: "b", label: "Short", kind: "PERSON", weight: 1 },
      ],
      edges: [{ source: "a", target: "b", weight: 3 }],
    });
    const a = g.nodes.find((n) => n.id === "a")!;
    expect(a.labelAt).not.toBeNull();
    expect(a.shortLabel.endsWith("…")).toBe(true);
    expect([...a.shortLabel].length).toBeLessThanOrEqual(28);
  });

  it("copes with an empty graph and a single node", () => {
    expect(layoutNetwork({ nodes: [], edges: [] }).nodes).toEqual([]);
    const one = layoutNetwork({ nodes: [{ id: "x", label: "Alone", kind: "PLACE", weight: 1 }], edges: [] });
    expect(one.nodes[0]!.labelAt).not.toBeNull();
  });
});

describe("network drawing", () => {
  const g = layoutNetwork(sample(8));

  it("serialises to a standalone SVG with every drawn label, a legend, and escaped text", () => {
    const svg = renderNetworkSvg(
      layoutNetwork({
        nodes: [
          { id: "a", label: "Smith & <Sons>", kind: "ORGANIZATION", weight: 2 },
          { id: "b", label: "Tabriz", kind: "PLACE", weight: 2 },
        ],
        edges: [{ source: "a", target: "b", weight: 2 }],
      }),
      { title: "Who acts with whom" },
    );
    expect(svg).toMatch(/^<\?xml[^>]*>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain("Smith &amp; &lt;Sons&gt;");
    expect(svg).toContain(">Tabriz</text>");
    expect(svg).toContain("Shared events:");
    expect(svg).toContain(">Organisation</text>");
    expect(svg).toContain('stroke-width="');
    expect(svg).not.toMatch(/strokeWidth|tabIndex|role="link"/);
  });

  it("marks nodes and links for the app only when asked, without changing the picture's geometry", () => {
    const plain = networkSvgTree(g);
    const live = networkSvgTree(g, { interactive: true });
    const nodes = live.children!.find((c) => c.attrs["data-layer"] === "nodes")!.children!;
    const links = nodes.map((n) => n.children![0]!);
    expect(links.every((l) => l.attrs.role === "link" && l.attrs.tabIndex === 0)).toBe(true);
    expect(links.map((l) => l.attrs["aria-label"])).toEqual(
      g.nodes.map((n) => expect.stringContaining(n.label) as unknown as string),
    );
    const marksOf = (t: typeof plain, live: boolean) =>
      t
        .children!.find((c) => c.attrs["data-layer"] === "nodes")!
        .children!.map((n) => (live ? n.children![0]!.children![0]! : n.children![0]!).attrs);
    expect(marksOf(live, true)).toEqual(marksOf(plain, false));
    expect(plain.attrs.viewBox).toBe(live.attrs.viewBox);
  });
});
