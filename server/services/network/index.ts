/** What the rest of the server may call in network/. */
export {
  getNetwork,
  listEdgeEvents,
  networkForEvents,
  type EdgeEvent,
  type Network,
} from "./network-service.ts";
