/** What the rest of the server may call in audit/. */
export { listAudit } from "./audit-log-service.ts";
export { recordAudit } from "./record-audit.ts";
