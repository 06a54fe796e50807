/** The network's pure drawing code: layout and SVG, shared by the app, downloads and briefing figures. */
export {
  edgeWidth,
  hash32,
  labelWidth,
  layoutNetwork,
  LABEL_FONT_SIZE,
  nodeRadius,
  placeLabels,
  type LabelBox,
  type LaidOutGraph,
  type LaidOutNode,
  type NetworkEdgeInput,
  type NetworkNodeInput,
} from "./layout.ts";
export { edgeKey, KIND_STYLE, networkSvgTree, renderNetworkSvg, type NetworkSvgOptions, type SvgNode } from "./svg.ts";
