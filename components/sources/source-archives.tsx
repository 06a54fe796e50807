"use client";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "react";
import { ARCHIVE_STATUS_LABELS } from "@/server/schemas/archive";
import type { RouterOutputs } from "@/components/trpc";
import { errorMessage, fieldErrors } from "../errors";
import { useTRPC } from "../trpc";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { TextField } from "../ui/field";
import { Notice } from "../ui/notice";
import { Timestamp } from "../ui/timestamp";

type Archive = RouterOutputs["source"]["archives"]["items"][number];

/** How often the list is read again while a page waits to be fetched (the fetch itself takes at most 20 s). */
const WAITING_REFETCH_MS = 1500;
const STATUS_TONE = { QUEUED: "blue", DONE: "green", FAILED: "red" } as const;

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024).toLocaleString("en")} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * Copies of the source's web page kept by the server: contributors ask for
 * one ("Archive page"); every reader of the source sees when each was made,
 * whether it failed and why, where the redirects ended, its size and SHA-256,
 * downloads the bytes as fetched and opens the text read from them. While a
 * copy waits to be fetched, the list is read again every few seconds; when
 * one gives the source its text, the reader is told to load it.
 */
export function SourceArchives({
  workspaceId,
  source,
}: {
  workspaceId: string;
  source: Pick<RouterOutputs["source"]["get"], "id" | "url" | "canCite">;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [url, setUrl] = useState(source.url ?? "");
  const archives = useInfiniteQuery(
    trpc.source.archives.infiniteQueryOptions(
      { sourceId: source.id, limit: 5 },
      {
        getNextPageParam: (last) => last.nextCursor,
        refetchInterval: (query) =>
          query.state.data?.pages.some((p) => p.items.some((a) => a.status === "QUEUED")) ? WAITING_REFETCH_MS : false,
      },
    ),
  );
  const items = useMemo(() => archives.data?.pages.flatMap((p) => p.items) ?? [], [archives.data]);
  const request = useMutation(
    trpc.source.archive.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.source.archives.pathFilter()),
    }),
  );

  // A copy that finished since the last look and gave the source its text: the reader loads it.
  const waiting = useRef(new Set<string>());
  useEffect(() => {
    let filled = false;
    for (const a of items) {
      if (a.status === "QUEUED") waiting.current.add(a.id);
      else if (waiting.current.delete(a.id) && a.textApplied) filled = true;
    }
    if (filled)
      void Promise.all([
        queryClient.invalidateQueries(trpc.source.get.pathFilter()),
        queryClient.invalidateQueries(trpc.source.textChunk.pathFilter()),
      ]);
  }, [items, queryClient, trpc]);

  const errors = fieldErrors(request.error);
  const someWaiting = items.some((a) => a.status === "QUEUED");
  if (!source.canCite && items.length === 0) return null;
  return (
    <section
      aria-labelledby="archives-heading"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      <div>
        <h2 id="archives-heading" className="text-sm font-semibold">
          Archived copies of the page
        </h2>
        <p className="text-xs text-slate-600">
          Fetched by the server and kept as they came, with a SHA-256 that proves a copy is the page that was read.
        </p>
      </div>
      {source.canCite && (
        <form
          aria-label="Archive the page"
          className="flex flex-wrap items-end gap-2"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            request.mutate({ sourceId: source.id, url: url.trim() });
          }}
        >
          <div className="min-w-64 flex-1">
            <TextField
              label="Address to archive"
              type="url"
              inputMode="url"
              value={url}
              error={errors.url}
              onChange={(e) => setUrl(e.target.value)}
            />
          </div>
          <Button type="submit" size="sm" busy={request.isPending} disabled={someWaiting}>
            Archive page
          </Button>
        </form>
      )}
      {request.error && !errors.url && <Notice tone="error">{errorMessage(request.error)}</Notice>}
      {archives.error && <Notice tone="error">{errorMessage(archives.error)}</Notice>}
      {items.length > 0 && (
        <ol className="space-y-3" aria-label="Archived copies, newest first">
          {items.map((a) => (
            <ArchiveItem key={a.id} archive={a} workspaceId={workspaceId} sourceId={source.id} />
          ))}
        </ol>
      )}
      {archives.hasNextPage && (
        <button
          type="button"
          className="text-sm font-medium text-brand-700 hover:underline disabled:opacity-60"
          disabled={archives.isFetchingNextPage}
          onClick={() => void archives.fetchNextPage()}
        >
          {archives.isFetchingNextPage ? "Loading…" : "Show older copies"}
        </button>
      )}
    </section>
  );
}

function ArchiveItem({
  archive: a,
  workspaceId,
  sourceId,
}: {
  archive: Archive;
  workspaceId: string;
  sourceId: string;
}) {
  const [open, setOpen] = useState(false);
  return (
    <li className="space-y-1 border-t border-slate-100 pt-3 text-sm first:border-t-0 first:pt-0" data-testid="archive">
      <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <Badge tone={STATUS_TONE[a.status]}>{ARCHIVE_STATUS_LABELS[a.status]}</Badge>
        <span className="text-slate-600">
          asked <Timestamp at={a.createdAt} /> by <bdi>{a.requestedBy.name}</bdi>
        </span>
      </p>
      <p className="break-all text-slate-700">
        <bdi>{a.url}</bdi>
      </p>
      {a.status === "QUEUED" && (
        <p role="status" className="text-slate-600">
          Waiting for the server to fetch the page…
        </p>
      )}
      {a.message && (
        <p
          className={a.status === "FAILED" ? "font-medium text-red-800" : "text-slate-700"}
          data-testid="archive-message"
        >
          {a.message}
        </p>
      )}
      {a.status === "DONE" && (
        <>
          {a.finalUrl && a.finalUrl !== a.url && (
            <p className="break-all text-slate-600">
              Ended at <bdi>{a.finalUrl}</bdi>
            </p>
          )}
          <p className="flex flex-wrap gap-x-3 text-slate-600">
            {a.size != null && <span>{sizeText(a.size)}</span>}
            {a.contentType && <span>{a.contentType}</span>}
            {a.httpStatus != null && <span>HTTP {a.httpStatus}</span>}
            {a.textApplied && <span className="text-emerald-800">Its text became the source&rsquo;s text.</span>}
          </p>
          {a.sha256 && (
            <p className="flex flex-wrap items-center gap-x-2 text-slate-600">
              <a
                href={`/api/w/${workspaceId}/sources/${sourceId}/archives/${a.id}`}
                download
                className="font-medium text-brand-700 hover:underline"
              >
                Download as fetched
              </a>
              <span>
                SHA-256:{" "}
                <code data-testid="archive-sha256" className="break-all font-mono text-xs text-slate-800">
                  {a.sha256}
                </code>
              </span>
            </p>
          )}
          {a.textLength > 0 && (
            <details onToggle={(e) => setOpen(e.currentTarget.open)}>
              <summary className="cursor-pointer font-medium text-brand-700">
                Text read from the page ({a.textLength.toLocaleString("en")} characters)
              </summary>
              {open && <ArchiveText archiveId={a.id} />}
            </details>
          )}
        </>
      )}
    </li>
  );
}

function ArchiveText({ archiveId }: { archiveId: string }) {
  const trpc = useTRPC();
  const text = useQuery(trpc.source.archiveText.queryOptions({ archiveId }, { staleTime: Infinity }));
  if (text.isPending) return <p className="mt-2 text-slate-600">Loading the text…</p>;
  if (text.error) return <Notice tone="error">{errorMessage(text.error)}</Notice>;
  return (
    <div
      dir="auto"
      // Scrolls on its own: reachable by keyboard.
      tabIndex={0}
      aria-label="Text read from the page"
      data-testid="archive-text"
      className="mt-2 max-h-96 overflow-y-auto whitespace-pre-wrap break-words rounded-md border border-slate-200 bg-slate-50 p-3 font-serif text-[15px] leading-7 text-slate-900"
    >
      {text.data.text}
    </div>
  );
}
