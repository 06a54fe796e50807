"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { CalendarDays, FileText, Search } from "lucide-react";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { errorMessage } from "../errors";
import { useTRPC } from "../trpc";
import { cn } from "../ui/cn";
import { Notice } from "../ui/notice";
import { useDebounced } from "./use-resolved-refs";

export type Citable = { kind: "event" | "source"; id: string; title: string; dateText: string; rating: string | null };
type Kind = "all" | "event" | "source";

/**
 * Search-as-you-type picker for events and sources: a modal dialog holding a
 * combobox. Arrows move, Enter picks, Escape closes and gives focus back.
 */
export function CitationPicker({
  workspaceId,
  kind: initialKind = "all",
  title = "Cite an event or source",
  onPick,
  onClose,
}: {
  workspaceId: string;
  kind?: Kind;
  title?: string;
  onPick: (item: Citable) => void;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [q, setQ] = useState("");
  const [kind, setKind] = useState<Kind>(initialKind);
  const [active, setActive] = useState(0);
  const term = useDebounced(q.trim(), 200);
  const results = useQuery(
    trpc.briefing.searchCitable.queryOptions(
      { workspaceId, q: term, kind, limit: 12 },
      { enabled: term.length > 0, placeholderData: keepPreviousData, staleTime: 30_000 },
    ),
  );
  // Someone who knows the id (pasted from elsewhere) can insert it as typed; the preview then says whether it resolves.
  const typed = /^(?:\[@)?(event|source):([A-Za-z0-9_-]{1,64})\]?$/.exec(term);
  const found: Citable[] = term ? ((results.data ?? []) as Citable[]) : [];
  const items: Citable[] =
    typed && !found.some((f) => f.id === typed[2])
      ? [
          ...found,
          {
            kind: typed[1] as Citable["kind"],
            id: typed[2]!,
            title: `Insert [@${typed[1]}:${typed[2]}] as typed`,
            dateText: "",
            rating: null,
          },
        ]
      : found;

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (items.length) setActive((a) => (a + (e.key === "ArrowDown" ? 1 : items.length - 1)) % items.length);
    } else if (e.key === "Enter") {
      e.preventDefault();
      const item = items[Math.min(active, items.length - 1)];
      if (item) onPick(item);
    }
  };

  return (
    <dialog
      ref={dialog}
      aria-labelledby={`${id}-title`}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => e.target === dialog.current && onClose()}
      className="mx-auto mt-[12vh] w-[min(40rem,calc(100vw-2rem))] rounded-xl border border-slate-200 bg-white p-0 shadow-2xl backdrop:bg-slate-900/40"
    >
      <div className="border-b border-slate-100 p-4">
        <h2 id={`${id}-title`} className="mb-3 text-base font-semibold text-slate-900">
          {title}
        </h2>
        <div className="flex gap-2">
          <div className="relative flex-1">
            <Search aria-hidden className="pointer-events-none absolute start-3 top-2.5 size-4 text-slate-400" />
            <input
              autoFocus
              dir="auto"
              type="search"
              role="combobox"
              aria-label="Search by title or words"
              aria-expanded={items.length > 0}
              aria-controls={`${id}-list`}
              aria-autocomplete="list"
              aria-activedescendant={items.length ? `${id}-opt-${Math.min(active, items.length - 1)}` : undefined}
              placeholder="Search by title or words…"
              value={q}
              onChange={(e) => {
                setQ(e.target.value);
                setActive(0);
              }}
              onKeyDown={onKeyDown}
              className="block w-full rounded-md border border-slate-300 py-2 pe-3 ps-9 text-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30"
            />
          </div>
          <label className="sr-only" htmlFor={`${id}-kind`}>
            What to search
          </label>
          <select
            id={`${id}-kind`}
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as Kind);
              setActive(0);
            }}
            className="rounded-md border border-slate-300 px-2 text-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30"
          >
            <option value="all">Events and sources</option>
            <option value="event">Events</option>
            <option value="source">Sources</option>
          </select>
        </div>
      </div>
      <div className="max-h-[50vh] overflow-auto p-2">
        {results.error && <Notice tone="error">{errorMessage(results.error)}</Notice>}
        {!term && (
          <p className="px-2 py-6 text-center text-sm text-slate-500">
            Type a few letters of a title, a place or a name.
          </p>
        )}
        {term && !results.isFetching && items.length === 0 && (
          <p className="px-2 py-6 text-center text-sm text-slate-500">Nothing matches “{term}”.</p>
        )}
        <ul id={`${id}-list`} role="listbox" aria-label="Results" className="space-y-0.5">
          {items.map((it, i) => (
            <li
              key={`${it.kind}:${it.id}`}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseEnter={() => setActive(i)}
              onMouseDown={(e) => {
                e.preventDefault();
                onPick(it);
              }}
              className={cn(
                "flex cursor-pointer items-start gap-3 rounded-md px-3 py-2",
                i === active ? "bg-brand-50 ring-1 ring-brand-600" : "hover:bg-slate-50",
              )}
            >
              {it.kind === "event" ? (
                <CalendarDays aria-hidden className="mt-0.5 size-4 shrink-0 text-brand-700" />
              ) : (
                <FileText aria-hidden className="mt-0.5 size-4 shrink-0 text-slate-500" />
              )}
              <span className="min-w-0 flex-1">
                <span className="block text-sm font-medium text-slate-900" dir="auto">
                  {it.title}
                </span>
                <span className="text-xs text-slate-600">
                  {it.kind === "event" ? "Event" : "Source"}
                  {it.dateText ? ` · ${it.dateText}` : ""}
                  {it.rating && (
                    <span className="ms-1.5 rounded bg-slate-100 px-1 font-mono text-slate-700">{it.rating}</span>
                  )}
                </span>
              </span>
            </li>
          ))}
        </ul>
      </div>
      <p className="border-t border-slate-100 px-4 py-2 text-xs text-slate-600">
        <kbd className="rounded border border-slate-300 px-1">↑</kbd>{" "}
        <kbd className="rounded border border-slate-300 px-1">↓</kbd> choose ·{" "}
        <kbd className="rounded border border-slate-300 px-1">Enter</kbd> insert ·{" "}
        <kbd className="rounded border border-slate-300 px-1">Esc</kbd> close
      </p>
    </dialog>
  );
}
