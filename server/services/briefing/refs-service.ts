import { db } from "../../db/client.ts";
import { ratingLabel } from "../../schemas/admiralty.ts";
import type { ResolveRefsInput, SearchCitableInput } from "../../schemas/briefing-procedures.ts";
import { requireAccess } from "../access/index.ts";
import type { Actor } from "../access/index.ts";
import { contentOf, contentSelect, loadBriefingAccess, requireRole } from "./access.ts";
import { orderedRefs } from "../../schemas/briefing.ts";
import { citedIdsOf, loadCitedMaterial, originGrade, pubDateText, splitRefs } from "./cited.ts";
import { chronologyMarkdown } from "../../lib/chronology-table.ts";
import { lensFor, ratingsForEvents, reliabilityOf } from "../vote/index.ts";
import { search } from "../search/index.ts";

async function requireContributor(actor: Actor, workspaceId: string) {
  const access = await requireAccess(actor, workspaceId, "briefing.readPublished");
  requireRole(access, "briefing.readDrafts");
  return access;
}

/**
 * The editor's live preview: every reference in the unsaved text resolved to
 * what a footnote shows, numbered in order of first appearance, and the
 * references that cannot be cited (missing, deleted, unpublished, another
 * workspace's) listed so the editor can flag them.
 */
export async function resolveRefs(actor: Actor, input: ResolveRefsInput) {
  const access = await requireContributor(actor, input.workspaceId);
  const ordered = orderedRefs(input);
  const { material, problems } = await loadCitedMaterial(
    db,
    input.workspaceId,
    splitRefs(ordered),
    lensFor(actor, access.role),
  );
  const events = new Map(material.events.map((e) => [e.id, e]));
  const sources = new Map(material.sources.map((s) => [s.id, s]));
  // Only what would print gets a number, so the preview numbers as the export does.
  const numbered = ordered.filter((r) => (r.kind === "event" ? events.has(r.id) : sources.has(r.id)));
  const n = new Map(numbered.map((r, i) => [`${r.kind}:${r.id}`, i + 1]));
  return {
    events: numbered
      .filter((r) => r.kind === "event")
      .map((r) => {
        const e = events.get(r.id)!;
        return {
          id: e.id,
          title: e.title,
          dateText: e.dateText,
          rating: e.rating,
          contested: e.contested,
          status: e.status,
          n: n.get(`event:${e.id}`)!,
        };
      }),
    sources: numbered
      .filter((r) => r.kind === "source")
      .map((r) => {
        const s = sources.get(r.id)!;
        return {
          id: s.id,
          title: s.title,
          publisher: s.publisher,
          dateText: s.dateText,
          url: s.url,
          reliability: s.reliability,
          n: n.get(`source:${s.id}`)!,
        };
      }),
    problems,
  };
}

/** The citation picker: events and sources matching what is typed, through the search index. */
export async function searchCitable(actor: Actor, input: SearchCitableInput) {
  const access = await requireContributor(actor, input.workspaceId);
  const lens = lensFor(actor, access.role);
  const kinds =
    input.kind === "event"
      ? (["events"] as const)
      : input.kind === "source"
        ? (["sources"] as const)
        : (["events", "sources"] as const);
  const found = await search(actor, {
    workspaceId: input.workspaceId,
    q: input.q,
    kinds: [...kinds],
    limit: input.limit,
  });
  const sourceIds = found.sources.map((s) => s.id);
  const [ratings, sourceRows] = await Promise.all([
    ratingsForEvents(
      found.events.map((e) => e.id),
      lens,
    ),
    sourceIds.length
      ? db.source.findMany({
          where: { id: { in: sourceIds }, workspaceId: input.workspaceId },
          select: {
            id: true,
            pubYear: true,
            pubMonth: true,
            pubDay: true,
            publisherId: true,
            publisher: { select: { name: true, mergedIntoId: true } },
          },
        })
      : [],
  ]);
  // A merged publisher is rated as the entity it became, as in the cited material.
  const originOf = (s: (typeof sourceRows)[number]) =>
    s.publisherId ? (s.publisher?.mergedIntoId ?? s.publisherId) : null;
  const reliability = await reliabilityOf(
    [...new Set(sourceRows.map(originOf).filter((id): id is string => id !== null))],
    lens,
  );
  const sourceInfo = new Map(sourceRows.map((s) => [s.id, s]));
  const events = found.events.map((e) => {
    const r = ratings.get(e.id);
    const rated =
      r && (r.reliability !== null || r.credibility !== null || r.hidden.reliability || r.hidden.credibility);
    return {
      kind: "event" as const,
      id: e.id,
      title: e.title,
      dateText: e.dateText,
      rating: rated ? ratingLabel(r.reliability, r.credibility, r.hidden) : null,
      status: e.status,
      publisher: null,
    };
  });
  const sources = found.sources.map((s) => {
    const info = sourceInfo.get(s.id);
    const origin = info ? originOf(info) : null;
    const rating = origin ? originGrade(reliability.get(origin)) : null;
    return {
      kind: "source" as const,
      id: s.id,
      title: s.title,
      dateText: info ? pubDateText(info) : "Undated",
      rating,
      status: null,
      publisher: info?.publisher?.name ?? null,
    };
  });
  // Both kinds get a fair share of a short list; either fills what the other leaves.
  const half = Math.ceil(input.limit / 2);
  const eventShare = Math.max(half, input.limit - sources.length);
  const picked = events.slice(0, eventShare);
  return [...picked, ...sources.slice(0, input.limit - picked.length)];
}

/** A chronology table of the events the working copy cites, in date order with their ratings, as Markdown. */
export async function briefingChronology(actor: Actor, id: string): Promise<string> {
  const { workspaceId, access } = await loadBriefingAccess(actor, id, "briefing.write");
  const row = await db.briefing.findUniqueOrThrow({ where: { id }, select: contentSelect });
  const { material } = await loadCitedMaterial(
    db,
    workspaceId,
    { eventIds: citedIdsOf(contentOf(row)).eventIds, sourceIds: [] },
    lensFor(actor, access.role),
  );
  return chronologyMarkdown(material.events);
}
