"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { BriefingContent } from "@/server/schemas/briefing";
import { useTRPC } from "../trpc";
import type { ResolvedLookup } from "./references";

/** The first value after `ms` without change: keeps the preview from asking the server on every keystroke. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (ms === 0) return setSettled(value);
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return ms === 0 ? value : settled;
}

/** Titles, dates, ratings and problems of what a working copy cites, as of now. */
export function useResolvedRefs(
  workspaceId: string,
  content: Pick<BriefingContent, "summary" | "body" | "keyJudgments"> | null,
  debounceMs = 400,
) {
  const trpc = useTRPC();
  const settled = useDebounced(content, debounceMs);
  const query = useQuery(
    trpc.briefing.resolveRefs.queryOptions(
      {
        workspaceId,
        summary: settled?.summary ?? "",
        body: settled?.body ?? "",
        keyJudgments: (settled?.keyJudgments ?? []).map((k) => ({
          statement: k.statement,
          eventIds: k.eventIds,
          sourceIds: k.sourceIds,
        })),
      },
      { enabled: Boolean(settled), placeholderData: keepPreviousData, staleTime: 10_000 },
    ),
  );
  return { ...query, data: query.data as ResolvedLookup | undefined };
}
