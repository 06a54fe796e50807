"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { can } from "@/server/policy";
import { HIDDEN_GRADE, RELIABILITY, RELIABILITY_LABELS } from "@/server/schemas/admiralty";
import {
  SOURCE_KIND_LABELS,
  SOURCE_KINDS,
  SOURCE_SORT_LABELS,
  SOURCE_SORTS,
  type OriginReliabilityFilter,
  type SourceKind,
} from "@/server/schemas/source";
import type { WorkspaceOverview } from "@/components/trpc";
import { errorMessage } from "../errors";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { EmptyState } from "../ui/card";
import { Notice } from "../ui/notice";
import { WorkspaceGate } from "../workspace/workspace-gate";
import { Bidi } from "../ui/bidi";

export function SourceListPage() {
  return <WorkspaceGate>{(ws) => <SourceList workspace={ws} />}</WorkspaceGate>;
}

function SourceList({ workspace }: { workspace: WorkspaceOverview }) {
  const trpc = useTRPC();
  const [kind, setKind] = useState<SourceKind | "">("");
  const [text, setText] = useState("");
  const [language, setLanguage] = useState("");
  const [sort, setSort] = useState<(typeof SOURCE_SORTS)[number]>("added");
  const [reliability, setReliability] = useState<OriginReliabilityFilter | "">("");
  const blind = can(workspace.role, "vote.cast");
  const languageCode = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(language.trim()) ? language.trim() : undefined;
  const sources = useInfiniteQuery(
    trpc.source.list.infiniteQueryOptions(
      {
        workspaceId: workspace.id,
        limit: 30,
        kind: kind || undefined,
        text: text.trim() || undefined,
        language: languageCode,
        sort,
        reliability: reliability || undefined,
      },
      { getNextPageParam: (last) => last.nextCursor },
    ),
  );
  // A source whose count changed while paging can come back on a later page: it is listed once.
  const seen = new Set<string>();
  const items = (sources.data?.pages.flatMap((p) => p.items) ?? []).filter((s) =>
    seen.has(s.id) ? false : (seen.add(s.id), true),
  );
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Sources</h1>
          <p className="mt-1 text-sm text-slate-600">
            The documents behind the chronology, with how reliable their origin is judged and how often they are cited.
          </p>
        </div>
        {can(workspace.role, "source.write") && (
          <Link
            href={`/w/${workspace.slug}/sources/new`}
            className="inline-flex items-center gap-1.5 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
          >
            <Plus aria-hidden className="size-4" /> Add source
          </Link>
        )}
      </div>
      <div className="flex flex-wrap gap-3" role="search" aria-label="Filter sources">
        <label className="w-full text-xs text-slate-600 sm:w-auto">
          Title contains
          <input
            dir="auto"
            className="mt-1 block w-full sm:w-64 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <label className="text-xs text-slate-600">
          Kind
          <select
            className="mt-1 block rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
            value={kind}
            onChange={(e) => setKind(e.target.value as SourceKind | "")}
          >
            <option value="">Any</option>
            {SOURCE_KINDS.map((k) => (
              <option key={k} value={k}>
                {SOURCE_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <label className="text-xs text-slate-600">
          Language
          <input
            className="mt-1 block w-24 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
            placeholder="en, fa…"
            value={language}
            onChange={(e) => setLanguage(e.target.value)}
          />
        </label>
        <label className="text-xs text-slate-600">
          Origin reliability
          <select
            className="mt-1 block rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
            value={reliability}
            aria-describedby="origin-reliability-hint"
            onChange={(e) => setReliability(e.target.value as OriginReliabilityFilter | "")}
          >
            <option value="">Any</option>
            {RELIABILITY.map((g) => (
              <option key={g} value={g}>
                {g} — {RELIABILITY_LABELS[g]}
              </option>
            ))}
            <option value="unrated">{blind ? "Not rated, or hidden until you vote" : "Not rated"}</option>
          </select>
        </label>
        <label className="text-xs text-slate-600">
          Order
          <select
            className="mt-1 block rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
            value={sort}
            onChange={(e) => setSort(e.target.value as (typeof SOURCE_SORTS)[number])}
          >
            {SOURCE_SORTS.map((k) => (
              <option key={k} value={k}>
                {SOURCE_SORT_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <p id="origin-reliability-hint" className="w-full text-xs text-slate-600">
          {blind
            ? "Origin reliability filters by the rating you are shown. An origin's rating stays hidden until you vote or skip on it, so those sources count as not rated here."
            : "Origin reliability filters by the team's agreed rating of each source's origin."}
        </p>
      </div>
      {sources.error && <Notice tone="error">{errorMessage(sources.error)}</Notice>}
      {sources.isSuccess && items.length === 0 && (
        <EmptyState
          title={
            kind || text.trim() || languageCode || reliability ? "No sources match these filters" : "No sources yet"
          }
        >
          Paste an article, upload a file, or record a web address.
        </EmptyState>
      )}
      <ul
        className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white shadow-sm"
        aria-label="Sources"
      >
        {items.map((s) => (
          <li key={s.id}>
            <Link href={`/w/${workspace.slug}/sources/${s.id}`} className="block px-4 py-3 hover:bg-slate-50">
              <span className="font-medium text-slate-900" dir="auto">
                <Bidi text={s.title} />
              </span>
              <span className="mt-0.5 flex flex-wrap gap-x-3 gap-y-0.5 text-xs text-slate-600">
                <span>{SOURCE_KIND_LABELS[s.kind]}</span>
                {s.publisher && (
                  <span dir="auto">
                    <Bidi text={s.publisher.name} />
                  </span>
                )}
                <span data-testid="origin-reliability">{originText(s.originReliability)}</span>
                <span>{s.pubDateText}</span>
                <span>{s.language ? `language: ${s.language}` : "language not given"}</span>
                <span>
                  {s.citationCount} citation{s.citationCount === 1 ? "" : "s"}
                </span>
                <span>{s.textLength ? `${s.textLength.toLocaleString()} characters` : "web address only"}</span>
              </span>
            </Link>
          </li>
        ))}
      </ul>
      {sources.hasNextPage && (
        <Button variant="secondary" busy={sources.isFetchingNextPage} onClick={() => void sources.fetchNextPage()}>
          Show more
        </Button>
      )}
    </div>
  );
}

/** The origin's consensus reliability as this reader may see it: "origin B — usually reliable". */
function originText(r: { consensus: string | null; hidden: boolean; votes: number } | null): string {
  if (!r) return "origin unknown";
  if (r.hidden) return `origin ${HIDDEN_GRADE} (vote or skip to see)`;
  if (!r.consensus) return r.votes ? "origin not yet agreed" : "origin not rated";
  const label = RELIABILITY_LABELS[r.consensus as keyof typeof RELIABILITY_LABELS];
  return `origin ${r.consensus}${label ? ` — ${label.toLowerCase()}` : ""}`;
}
