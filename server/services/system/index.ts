/** What the rest of the server may call in system/. */
export { checkHealth } from "./health-service.ts";
