import type { Metadata } from "next";
import { EditEventPage } from "@/components/events/edit-event-page";

export const metadata: Metadata = { title: "Edit event" };

export default function Page() {
  return <EditEventPage />;
}
