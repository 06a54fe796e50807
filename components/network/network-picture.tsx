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
  const linkId = node.attrs["data-node-link"];
  const edge = node.attrs["data-edge"];
  // A click on the mark or its label opens the entity; the mark alone is the keyboard's stop.
  if (typeof nodeId === "string") props.onClick = () => h.onNode(nodeId);
  if (typeof linkId === "string") {
    props.onKeyDown = (e: KeyboardEvent) => {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        h.onNode(linkId);
      }
    };
    props.onFocus = () => h.onNodeFocus(linkId);
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
  zoom,
  label,
  ...handlers
}: Handlers & {
  picture: Picture;
  /** Scale against the drawing's own size; null fits the width. */ zoom: number | null;
  label: string;
}) {
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
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      {createElement(
        "svg",
        {
          ...root.attrs,
          style:
            zoom == null
              ? { width: "100%", height: "auto", display: "block" }
              : { width: width * zoom, minWidth: width * zoom, height: "auto", display: "block", margin: "0 auto" },
          "data-testid": "network-picture",
        },
        ...(root.children ?? []).map((c, i) => render(c, String(i), handlers)),
      )}
    </div>
  );
}
