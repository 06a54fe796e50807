"use client";
import { useQuery } from "@tanstack/react-query";
import { useId, useRef, useState, type KeyboardEvent } from "react";
import { can } from "@/server/policy";
import { useTRPC } from "../trpc";
import { cn } from "../ui/cn";

/** The handle the server recognises for a member: the whole name without spaces. */
export const handleOf = (name: string) => name.replace(/\s+/g, "");

/**
 * A comment box that suggests members after "@": arrows choose, Enter or Tab
 * inserts "@Handle", Escape closes. Mentioned members are notified by the server.
 * Only members who may read the briefing's drafts are offered: the server
 * notifies no one else (a viewer reads published briefings only).
 */
export function MentionTextarea({
  workspaceId,
  value,
  onChange,
  label,
  error,
}: {
  workspaceId: string;
  value: string;
  onChange: (v: string) => void;
  label: string;
  error?: string;
}) {
  const trpc = useTRPC();
  const id = useId();
  const ref = useRef<HTMLTextAreaElement>(null);
  const members = useQuery(trpc.member.list.queryOptions({ workspaceId }, { staleTime: 60_000 }));
  const [query, setQuery] = useState<{ start: number; text: string } | null>(null);
  const [active, setActive] = useState(0);
  const matches = query
    ? (members.data ?? [])
        .filter(
          (m) =>
            m.active &&
            can(m.role, "briefing.readDrafts") &&
            (m.name.toLowerCase().includes(query.text.toLowerCase()) ||
              m.email.toLowerCase().startsWith(query.text.toLowerCase())),
        )
        .slice(0, 6)
    : [];
  const open = matches.length > 0;

  const track = (text: string, caret: number) => {
    const m = /(^|\s)@([\p{L}\p{N}._-]*)$/u.exec(text.slice(0, caret));
    setQuery(m ? { start: caret - m[2]!.length - 1, text: m[2]! } : null);
    setActive(0);
  };
  const pick = (name: string) => {
    if (!query) return;
    const caret = query.start + 1 + query.text.length;
    const insert = `@${handleOf(name)} `;
    const next = value.slice(0, query.start) + insert + value.slice(caret);
    onChange(next);
    setQuery(null);
    requestAnimationFrame(() => {
      const el = ref.current;
      if (!el) return;
      el.focus();
      el.setSelectionRange(query.start + insert.length, query.start + insert.length);
    });
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!open) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      setActive((a) => (a + (e.key === "ArrowDown" ? 1 : matches.length - 1)) % matches.length);
    } else if (e.key === "Enter" || e.key === "Tab") {
      e.preventDefault();
      pick(matches[active]!.name);
    } else if (e.key === "Escape") {
      e.preventDefault();
      setQuery(null);
    }
  };

  return (
    <div className="relative">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <textarea
        ref={ref}
        id={id}
        dir="auto"
        rows={3}
        value={value}
        role="combobox"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={open ? `${id}-opt-${active}` : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint`}
        onChange={(e) => {
          onChange(e.target.value);
          track(e.target.value, e.target.selectionStart);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setQuery(null), 150)}
        className={cn(
          "mt-1 block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30",
          error ? "border-red-500" : "border-slate-300",
        )}
      />
      <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
        Type @ and a name to notify a colleague.
      </p>
      {error && (
        <p role="alert" className="text-xs font-medium text-red-700">
          {error}
        </p>
      )}
      <ul
        id={`${id}-list`}
        role="listbox"
        aria-label="Members"
        hidden={!open}
        className="absolute z-20 mt-1 w-64 rounded-md border border-slate-200 bg-white py-1 shadow-lg"
      >
        {matches.map((m, i) => (
          <li
            key={m.userId}
            id={`${id}-opt-${i}`}
            role="option"
            aria-selected={i === active}
            onMouseDown={(e) => {
              e.preventDefault();
              pick(m.name);
            }}
            className={cn(
              "cursor-pointer px-3 py-1.5 text-sm",
              i === active ? "bg-brand-50 text-brand-800" : "text-slate-800",
            )}
          >
            {m.name} <span className="text-xs text-slate-500">@{handleOf(m.name)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Comment text with @mentions set off, as written (no Markdown). */
export function CommentText({ text }: { text: string }) {
  const parts = text.split(/(@[\p{L}\p{N}._-]+)/u);
  return (
    <p className="whitespace-pre-wrap break-words text-sm text-slate-800" dir="auto">
      {parts.map((p, i) =>
        i % 2 === 1 ? (
          <strong key={i} className="font-semibold text-brand-800">
            {p}
          </strong>
        ) : (
          p
        ),
      )}
    </p>
  );
}
