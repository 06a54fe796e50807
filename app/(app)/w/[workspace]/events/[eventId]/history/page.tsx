import type { Metadata } from "next";
import { EventHistoryPage } from "@/components/history/event-history";

export const metadata: Metadata = { title: "History" };

export default function Page() {
  return <EventHistoryPage />;
}
