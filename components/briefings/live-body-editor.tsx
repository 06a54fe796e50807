"use client";
import { defaultKeymap, indentWithTab } from "@codemirror/commands";
import { markdown } from "@codemirror/lang-markdown";
import { Compartment, EditorState, StateEffect, type Extension } from "@codemirror/state";
import {
  Decoration,
  EditorView,
  ViewPlugin,
  WidgetType,
  keymap,
  placeholder as placeholderExt,
  type DecorationSet,
  type ViewUpdate,
} from "@codemirror/view";
import { HocuspocusProvider, WebSocketStatus } from "@hocuspocus/provider";
import { forwardRef, useEffect, useId, useImperativeHandle, useRef, useState, type ReactNode } from "react";
import { yCollab, yUndoManagerKeymap } from "y-codemirror.next";
import * as Y from "yjs";
import { CITATION_TOKEN } from "@/server/schemas/briefing";
import { problemText, type Problem, type ResolvedLookup } from "./references";

/** The live document's status, for the editor's header. */
export type LiveStatus =
  | { kind: "connecting" }
  | { kind: "live"; others: number }
  | { kind: "offline" }
  /** The server refused (no longer allowed, or the briefing went to review): the text is read-only. */
  | { kind: "closed"; reason: string };

export type LiveBodyHandle = {
  /** Replaces [from, caret) with `text` (from defaults to the caret) and puts the caret after it. */
  insert: (text: string, from?: number) => void;
  /** Selects the first occurrence of `text` and scrolls it into view. */
  reveal: (text: string) => void;
  focus: () => void;
  /** Saves what was typed now; resolves with whether the server confirmed it. */
  flush: () => Promise<boolean>;
};

type Props = {
  briefingId: string;
  label: string;
  /** Shown to the others beside this author's cursor. */
  me: { id: string; name: string };
  problems: Problem[];
  lookup?: ResolvedLookup;
  onRequestCite: (from: number) => void;
  /** The body as it stands after every change (local or another author's), for the preview and references. */
  onText: (text: string) => void;
  onStatus: (status: LiveStatus) => void;
  /** Another author's typing was saved as this version. */
  onSaved?: (version: number) => void;
  describedBy?: string;
  hint?: ReactNode;
};

// Distinct, and dark enough for white name labels (contrast ≥ 4.5:1).
const CURSOR_COLOURS = ["#1d4ed8", "#b91c1c", "#047857", "#7c3aed", "#b45309", "#be185d", "#0e7490", "#4d7c0f"];
function colourOf(id: string) {
  let h = 0;
  for (const c of id) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return CURSOR_COLOURS[h % CURSOR_COLOURS.length]!;
}

/** Server/http/collab-ws.ts prefixes the reasons it closes a document with. */
const CLOSED_PREFIX = "dossier:";
const refresh = StateEffect.define<null>();
/** Read-only once the server closes the document (the text stays visible). */
const readOnlyCompartment = new Compartment();
const closedBody = [EditorState.readOnly.of(true), EditorView.editable.of(false)];

/** A citation token drawn as a chip with the event's or source's title and date (the code shows when the caret is in it). */
class ChipWidget extends WidgetType {
  constructor(
    readonly token: string,
    readonly kind: "event" | "source",
    readonly title: string,
    readonly detail: string,
    readonly problem: string | null,
  ) {
    super();
  }
  eq(other: ChipWidget) {
    return (
      other.token === this.token &&
      other.title === this.title &&
      other.detail === this.detail &&
      other.problem === this.problem
    );
  }
  toDOM() {
    const chip = document.createElement("span");
    chip.dataset.testid = "reference-chip";
    chip.dataset.token = this.token;
    chip.className = `inline-flex max-w-[24rem] items-center gap-1 whitespace-nowrap rounded px-1 align-baseline font-sans text-xs ring-1 ring-inset ${
      this.problem ? "bg-red-50 text-red-900 ring-red-300" : "bg-brand-50 text-brand-800 ring-brand-600/30"
    }`;
    const icon = document.createElement("span");
    icon.setAttribute("aria-hidden", "true");
    icon.textContent = this.kind === "event" ? "◷" : "¶";
    const title = document.createElement("bdi");
    title.className = "min-w-0 truncate";
    title.textContent = this.problem ? problemText(this.problem as never) : this.title;
    chip.append(icon, title);
    if (this.detail && !this.problem) {
      const detail = document.createElement("span");
      detail.className = "shrink-0 text-slate-600";
      detail.textContent = `· ${this.detail}`;
      chip.append(detail);
    }
    return chip;
  }
  ignoreEvent() {
    return false;
  }
}

type Drawing = { lookup?: ResolvedLookup; problems: Problem[]; showCodes: boolean };

/** Chips for resolved tokens away from the caret; the token's code, marked, where the caret is or it is unresolved. */
function citations(drawing: { current: Drawing }) {
  const build = (view: EditorView): DecorationSet => {
    const { lookup, problems, showCodes } = drawing.current;
    const bad = new Map(problems.map((p) => [`${p.kind}:${p.id}`, p.reason as string]));
    const events = new Map(lookup?.events.map((e) => [e.id, e]));
    const sources = new Map(lookup?.sources.map((s) => [s.id, s]));
    const sel = view.state.selection.main;
    const out = [];
    for (const { from, to } of view.visibleRanges) {
      const text = view.state.doc.sliceString(from, to);
      for (const m of text.matchAll(CITATION_TOKEN)) {
        const at = from + m.index;
        const end = at + m[0].length;
        const kind = m[1] as "event" | "source";
        const id = m[2]!;
        const problem = bad.get(`${kind}:${id}`) ?? null;
        const found = kind === "event" ? events.get(id) : sources.get(id);
        const editing = view.hasFocus && sel.from <= end && sel.to >= at;
        if (!editing && !showCodes && lookup && (found || problem)) {
          const detail = found
            ? kind === "event"
              ? (found as ResolvedLookup["events"][number]).dateText
              : ((found as ResolvedLookup["sources"][number]).publisher ?? found.dateText)
            : "";
          out.push(
            Decoration.replace({ widget: new ChipWidget(m[0], kind, found?.title ?? "", detail ?? "", problem) }).range(
              at,
              end,
            ),
          );
        } else {
          out.push(
            Decoration.mark({
              class: problem
                ? "rounded-sm bg-red-200 underline decoration-red-600 decoration-wavy"
                : "rounded-sm bg-brand-50",
              attributes: { "data-testid": "reference-code" },
            }).range(at, end),
          );
        }
      }
    }
    return Decoration.set(out, true);
  };
  return ViewPlugin.fromClass(
    class {
      decorations: DecorationSet;
      constructor(view: EditorView) {
        this.decorations = build(view);
      }
      update(u: ViewUpdate) {
        if (
          u.docChanged ||
          u.selectionSet ||
          u.viewportChanged ||
          u.focusChanged ||
          u.transactions.some((t) => t.effects.some((e) => e.is(refresh)))
        )
          this.decorations = build(u.view);
      }
    },
    {
      decorations: (v) => v.decorations,
      // The caret moves over a chip as over one character: the token is edited as a whole or opened by the caret.
      provide: (p) => EditorView.atomicRanges.of((view) => view.plugin(p)?.decorations ?? Decoration.none),
    },
  );
}

const theme = EditorView.theme({
  "&": { height: "28rem", fontSize: "13px" },
  "&.cm-focused": { outline: "none" },
  ".cm-scroller": { fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace", lineHeight: "1.5rem" },
  ".cm-content": { padding: "0.5rem 0.75rem", caretColor: "#0f172a" },
  // Slate 600 on white: readable (contrast ≥ 4.5:1), as the other fields' hints.
  ".cm-placeholder": { color: "#475569" },
  // Other authors' names stay readable beside their cursors, not only on hover.
  ".cm-ySelectionInfo": { opacity: "1", fontFamily: "inherit", top: "-1.2em", borderRadius: "2px" },
});

/**
 * The Markdown body, typed together live: a CodeMirror editor bound to the
 * briefing's shared Yjs document (y-codemirror.next), synchronised through
 * the app's own Yjs server at /api/collab. Other authors' text and cursors
 * (with their names) appear as they type; what is typed while offline stays
 * in this tab and merges on reconnect. The server saves the text as the
 * briefing's body a moment after typing pauses. Citation tokens are drawn as
 * chips; Ctrl+K or typing "[@" asks for the citation picker.
 */
export const LiveBodyEditor = forwardRef<LiveBodyHandle, Props>(function LiveBodyEditor(props, ref) {
  const { briefingId, label, me, problems, lookup, describedBy, hint } = props;
  const id = useId();
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const provider = useRef<HocuspocusProvider | null>(null);
  const [showCodes, setShowCodes] = useState(false);
  // Until the writer has put the caret somewhere, insertions go to the end rather than before the first line.
  const touched = useRef(false);
  const drawing = useRef<Drawing>({ lookup, problems, showCodes });
  const callbacks = useRef(props);
  useEffect(() => {
    callbacks.current = props;
  });
  const flushes = useRef<(() => void)[]>([]);

  useEffect(() => {
    drawing.current = { lookup, problems, showCodes };
    view.current?.dispatch({ effects: refresh.of(null) });
  }, [lookup, problems, showCodes]);

  useEffect(() => {
    const doc = new Y.Doc();
    const text = doc.getText("body");
    const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
    let closed = false;
    const p: HocuspocusProvider = new HocuspocusProvider({
      url: `${scheme}//${window.location.host}/api/collab`,
      name: `briefing:${briefingId}`,
      document: doc,
      // The session cookie authenticates; Hocuspocus still expects a token message.
      token: "session",
      onStatus: ({ status }) => {
        if (closed) return;
        if (status === WebSocketStatus.Disconnected) callbacks.current.onStatus({ kind: "offline" });
        if (status === WebSocketStatus.Connecting) callbacks.current.onStatus({ kind: "connecting" });
      },
      onSynced: () => !closed && callbacks.current.onStatus({ kind: "live", others: othersOf(p) }),
      onAwarenessChange: () =>
        !closed && p.isSynced && callbacks.current.onStatus({ kind: "live", others: othersOf(p) }),
      onAuthenticationFailed: ({ reason }) => {
        closed = true;
        view.current?.dispatch({ effects: readOnlyCompartment.reconfigure(closedBody) });
        callbacks.current.onStatus({ kind: "closed", reason });
        p.disconnect();
      },
      onClose: ({ event }) => {
        // The server closed this document for us (submitted for review, access changed) and says why.
        if (event.reason?.startsWith(CLOSED_PREFIX)) {
          closed = true;
          view.current?.dispatch({ effects: readOnlyCompartment.reconfigure(closedBody) });
          callbacks.current.onStatus({ kind: "closed", reason: event.reason.slice(CLOSED_PREFIX.length) });
          p.disconnect();
        }
      },
      onStateless: ({ payload }) => {
        try {
          const msg = JSON.parse(payload) as { saved?: number; flushed?: boolean };
          if (typeof msg.saved === "number") callbacks.current.onSaved?.(msg.saved);
          if (msg.flushed) for (const done of flushes.current.splice(0)) done();
        } catch {
          /* not ours */
        }
      },
    });
    provider.current = p;
    p.awareness?.setLocalStateField("user", {
      name: me.name,
      color: colourOf(me.id),
      colorLight: `${colourOf(me.id)}33`,
    });
    const observer = () => callbacks.current.onText(text.toString());
    text.observe(observer);
    const undoManager = new Y.UndoManager(text);
    // The editor's stylesheet is a <style> element: it needs this page's CSP nonce (Next's scripts carry it).
    const nonce = document.querySelector<HTMLScriptElement>("script[nonce]")?.nonce;
    const extensions: Extension[] = [
      ...(nonce ? [EditorView.cspNonce.of(nonce)] : []),
      markdown(),
      EditorView.lineWrapping,
      theme,
      readOnlyCompartment.of([]),
      yCollab(text, p.awareness, { undoManager }),
      keymap.of([
        {
          key: "Mod-k",
          preventDefault: true,
          run: (v) => {
            callbacks.current.onRequestCite(v.state.selection.main.head);
            return true;
          },
        },
        ...yUndoManagerKeymap,
        ...defaultKeymap,
        indentWithTab,
      ]),
      placeholderExt("Write the briefing here. Cite with Ctrl+K or by typing [@"),
      EditorView.contentAttributes.of({
        "aria-labelledby": `${id}-label`,
        ...(describedBy ? { "aria-describedby": describedBy } : {}),
        "aria-keyshortcuts": "Control+K",
        "aria-multiline": "true",
        spellcheck: "true",
        dir: "auto",
      }),
      EditorView.updateListener.of((u) => {
        if (u.focusChanged && u.view.hasFocus) touched.current = true;
        if (!u.docChanged) return;
        // "[@" just typed by this author (not arriving from another): open the picker there.
        const typed = u.transactions.some((t) => t.isUserEvent("input.type"));
        const head = u.state.selection.main.head;
        if (typed && head >= 2 && u.state.doc.sliceString(head - 2, head) === "[@")
          callbacks.current.onRequestCite(head - 2);
      }),
      citations(drawing),
    ];
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({ doc: text.toString(), extensions }),
    });
    view.current = v;
    return () => {
      closed = true;
      text.unobserve(observer);
      v.destroy();
      view.current = null;
      p.destroy();
      provider.current = null;
      doc.destroy();
    };
    // The editor lives as long as the briefing; its props reach it through refs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [briefingId]);

  useImperativeHandle(ref, () => ({
    insert(text, from) {
      const v = view.current;
      if (!v) return;
      const sel = v.state.selection.main;
      const start = from ?? (touched.current ? sel.from : v.state.doc.length);
      const end = from === undefined ? (touched.current ? sel.to : v.state.doc.length) : Math.max(start, sel.head);
      v.dispatch({
        changes: { from: start, to: end, insert: text },
        selection: { anchor: start + text.length },
        userEvent: "input.paste",
        scrollIntoView: true,
      });
      requestAnimationFrame(() => v.focus());
    },
    reveal(text) {
      const v = view.current;
      if (!v) return;
      const at = v.state.doc.toString().indexOf(text);
      if (at < 0) return;
      touched.current = true;
      v.focus();
      v.dispatch({ selection: { anchor: at, head: at + text.length }, scrollIntoView: true });
    },
    focus: () => view.current?.focus(),
    flush: () =>
      new Promise<boolean>((resolve) => {
        const p = provider.current;
        if (!p || p.configuration.websocketProvider.status !== WebSocketStatus.Connected) return resolve(false);
        const timer = setTimeout(() => resolve(false), 8_000);
        flushes.current.push(() => {
          clearTimeout(timer);
          resolve(true);
        });
        p.sendStateless("flush");
      }),
  }));

  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <span
          id={`${id}-label`}
          className="block cursor-text text-sm font-medium text-slate-800"
          onClick={() => view.current?.focus()}
        >
          {label}
        </span>
        <label className="flex items-center gap-1.5 text-xs text-slate-700">
          <input type="checkbox" checked={showCodes} onChange={(e) => setShowCodes(e.target.checked)} />
          Show reference codes
        </label>
      </div>
      <div
        ref={host}
        data-testid="live-body"
        className="overflow-hidden rounded-md border border-slate-300 bg-white text-slate-900 shadow-sm focus-within:border-brand-600 focus-within:ring-2 focus-within:ring-brand-600/30"
      />
      {hint}
    </div>
  );
});

function othersOf(p: HocuspocusProvider): number {
  const states = p.awareness?.getStates();
  return states ? Math.max(0, states.size - 1) : 0;
}
