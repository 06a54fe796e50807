/** What the rest of the server may call in network/. */
export {
  getNetwork,
  listEdgeEvents,
  networkForEvents,
  networkSvgFile,
  type EdgeEvent,
  type Network,
} from "./network-service.ts";
