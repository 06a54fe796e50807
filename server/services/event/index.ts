/** What the rest of the server may call in event/. */
export {
  createEvent,
  getEventForEdit,
  insertEvent,
  joinProposal,
  restoreEventVersion,
  updateEvent,
  updateEventInTx,
} from "./edit-service.ts";
export { filterWindow, getEvent, listEvents, type EventDetail } from "./read-service.ts";
export { exportChronology, EXPORT_PAGE_SIZE, type ChronologyExport } from "./export-service.ts";
export { readTypedDate } from "./date-service.ts";
export { deleteEvent, listTrash, restoreEvent } from "./trash-service.ts";
export type { EventRow, EventSnapshot, EventStatus } from "./event-rows.ts";
export { getTimeline, type TimelineResult, type TimelineEventOut } from "./timeline-service.ts";
