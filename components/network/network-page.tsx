"use client";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { Download } from "lucide-react";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { CREDIBILITY_LABELS } from "@/server/schemas/admiralty";
import { ENTITY_KIND_LABELS, ENTITY_KINDS, type EntityKind } from "@/server/schemas/entity";
import {
  NETWORK_CREDIBILITY,
  NETWORK_DEFAULT_KINDS,
  NETWORK_MAX_NODES,
  NETWORK_NODE_STEP,
} from "@/server/schemas/network";
import type { RouterInputs, WorkspaceOverview } from "@/components/trpc";
import { errorMessage } from "../errors";
import { StatusBadge } from "../events/status-badge";
import { useTRPC } from "../trpc";
import { Bidi } from "../ui/bidi";
import { Button } from "../ui/button";
import { EmptyState } from "../ui/card";
import { Notice } from "../ui/notice";
import { WorkspaceGate } from "../workspace/workspace-gate";
import { NetworkPicture } from "./network-picture";

export function NetworkPage() {
  return <WorkspaceGate>{(ws) => <Network workspace={ws} />}</WorkspaceGate>;
}

const control = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";
const linkButton =
  "inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600";

type Filters = { from: string; to: string; kinds: EntityKind[]; minWeight: string; credibility: string };

function readFilters(params: URLSearchParams): Filters & { limit: number } {
  const kinds = (params.get("kinds") ?? "")
    .split(",")
    .filter((k): k is EntityKind => (ENTITY_KINDS as readonly string[]).includes(k));
  const limit = Number(params.get("limit"));
  return {
    from: params.get("from") ?? "",
    to: params.get("to") ?? "",
    kinds: kinds.length ? kinds : [...NETWORK_DEFAULT_KINDS],
    minWeight: params.get("minWeight") ?? "",
    credibility: params.get("credibility") ?? "",
    limit:
      Number.isInteger(limit) && limit >= NETWORK_NODE_STEP ? Math.min(limit, NETWORK_MAX_NODES) : NETWORK_NODE_STEP,
  };
}

/** The filters as the URL and the downloads carry them (defaults left out). */
function toQuery(f: Filters & { limit: number }): URLSearchParams {
  const q = new URLSearchParams();
  if (f.from.trim()) q.set("from", f.from.trim());
  if (f.to.trim()) q.set("to", f.to.trim());
  const defaults = [...NETWORK_DEFAULT_KINDS].sort().join(",");
  if ([...f.kinds].sort().join(",") !== defaults) q.set("kinds", f.kinds.join(","));
  if (f.minWeight && f.minWeight !== "1") q.set("minWeight", f.minWeight);
  if (f.credibility) q.set("credibility", f.credibility);
  if (f.limit !== NETWORK_NODE_STEP) q.set("limit", String(f.limit));
  return q;
}

/** PNG from the same SVG the download gives, rasterised by the browser at twice its size. */
async function downloadPng(svgUrl: string) {
  const res = await fetch(svgUrl);
  if (!res.ok) throw new Error("The network could not be drawn.");
  const url = URL.createObjectURL(new Blob([await res.text()], { type: "image/svg+xml" }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = img.naturalWidth * 2;
    canvas.height = img.naturalHeight * 2;
    const g = canvas.getContext("2d")!;
    g.scale(2, 2);
    g.drawImage(img, 0, 0);
    const png = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
    if (!png) throw new Error("The picture could not be converted.");
    const a = document.createElement("a");
    a.href = URL.createObjectURL(png);
    a.download = "network.png";
    a.click();
    URL.revokeObjectURL(a.href);
  } finally {
    URL.revokeObjectURL(url);
  }
}

function Network({ workspace }: { workspace: WorkspaceOverview }) {
  const trpc = useTRPC();
  const router = useRouter();
  const params = useSearchParams();
  const current = readFilters(params);
  const [draft, setDraft] = useState<Filters>(current);
  // Actual size reads best; a phone starts with the whole picture and zooms in.
  const [zoom, setZoom] = useState<number | null>(1);
  useEffect(() => {
    if (window.matchMedia("(max-width: 767px)").matches) setZoom(null);
  }, []);
  const [edge, setEdge] = useState<{ source: string; target: string } | null>(null);
  const [focused, setFocused] = useState<string | null>(null);
  const [pngError, setPngError] = useState<string | null>(null);
  const [allLinks, setAllLinks] = useState(false);
  const query = toQuery(current);
  const input = {
    workspaceId: workspace.id,
    from: current.from || undefined,
    to: current.to || undefined,
    kinds: current.kinds,
    minWeight: current.minWeight ? Number(current.minWeight) : undefined,
    credibility: (current.credibility || undefined) as (typeof NETWORK_CREDIBILITY)[number] | undefined,
    limit: current.limit,
  };
  const network = useQuery({ ...trpc.network.get.queryOptions(input), placeholderData: (prev) => prev });
  const graph = network.data?.graph;
  const names = new Map(graph?.nodes.map((n) => [n.id, n]) ?? []);
  const apply = (next: Filters & { limit: number }) => {
    setEdge(null);
    const q = toQuery(next);
    router.replace(`/w/${workspace.slug}/network${q.size ? `?${q}` : ""}`);
  };
  const svgUrl = `/api/w/${workspace.id}/network/svg${query.size ? `?${query}` : ""}`;
  const openEntity = (id: string) => router.push(`/w/${workspace.slug}/entities/${id}`);
  const focusedNode = focused ? names.get(focused) : null;
  const edges = graph ? [...graph.edges].sort((a, b) => b.weight - a.weight) : [];
  const nodes = graph ? [...graph.nodes].sort((a, b) => b.weight - a.weight || a.label.localeCompare(b.label)) : [];

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Network</h1>
          <p className="mt-1 max-w-2xl text-sm text-slate-600">
            People, organisations and places, linked when they appear in the same events; the thicker the line, the more
            events they share. Choose a link to list its events, an entity to open it.
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <a href={svgUrl} download="network.svg" className={linkButton}>
            <Download aria-hidden className="size-4" /> SVG
            <span className="sr-only"> of this network</span>
          </a>
          <Button
            variant="secondary"
            onClick={() => {
              setPngError(null);
              downloadPng(svgUrl).catch((e: Error) => setPngError(e.message));
            }}
          >
            <Download aria-hidden className="size-4" /> PNG
            <span className="sr-only"> of this network</span>
          </Button>
        </div>
      </div>

      <form
        aria-label="Network filters"
        className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
        onSubmit={(e) => {
          e.preventDefault();
          apply({ ...draft, limit: NETWORK_NODE_STEP });
        }}
      >
        <label className="text-xs text-slate-600">
          From
          <input
            className={`${control} mt-1 block w-32`}
            placeholder="2011"
            value={draft.from}
            onChange={(e) => setDraft({ ...draft, from: e.target.value })}
          />
        </label>
        <label className="text-xs text-slate-600">
          To
          <input
            className={`${control} mt-1 block w-32`}
            placeholder="March 2015"
            value={draft.to}
            onChange={(e) => setDraft({ ...draft, to: e.target.value })}
          />
        </label>
        <fieldset className="text-xs text-slate-600">
          <legend>Kinds</legend>
          <div className="mt-1 flex flex-wrap gap-x-3 gap-y-1 py-1.5">
            {ENTITY_KINDS.map((k) => (
              <label key={k} className="inline-flex items-center gap-1 text-sm text-slate-800">
                <input
                  type="checkbox"
                  checked={draft.kinds.includes(k)}
                  onChange={(e) =>
                    setDraft({
                      ...draft,
                      kinds: e.target.checked ? [...draft.kinds, k] : draft.kinds.filter((x) => x !== k),
                    })
                  }
                />
                {ENTITY_KIND_LABELS[k]}
              </label>
            ))}
          </div>
        </fieldset>
        <label className="text-xs text-slate-600">
          At least … shared events
          <input
            type="number"
            min={1}
            className={`${control} mt-1 block w-24`}
            value={draft.minWeight || "1"}
            onChange={(e) => setDraft({ ...draft, minWeight: e.target.value })}
          />
        </label>
        <label className="text-xs text-slate-600">
          Credibility of events
          <select
            className={`${control} mt-1 block w-56`}
            value={draft.credibility}
            onChange={(e) => setDraft({ ...draft, credibility: e.target.value })}
          >
            <option value="">Any, rated or not</option>
            {NETWORK_CREDIBILITY.map((c) => (
              <option key={c} value={c}>
                {c === "1" ? "1 only" : `1–${c}`} ({CREDIBILITY_LABELS[c].toLowerCase()}
                {c === "1" ? "" : " or better"})
              </option>
            ))}
          </select>
        </label>
        <Button type="submit" disabled={draft.kinds.length === 0}>
          Apply
        </Button>
      </form>

      {network.error && <Notice tone="error">{errorMessage(network.error)}</Notice>}
      {pngError && <Notice tone="error">{pngError}</Notice>}

      {network.data && graph && graph.nodes.length === 0 && (
        <EmptyState title="No links to draw">
          No two entities share an event under these filters. Widen the dates, add kinds or lower the minimum.
        </EmptyState>
      )}

      {network.data && graph && graph.nodes.length > 0 && (
        <>
          <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-slate-700">
            <p role="status" data-testid="network-summary">
              Showing {graph.nodes.length} of {network.data.total.nodes} entities and {graph.edges.length} of{" "}
              {network.data.total.edges} links{network.data.more ? ", the most connected first" : ""}.
            </p>
            <div className="flex flex-wrap gap-2">
              {network.data.more && current.limit < NETWORK_MAX_NODES && (
                <Button
                  variant="secondary"
                  size="sm"
                  onClick={() =>
                    apply({ ...current, limit: Math.min(current.limit + NETWORK_NODE_STEP, NETWORK_MAX_NODES) })
                  }
                >
                  Show more
                </Button>
              )}
              <Button
                variant="secondary"
                size="sm"
                disabled={zoom != null && zoom <= 0.5}
                onClick={() => setZoom((z) => Math.max(0.5, (z ?? 1) - 0.25))}
              >
                Zoom out
              </Button>
              <Button
                variant="secondary"
                size="sm"
                disabled={zoom != null && zoom >= 2}
                onClick={() => setZoom((z) => (z == null ? 1 : Math.min(2, z + 0.25)))}
              >
                Zoom in
              </Button>
              <Button variant="secondary" size="sm" aria-pressed={zoom == null} onClick={() => setZoom(null)}>
                Fit to width
              </Button>
            </div>
          </div>
          <NetworkPicture
            picture={network.data.picture}
            zoom={zoom}
            label={`Network of ${graph.nodes.length} entities; each entity opens its page`}
            selectedEdge={edge ? `${edge.source}~${edge.target}` : null}
            onNode={openEntity}
            onNodeFocus={setFocused}
            onEdge={(key) => {
              const [source, target] = key.split("~");
              setEdge({ source: source!, target: target! });
            }}
          />
          <p className="min-h-5 text-sm text-slate-700" aria-hidden>
            {focusedNode
              ? `${focusedNode.label} · ${ENTITY_KIND_LABELS[focusedNode.kind]} · ${focusedNode.weight} event${focusedNode.weight === 1 ? "" : "s"} — Enter opens it`
              : "Tab through the entities; Enter opens one. The lists below hold every entity and link."}
          </p>

          {edge && (
            <EdgeEvents
              key={`${edge.source}~${edge.target}`}
              workspace={workspace}
              input={{ ...input, sourceId: edge.source, targetId: edge.target }}
              names={[names.get(edge.source)?.label ?? "", names.get(edge.target)?.label ?? ""]}
              onClose={() => setEdge(null)}
            />
          )}

          <div className="grid gap-4 lg:grid-cols-2">
            <section
              aria-labelledby="network-links"
              className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
            >
              <h2 id="network-links" className="text-base font-semibold">
                Links
              </h2>
              <table className="mt-2 w-full text-sm">
                <thead>
                  <tr className="text-left text-xs text-slate-600">
                    <th scope="col" className="py-1 font-medium">
                      Between
                    </th>
                    <th scope="col" className="py-1 text-right font-medium">
                      Shared events
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {(allLinks ? edges : edges.slice(0, 15)).map((e) => (
                    <tr key={`${e.source}~${e.target}`} className="border-t border-slate-100">
                      <td className="py-1.5 pr-2">
                        <button
                          type="button"
                          className="text-left text-brand-700 underline-offset-2 hover:underline"
                          onClick={() => setEdge({ source: e.source, target: e.target })}
                        >
                          <span dir="auto">{names.get(e.source)?.label}</span> –{" "}
                          <span dir="auto">{names.get(e.target)?.label}</span>
                          <span className="sr-only">: list the events</span>
                        </button>
                      </td>
                      <td className="py-1.5 text-right tabular-nums">{e.weight}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {edges.length > 15 && (
                <Button variant="ghost" size="sm" className="mt-2" onClick={() => setAllLinks((a) => !a)}>
                  {allLinks ? "Fewer links" : `All ${edges.length} links`}
                </Button>
              )}
            </section>
            <section
              aria-labelledby="network-entities"
              className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
            >
              <h2 id="network-entities" className="text-base font-semibold">
                Entities
              </h2>
              <ul className="mt-2 max-h-96 divide-y divide-slate-100 overflow-auto text-sm">
                {nodes.map((n) => (
                  <li key={n.id} className="flex items-baseline justify-between gap-2 py-1.5">
                    <Link href={`/w/${workspace.slug}/entities/${n.id}`} className="text-brand-700 hover:underline">
                      <span dir="auto">
                        <Bidi text={n.label} />
                      </span>
                    </Link>
                    <span className="shrink-0 text-xs text-slate-600">
                      {ENTITY_KIND_LABELS[n.kind]} · {n.weight} event{n.weight === 1 ? "" : "s"}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          </div>
        </>
      )}
    </div>
  );
}

function EdgeEvents({
  workspace,
  input,
  names,
  onClose,
}: {
  workspace: WorkspaceOverview;
  input: RouterInputs["network"]["edgeEvents"];
  names: [string, string];
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const heading = useRef<HTMLHeadingElement>(null);
  // The list opens below the picture: bring the keyboard (and the eye) to it.
  useEffect(() => heading.current?.focus(), []);
  const events = useInfiniteQuery(
    trpc.network.edgeEvents.infiniteQueryOptions({ ...input, limit: 20 }, { getNextPageParam: (p) => p.nextCursor }),
  );
  const items = events.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section
      aria-labelledby="edge-events"
      className="rounded-lg border border-brand-100 bg-brand-50/40 p-4 shadow-sm"
      data-testid="edge-events"
    >
      <div className="flex items-start justify-between gap-2">
        <h2 id="edge-events" ref={heading} tabIndex={-1} className="text-base font-semibold outline-none">
          Events with <span dir="auto">{names[0]}</span> and <span dir="auto">{names[1]}</span>
        </h2>
        <Button variant="ghost" size="sm" onClick={onClose}>
          Close
        </Button>
      </div>
      {events.error && <Notice tone="error">{errorMessage(events.error)}</Notice>}
      <ol className="mt-2 divide-y divide-slate-200 text-sm">
        {items.map((e) => (
          <li key={e.id} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 py-1.5">
            <span className="w-36 shrink-0 text-slate-600">{e.dateText}</span>
            <Link href={`/w/${workspace.slug}/events/${e.id}`} className="font-medium text-brand-700 hover:underline">
              <span dir="auto">{e.title}</span>
            </Link>
            {e.status !== "PUBLISHED" && <StatusBadge status={e.status as "DRAFT"} />}
          </li>
        ))}
      </ol>
      {events.hasNextPage && (
        <Button
          variant="secondary"
          size="sm"
          className="mt-2"
          busy={events.isFetchingNextPage}
          onClick={() => void events.fetchNextPage()}
        >
          More events
        </Button>
      )}
    </section>
  );
}
