"use client";
import { forwardRef, useId, useImperativeHandle, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { CalendarDays, FileText } from "lucide-react";
import { CITATION_TOKEN } from "@/server/schemas/briefing";
import { problemText, type Problem, type ResolvedLookup } from "./references";

export type BodyEditorHandle = {
  /** Replaces [from, caret) with `text` (from defaults to the caret) and puts the caret after it. */
  insert: (text: string, from?: number) => void;
  /** Selects the first occurrence of `text` and scrolls it into view. */
  reveal: (text: string) => void;
  focus: () => void;
};

// The backdrop and the textarea must lay text out identically, so they share every metric.
const METRICS =
  "whitespace-pre-wrap break-words font-mono text-[13px] leading-6 px-3 py-2 [scrollbar-gutter:stable] [overflow-wrap:anywhere]";

/**
 * The Markdown body: a plain textarea (so the browser's editing, undo and IME
 * work as usual, and the text saved is the Markdown) over a backdrop that
 * draws the text. The textarea's own glyphs are transparent; the backdrop
 * draws each citation token as a chip with the event's or source's title and
 * date, exactly as wide as the token (monospace, so `n` characters are `n ch`),
 * so the caret and selection still line up with the Markdown underneath. A
 * token the caret is in, or one not resolved yet, is drawn as its code, and
 * "Show reference codes" draws them all so. Red where the reference has a
 * problem. Ctrl+K or typing "[@" asks for the citation picker.
 */
export const BodyEditor = forwardRef<
  BodyEditorHandle,
  {
    label: string;
    value: string;
    onChange: (value: string) => void;
    problems: Problem[];
    /** Titles and dates of what the text cites, for the chips; without it tokens show as codes. */
    lookup?: ResolvedLookup;
    onRequestCite: (from: number) => void;
    describedBy?: string;
    readOnly?: boolean;
    hint?: ReactNode;
  }
>(function BodyEditor({ label, value, onChange, problems, lookup, onRequestCite, describedBy, readOnly, hint }, ref) {
  const id = useId();
  // Where the caret (or selection) is: the token it touches is shown as code, to be edited as text.
  const [caret, setCaret] = useState<[number, number] | null>(null);
  const [showCodes, setShowCodes] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  const backdrop = useRef<HTMLDivElement>(null);
  // Until the writer has put the caret somewhere, insertions go to the end rather than before the first line.
  const touched = useRef(false);

  useImperativeHandle(ref, () => ({
    insert(text, from) {
      const el = area.current;
      if (!el) return;
      const start = from ?? (touched.current ? el.selectionStart : el.value.length);
      const end = from === undefined && !touched.current ? el.value.length : el.selectionEnd;
      const next = el.value.slice(0, start) + text + el.value.slice(end);
      onChange(next);
      requestAnimationFrame(() => {
        el.focus();
        el.setSelectionRange(start + text.length, start + text.length);
      });
    },
    reveal(text) {
      const el = area.current;
      if (!el) return;
      const at = el.value.indexOf(text);
      if (at < 0) return;
      el.focus();
      touched.current = true;
      el.setSelectionRange(at, at + text.length);
      // Put the selection near the top: measure how many lines precede it.
      const lines = el.value.slice(0, at).split("\n").length - 1;
      el.scrollTop = Math.max(0, lines * 24 - 48);
    },
    focus: () => area.current?.focus(),
  }));

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "k") {
      e.preventDefault();
      onRequestCite(e.currentTarget.selectionStart);
    }
  };

  const bad = new Map(problems.map((p) => [`${p.kind}:${p.id}`, p.reason]));
  const track = (el: HTMLTextAreaElement) => setCaret([el.selectionStart, el.selectionEnd]);
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <label htmlFor={id} className="block text-sm font-medium text-slate-800">
          {label}
        </label>
        <label className="flex items-center gap-1.5 text-xs text-slate-700">
          <input type="checkbox" checked={showCodes} onChange={(e) => setShowCodes(e.target.checked)} />
          Show reference codes
        </label>
      </div>
      <div className="grid rounded-md border border-slate-300 bg-white shadow-sm focus-within:border-brand-600 focus-within:ring-2 focus-within:ring-brand-600/30">
        <div
          ref={backdrop}
          aria-hidden
          data-testid="body-backdrop"
          className={`${METRICS} pointer-events-none h-[28rem] overflow-hidden text-slate-900 [grid-area:1/1]`}
        >
          {highlight(value, bad, showCodes ? undefined : lookup, caret)}
          {"\n"}
        </div>
        <textarea
          ref={area}
          id={id}
          value={value}
          readOnly={readOnly}
          spellCheck
          aria-describedby={describedBy}
          aria-keyshortcuts="Control+K"
          onChange={(e) => {
            const el = e.currentTarget;
            onChange(el.value);
            const caret = el.selectionStart;
            const native = e.nativeEvent as InputEvent;
            if (native.inputType?.startsWith("insert") && el.value.slice(caret - 2, caret) === "[@")
              onRequestCite(caret - 2);
          }}
          onKeyDown={onKeyDown}
          onFocus={() => (touched.current = true)}
          onSelect={(e) => track(e.currentTarget)}
          onBlur={() => setCaret(null)}
          onScroll={(e) => {
            if (backdrop.current) backdrop.current.scrollTop = e.currentTarget.scrollTop;
          }}
          className={`${METRICS} h-[28rem] resize-none overflow-auto rounded-md bg-transparent text-transparent caret-slate-900 selection:bg-sky-400/30 focus:outline-none [grid-area:1/1]`}
        />
      </div>
      {hint}
    </div>
  );
});

function highlight(
  text: string,
  bad: Map<string, string>,
  lookup: ResolvedLookup | undefined,
  caret: [number, number] | null,
): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  const events = new Map(lookup?.events.map((e) => [e.id, e]));
  const sources = new Map(lookup?.sources.map((x) => [x.id, x]));
  for (const m of text.matchAll(CITATION_TOKEN)) {
    const at = m.index;
    const end = at + m[0].length;
    out.push(text.slice(last, at));
    const [kind, refId] = [m[1] as "event" | "source", m[2]!];
    const reason = bad.get(`${kind}:${refId}`);
    const problem = reason !== undefined;
    const editing = caret !== null && caret[0] <= end && caret[1] >= at;
    const found = kind === "event" ? events.get(refId) : sources.get(refId);
    const detail = found
      ? kind === "event"
        ? (found as ResolvedLookup["events"][number]).dateText
        : ((found as ResolvedLookup["sources"][number]).publisher ?? found.dateText)
      : "";
    if (!editing && (found || problem) && lookup) {
      out.push(
        // Exactly as wide as the token it stands for (`ch` of the editor's monospace font, so the width is set on
        // an outer box in that font); one line high, so the lines below stay in place.
        <span
          key={at}
          data-testid="reference-chip"
          data-token={m[0]}
          style={{ width: `${m[0].length}ch` }}
          className="inline-block h-6 overflow-hidden align-top"
        >
          <span
            className={`flex h-6 items-center gap-1 whitespace-nowrap rounded font-sans text-xs ring-1 ring-inset ${
              problem ? "bg-red-50 text-red-900 ring-red-300" : "bg-brand-50 text-brand-800 ring-brand-600/30"
            }`}
          >
            {/* An icon, not a word: the chip is only as wide as its token, and the title needs the room. */}
            {kind === "event" ? (
              <CalendarDays aria-hidden className="ml-1 size-3 shrink-0" />
            ) : (
              <FileText aria-hidden className="ml-1 size-3 shrink-0" />
            )}
            {found ? (
              <>
                <bdi className="min-w-0 truncate">{found.title}</bdi>
                {detail && <span className="shrink-0 pr-1 text-slate-600">· {detail}</span>}
              </>
            ) : (
              <span className="min-w-0 truncate pr-1">{problemText(reason ?? "missing")}</span>
            )}
          </span>
        </span>,
      );
    } else {
      out.push(
        <mark
          key={at}
          data-testid="reference-code"
          className={
            problem
              ? "rounded-sm bg-red-200 text-slate-900 underline decoration-red-600 decoration-wavy"
              : "rounded-sm bg-brand-50 text-slate-900"
          }
        >
          {m[0]}
        </mark>,
      );
    }
    last = end;
  }
  out.push(text.slice(last));
  return out;
}

/** The editor's list of broken references: what is wrong and a way to jump to it. */
export function ProblemList({
  problems,
  onReveal,
  id,
}: {
  problems: Problem[];
  onReveal: (token: string) => void;
  id: string;
}) {
  return (
    <div id={id} aria-live="polite">
      {problems.length > 0 && (
        <div
          className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900"
          data-testid="reference-problems"
        >
          <p className="font-semibold">
            {problems.length === 1 ? "1 reference needs attention" : `${problems.length} references need attention`} —
            submission will be refused until it is fixed.
          </p>
          <ul className="mt-1 space-y-1">
            {problems.map((p) => {
              const token = `[@${p.kind}:${p.id}]`;
              return (
                <li key={token} className="flex flex-wrap items-center gap-2">
                  <code className="rounded bg-white px-1 text-xs">{token}</code>
                  <span>
                    the {p.kind} {problemText(p.reason)}.
                  </span>
                  <button
                    type="button"
                    className="rounded text-xs font-medium underline"
                    onClick={() => onReveal(token)}
                  >
                    Show in text
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </div>
  );
}
