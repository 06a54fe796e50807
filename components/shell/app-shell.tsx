"use client";
import { useQuery } from "@tanstack/react-query";
import { ChevronDown, LogOut, UserRound } from "lucide-react";
import { signOut } from "next-auth/react";
import Link from "next/link";
import { useParams, usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { can, ROLE_LABELS } from "@/server/policy";
import { useTRPC } from "../trpc";
import { NotificationBell } from "./notification-bell";
import { cn } from "../ui/cn";

export function AppShell({ user, children }: { user: { name: string; email: string }; children: ReactNode }) {
  const trpc = useTRPC();
  const params = useParams<{ workspace?: string }>();
  const pathname = usePathname();
  const workspaces = useQuery(trpc.workspace.list.queryOptions());
  const current = workspaces.data?.find((w) => w.slug === params.workspace);
  const counts = useQuery(
    trpc.review.counts.queryOptions(
      { workspaceId: current?.id ?? "" },
      { enabled: Boolean(current) && can(current?.role, "event.readDrafts"), refetchInterval: 30_000 },
    ),
  );
  const waiting = counts.data?.waiting ?? 0;
  const briefingsWaiting = counts.data?.briefings ?? 0;

  const tabs = current
    ? [
        { href: `/w/${current.slug}`, label: "Overview", show: true },
        { href: `/w/${current.slug}/events`, label: "Chronology", show: true },
        { href: `/w/${current.slug}/sources`, label: "Sources", show: true },
        { href: `/w/${current.slug}/entities`, label: "Entities", show: true },
        {
          href: `/w/${current.slug}/briefings`,
          label: briefingsWaiting > 0 ? `Briefings (${briefingsWaiting})` : "Briefings",
          show: true,
        },
        { href: `/w/${current.slug}/import`, label: "Import", show: can(current.role, "import.run") },
        {
          href: `/w/${current.slug}/review`,
          label: waiting > 0 ? `Review (${waiting})` : "Review",
          show: can(current.role, "event.readDrafts"),
        },
        { href: `/w/${current.slug}/members`, label: "Members", show: true },
        { href: `/w/${current.slug}/audit`, label: "Audit log", show: can(current.role, "audit.read") },
        { href: `/w/${current.slug}/trash`, label: "Trash", show: can(current.role, "trash.manage") },
      ].filter((t) => t.show)
    : [];

  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl items-center gap-4 px-4 py-3">
          <Link href="/workspaces" className="text-lg font-semibold tracking-tight text-slate-900">
            Dossier
          </Link>
          <details className="relative" data-testid="workspace-switcher">
            <summary className="flex cursor-pointer list-none items-center gap-1 rounded-md border border-slate-200 px-3 py-1.5 text-sm text-slate-800 hover:bg-slate-50">
              <span className="max-w-64 truncate" dir="auto">
                {current?.name ?? "Choose a workspace"}
              </span>
              <ChevronDown aria-hidden className="size-4 text-slate-500" />
            </summary>
            <div className="absolute left-0 z-20 mt-1 w-72 rounded-md border border-slate-200 bg-white py-1 shadow-lg">
              {workspaces.data?.map((w) => (
                <Link
                  key={w.id}
                  href={`/w/${w.slug}`}
                  className="flex items-center justify-between px-3 py-2 text-sm hover:bg-slate-50"
                  aria-current={w.slug === params.workspace ? "page" : undefined}
                >
                  <span className="truncate" dir="auto">
                    {w.name}
                  </span>
                  <span className="ml-2 text-xs text-slate-500">{ROLE_LABELS[w.role]}</span>
                </Link>
              ))}
              <Link
                href="/workspaces"
                className="block border-t border-slate-100 px-3 py-2 text-sm text-brand-700 hover:bg-slate-50"
              >
                All workspaces…
              </Link>
            </div>
          </details>
          {current && (
            <form role="search" action={`/w/${current.slug}/search`} className="ml-4 hidden flex-1 md:block">
              <label htmlFor="global-search" className="sr-only">
                Search this workspace
              </label>
              <input
                id="global-search"
                name="q"
                type="search"
                dir="auto"
                placeholder="Search events, sources, entities, quotes…"
                className="w-full max-w-md rounded-md border border-slate-300 bg-slate-50 px-3 py-1.5 text-sm focus:border-brand-600 focus:bg-white focus:outline-none focus:ring-2 focus:ring-brand-600/30"
              />
            </form>
          )}
          <div className="ml-auto flex items-center gap-2">
            <NotificationBell />
            <Link
              href="/profile"
              className="flex items-center gap-1.5 rounded-md px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-100"
            >
              <UserRound aria-hidden className="size-4" />
              <span>{user.name}</span>
            </Link>
            <button
              type="button"
              onClick={() => void signOut({ callbackUrl: "/sign-in" })}
              className="flex items-center gap-1.5 rounded-md px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-100"
            >
              <LogOut aria-hidden className="size-4" />
              Sign out
            </button>
          </div>
        </div>
        {tabs.length > 0 && (
          <nav aria-label="Workspace" className="mx-auto flex max-w-6xl gap-1 px-4">
            {tabs.map((t) => {
              const active = t.href === `/w/${current!.slug}` ? pathname === t.href : pathname.startsWith(t.href);
              return (
                <Link
                  key={t.href}
                  href={t.href}
                  aria-current={active ? "page" : undefined}
                  className={cn(
                    "border-b-2 px-3 py-2 text-sm font-medium",
                    active
                      ? "border-brand-600 text-brand-700"
                      : "border-transparent text-slate-600 hover:text-slate-900",
                  )}
                >
                  {t.label}
                </Link>
              );
            })}
          </nav>
        )}
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-8">
        {children}
      </main>
    </div>
  );
}
