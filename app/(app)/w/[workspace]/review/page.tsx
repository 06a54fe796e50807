import type { Metadata } from "next";
import { ReviewQueuePage } from "@/components/review/review-queue";

export const metadata: Metadata = { title: "Pending review" };

// One queue for everything waiting: events, changes to sources and entities, briefings (filter by kind).
export default function Page() {
  return <ReviewQueuePage />;
}
