import { readDateText } from "../../import/date-text.ts";
import { describeEventDate, type EventDate } from "../../schemas/partial-date.ts";

/**
 * A date as an analyst typed it, read by the importer's parser, with how it
 * was understood ("month: March 2011") for the form to show before saving.
 * No data is read, so any signed-in user may ask.
 */
export function readTypedDate(input: { text: string }): { date: EventDate | null; understood: string | null } {
  const date = readDateText(input.text);
  return { date, understood: date ? describeEventDate(date) : null };
}
