"use client";
import { useQuery } from "@tanstack/react-query";
import { ChevronDown, LogOut, Menu as MenuIcon, UserRound, X } from "lucide-react";
import { signOut } from "next-auth/react";
import Link from "next/link";
import { useParams, usePathname } from "next/navigation";
import { useRef, useState, type ReactNode } from "react";
import { can, ROLE_LABELS } from "@/server/policy";
import { LiveUpdates, useLiveConnected } from "../providers/live-updates";
import { useTRPC, type RouterOutputs } from "../trpc";
import { NotificationBell } from "./notification-bell";
import { cn } from "../ui/cn";

export function AppShell({ user, children }: { user: { name: string; email: string }; children: ReactNode }) {
  const trpc = useTRPC();
  const params = useParams<{ workspace?: string }>();
  const workspaces = useQuery(trpc.workspace.list.queryOptions());
  const current = workspaces.data?.find((w) => w.slug === params.workspace);
  // Live updates for the workspace on screen: everything below refreshes when it changes.
  return (
    <LiveUpdates workspaceId={current?.id ?? null}>
      <Shell user={user} current={current}>
        {children}
      </Shell>
    </LiveUpdates>
  );
}

function Shell({
  user,
  current,
  children,
}: {
  user: { name: string; email: string };
  current: RouterOutputs["workspace"]["list"][number] | undefined;
  children: ReactNode;
}) {
  const trpc = useTRPC();
  const params = useParams<{ workspace?: string }>();
  const pathname = usePathname();
  const workspaces = useQuery(trpc.workspace.list.queryOptions());
  // Polled only while the live stream is down.
  const live = useLiveConnected();
  const counts = useQuery(
    trpc.review.counts.queryOptions(
      { workspaceId: current?.id ?? "" },
      { enabled: Boolean(current) && can(current?.role, "event.readDrafts"), refetchInterval: live ? false : 30_000 },
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
        { href: `/w/${current.slug}/network`, label: "Network", show: true },
        {
          href: `/w/${current.slug}/briefings`,
          label: briefingsWaiting > 0 ? `Briefings (${briefingsWaiting})` : "Briefings",
          show: true,
        },
        { href: `/w/${current.slug}/import`, label: "Import", show: can(current.role, "import.run") },
        {
          href: `/w/${current.slug}/review`,
          // Briefings wait in the same queue, so they count here too.
          label: waiting + briefingsWaiting > 0 ? `Review (${waiting + briefingsWaiting})` : "Review",
          show: can(current.role, "event.readDrafts"),
        },
        // Events and briefings resting on retracted sources or fallen origins, for those who act on them.
        { href: `/w/${current.slug}/affected`, label: "Weakened evidence", show: can(current.role, "source.write") },
        { href: `/w/${current.slug}/members`, label: "Members", show: true },
        { href: `/w/${current.slug}/audit`, label: "Audit log", show: can(current.role, "audit.read") },
        { href: `/w/${current.slug}/trash`, label: "Trash", show: can(current.role, "trash.manage") },
        { href: `/w/${current.slug}/system`, label: "System", show: can(current.role, "system.read") },
      ].filter((t) => t.show)
    : [];

  // The menu (narrow screens) is open for the page it was opened on; following a link closes it.
  const [menuOpenAt, setMenuOpenAt] = useState<string | null>(null);
  const menuOpen = menuOpenAt === pathname;
  const menuButton = useRef<HTMLButtonElement>(null);
  const closeMenu = () => {
    setMenuOpenAt(null);
    menuButton.current?.focus();
  };

  const search = (id: string, className: string) =>
    current && (
      <form role="search" action={`/w/${current.slug}/search`} className={className}>
        <label htmlFor={id} className="sr-only">
          Search this workspace
        </label>
        <input
          id={id}
          name="q"
          type="search"
          dir="auto"
          placeholder="Search events, sources, entities, quotes…"
          className="w-full rounded-md border border-slate-300 bg-slate-50 px-3 py-1.5 text-sm focus:border-brand-600 focus:bg-white focus:outline-none focus:ring-2 focus:ring-brand-600/30 lg:max-w-md"
        />
      </form>
    );
  const account = (className: string) => (
    <div className={className}>
      <Link
        href="/profile"
        className="flex min-w-0 items-center gap-1.5 rounded-md px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-100"
      >
        <UserRound aria-hidden className="size-4 shrink-0" />
        <span className="truncate" dir="auto">
          {user.name}
        </span>
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
  );

  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      {/* Below the lg breakpoint the tabs, search and account links fold into the "Menu" disclosure;
          the bell stays in view, since it is what brings people back. */}
      <header
        className="border-b border-slate-200 bg-white"
        onKeyDown={(e) => {
          if (e.key === "Escape" && menuOpen) closeMenu();
        }}
      >
        <div className="mx-auto flex max-w-6xl items-center gap-2 px-4 py-3 lg:gap-4">
          <Link href="/workspaces" className="shrink-0 text-lg font-semibold tracking-tight text-slate-900">
            Dossier
          </Link>
          <details className="relative min-w-0 lg:shrink-0" data-testid="workspace-switcher">
            <summary className="flex min-w-0 cursor-pointer list-none items-center gap-1 rounded-md border border-slate-200 px-3 py-1.5 text-sm text-slate-800 hover:bg-slate-50">
              <span className="min-w-0 truncate lg:max-w-64" dir="auto">
                {current?.name ?? "Choose a workspace"}
              </span>
              <ChevronDown aria-hidden className="size-4 shrink-0 text-slate-500" />
            </summary>
            <div className="absolute left-0 z-20 mt-1 w-72 max-w-[calc(100vw-2rem)] rounded-md border border-slate-200 bg-white py-1 shadow-lg">
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
                  <span className="ml-2 text-xs text-slate-600">{ROLE_LABELS[w.role]}</span>
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
          {search("global-search", "ml-4 hidden flex-1 lg:block")}
          <div className="ml-auto flex shrink-0 items-center gap-1 lg:gap-2">
            <NotificationBell />
            {account("hidden items-center gap-2 lg:flex")}
            <button
              ref={menuButton}
              type="button"
              aria-expanded={menuOpen}
              aria-controls="app-menu"
              onClick={() => (menuOpen ? closeMenu() : setMenuOpenAt(pathname))}
              className="flex items-center gap-1.5 rounded-md border border-slate-200 px-2.5 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 lg:hidden"
            >
              {menuOpen ? <X aria-hidden className="size-4" /> : <MenuIcon aria-hidden className="size-4" />}
              Menu
            </button>
          </div>
        </div>
        <div
          id="app-menu"
          className={cn(menuOpen ? "block" : "hidden", "border-t border-slate-100 lg:block lg:border-0")}
        >
          {search("global-search-menu", "px-4 pt-3 lg:hidden")}
          {tabs.length > 0 && (
            <nav
              aria-label="Workspace"
              className="mx-auto flex max-w-6xl flex-col px-4 py-2 lg:flex-row lg:flex-wrap lg:gap-1 lg:py-0"
            >
              {tabs.map((t) => {
                const active = t.href === `/w/${current!.slug}` ? pathname === t.href : pathname.startsWith(t.href);
                return (
                  <Link
                    key={t.href}
                    href={t.href}
                    aria-current={active ? "page" : undefined}
                    className={cn(
                      "border-l-2 px-3 py-2.5 text-sm font-medium lg:border-b-2 lg:border-l-0 lg:py-2",
                      active
                        ? "border-brand-600 bg-brand-50 text-brand-700 lg:bg-transparent"
                        : "border-transparent text-slate-600 hover:text-slate-900",
                    )}
                  >
                    {t.label}
                  </Link>
                );
              })}
            </nav>
          )}
          {account("flex items-center justify-between gap-2 border-t border-slate-100 px-4 py-2 lg:hidden")}
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-6 lg:py-8">
        {children}
      </main>
    </div>
  );
}
