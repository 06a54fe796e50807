/** What the rest of the server may call in notification/. */
export { listNotifications, markNotificationsRead, mentionedMembers, notify } from "./notification-service.ts";
