"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { STANCE_LABELS } from "@/server/schemas/citation";
import { SEARCH_KINDS } from "@/server/schemas/search";
import { ENTITY_KIND_LABELS } from "@/server/schemas/entity";
import type { WorkspaceOverview } from "@/components/trpc";
import { errorMessage } from "../errors";
import { useTRPC } from "../trpc";
import { Bidi } from "../ui/bidi";
import { Notice } from "../ui/notice";
import { WorkspaceGate } from "../workspace/workspace-gate";
import { Highlighted } from "./highlighted";

/**
 * How long typing must pause before the address, and with it the search,
 * follows the box. Each change of the address is a request for the page and
 * one for the results; a word typed at speed asks once, not once per letter.
 * Enter searches at once.
 */
const TYPING_PAUSE_MS = 250;

export function SearchPage() {
  return <WorkspaceGate>{(ws) => <Search workspace={ws} />}</WorkspaceGate>;
}

function Search({ workspace }: { workspace: WorkspaceOverview }) {
  const trpc = useTRPC();
  const router = useRouter();
  const params = useSearchParams();
  const q = params.get("q") ?? "";
  const [draft, setDraft] = useState(q);
  const typing = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(typing.current), []);
  // Filters live in the address, as the chronology's do: a search can be bookmarked and shared.
  const kindsParam = params.get("kinds");
  const kinds = kindsParam ? SEARCH_KINDS.filter((k) => kindsParam.split(",").includes(k)) : [...SEARCH_KINDS];
  const filters = { from: params.get("from") ?? "", to: params.get("to") ?? "", tag: params.get("tag") ?? "" };
  const [filterDraft, setFilterDraft] = useState(filters);
  const results = useQuery(
    trpc.search.query.queryOptions(
      {
        workspaceId: workspace.id,
        q: q || "-",
        limit: 10,
        kinds: kinds.length ? kinds : [...SEARCH_KINDS],
        from: filters.from || undefined,
        to: filters.to || undefined,
        tag: filters.tag || undefined,
      },
      { enabled: q.trim().length > 0 },
    ),
  );
  const base = `/w/${workspace.slug}`;
  const go = (next: { q?: string; kinds?: readonly string[]; from?: string; to?: string; tag?: string }) => {
    const v = { q, kinds, ...filters, ...next };
    const sp = new URLSearchParams({ q: v.q });
    if (v.kinds.length && v.kinds.length < SEARCH_KINDS.length) sp.set("kinds", v.kinds.join(","));
    for (const key of ["from", "to", "tag"] as const) if (v[key].trim()) sp.set(key, v[key].trim());
    router.replace(`${base}/search?${sp.toString()}`);
  };
  const r = results.data;
  const shown = (k: (typeof SEARCH_KINDS)[number]) => kinds.length === 0 || kinds.includes(k);
  const total = r ? r.events.length + r.sources.length + r.entities.length + r.quotes.length : 0;
  const fieldErrors = (results.error?.data as { fieldErrors?: Record<string, string> } | undefined)?.fieldErrors;

  return (
    <div className="space-y-6">
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          clearTimeout(typing.current);
          go({ q: draft });
        }}
      >
        <label htmlFor="search-q" className="text-2xl font-semibold tracking-tight">
          Search
        </label>
        <input
          id="search-q"
          dir="auto"
          type="search"
          autoFocus
          className="mt-2 block w-full rounded-md border border-slate-300 bg-white px-4 py-2.5 text-base shadow-sm"
          placeholder="Words from titles, texts, quotes or names — in any script"
          value={draft}
          onChange={(e) => {
            const typed = e.target.value;
            setDraft(typed);
            clearTimeout(typing.current);
            typing.current = setTimeout(() => go({ q: typed }), TYPING_PAUSE_MS);
          }}
        />
      </form>
      <form
        aria-label="Search filters"
        className="flex flex-wrap items-end gap-x-6 gap-y-3 text-sm"
        onSubmit={(e) => {
          e.preventDefault();
          go(filterDraft);
        }}
      >
        <fieldset className="flex flex-wrap items-center gap-3">
          <legend className="mb-1 text-xs text-slate-600">Look in</legend>
          {SEARCH_KINDS.map((k) => (
            <label key={k} className="inline-flex items-center gap-1.5">
              <input
                type="checkbox"
                checked={kinds.includes(k)}
                onChange={(e) => go({ kinds: e.target.checked ? [...kinds, k] : kinds.filter((x) => x !== k) })}
              />
              {KIND_TITLES[k]}
            </label>
          ))}
        </fieldset>
        <label className="text-xs text-slate-600">
          Events from
          <input
            className="mt-1 block w-28 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
            placeholder="YYYY-MM"
            value={filterDraft.from}
            onChange={(e) => setFilterDraft({ ...filterDraft, from: e.target.value })}
          />
        </label>
        <label className="text-xs text-slate-600">
          Events to
          <input
            className="mt-1 block w-28 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
            placeholder="YYYY-MM"
            value={filterDraft.to}
            onChange={(e) => setFilterDraft({ ...filterDraft, to: e.target.value })}
          />
        </label>
        <label className="text-xs text-slate-600">
          Event tag
          <input
            className="mt-1 block w-32 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
            dir="auto"
            value={filterDraft.tag}
            onChange={(e) => setFilterDraft({ ...filterDraft, tag: e.target.value })}
          />
        </label>
        <button
          type="submit"
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50"
        >
          Apply
        </button>
      </form>
      {results.error && (
        <Notice tone="error">
          {fieldErrors && Object.keys(fieldErrors).length
            ? Object.entries(fieldErrors)
                .map(([k, v]) => `${k === "from" ? "Events from" : k === "to" ? "Events to" : k}: ${v}`)
                .join(" · ")
            : errorMessage(results.error)}
        </Notice>
      )}
      {q && r && total === 0 && <p className="text-sm text-slate-600">Nothing found for “{q}”.</p>}
      {r && (
        <div className="grid gap-6 lg:grid-cols-2">
          {shown("events") && (
            <Group title="Events" count={r.events.length}>
              {r.events.map((e) => (
                <li key={e.id}>
                  <Link href={`${base}/events/${e.id}`} className="font-medium text-brand-700 hover:underline">
                    <Highlighted text={e.titleHit} />
                  </Link>
                  <span className="ml-2 text-xs text-slate-500">{e.dateText}</span>
                  <Via via={e.via} />
                  {e.snippet && (
                    <p className="mt-0.5 text-sm text-slate-700">
                      <Highlighted text={e.snippet} />
                    </p>
                  )}
                </li>
              ))}
            </Group>
          )}
          {shown("quotes") && (
            <Group title="Quotes" count={r.quotes.length}>
              {r.quotes.map((c) => (
                <li key={c.id}>
                  <Link
                    href={`${base}/sources/${c.sourceId}?citation=${c.id}`}
                    className="text-sm text-slate-800 hover:underline"
                  >
                    “<Highlighted text={c.snippet} />”
                  </Link>
                  <p className="mt-0.5 text-xs text-slate-500">
                    {STANCE_LABELS[c.stance as keyof typeof STANCE_LABELS]}{" "}
                    {/* Underlined: inside a line of grey text, colour alone does not mark it as a link. */}
                    <Link
                      className="text-brand-700 underline underline-offset-2"
                      href={`${base}/events/${c.eventId}`}
                      dir="auto"
                    >
                      <Bidi text={c.eventTitle} />
                    </Link>{" "}
                    ·{" "}
                    <span dir="auto">
                      <Bidi text={c.sourceTitle} />
                    </span>
                    {c.inTranslation && <> · found in its translation</>}
                  </p>
                  <Via via={c.via} />
                </li>
              ))}
            </Group>
          )}
          {shown("sources") && (
            <Group title="Sources" count={r.sources.length}>
              {r.sources.map((s) => (
                <li key={s.id}>
                  <Link href={`${base}/sources/${s.id}`} className="font-medium text-brand-700 hover:underline">
                    <Highlighted text={s.titleHit} />
                  </Link>
                  <p className="mt-0.5 flex flex-wrap gap-x-2 text-xs text-slate-500">
                    {s.publisher && (
                      <span dir="auto">
                        <Bidi text={s.publisher.name} />
                      </span>
                    )}
                    <span>{s.pubDateText}</span>
                  </p>
                  <Via via={s.via} />
                  {s.snippet && (
                    <p className="mt-0.5 text-sm text-slate-700">
                      <Highlighted text={s.snippet} />
                    </p>
                  )}
                  {s.copies.length > 0 && (
                    <p className="mt-1 text-xs text-slate-600" data-testid="source-copies">
                      Also saved {s.copies.length === 1 ? "once more" : `${s.copies.length} more times`}:{" "}
                      {s.copies.map((c, i) => (
                        <span key={c.id}>
                          {i > 0 && ", "}
                          <Link
                            className="text-brand-700 underline underline-offset-2"
                            href={`${base}/sources/${c.id}`}
                          >
                            copy {i + 2}
                          </Link>{" "}
                          ({c.pubDateText})
                        </span>
                      ))}
                    </p>
                  )}
                </li>
              ))}
            </Group>
          )}
          {shown("entities") && (
            <Group title="Entities" count={r.entities.length}>
              {r.entities.map((e) => (
                <li key={e.id}>
                  <Link
                    href={`${base}/entities/${e.id}`}
                    className="font-medium text-brand-700 hover:underline"
                    dir="auto"
                  >
                    <Bidi text={e.name} />
                  </Link>
                  <span className="ml-2 text-xs text-slate-500">
                    {ENTITY_KIND_LABELS[e.kind]}
                    {e.matched !== e.name ? ` · also “${e.matched}”` : ""}
                  </span>
                </li>
              ))}
            </Group>
          )}
        </div>
      )}
    </div>
  );
}

const KIND_TITLES = { events: "Events", sources: "Sources", entities: "Entities", quotes: "Quotes" } as const;

/** Says which other name of an entity a result was found by, when it was not the one typed. */
function Via({ via }: { via: { alias: string; entity: string } | null }) {
  if (!via) return null;
  return (
    <p className="mt-0.5 text-xs text-slate-600" data-testid="matched-alias">
      matched “<bdi>{via.alias}</bdi>”
      {via.alias !== via.entity && (
        <>
          , a name of <bdi>{via.entity}</bdi>
        </>
      )}
    </p>
  );
}

function Group({ title, count, children }: { title: string; count: number; children: React.ReactNode }) {
  return (
    <section aria-label={title} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 className="mb-3 text-sm font-semibold uppercase tracking-wide text-slate-600">
        {title} <span className="font-normal">({count})</span>
      </h2>
      {count === 0 ? <p className="text-sm text-slate-500">No matches.</p> : <ul className="space-y-3">{children}</ul>}
    </section>
  );
}
