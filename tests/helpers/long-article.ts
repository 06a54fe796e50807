import { MONTHS } from "../../server/schemas/partial-date.ts";

/**
 * A long article of dated happenings, written from a seed so that every call
 * with another seed is another document (the importer recognises the same
 * text twice). Long enough that reading it takes the importer a while, so a
 * test can act while its job runs.
 */
const PLACES = ["Herat", "Kandahar", "Mashhad", "Zahedan", "Farah", "Nimruz", "Quetta", "Kabul"];
const DEEDS = [
  "the provincial council met to settle a dispute over water rights",
  "a convoy of lorries carrying cement crossed the border at dawn",
  "traders reported that the price of diesel had doubled in a week",
  "a delegation of elders travelled to the district centre to ask for a school",
  "the new road between the two markets was opened to traffic",
  "a flood washed away the footbridge used by farmers on the river",
];

export function longArticle(seed: string, paragraphs = 400): string {
  const lines = [`Notes from the border provinces, series ${seed}`, ""];
  for (let i = 0; i < paragraphs; i++) {
    const day = (i % 28) + 1;
    const month = MONTHS[(i * 7) % 12]!;
    const year = 1990 + (i % 30);
    const place = PLACES[i % PLACES.length]!;
    const deed = DEEDS[(i * 5) % DEEDS.length]!;
    lines.push(
      `On ${day} ${month} ${year}, in ${place}, ${deed} (entry ${seed}-${i}). ` +
        `Witnesses in ${place} described the scene at length, and the local radio returned to it the following week.`,
      "",
    );
  }
  return lines.join("\n");
}
