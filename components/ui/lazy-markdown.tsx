"use client";
import { lazy, Suspense } from "react";
import { cn } from "./cn";

/**
 * Markdown loaded after the page: the parser (react-markdown, remark-gfm,
 * micromark) is the largest script a reading page would otherwise ship up
 * front. Until it arrives the text shows as written, in the same place, so
 * the page is readable at once and nothing moves much when it is formatted.
 */
const Markdown = lazy(() => import("./markdown").then((m) => ({ default: m.Markdown })));

export function LazyMarkdown({ source, className }: { source: string; className?: string }) {
  return (
    <Suspense
      fallback={
        <div
          dir="auto"
          className={cn("whitespace-pre-wrap break-words text-sm leading-relaxed text-slate-800", className)}
        >
          {source}
        </div>
      }
    >
      <Markdown source={source} className={className} />
    </Suspense>
  );
}
