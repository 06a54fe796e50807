import { dateBounds, sortInstant, type EventDate } from "../schemas/partial-date.ts";

type DateColumns = {
  dateStartYear: number | null;
  dateStartMonth: number | null;
  dateStartDay: number | null;
  dateEndYear: number | null;
  dateEndMonth: number | null;
  dateEndDay: number | null;
  dateQualifier: EventDate["qualifier"];
  dateEarliest: Date | null;
  dateLatest: Date | null;
  dateSortKey: Date | null;
};

/** The one place the stored instants are derived from the date as written. */
export function toDateColumns(date: EventDate): DateColumns {
  const bounds = dateBounds(date);
  return {
    dateStartYear: date.start.year,
    dateStartMonth: date.start.month ?? null,
    dateStartDay: date.start.day ?? null,
    dateEndYear: date.end?.year ?? null,
    dateEndMonth: date.end?.month ?? null,
    dateEndDay: date.end?.day ?? null,
    dateQualifier: date.qualifier,
    dateEarliest: bounds.earliest,
    dateLatest: bounds.latest,
    dateSortKey: sortInstant(date),
  };
}

/** The date as written, in its columns (the instants are derived from these). */
export type WrittenDateColumns = Omit<DateColumns, "dateEarliest" | "dateLatest" | "dateSortKey">;

export function fromDateColumns(row: WrittenDateColumns): EventDate | null {
  if (row.dateStartYear == null) return null;
  return {
    start: { year: row.dateStartYear, month: row.dateStartMonth, day: row.dateStartDay },
    end: row.dateEndYear != null ? { year: row.dateEndYear, month: row.dateEndMonth, day: row.dateEndDay } : null,
    qualifier: row.dateQualifier,
  };
}

export const dateColumnSelect = {
  dateStartYear: true,
  dateStartMonth: true,
  dateStartDay: true,
  dateEndYear: true,
  dateEndMonth: true,
  dateEndDay: true,
  dateQualifier: true,
} as const;
