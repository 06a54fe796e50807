import { HIDDEN_GRADE, ratingLabel, type Grade } from "@/server/schemas/admiralty";

type Rating = {
  reliability: Grade | null;
  credibility: Grade | null;
  contested: boolean;
  votes?: number;
  hidden?: { reliability: boolean; credibility: boolean };
};

function describe(rating: Rating, label: string): string {
  const hidden = rating.hidden ?? { reliability: false, credibility: false };
  if (hidden.reliability || hidden.credibility) {
    const parts = [
      hidden.reliability && "the reliability until you vote or skip on each origin behind it",
      hidden.credibility &&
        `the credibility (${rating.votes ?? 0} ${rating.votes === 1 ? "vote" : "votes"}) until you vote or skip on this event`,
    ].filter(Boolean);
    return `Rating ${label}: ${HIDDEN_GRADE} is hidden — ${parts.join(", and ")} — so the others' votes do not anchor yours`;
  }
  return `Consensus rating ${label}${rating.contested ? " — contested: analysts disagree widely" : ""}`;
}

/**
 * "B2": reliability of the supporting origins and credibility of the event,
 * with a mark when analysts disagree. "?" stands for a part hidden from this
 * reader until they vote or skip (blind voting); "–" for a part nobody rated.
 */
export function RatingBadge({ rating }: { rating: Rating }) {
  const label = ratingLabel(rating.reliability, rating.credibility, rating.hidden);
  const text = describe(rating, label);
  return (
    <span
      className={`inline-flex items-center gap-1 rounded border px-1.5 py-0.5 font-mono text-xs font-semibold ${rating.contested ? "border-amber-400 bg-amber-50 text-amber-900" : "border-slate-300 bg-white text-slate-800"}`}
      title={text}
      data-testid="rating-badge"
    >
      <span className="sr-only">{text}</span>
      <span aria-hidden>{label}</span>
      {rating.contested && <span aria-hidden>⚑</span>}
    </span>
  );
}
