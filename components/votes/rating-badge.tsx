import { ratingLabel, type Grade } from "@/server/schemas/admiralty";

/** "B2": reliability of the supporting origins and credibility of the event, with a mark when analysts disagree. */
export function RatingBadge({
  rating,
}: {
  rating: { reliability: Grade | null; credibility: Grade | null; contested: boolean };
}) {
  const label = ratingLabel(rating.reliability, rating.credibility);
  return (
    <span
      className={`inline-flex items-center gap-1 rounded border px-1.5 py-0.5 font-mono text-xs font-semibold ${rating.contested ? "border-amber-400 bg-amber-50 text-amber-900" : "border-slate-300 bg-white text-slate-800"}`}
      title={`Consensus rating ${label}${rating.contested ? " — contested: analysts disagree widely" : ""}`}
    >
      <span className="sr-only">Rating </span>
      {label}
      {rating.contested && <span aria-label="contested">⚑</span>}
    </span>
  );
}
