"use client";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTRPC } from "../trpc";

/**
 * The typed-date hooks without the date fields: the chronology's "When"
 * filter reads dates typed in words but has no fields to validate, so it
 * loads none of the form code (nor zod) that date-fields.tsx brings.
 */

/** The value after the user stopped typing for a moment. */
export function useSettled<T>(value: T, ms = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

/**
 * A date typed as the sources write it ("March 2011", "c. 2015", "late
 * 1990s", "2011–2012", "before January 2016"), read on the server by the
 * importer's own parser. Returns what it understood (null while typing or
 * when it is not a date) and whether the text could not be read.
 */
export function useTypedDate(text: string) {
  const trpc = useTRPC();
  const settled = useSettled(text.trim());
  const read = useQuery(
    trpc.event.readDate.queryOptions({ text: settled }, { enabled: settled.length > 0, staleTime: Infinity }),
  );
  const current = settled === text.trim() && read.data && !read.isPlaceholderData ? read.data : null;
  return {
    date: current?.date ?? null,
    understood: current?.understood ?? null,
    unreadable: current != null && current.date == null,
    pending: text.trim().length > 0 && !current,
  };
}
