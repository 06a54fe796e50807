/**
 * Review states in words, for every screen that names one (badges, filters,
 * the audit log): a reader sees "Changes requested", never CHANGES_REQUESTED.
 */
export const REVIEW_STATUS_LABELS = {
  DRAFT: "Draft",
  PENDING: "Pending review",
  CHANGES_REQUESTED: "Changes requested",
  PUBLISHED: "Published",
  REJECTED: "Rejected",
  // A decision's outcome while a second approval is still needed.
  APPROVED_PENDING_MORE: "Approved, one more approval needed",
} as const;

export type LabelledStatus = keyof typeof REVIEW_STATUS_LABELS;

/** The words for a review state; anything else is returned as it is. */
export function statusLabel(status: string): string {
  return (REVIEW_STATUS_LABELS as Record<string, string>)[status] ?? status;
}
