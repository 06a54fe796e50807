import { Badge } from "../ui/badge";

const STATUS = {
  DRAFT: { label: "Draft", tone: "slate" },
  PENDING: { label: "Pending review", tone: "amber" },
  CHANGES_REQUESTED: { label: "Changes requested", tone: "amber" },
  PUBLISHED: { label: "Published", tone: "green" },
  REJECTED: { label: "Rejected", tone: "red" },
} as const;

export function StatusBadge({ status }: { status: keyof typeof STATUS }) {
  return <Badge tone={STATUS[status].tone}>{STATUS[status].label}</Badge>;
}
