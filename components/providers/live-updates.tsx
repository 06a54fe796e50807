"use client";
import { useQueryClient, type Query, type QueryKey } from "@tanstack/react-query";
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";

/**
 * Keeps the screens of one workspace current. The app's server sends a small
 * message (kind of record and id, never content) on `/api/live` when
 * something changes (server/http/live-sse.ts); the matching react-query
 * queries are invalidated, so the ones on screen refetch and the rest are
 * fresh when next shown. No page reloads.
 *
 * The stream reconnects with backoff. While it is down, `useLiveConnected()`
 * is false and the screens that used to poll poll again; when it comes back,
 * everything on screen is refetched once, for what was missed meanwhile.
 *
 * A screen that pinned its data (an edit form, staleTime Infinity) is not
 * refreshed under the user's hands: its save is checked against the version
 * it started from, and a newer one is merged, never lost.
 */

const LiveContext = createContext(false);

/** Whether live updates are arriving now (else: poll). */
export function useLiveConnected(): boolean {
  return useContext(LiveContext);
}

type Change = { k: string; id?: string; t?: string };

/** Which procedures' answers a change of each kind can alter. */
const AFFECTS: Record<string, readonly string[]> = {
  event: ["event", "citation", "review", "history", "vote", "proposal", "search"],
  citation: ["event", "citation", "source", "review", "history", "proposal", "search"],
  source: ["source", "citation", "review", "history", "proposal", "vote", "search"],
  entity: ["entity", "event", "vote", "review", "proposal", "search"],
  briefing: ["briefing", "review"],
  membership: ["member", "workspace", "presence"],
  workspace: ["workspace", "review"],
  notification: ["notification"],
  presence: ["presence"],
};

const pinned = (q: Query) => q.observers.length > 0 && q.observers.every((o) => o.options.staleTime === Infinity);

export function LiveUpdates({ workspaceId, children }: { workspaceId: string | null; children: ReactNode }) {
  const queryClient = useQueryClient();
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    if (!workspaceId || typeof EventSource === "undefined") return;
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let flush: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    let everConnected = false;
    let stopped = false;
    const pending = new Set<string>();

    const refresh = (paths: Iterable<string> | "all") => {
      // tRPC's query keys start with the procedure's path: [["event", "get"], { input, type }].
      const keys: (QueryKey | undefined)[] = paths === "all" ? [undefined] : [...paths].map((p) => [[p]]);
      for (const queryKey of keys)
        // Messages come in bursts (an approval touches several records): a refetch under way is not restarted.
        void queryClient.invalidateQueries({ queryKey, predicate: (q) => !pinned(q) }, { cancelRefetch: false });
    };
    const onChange = (e: MessageEvent<string>) => {
      let change: Change;
      try {
        change = JSON.parse(e.data) as Change;
      } catch {
        return;
      }
      for (const p of AFFECTS[change.k] ?? []) pending.add(p);
      flush ??= setTimeout(() => {
        flush = undefined;
        refresh(pending);
        pending.clear();
      }, 50);
    };
    const reconnect = (es: EventSource) => {
      // An "end" event is followed by the error of the closed connection: one reconnection for both.
      if (source !== es) return;
      source?.close();
      source = null;
      setConnected(false);
      if (stopped) return;
      // 1 s, 2 s, 4 s … up to 30 s, spread so that instances restarting are not hit by every browser at once.
      const delay = Math.min(30_000, 1_000 * 2 ** attempt) * (0.5 + Math.random() / 2);
      attempt++;
      retry = setTimeout(open, delay);
    };
    const open = () => {
      const es = new EventSource(`/api/live?workspaceId=${encodeURIComponent(workspaceId)}`);
      source = es;
      es.addEventListener("ready", () => {
        attempt = 0;
        setConnected(true);
        if (everConnected) refresh("all");
        everConnected = true;
      });
      es.addEventListener("change", onChange as EventListener);
      es.addEventListener("end", (e) => {
        let reason = "";
        try {
          reason = (JSON.parse((e as MessageEvent<string>).data) as { reason?: string }).reason ?? "";
        } catch {
          /* no reason given */
        }
        // Access changed: what is on screen may no longer be this user's to see; every query asks again.
        if (reason === "access" || reason === "role") refresh("all");
        reconnect(es);
      });
      // The browser's own retry never gives up nor backs off, and stops for good on a refusal: ours does both.
      es.onerror = () => reconnect(es);
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(retry);
      clearTimeout(flush);
      source?.close();
      setConnected(false);
    };
  }, [workspaceId, queryClient]);

  return <LiveContext.Provider value={connected}>{children}</LiveContext.Provider>;
}
