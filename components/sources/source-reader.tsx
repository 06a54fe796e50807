"use client";
import { SourceArchives } from "./source-archives";
import { SourceStandingPanel } from "./source-standing-panel";
import { useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import { ExternalLink } from "lucide-react";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useParams, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { STANCE_LABELS } from "@/server/schemas/citation";
import { SOURCE_KIND_LABELS } from "@/server/schemas/source";
import type { WorkspaceOverview } from "@/components/trpc";
import { errorCode, errorMessage } from "../errors";
import { useTRPC } from "../trpc";
import { Badge } from "../ui/badge";
import { Bidi, BidiLine } from "../ui/bidi";
import { dominantDirection, type Direction } from "@/server/schemas/bidi-runs";
import { EmptyState } from "../ui/card";
import { Notice } from "../ui/notice";
import { RecordProposalPanel } from "../review/record-proposal-panel";
import { WorkspaceGate } from "../workspace/workspace-gate";
import { VotePanel } from "../votes/vote-panel";
import { groupLines, segmentText, selectionOffsets, type Segment } from "./passage-offsets";

// Only needed once a passage is chosen: its form (date fields, validation) loads then, not with the text.
const CitePanel = dynamic(() => import("./cite-panel").then((m) => m.CitePanel), {
  loading: () => (
    <p role="status" className="text-sm text-slate-600">
      Opening the citation form…
    </p>
  ),
});

export function SourceReaderPage() {
  return <WorkspaceGate>{(ws) => <SourceReader workspace={ws} />}</WorkspaceGate>;
}

const STANCE_MARK = { SUPPORTS: "bg-emerald-100", CONTRADICTS: "bg-red-100", MENTIONS: "bg-amber-100" } as const;

/**
 * The reader: the source's text with cited passages highlighted. Select words
 * (or find them by typing) to cite them on a new or existing event.
 *
 * A long text is not sent or drawn at once: the reader loads it in parts from
 * the start (source.textChunk), the next when the end of what is shown scrolls
 * into view or on "Show more". What is loaded is always the text from offset 0,
 * so selections, citations and highlights keep the offsets of the whole text.
 * Opening a citation, or finding words, loads as far as its passage first.
 */
function SourceReader({ workspace }: { workspace: WorkspaceOverview }) {
  const trpc = useTRPC();
  const { sourceId } = useParams<{ sourceId: string }>();
  const params = useSearchParams();
  const focusCitation = params.get("citation");
  const duplicate = params.get("duplicate");
  const queryClient = useQueryClient();
  const source = useQuery(trpc.source.get.queryOptions({ sourceId, withText: false }));
  const chunks = useInfiniteQuery(
    trpc.source.textChunk.infiniteQueryOptions(
      { sourceId },
      {
        initialCursor: 0,
        getNextPageParam: (last) => last.nextCursor,
        enabled: (source.data?.textLength ?? 0) > 0,
      },
    ),
  );
  const textRef = useRef<HTMLDivElement>(null);
  const moreRef = useRef<HTMLDivElement>(null);
  const [passage, setPassage] = useState<{ start: number; end: number } | null>(null);
  // A passage found by typing that lies beyond what is loaded: chosen once the text has arrived that far.
  const [found, setFound] = useState<{ start: number; end: number } | null>(null);
  const [find, setFind] = useState("");
  const [findMiss, setFindMiss] = useState(false);

  const data = source.data;
  const text = useMemo(() => chunks.data?.pages.map((p) => p.text).join("") ?? "", [chunks.data]);
  const total = data?.textLength ?? 0;
  const segments = useMemo(() => (data ? segmentText(text, data.citations) : []), [data, text]);
  const lines = useMemo(() => (data ? groupLines(text, segments) : []), [data, text, segments]);
  const indexOf = useMemo(() => new Map(segments.map((seg, i) => [seg, i])), [segments]);
  const stanceOf = useMemo(() => new Map(data?.citations.map((c) => [c.id, c.stance]) ?? []), [data]);

  const { hasNextPage, isFetchingNextPage, fetchNextPage } = chunks;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  // How far the text must be loaded: to the end of the citation opened, or of the words found.
  const focusEnd = data?.citations.find((c) => c.id === focusCitation)?.endOffset ?? null;
  const needed = Math.max(focusEnd ?? 0, found?.end ?? 0);
  useEffect(() => {
    if (needed > text.length && hasNextPage) loadMore();
  }, [needed, text.length, hasNextPage, loadMore]);

  useEffect(() => {
    if (focusEnd == null || focusEnd > text.length) return;
    document.getElementById(`citation-${focusCitation}`)?.scrollIntoView({ block: "center" });
  }, [focusCitation, focusEnd, text.length]);

  useEffect(() => {
    if (!found || found.end > text.length) return;
    setPassage(found);
    setFound(null);
  }, [found, text.length]);

  // The next part loads when the end of what is shown comes into view.
  useEffect(() => {
    const el = moreRef.current;
    if (!el || !hasNextPage) return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && loadMore(), {
      rootMargin: "400px 0px",
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasNextPage, loadMore, text.length]);

  const findWords = async () => {
    if (!find) return;
    const at = text.indexOf(find);
    if (at >= 0) return setPassage({ start: at, end: at + find.length });
    const where = await queryClient.fetchQuery(trpc.source.findText.queryOptions({ sourceId, text: find }));
    setFindMiss(!where);
    if (where) setFound(where);
  };

  if (source.isPending) return <p className="text-sm text-slate-500">Loading…</p>;
  if (source.error) {
    return errorCode(source.error) === "NOT_FOUND" ? (
      <EmptyState title="Source not found" />
    ) : (
      <Notice tone="error">{errorMessage(source.error)}</Notice>
    );
  }
  const s = source.data;
  const base = `/w/${workspace.slug}`;
  const firstSegmentOf = new Map<string, number>();
  segments.forEach((seg, i) => seg.citationIds.forEach((id) => firstSegmentOf.has(id) || firstSegmentOf.set(id, i)));

  const renderSegment = (seg: Segment, i: number, base: Direction | null) => {
    const part = text.slice(seg.start, seg.end);
    if (seg.citationIds.length === 0)
      return (
        <span key={i}>
          <Bidi text={part} base={base} />
        </span>
      );
    const first = seg.citationIds.find((id) => firstSegmentOf.get(id) === i);
    const stance = stanceOf.get(seg.citationIds[0]!) ?? "MENTIONS";
    const focused = focusCitation != null && seg.citationIds.includes(focusCitation);
    return (
      <mark
        key={i}
        id={first ? `citation-${first}` : undefined}
        className={`${STANCE_MARK[stance]} rounded-sm text-inherit ${focused ? "ring-2 ring-brand-600" : ""}`}
      >
        <Bidi text={part} base={base} />
      </mark>
    );
  };

  const onSelect = () => {
    if (!textRef.current || !s.canCite) return;
    const sel = selectionOffsets(textRef.current, window.getSelection());
    if (sel && text.slice(sel.start, sel.end).trim()) setPassage(sel);
  };

  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_22rem]">
      <article className="min-w-0 space-y-4">
        {duplicate && (
          <Notice tone="info">
            This document is already in the workspace (same {duplicate === "url" ? "web address" : "text"}), so nothing
            new was created. You are looking at the existing source.
          </Notice>
        )}
        <header className="space-y-1">
          <p className="text-sm text-slate-600">{SOURCE_KIND_LABELS[s.kind]}</p>
          <h1 className="text-2xl font-semibold tracking-tight" dir="auto">
            <Bidi text={s.title} />
          </h1>
          <p className="flex flex-wrap gap-x-3 text-sm text-slate-600">
            {s.publisher && (
              <Link href={`${base}/entities/${s.publisher.id}`} className="hover:underline">
                <BidiLine text={s.publisher.name} />
              </Link>
            )}
            {s.author && <BidiLine text={s.author} />}
            <span>{s.pubDateText}</span>
            {s.language && <span>language: {s.language}</span>}
            {s.url && (
              <a
                href={s.url}
                target="_blank"
                rel="noopener noreferrer nofollow"
                className="inline-flex items-center gap-0.5 text-brand-700 hover:underline"
              >
                original <ExternalLink aria-hidden className="size-3" />
              </a>
            )}
          </p>
          {s.canCite && (
            <p className="flex gap-3 pt-1 text-sm">
              <Link href={`${base}/sources/${s.id}/edit`} className="font-medium text-brand-700 hover:underline">
                Edit details
              </Link>
              <Link href={`${base}/sources/${s.id}/history`} className="font-medium text-brand-700 hover:underline">
                History
              </Link>
            </p>
          )}
          {s.original && (
            <p className="flex flex-wrap items-center gap-x-2 text-sm text-slate-600" data-testid="source-original">
              <a
                href={`/api/w/${workspace.id}/sources/${s.id}/original`}
                download
                className="font-medium text-brand-700 hover:underline"
                aria-label={`Download the original file, ${s.original.fileName}`}
              >
                Original file
              </a>
              <bdi className="text-slate-700">{s.original.fileName}</bdi>
              <span>({Math.max(1, Math.round(s.original.size / 1024)).toLocaleString("en")} KB)</span>
              <span>
                SHA-256 of the original:{" "}
                <code data-testid="original-sha256" className="break-all font-mono text-xs text-slate-800">
                  {s.original.sha256}
                </code>
              </span>
            </p>
          )}
          {s.derivedFrom && (
            <p className="text-sm text-slate-600">
              Derived from{" "}
              <Link className="text-brand-700 hover:underline" href={`${base}/sources/${s.derivedFrom.id}`}>
                <BidiLine text={s.derivedFrom.title} />
              </Link>
            </p>
          )}
        </header>
        <SourceStandingPanel source={s} />
        {s.canCite && (
          <RecordProposalPanel targetType="SOURCE" targetId={s.id} editHref={`${base}/sources/${s.id}/edit`} />
        )}
        <SourceArchives workspaceId={workspace.id} source={s} />
        {total > 0 ? (
          <>
            <div
              ref={textRef}
              data-testid="source-text"
              tabIndex={0}
              aria-label="Source text"
              onMouseUp={onSelect}
              onKeyUp={onSelect}
              className="whitespace-pre-wrap break-words rounded-lg border border-slate-200 bg-white p-6 font-serif text-[17px] leading-8 text-slate-900 shadow-sm"
            >
              {lines.map((line, li) => {
                // Each line (paragraph) takes the direction most of its letters are written in;
                // runs in the other script are isolated inside it.
                const base = dominantDirection(text.slice(line[0]!.start, line.at(-1)!.end));
                return (
                  <span key={li} dir="auto" className="block">
                    {line.map((seg) => renderSegment(seg, indexOf.get(seg)!, base))}
                  </span>
                );
              })}
            </div>
            <div ref={moreRef} className="flex flex-wrap items-center gap-3 text-sm text-slate-600">
              {chunks.isPending ? (
                <p role="status">Loading the text…</p>
              ) : chunks.error ? (
                <Notice tone="error">{errorMessage(chunks.error)}</Notice>
              ) : hasNextPage ? (
                <>
                  <p role="status">
                    Showing {text.length.toLocaleString("en")} of {total.toLocaleString("en")} characters.
                  </p>
                  <button
                    type="button"
                    className="font-medium text-brand-700 hover:underline disabled:opacity-60"
                    disabled={isFetchingNextPage}
                    onClick={loadMore}
                  >
                    {isFetchingNextPage ? "Loading more…" : "Show more of the text"}
                  </button>
                </>
              ) : null}
            </div>
          </>
        ) : (
          <EmptyState title="No text stored">
            Only the web address and details of this document were recorded.
          </EmptyState>
        )}
      </article>

      <aside className="space-y-4 lg:sticky lg:top-4 lg:self-start">
        {s.canCite && total > 0 && (
          <>
            <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <label htmlFor="find-passage" className="block text-sm font-medium text-slate-800">
                Find a passage to cite
              </label>
              <p className="text-xs text-slate-600">Select words in the text, or type them here.</p>
              <div className="mt-2 flex gap-2">
                <input
                  id="find-passage"
                  dir="auto"
                  className="w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm"
                  value={find}
                  onChange={(e) => {
                    setFind(e.target.value);
                    setFindMiss(false);
                  }}
                  onKeyDown={(e) => {
                    if (e.key !== "Enter") return;
                    e.preventDefault();
                    void findWords();
                  }}
                />
              </div>
              {find && findMiss && <p className="mt-1 text-xs text-red-700">Those exact words are not in the text.</p>}
            </div>
            {passage && (
              <CitePanel
                workspace={workspace}
                sourceId={s.id}
                text={text}
                passage={passage}
                pubDate={s.pubDate}
                onDone={() => {
                  setPassage(null);
                  window.getSelection()?.removeAllRanges();
                  void source.refetch();
                }}
                onCancel={() => setPassage(null)}
              />
            )}
          </>
        )}
        {s.publisher && (
          <VotePanel target={{ entityId: s.publisher.id }} title={`Reliability of ${s.publisher.name}`} />
        )}
        <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <h2 className="text-sm font-semibold">Events citing this source</h2>
          {s.citations.length === 0 ? (
            <p className="mt-1 text-sm text-slate-500">None yet.</p>
          ) : (
            <ul className="mt-2 space-y-2 text-sm">
              {s.citations.map((c) => (
                <li key={c.id}>
                  <Link href={`${base}/events/${c.event.id}`} className="font-medium text-brand-700 hover:underline">
                    <BidiLine text={c.event.title} />
                  </Link>
                  <span className="ml-1 text-xs text-slate-500">{c.event.dateText}</span>
                  <div className="mt-0.5 flex items-center gap-2 text-xs">
                    <Badge tone={c.stance === "SUPPORTS" ? "green" : c.stance === "CONTRADICTS" ? "red" : "slate"}>
                      {STANCE_LABELS[c.stance]}
                    </Badge>
                    {/* Through the address, so a passage not loaded yet is loaded first (see focusEnd). */}
                    <Link
                      href={`${base}/sources/${s.id}?citation=${c.id}`}
                      replace
                      scroll={false}
                      className="text-slate-600 hover:underline"
                    >
                      show passage
                    </Link>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>
      </aside>
    </div>
  );
}
