"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import {
  briefingContentSchema,
  CONTENT_FIELDS,
  type BriefingContent,
  type ContentField,
} from "@/server/schemas/briefing";
import { errorCode, errorMessage } from "../errors";

export type SaveState =
  | { kind: "saved"; at: Date | null }
  | { kind: "dirty" }
  | { kind: "saving" }
  | { kind: "error"; message: string }
  | { kind: "conflict"; message: string; theirs: BriefingContent; theirsVersion: number };

export const sameField = (a: BriefingContent, b: BriefingContent, f: ContentField) =>
  JSON.stringify(a[f]) === JSON.stringify(b[f]);
export const sameContent = (a: BriefingContent, b: BriefingContent) => CONTENT_FIELDS.every((f) => sameField(a, b, f));

type Backup = { content: BriefingContent; baseVersion: number; at: number };
export const backupKey = (id: string) => `dossier:briefing-draft:${id}`;

export function readBackup(id: string): Backup | null {
  try {
    const raw = window.localStorage.getItem(backupKey(id));
    if (!raw) return null;
    const b = JSON.parse(raw) as Backup;
    return briefingContentSchema.safeParse(b.content).success || typeof b.content?.body === "string" ? b : null;
  } catch {
    return null;
  }
}

/**
 * Debounced autosave of a working copy with the no-lost-edits rule: every
 * save names the version it was based on; a newer one on the server comes
 * back as CONFLICT and the caller shows a merge view. Until the server has
 * the text, a copy stays in this browser's localStorage.
 */
export function useAutosave({
  id,
  initial,
  initialVersion,
  save,
  fetchLatest,
  delay = 1500,
  enabled = true,
}: {
  id: string;
  initial: BriefingContent;
  initialVersion: number;
  save: (input: Partial<BriefingContent> & { id: string; version: number }) => Promise<{ version: number }>;
  fetchLatest: () => Promise<{ content: BriefingContent; version: number }>;
  delay?: number;
  enabled?: boolean;
}) {
  const [content, setContent] = useState(initial);
  const [state, setState] = useState<SaveState>({ kind: "saved", at: null });
  /** Fields the server refused to take as they are (e.g. an empty title); kept locally until fixed. */
  const [held, setHeld] = useState<{ field: ContentField; message: string }[]>([]);
  const contentRef = useRef(content);
  const savedRef = useRef(initial);
  const versionRef = useRef(initialVersion);
  const running = useRef<Promise<void> | null>(null);
  const lastAt = useRef<Date | null>(null);
  contentRef.current = content;

  const run = useCallback(async (): Promise<void> => {
    if (running.current) return running.current;
    const snapshot = contentRef.current;
    const patch: Partial<BriefingContent> = {};
    const holds: { field: ContentField; message: string }[] = [];
    for (const f of CONTENT_FIELDS) {
      if (sameField(snapshot, savedRef.current, f)) continue;
      const check = briefingContentSchema.shape[f].safeParse(snapshot[f]);
      if (check.success) Object.assign(patch, { [f]: check.data });
      else holds.push({ field: f, message: check.error.issues[0]?.message ?? "Not valid yet" });
    }
    setHeld(holds);
    if (Object.keys(patch).length === 0) {
      setState({ kind: "saved", at: lastAt.current });
      return;
    }
    const job = (async () => {
      setState({ kind: "saving" });
      try {
        const res = await save({ id, version: versionRef.current, ...patch });
        versionRef.current = res.version;
        savedRef.current = { ...savedRef.current, ...patch };
        lastAt.current = new Date();
        setState(
          sameContent(contentRef.current, savedRef.current) ? { kind: "saved", at: lastAt.current } : { kind: "dirty" },
        );
      } catch (err) {
        if (errorCode(err) === "CONFLICT") {
          try {
            const latest = await fetchLatest();
            setState({
              kind: "conflict",
              message: errorMessage(err),
              theirs: latest.content,
              theirsVersion: latest.version,
            });
          } catch (again) {
            setState({ kind: "error", message: errorMessage(again) });
          }
        } else {
          setState({ kind: "error", message: errorMessage(err) });
        }
      }
    })();
    running.current = job;
    try {
      await job;
    } finally {
      running.current = null;
    }
  }, [id, save, fetchLatest]);

  // Debounce: a save starts `delay` ms after the last change.
  const dirty = !sameContent(content, savedRef.current);
  const blocked = state.kind === "conflict" || state.kind === "saving" || !enabled;
  useEffect(() => {
    if (!dirty || blocked) return;
    const t = setTimeout(() => void run(), delay);
    return () => clearTimeout(t);
  }, [content, dirty, blocked, delay, run]);

  // The browser copy: written while the server lacks the text, removed once it has it.
  useEffect(() => {
    const t = setTimeout(() => {
      try {
        if (dirty)
          window.localStorage.setItem(
            backupKey(id),
            JSON.stringify({ content, baseVersion: versionRef.current, at: Date.now() } satisfies Backup),
          );
        else window.localStorage.removeItem(backupKey(id));
      } catch {
        // Storage full or disabled: the server copy is still the source of truth.
      }
    }, 250);
    return () => clearTimeout(t);
  }, [content, dirty, id]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  /** After a merge: the server's copy becomes the base and the merged text is saved on top of it. */
  const resolve = useCallback(
    (merged: BriefingContent, theirs: BriefingContent, theirsVersion: number) => {
      savedRef.current = theirs;
      versionRef.current = theirsVersion;
      contentRef.current = merged;
      setContent(merged);
      setState({ kind: "dirty" });
      void Promise.resolve().then(run);
    },
    [run],
  );

  /** Saves now (before an action that needs the server copy up to date); resolves with whether everything is saved. */
  const flush = useCallback(async () => {
    await run();
    return sameContent(contentRef.current, savedRef.current);
  }, [run]);

  return {
    content,
    setContent,
    state: dirty && state.kind === "saved" ? ({ kind: "dirty" } as SaveState) : state,
    held,
    version: versionRef,
    resolve,
    flush,
    dirty,
  };
}
