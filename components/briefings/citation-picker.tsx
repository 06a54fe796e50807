"use client";
import { useQuery } from "@tanstack/react-query";
import { CalendarDays, FileText, Search } from "lucide-react";
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { HIDDEN_GRADE } from "@/server/schemas/admiralty";
import { errorMessage } from "../errors";
import { useTRPC } from "../trpc";
import { cn } from "../ui/cn";
import { Notice } from "../ui/notice";
import { activeIndex, enterChoice, moveActive, type PickerView } from "./picker-choice";

export type Citable = { kind: "event" | "source"; id: string; title: string; dateText: string; rating: string | null };
type Kind = "all" | "event" | "source";

const keyOf = (it: Citable) => `${it.kind}:${it.id}`;
/** One string for everything that shapes the results, so "the results of what was typed" is a comparison. */
const queryId = (kind: Kind, text: string) => `${kind}\u0000${text}`;
const DEBOUNCE_MS = 200;

/**
 * Search-as-you-type picker for events and sources: a modal dialog holding a
 * combobox. Arrows move, Enter picks, Escape closes and gives focus back.
 * Which option Enter inserts is decided in picker-choice.ts: the one the
 * arrows highlighted (the mouse only hovers), or after typing the first match
 * of what was typed, once its results are in.
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
  const [activeKey, setActiveKey] = useState<string | null>(null);
  // The text searched for: what was typed, once typing pauses (or at once on Enter).
  const [term, setTerm] = useState("");
  // Enter pressed before the results of what was typed came in: the query it waits for.
  const [waitingFor, setWaitingFor] = useState<string | null>(null);
  const typedText = q.trim();
  useEffect(() => {
    const t = setTimeout(() => setTerm(typedText), DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [typedText]);

  const results = useQuery(
    trpc.briefing.searchCitable.queryOptions(
      { workspaceId, q: term, kind, limit: 12 },
      { enabled: term.length > 0, staleTime: 30_000 },
    ),
  );
  // The list on screen: the latest results that came in, kept while the next ones load, and which query they answer.
  const [shown, setShown] = useState<{ for: string; term: string; found: Citable[] } | null>(null);
  const arrived = results.data ? { for: queryId(kind, term), term, found: results.data as Citable[] } : null;
  if (arrived && (shown?.for !== arrived.for || shown.found !== arrived.found)) setShown(arrived);
  const listed = typedText ? shown : null;

  const view: PickerView<Citable> = useMemo(() => {
    // Someone who knows the id (pasted from elsewhere) can insert it as typed; the preview then says whether it resolves.
    const typed = listed ? /^(?:\[@)?(event|source):([A-Za-z0-9_-]{1,64})\]?$/.exec(listed.term) : null;
    const found = listed?.found ?? [];
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
    return {
      query: queryId(kind, typedText),
      shownFor: listed?.for ?? null,
      items,
      activeKey,
      empty: typedText.length === 0,
    };
  }, [listed, kind, typedText, activeKey]);
  const items = view.items;
  const active = activeIndex(view, keyOf);

  // Enter waited for these results: now they are in, insert the first match (or say nothing matches).
  useEffect(() => {
    if (waitingFor === null || view.shownFor !== waitingFor || view.query !== waitingFor) return;
    setWaitingFor(null);
    const choice = enterChoice(view, keyOf);
    if (choice.kind === "pick") onPick(choice.item);
  }, [waitingFor, view, onPick]);
  // A failed search ends the wait; the error is shown.
  if (waitingFor !== null && results.error) setWaitingFor(null);

  const typeText = (text: string) => {
    setQ(text);
    setActiveKey(null);
    setWaitingFor(null);
  };

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Escape") {
      // A search field's own Escape only clears what was typed; here it closes the picker, as it says.
      e.preventDefault();
      onClose();
    } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      setActiveKey(moveActive(view, keyOf, e.key === "ArrowDown" ? 1 : -1));
    } else if (e.key === "Enter") {
      e.preventDefault();
      if (e.nativeEvent.isComposing) return;
      const choice = enterChoice(view, keyOf);
      if (choice.kind === "pick") onPick(choice.item);
      else if (choice.kind === "wait") {
        // No need to wait out the debounce: search for what is typed now.
        setTerm(typedText);
        setWaitingFor(view.query);
      }
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
              aria-activedescendant={active >= 0 ? `${id}-opt-${active}` : undefined}
              aria-busy={waitingFor !== null}
              placeholder="Search by title or words…"
              value={q}
              onChange={(e) => typeText(e.target.value)}
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
              setActiveKey(null);
              setWaitingFor(null);
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
        {!typedText && (
          <p className="px-2 py-6 text-center text-sm text-slate-500">
            Type a few letters of a title, a place or a name.
          </p>
        )}
        {typedText && view.shownFor === view.query && !results.isFetching && items.length === 0 && (
          <p className="px-2 py-6 text-center text-sm text-slate-500">Nothing matches “{typedText}”.</p>
        )}
        {waitingFor !== null && (
          <p role="status" className="px-2 py-1 text-xs text-slate-600">
            Searching for “{typedText}”: the first match will be inserted.
          </p>
        )}
        <ul id={`${id}-list`} role="listbox" aria-label="Results" className="space-y-0.5">
          {items.map((it, i) => (
            <li
              key={`${it.kind}:${it.id}`}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              // Hovering only shows where a click would go; the highlight Enter follows moves by keyboard alone.
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
                    <span
                      className="ms-1.5 rounded bg-slate-100 px-1 font-mono text-slate-700"
                      title={
                        it.rating.includes(HIDDEN_GRADE)
                          ? "? is hidden until you vote or skip on it, so the others' votes do not anchor yours"
                          : undefined
                      }
                    >
                      {it.rating}
                    </span>
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
