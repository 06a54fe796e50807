"use client";
import { createElement, type KeyboardEvent, type ReactNode } from "react";
import type { RouterOutputs } from "../trpc";

export type Picture = RouterOutputs["network"]["get"]["picture"];

type Handlers = {
  onNode: (id: string) => void;
  onNodeFocus: (id: string | null) => void;
  onEdge: (key: string) => void;
  selectedEdge: string | null;
};

/**
 * Renders the server's description of the network (the drawing code shared
 * with downloads and briefing figures) as React elements, adding what only a
 * page has: clicks, the keyboard, and the highlight of the chosen link.
 */
function render(node: Picture, key: string, h: Handlers): ReactNode {
  const props: Record<string, unknown> = { ...node.attrs, key };
  let children = node.children ?? [];
  const nodeId = node.attrs["data-node"];
  const edge = node.attrs["data-edge"];
  if (typeof nodeId === "string") {
    props.onClick = () => h.onNode(nodeId);
    props.onKeyDown = (e: KeyboardEvent) => {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        h.onNode(nodeId);
      }
    };
    props.onFocus = () => h.onNodeFocus(nodeId);
    props.onBlur = () => h.onNodeFocus(null);
    props.className =
      "outline-none [&:focus-visible>:first-child]:stroke-black [&:focus-visible>:first-child]:[stroke-width:3]";
  }
  if (typeof edge === "string") {
    props.onClick = () => h.onEdge(edge);
    if (edge === h.selectedEdge)
      children = children.map((c, i) =>
        i === 0 ? { ...c, attrs: { ...c.attrs, stroke: "#b91c1c", strokeOpacity: 1 } } : c,
      );
  }
  return createElement(node.tag, props, node.text ?? null, ...children.map((c, i) => render(c, `${key}.${i}`, h)));
}

export function NetworkPicture({
  picture,
  fit,
  label,
  ...handlers
}: Handlers & { picture: Picture; fit: boolean; label: string }) {
  const width = Number(picture.attrs.width);
  const { width: _w, height: _h, ...rest } = picture.attrs;
  const root: Picture = {
    ...picture,
    attrs: {
      ...rest,
      role: "group",
      "aria-label": label,
    },
  };
  return (
    <div className="overflow-auto rounded-lg border border-slate-200 bg-white" style={{ maxHeight: "75vh" }}>
      {createElement(
        "svg",
        {
          ...root.attrs,
          style: fit ? { width: "100%", height: "auto" } : { width, minWidth: width, height: "auto" },
          "data-testid": "network-picture",
        },
        ...(root.children ?? []).map((c, i) => render(c, String(i), handlers)),
      )}
    </div>
  );
}
