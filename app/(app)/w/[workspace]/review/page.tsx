import type { Metadata } from "next";
import { ReviewQueuePage } from "@/components/review/review-queue";

export const metadata: Metadata = { title: "Pending review" };

export default function Page() {
  return <ReviewQueuePage />;
}
