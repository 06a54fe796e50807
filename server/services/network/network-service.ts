import { db } from "../../db/client.ts";
import { Prisma } from "../../db/generated/client.ts";
import { notFound } from "../../errors.ts";
import type { Role } from "../../policy.ts";
import type { Page } from "../../schemas/common.ts";
import { ENTITY_KINDS, type EntityKind } from "../../schemas/entity.ts";
import {
  edgeEventsSchema,
  networkSchema,
  NETWORK_DEFAULT_KINDS,
  type EdgeEventsInput,
  type NetworkInput,
} from "../../schemas/network.ts";
import { formatEventDate } from "../../schemas/partial-date.ts";
import { decodeCursor, decodeDate, encodeCursor } from "../../lib/cursor.ts";
import { fromDateColumns, type WrittenDateColumns } from "../../lib/event-date-columns.ts";
import {
  layoutNetwork,
  networkSvgTree,
  renderNetworkSvg,
  type LaidOutGraph,
  type SvgNode,
} from "../../lib/network/index.ts";
import { requireAccess, seesDrafts, type Actor } from "../access/index.ts";
import { filterWindow } from "../event/index.ts";
import { lensFor, type RatingLens } from "../vote/index.ts";

/**
 * The network of entities: two entities are linked by every event both
 * appear in, weighted by how many. Computed in one SQL statement (the events
 * the reader may see under the filters, their entity links, and a self-join of
 * those links on the event), so at 100,000 events nothing but the strongest
 * part of the graph ever leaves the database. The self-join walks the link
 * table's primary key (eventId first); an edge's events are found through the
 * (entityId, eventId) index.
 */

type Scope = {
  workspaceId: string;
  role: Role;
  lens: RatingLens;
  from?: string;
  to?: string;
  credibility?: string;
  /** Only these events (a briefing's), when set. */
  eventIds?: string[];
};

/**
 * Consensus credibility per event as this reader may see it, the rule of
 * vote/rating-service.ts written in SQL so it can filter inside the query:
 * the cautious median of the judgeable votes (with an even count, the higher
 * step); hidden from a reader who may vote until they voted or skipped; no
 * consensus when the only vote is the reader's own. Only events with a
 * judgeable consensus get a step (all-"cannot judge" events have none).
 */
function credibilitySteps(scope: Scope): Prisma.Sql {
  const me = scope.lens.userId ?? "";
  return Prisma.sql`
    SELECT c."eventId", c.steps[array_length(c.steps, 1) / 2 + 1] AS step
    FROM (
      SELECT v."eventId",
        count(*)::int AS n,
        bool_or(v."voterId" = ${me}) AS mine,
        array_agg(v.grade::int ORDER BY v.grade::int) FILTER (WHERE v.grade IN ('1', '2', '3', '4', '5')) AS steps
      FROM "Vote" v
      WHERE v."workspaceId" = ${scope.workspaceId} AND v."eventId" IS NOT NULL AND v.axis = 'CREDIBILITY'
      GROUP BY v."eventId"
    ) c
    WHERE c.steps IS NOT NULL
      AND NOT (c.n = 1 AND c.mine)
      AND (${!scope.lens.blind} OR c.mine OR EXISTS (
        SELECT 1 FROM "VoteReveal" r WHERE r."voterId" = ${me} AND r."targetKey" = 'event:' || c."eventId"))`;
}

/** The events that count for this reader under the filters, as `SELECT e.id …` conditions on "Event" e. */
function eventScope(scope: Scope): { join: Prisma.Sql; where: Prisma.Sql } {
  const conds: Prisma.Sql[] = [Prisma.sql`e."workspaceId" = ${scope.workspaceId}`, Prisma.sql`e."deletedAt" IS NULL`];
  // The one visibility rule (access/visibility.ts): viewers see published events only.
  if (!seesDrafts(scope.role)) conds.push(Prisma.sql`e.status = 'PUBLISHED'`);
  // Dates overlap the window as in the chronology: an undated event has both bounds null and matches no window.
  const window = filterWindow({ from: scope.from, to: scope.to });
  if (window) conds.push(Prisma.sql`e."dateSortKey" IS NOT NULL`);
  if (window?.start) conds.push(Prisma.sql`(e."dateLatest" IS NULL OR e."dateLatest" >= ${window.start})`);
  if (window?.end) conds.push(Prisma.sql`(e."dateEarliest" IS NULL OR e."dateEarliest" <= ${window.end})`);
  if (scope.eventIds) conds.push(Prisma.sql`e.id = ANY(${scope.eventIds})`);
  let join = Prisma.empty;
  if (scope.credibility) {
    join = Prisma.sql`JOIN (${credibilitySteps(scope)}) cred ON cred."eventId" = e.id`;
    conds.push(Prisma.sql`cred.step <= ${Number(scope.credibility)}`);
  }
  return { join, where: Prisma.join(conds, " AND ") };
}

type GraphRow = {
  totalNodes: number;
  totalEdges: number;
  nodes: { id: string; label: string; kind: EntityKind; weight: number }[];
  edges: { source: string; target: string; weight: number }[];
};

async function queryGraph(
  scope: Scope,
  opts: { kinds: readonly EntityKind[]; minWeight: number; limit: number },
): Promise<GraphRow> {
  const { join, where } = eventScope(scope);
  // Enough links to show the structure among the strongest nodes without drawing a hairball.
  const edgeLimit = opts.limit * 4;
  const kinds = opts.kinds.filter((k) => (ENTITY_KINDS as readonly string[]).includes(k));
  const [row] = await db.$queryRaw<GraphRow[]>`
    WITH ev AS (
      SELECT e.id FROM "Event" e ${join} WHERE ${where}
    ),
    link AS (
      SELECT DISTINCT ee."eventId", ee."entityId"
      FROM "EventEntity" ee
      JOIN ev ON ev.id = ee."eventId"
      JOIN "Entity" en ON en.id = ee."entityId"
      WHERE en."workspaceId" = ${scope.workspaceId} AND en."mergedIntoId" IS NULL
        AND en.kind::text = ANY(${kinds})
    ),
    pair AS (
      SELECT a."entityId" AS s, b."entityId" AS t, count(*)::int AS w
      FROM link a JOIN link b ON b."eventId" = a."eventId" AND a."entityId" < b."entityId"
      GROUP BY 1, 2
      HAVING count(*) >= ${opts.minWeight}
    ),
    strength AS (
      SELECT id, sum(w)::bigint AS strength
      FROM (SELECT s AS id, w FROM pair UNION ALL SELECT t, w FROM pair) x
      GROUP BY id
    ),
    top AS (
      SELECT id, strength FROM strength ORDER BY strength DESC, id LIMIT ${opts.limit}
    ),
    top_edge AS (
      SELECT p.s, p.t, p.w FROM pair p
      JOIN top a ON a.id = p.s JOIN top b ON b.id = p.t
      ORDER BY p.w DESC, p.s, p.t LIMIT ${edgeLimit}
    ),
    -- Events per entity, counted once for all (not once per node over the whole link set).
    deg AS (
      SELECT "entityId" AS id, count(*)::int AS n FROM link GROUP BY 1
    ),
    node AS (
      SELECT en.id, en.name AS label, en.kind::text AS kind, deg.n AS weight
      FROM top JOIN "Entity" en ON en.id = top.id JOIN deg ON deg.id = top.id
    )
    SELECT
      (SELECT count(*)::int FROM strength) AS "totalNodes",
      (SELECT count(*)::int FROM pair) AS "totalEdges",
      (SELECT coalesce(json_agg(json_build_object('id', id, 'label', label, 'kind', kind, 'weight', weight) ORDER BY id), '[]'::json) FROM node) AS nodes,
      (SELECT coalesce(json_agg(json_build_object('source', s, 'target', t, 'weight', w) ORDER BY s, t), '[]'::json) FROM top_edge) AS edges`;
  return row!;
}

export type Network = {
  graph: LaidOutGraph;
  /**
   * The picture, described by the same drawing code as a download or a
   * briefing's figure (lib/network/svg.ts); the app renders it with React and
   * adds its handlers to the nodes and links it marks.
   */
  picture: SvgNode;
  /** Nodes and links under the filters, of which `graph` holds the strongest. */
  total: { nodes: number; edges: number };
  /** True when more nodes exist than were sent ("show more" asks for a larger limit). */
  more: boolean;
  limit: number;
};

/** The events the network counts for this reader under the filters the network and its links share. */
async function scopeFor(
  actor: Actor,
  input: Pick<NetworkInput, "workspaceId" | "from" | "to" | "credibility">,
): Promise<Scope> {
  const access = await requireAccess(actor, input.workspaceId, "event.readPublished");
  return {
    workspaceId: input.workspaceId,
    role: access.role,
    lens: lensFor(actor, access.role),
    from: input.from,
    to: input.to,
    credibility: input.credibility,
  };
}

/** The network of the workspace's events under the filters, laid out, strongest part first. */
export async function getNetwork(actor: Actor, raw: NetworkInput): Promise<Network> {
  const input = networkSchema.parse(raw);
  const scope = await scopeFor(actor, input);
  const row = await queryGraph(scope, { kinds: input.kinds, minWeight: input.minWeight, limit: input.limit });
  const graph = layoutNetwork({ nodes: row.nodes, edges: row.edges });
  return {
    graph,
    picture: networkSvgTree(graph, { interactive: true }),
    total: { nodes: row.totalNodes, edges: row.totalEdges },
    more: row.totalNodes > row.nodes.length,
    limit: input.limit,
  };
}

/** The network under the filters as a standalone SVG document (the app's "Download SVG"). */
export async function networkSvgFile(actor: Actor, raw: NetworkInput): Promise<string> {
  const network = await getNetwork(actor, raw);
  return renderNetworkSvg(network.graph, { title: "Network of entities" });
}

/**
 * The network of a set of events (a briefing's cited events) as this reader
 * may see them: what a briefing's figure draws with renderNetworkSvg. Events
 * of other workspaces or hidden from the reader simply do not count.
 */
export async function networkForEvents(
  workspaceId: string,
  eventIds: string[],
  viewer: Actor,
  opts: { limit?: number; kinds?: EntityKind[]; lens?: RatingLens } = {},
): Promise<LaidOutGraph> {
  const access = await requireAccess(viewer, workspaceId, "event.readPublished");
  if (eventIds.length === 0) return layoutNetwork({ nodes: [], edges: [] });
  const row = await queryGraph(
    { workspaceId, role: access.role, lens: opts.lens ?? lensFor(viewer, access.role), eventIds },
    { kinds: opts.kinds ?? [...NETWORK_DEFAULT_KINDS], minWeight: 1, limit: opts.limit ?? 60 },
  );
  return layoutNetwork({ nodes: row.nodes, edges: row.edges });
}

export type EdgeEvent = { id: string; title: string; status: string; dateText: string };

type EdgeEventRow = WrittenDateColumns & { id: string; title: string; status: string; dateSortKey: Date | null };

/** The events behind one link, under the same filters as the network, by date (undated last), by cursor. */
export async function listEdgeEvents(
  actor: Actor,
  raw: EdgeEventsInput,
): Promise<Page<EdgeEvent> & { source: { id: string; name: string }; target: { id: string; name: string } }> {
  const input = edgeEventsSchema.parse(raw);
  const scope = await scopeFor(actor, input);
  const ends = await db.entity.findMany({
    where: { id: { in: [input.sourceId, input.targetId] }, workspaceId: input.workspaceId },
    select: { id: true, name: true },
  });
  const source = ends.find((e) => e.id === input.sourceId);
  const target = ends.find((e) => e.id === input.targetId);
  if (!source || !target) throw notFound("Entity");
  const { join, where } = eventScope(scope);
  let after = Prisma.sql`TRUE`;
  if (input.cursor) {
    const [at, id] = decodeCursor(input.cursor, 2);
    if (at === "none") after = Prisma.sql`(e."dateSortKey" IS NULL AND e.id > ${id})`;
    else {
      const key = decodeDate(at!);
      after = Prisma.sql`(e."dateSortKey" > ${key} OR (e."dateSortKey" = ${key} AND e.id > ${id}) OR e."dateSortKey" IS NULL)`;
    }
  }
  const rows = await db.$queryRaw<EdgeEventRow[]>`
    SELECT e.id, e.title, e.status::text AS status, e."dateSortKey",
      e."dateStartYear", e."dateStartMonth", e."dateStartDay", e."dateEndYear", e."dateEndMonth", e."dateEndDay",
      e."dateQualifier"::text AS "dateQualifier"
    FROM "Event" e ${join}
    WHERE ${where} AND ${after}
      AND EXISTS (SELECT 1 FROM "EventEntity" a WHERE a."entityId" = ${source.id} AND a."eventId" = e.id)
      AND EXISTS (SELECT 1 FROM "EventEntity" b WHERE b."entityId" = ${target.id} AND b."eventId" = e.id)
    ORDER BY e."dateSortKey" ASC NULLS LAST, e.id ASC
    LIMIT ${input.limit + 1}`;
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    source,
    target,
    items: page.map((e) => {
      const date = fromDateColumns(e);
      return { id: e.id, title: e.title, status: e.status, dateText: date ? formatEventDate(date) : "Undated" };
    }),
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.dateSortKey ?? "none", last.id]) : null,
  };
}
