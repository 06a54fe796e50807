/**
 * A drawing as plain data: what React renders in the app and what the server
 * writes out as an SVG file, so both show exactly the same picture. Pure and
 * isomorphic (no DOM, no React).
 */
export type SvgAttrs = Record<string, string | number | undefined>;

export type SvgNode = {
  tag: string;
  attrs: SvgAttrs;
  children?: SvgNode[];
  /** Text content (escaped when serialised). */
  text?: string;
  /** The event a mark stands for: the app makes it focusable and opens it on click. */
  eventId?: string;
  /** The accessible name of an interactive mark or band. */
  label?: string;
  /** The period a density band counts: the app zooms into it when the band is pressed. */
  band?: { start: Date; end: Date };
};

export const h = (tag: string, attrs: SvgAttrs, children?: SvgNode[], text?: string): SvgNode => ({
  tag,
  attrs,
  ...(children ? { children } : {}),
  ...(text !== undefined ? { text } : {}),
});

const escapeXml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);

// Characters XML 1.0 cannot carry at all; user titles could hold them.
// eslint-disable-next-line no-control-regex
const notXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** The drawing as an SVG document (a standalone file when `root` is the svg element). */
export function toSvgString(node: SvgNode): string {
  const attrs = Object.entries(node.attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v).replace(notXml, ""))}"`)
    .join("");
  const inner =
    (node.text !== undefined ? escapeXml(node.text.replace(notXml, "")) : "") +
    (node.children ?? []).map(toSvgString).join("");
  const open =
    node.tag === "svg" && !("xmlns" in node.attrs) ? `${node.tag} xmlns="http://www.w3.org/2000/svg"` : node.tag;
  return inner ? `<${open}${attrs}>${inner}</${node.tag}>` : `<${open}${attrs}/>`;
}
