import type { Metadata } from "next";
import { EventPage } from "@/components/events/event-page";

export const metadata: Metadata = { title: "Event" };

export default function Page() {
  return <EventPage />;
}
