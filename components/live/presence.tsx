"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Users } from "lucide-react";
import { useEffect, useRef } from "react";
import { PRESENCE_BEAT_MS } from "@/server/schemas/presence";
import { useTRPC } from "../trpc";

type Target = { workspaceId: string; targetType: "event" | "briefing"; targetId: string };

let tabId: string | null = null;
/** One id per page load: two tabs of one person are two presences (and one closing does not end the other). */
function currentTabId(): string {
  tabId ??= typeof crypto.randomUUID === "function" ? crypto.randomUUID() : Math.random().toString(36).slice(2);
  return tabId;
}

/**
 * Says, every few seconds, that this tab has the record open (and whether in
 * its edit form), and returns who else does. The list refreshes when someone
 * arrives, leaves or starts editing (live channel), and on each beat, so a
 * closed tab drops out once its presence expires.
 */
let pendingLeave: ReturnType<typeof setTimeout> | undefined;

/** Ends this tab's presence as the page goes away (closed, reloaded, navigated off the app). */
function leaveOnPageHide() {
  void fetch("/api/trpc/presence.leave", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ json: { tabId: currentTabId() } }),
    keepalive: true,
  }).catch(() => {});
}

/**
 * Says, every few seconds, that this tab has the record open (and whether in
 * its edit form), and returns who else does. The list refreshes when someone
 * arrives, leaves or starts editing (live channel), and on each beat, so a
 * tab that stops beating drops out once its presence expires.
 */
export function usePresence(target: Target, editing: boolean) {
  const trpc = useTRPC();
  const beat = useMutation(trpc.presence.beat.mutationOptions());
  const leave = useMutation(trpc.presence.leave.mutationOptions());
  const beatRef = useRef(beat.mutate);
  const leaveRef = useRef(leave.mutate);
  useEffect(() => {
    beatRef.current = beat.mutate;
    leaveRef.current = leave.mutate;
  });
  const { workspaceId, targetType, targetId } = target;

  useEffect(() => {
    const send = () => beatRef.current({ workspaceId, targetType, targetId, editing, tabId: currentTabId() });
    send();
    const timer = setInterval(send, PRESENCE_BEAT_MS);
    return () => clearInterval(timer);
  }, [workspaceId, targetType, targetId, editing]);

  useEffect(() => {
    // Moving between a record's page and its edit form keeps the tab's one row (the next beat moves it);
    // leaving for a screen without presence ends it, a moment later, once no other record claimed the tab.
    clearTimeout(pendingLeave);
    window.addEventListener("pagehide", leaveOnPageHide);
    return () => {
      window.removeEventListener("pagehide", leaveOnPageHide);
      pendingLeave = setTimeout(() => leaveRef.current({ tabId: currentTabId() }), 1_000);
    };
  }, []);

  return useQuery(
    trpc.presence.list.queryOptions({ workspaceId, targetType, targetId }, { refetchInterval: PRESENCE_BEAT_MS }),
  );
}

function names(list: string[]): string {
  if (list.length <= 1) return list.join("");
  return `${list.slice(0, -1).join(", ")} and ${list.at(-1)}`;
}

/** "Ana is editing this event" / "Ben is viewing it": shown above a record and its edit form. */
export function PresenceNotice({ target, editing = false }: { target: Target; editing?: boolean }) {
  const presence = usePresence(target, editing);
  const people = presence.data?.people ?? [];
  const editors = people.filter((p) => p.editing).map((p) => p.name);
  const viewers = people.filter((p) => !p.editing).map((p) => p.name);
  const noun = target.targetType === "event" ? "this event" : "this briefing";
  return (
    <div role="status" aria-live="polite" data-testid="presence">
      {people.length > 0 && (
        <p
          className={
            editors.length > 0
              ? "flex items-center gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
              : "flex items-center gap-2 text-sm text-slate-600"
          }
        >
          <Users aria-hidden className="size-4 shrink-0" />
          <span dir="auto">
            {editors.length > 0 && `${names(editors)} ${editors.length > 1 ? "are" : "is"} editing ${noun}.`}
            {editors.length > 0 && viewers.length > 0 && " "}
            {viewers.length > 0 &&
              `${names(viewers)} ${viewers.length > 1 ? "are" : "is"} viewing ${editors.length > 0 ? "it" : noun}.`}
          </span>
        </p>
      )}
    </div>
  );
}
