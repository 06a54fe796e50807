/** What the rest of the server may call in system/. */
export { checkHealth } from "./health-service.ts";
export { systemStatus, type SystemStatus } from "./status-service.ts";
