"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Bell } from "lucide-react";
import Link from "next/link";
import { useLiveConnected } from "../providers/live-updates";
import { useTRPC } from "../trpc";
import { Timestamp } from "../ui/timestamp";

/** Unread notifications: decisions on your submissions and mentions of you. */
export function NotificationBell() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // The live stream tells of new ones in the workspace on screen; other workspaces' still come by polling, slower.
  const live = useLiveConnected();
  const list = useQuery(
    trpc.notification.list.queryOptions({ limit: 15 }, { refetchInterval: live ? 120_000 : 30_000 }),
  );
  const markRead = useMutation(
    trpc.notification.markRead.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.notification.pathFilter()),
    }),
  );
  const unread = list.data?.unread ?? 0;
  return (
    <details className="relative" data-testid="notifications">
      <summary
        className="flex cursor-pointer list-none items-center gap-1 rounded-md px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-100"
        aria-label={`Notifications, ${unread} unread`}
      >
        <Bell aria-hidden className="size-4" />
        {unread > 0 && (
          <span className="rounded-full bg-red-600 px-1.5 text-xs font-semibold text-white">{unread}</span>
        )}
      </summary>
      {/* On a phone the list spans the screen under the header instead of hanging off the bell. */}
      <div className="fixed inset-x-2 top-14 z-30 rounded-md border border-slate-200 bg-white py-1 shadow-lg lg:absolute lg:inset-x-auto lg:right-0 lg:top-auto lg:mt-1 lg:w-96">
        <div className="flex items-center justify-between border-b border-slate-100 px-3 py-2">
          <span className="text-sm font-semibold">Notifications</span>
          {unread > 0 && (
            <button
              type="button"
              className="text-xs font-medium text-brand-700 underline"
              onClick={() => markRead.mutate({})}
            >
              Mark all read
            </button>
          )}
        </div>
        {list.data?.items.length === 0 && <p className="px-3 py-3 text-sm text-slate-500">Nothing yet.</p>}
        <ul className="max-h-[min(24rem,70vh)] overflow-auto">
          {list.data?.items.map((n) => (
            <li key={n.id} className={n.readAt ? "" : "bg-brand-50"}>
              <Link
                href={
                  !n.workspaceSlug
                    ? "#"
                    : n.briefingId
                      ? `/w/${n.workspaceSlug}/briefings/${n.briefingId}${n.commentId ? `#comment-${n.commentId}` : ""}`
                      : n.eventId
                        ? `/w/${n.workspaceSlug}/events/${n.eventId}`
                        : "#"
                }
                className="block px-3 py-2 text-sm hover:bg-slate-50"
                onClick={() => !n.readAt && markRead.mutate({ ids: [n.id] })}
                dir="auto"
              >
                {n.message}
                <Timestamp at={n.createdAt} className="mt-0.5 block text-xs text-slate-600" />
              </Link>
            </li>
          ))}
        </ul>
      </div>
    </details>
  );
}
