import { Badge } from "../ui/badge";

export const BRIEFING_STATUSES = ["DRAFT", "PENDING", "CHANGES_REQUESTED", "PUBLISHED", "REJECTED"] as const;
export type BriefingStatus = (typeof BRIEFING_STATUSES)[number];

export const STATUS_LABELS: Record<BriefingStatus, string> = {
  DRAFT: "Draft",
  PENDING: "Waiting for review",
  CHANGES_REQUESTED: "Changes requested",
  PUBLISHED: "Published",
  REJECTED: "Rejected",
};

const TONES = { DRAFT: "slate", PENDING: "amber", CHANGES_REQUESTED: "amber", PUBLISHED: "green", REJECTED: "red" } as const;

export function BriefingStatusBadge({ status }: { status: string }) {
  const s = (BRIEFING_STATUSES as readonly string[]).includes(status) ? (status as BriefingStatus) : "DRAFT";
  return <Badge tone={TONES[s]}>{STATUS_LABELS[s]}</Badge>;
}
