/** What a flagged change did to an event's support, as the event page and the Weakened evidence page both say it. */
export function EvidenceCounts({
  counts,
  className,
}: {
  counts: { supportingBefore: number; supportingAfter: number; originsBefore: number; originsAfter: number };
  className?: string;
}) {
  return (
    <p className={className ?? "text-xs"}>
      Supporting sources {counts.supportingBefore} → {counts.supportingAfter}; independent origins{" "}
      {counts.originsBefore} → {counts.originsAfter}
    </p>
  );
}
