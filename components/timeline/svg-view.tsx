import { createElement, type ReactNode } from "react";
import type { SvgNode } from "@/server/lib/timeline/svg-node";

/** "stroke-width" → "strokeWidth", as React names SVG attributes; data-* and aria-* stay as they are. */
const propName = (k: string) =>
  k === "class" ? "className" : /^(data|aria)-/.test(k) ? k : k.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

type Wrap = (node: SvgNode, drawn: ReactNode, key: string) => ReactNode;

/**
 * Renders a drawing made by server/lib/timeline/draw.ts, the same one the
 * server writes to SVG; `mark` wraps each event's mark (a link in the app),
 * `band` lends each density band its behaviour (a button that zooms in).
 */
export function SvgView({
  node,
  mark,
  band,
  rootProps,
}: {
  node: SvgNode;
  mark?: Wrap;
  band?: (node: SvgNode) => Record<string, unknown>;
  rootProps?: Record<string, unknown>;
}) {
  return <>{render(node, { mark, band }, rootProps, "0")}</>;
}

function render(
  node: SvgNode,
  hooks: { mark?: Wrap; band?: (node: SvgNode) => Record<string, unknown> },
  rootProps: Record<string, unknown> | undefined,
  key: string,
): ReactNode {
  const props: Record<string, unknown> = { key };
  for (const [k, v] of Object.entries(node.attrs)) if (v !== undefined) props[propName(k)] = v;
  if (rootProps) Object.assign(props, rootProps);
  if (node.band && hooks.band) Object.assign(props, hooks.band(node));
  const children = [
    ...(node.text !== undefined ? [node.text] : []),
    ...(node.children ?? []).map((c, i) => render(c, hooks, undefined, `${key}.${i}`)),
  ];
  const drawn = createElement(node.tag, props, ...children);
  return node.eventId && hooks.mark ? hooks.mark(node, drawn, key) : drawn;
}
