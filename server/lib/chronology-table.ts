import type { FrozenEvent } from "../schemas/briefing-document.ts";

/** A table cell: pipes and line breaks would end the cell or the row. */
const cell = (text: string) =>
  text
    .replace(/\\/g, "\\\\")
    .replace(/\|/g, "\\|")
    .replace(/\s*[\r\n]+\s*/g, " ")
    .trim();

export const ratingText = (e: Pick<FrozenEvent, "rating" | "contested">) =>
  e.rating ? `${e.rating}${e.contested ? " (contested)" : ""}` : "Not rated";

/**
 * The chronology section as Markdown: one row per cited event in the order
 * given (date order), each row citing its event so it is footnoted too.
 */
export function chronologyMarkdown(
  events: Pick<FrozenEvent, "id" | "title" | "dateText" | "rating" | "contested">[],
): string {
  const rows = events.map(
    (e) => `| ${cell(e.dateText)} | ${cell(e.title)} [@event:${e.id}] | ${cell(ratingText(e))} |`,
  );
  return ["## Chronology", "", "| Date | Event | Rating |", "| --- | --- | --- |", ...rows, ""].join("\n");
}
