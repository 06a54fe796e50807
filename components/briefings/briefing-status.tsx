import { REVIEW_STATUSES, type ReviewStatus } from "@/server/policy";
import { Badge } from "../ui/badge";

export const STATUS_LABELS: Record<ReviewStatus, string> = {
  DRAFT: "Draft",
  PENDING: "Waiting for review",
  CHANGES_REQUESTED: "Changes requested",
  PUBLISHED: "Published",
  REJECTED: "Rejected",
};

const TONES = {
  DRAFT: "slate",
  PENDING: "amber",
  CHANGES_REQUESTED: "amber",
  PUBLISHED: "green",
  REJECTED: "red",
} as const;

export function BriefingStatusBadge({ status }: { status: string }) {
  const s = (REVIEW_STATUSES as readonly string[]).includes(status) ? (status as ReviewStatus) : "DRAFT";
  return <Badge tone={TONES[s]}>{STATUS_LABELS[s]}</Badge>;
}
