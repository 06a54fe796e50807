import { REVIEW_STATUS_LABELS } from "@/server/schemas/status-labels";
import { Badge } from "../ui/badge";

const TONE = {
  DRAFT: "slate",
  PENDING: "amber",
  CHANGES_REQUESTED: "amber",
  PUBLISHED: "green",
  REJECTED: "red",
} as const;

export function StatusBadge({ status }: { status: keyof typeof TONE }) {
  return <Badge tone={TONE[status]}>{REVIEW_STATUS_LABELS[status]}</Badge>;
}
