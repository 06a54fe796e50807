import type { Metadata } from "next";
import { RecordProposalQueuePage } from "@/components/review/record-proposal-queue";
import { ReviewQueuePage } from "@/components/review/review-queue";

export const metadata: Metadata = { title: "Pending review" };

export default function Page() {
  return (
    <div className="space-y-10">
      <ReviewQueuePage />
      <RecordProposalQueuePage />
    </div>
  );
}
