import { createElement, type ReactNode } from "react";
import type { SvgNode } from "@/server/lib/timeline/svg-node";

/** "stroke-width" → "strokeWidth", as React names SVG attributes; data-* and aria-* stay as they are. */
const propName = (k: string) =>
  k === "class" ? "className" : /^(data|aria)-/.test(k) ? k : k.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * Renders a drawing made by server/lib/timeline/draw.ts, the same one the
 * server writes to SVG; `mark` wraps each event's mark (a link in the app).
 */
export function SvgView({
  node,
  mark,
  rootProps,
}: {
  node: SvgNode;
  mark?: (node: SvgNode, drawn: ReactNode, key: string) => ReactNode;
  rootProps?: Record<string, unknown>;
}) {
  return <>{render(node, mark, rootProps, "0")}</>;
}

function render(
  node: SvgNode,
  mark: ((node: SvgNode, drawn: ReactNode, key: string) => ReactNode) | undefined,
  rootProps: Record<string, unknown> | undefined,
  key: string,
): ReactNode {
  const props: Record<string, unknown> = { key };
  for (const [k, v] of Object.entries(node.attrs)) if (v !== undefined) props[propName(k)] = v;
  if (rootProps) Object.assign(props, rootProps);
  const children = [
    ...(node.text !== undefined ? [node.text] : []),
    ...(node.children ?? []).map((c, i) => render(c, mark, undefined, `${key}.${i}`)),
  ];
  const drawn = createElement(node.tag, props, ...children);
  return node.eventId && mark ? mark(node, drawn, key) : drawn;
}
