import { z } from "zod";
import type { Prisma } from "../../db/generated/client.ts";
import { entityFieldsSchema } from "../../schemas/entity.ts";
import type { ProposalTarget, RecordChange } from "../../schemas/proposal.ts";
import { sourceMetadataSchema } from "../../schemas/source.ts";
import {
  cleanAliases,
  entityChanges,
  sourceChanges,
  type EntityDetails,
  type SourceDetails,
} from "../../lib/record-changes.ts";

type Reader = Pick<Prisma.TransactionClient, "source" | "entity">;

/** A source's details as readers see them now (the approved values), in the proposal's shape. */
export async function sourceDetailsOf(client: Reader, ids: string[]) {
  if (ids.length === 0) return new Map<string, SourceDetails & { workspaceId: string }>();
  const rows = await client.source.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      workspaceId: true,
      kind: true,
      title: true,
      author: true,
      url: true,
      language: true,
      pubYear: true,
      pubMonth: true,
      pubDay: true,
      derivedFromId: true,
      publisher: { select: { name: true } },
    },
  });
  return new Map(
    rows.map((s) => [
      s.id,
      {
        workspaceId: s.workspaceId,
        kind: s.kind,
        title: s.title,
        publisherName: s.publisher?.name ?? "",
        author: s.author,
        pubDate: s.pubYear != null ? { year: s.pubYear, month: s.pubMonth, day: s.pubDay } : null,
        url: s.url ?? "",
        language: s.language,
        derivedFromId: s.derivedFromId,
      },
    ]),
  );
}

/** An entity's details as readers see them now. */
export async function entityDetailsOf(client: Reader, ids: string[]) {
  if (ids.length === 0) return new Map<string, EntityDetails & { workspaceId: string }>();
  const rows = await client.entity.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      workspaceId: true,
      kind: true,
      name: true,
      description: true,
      aliases: { select: { alias: true }, orderBy: { alias: "asc" } },
    },
  });
  return new Map(
    rows.map((e) => [
      e.id,
      {
        workspaceId: e.workspaceId,
        kind: e.kind,
        name: e.name,
        description: e.description,
        aliases: e.aliases.map((a) => a.alias),
      },
    ]),
  );
}

/** A stored source proposal back to details; one that no longer parses proposes nothing. */
export function parseSourceSnapshot(raw: unknown, fallback: SourceDetails): SourceDetails {
  const parsed = sourceMetadataSchema.safeParse(raw);
  if (!parsed.success) return fallback;
  const d = parsed.data;
  return {
    kind: d.kind,
    title: d.title,
    publisherName: d.publisherName,
    author: d.author,
    pubDate: d.pubDate ?? null,
    url: d.url,
    language: d.language,
    derivedFromId: d.derivedFromId ?? null,
  };
}

export function parseEntitySnapshot(raw: unknown, fallback: EntityDetails): EntityDetails {
  const parsed = entityFieldsSchema.safeParse(raw);
  if (!parsed.success) return fallback;
  const d = parsed.data;
  return { kind: d.kind, name: d.name, description: d.description, aliases: cleanAliases(d.name, d.aliases) };
}

const textChangeSchema = z.object({
  before: z.string(),
  after: z.string(),
  lengthBefore: z.number(),
  lengthAfter: z.number(),
  passages: z.number(),
});

/**
 * A proposed new text as lines of the diff: its length, and the passages that
 * change with some context either side (stored in brief when proposed, so
 * neither text is read here). None when the proposal keeps the text.
 */
export function textChangeLines(raw: unknown): RecordChange[] {
  const parsed = textChangeSchema.safeParse(raw);
  if (!parsed.success) return [];
  const c = parsed.data;
  const chars = (n: number) => `${n.toLocaleString("en")} characters`;
  return [
    { field: "textLength", label: "Text length", before: chars(c.lengthBefore), after: chars(c.lengthAfter) },
    { field: "text", label: "Text", before: c.before, after: c.after },
  ];
}

/**
 * The approved and proposed details of a page of proposals and their diffs,
 * in a constant number of queries.
 */
export async function describeProposals(
  client: Reader,
  proposals: {
    targetType: ProposalTarget;
    sourceId: string | null;
    entityId: string | null;
    snapshot: unknown;
    /** A source's proposed text in brief (lib/text-change.ts), when the change replaces it. */
    textChange?: unknown;
  }[],
) {
  const sourceIds = proposals.flatMap((p) => (p.sourceId ? [p.sourceId] : []));
  const entityIds = proposals.flatMap((p) => (p.entityId ? [p.entityId] : []));
  const [sources, entities] = await Promise.all([
    sourceDetailsOf(client, sourceIds),
    entityDetailsOf(client, entityIds),
  ]);
  type Described =
    | { targetType: "SOURCE"; targetId: string; current: SourceDetails; proposed: SourceDetails; textChange: unknown }
    | { targetType: "ENTITY"; targetId: string; current: EntityDetails; proposed: EntityDetails };
  const described: Described[] = [];
  for (const p of proposals) {
    if (p.sourceId) {
      const current = sources.get(p.sourceId);
      if (current)
        described.push({
          targetType: "SOURCE",
          targetId: p.sourceId,
          current,
          proposed: parseSourceSnapshot(p.snapshot, current),
          textChange: p.textChange ?? null,
        });
    } else if (p.entityId) {
      const current = entities.get(p.entityId);
      if (current)
        described.push({
          targetType: "ENTITY",
          targetId: p.entityId,
          current,
          proposed: parseEntitySnapshot(p.snapshot, current),
        });
    }
  }
  // "Derived from" by title, before and after, in one query.
  const derivedIds = [
    ...new Set(
      described.flatMap((d) =>
        d.targetType === "SOURCE" ? [d.current.derivedFromId, d.proposed.derivedFromId].filter((x) => x !== null) : [],
      ),
    ),
  ] as string[];
  const titles = new Map(
    derivedIds.length
      ? (await client.source.findMany({ where: { id: { in: derivedIds } }, select: { id: true, title: true } })).map(
          (s) => [s.id, s.title],
        )
      : [],
  );
  return new Map(
    described.map((d) => {
      const changes: RecordChange[] =
        d.targetType === "SOURCE"
          ? [...sourceChanges(d.current, d.proposed, (id) => titles.get(id)), ...textChangeLines(d.textChange)]
          : entityChanges(d.current, d.proposed);
      const name = d.targetType === "SOURCE" ? d.current.title : d.current.name;
      const proposedName = d.targetType === "SOURCE" ? d.proposed.title : d.proposed.name;
      return [`${d.targetType}:${d.targetId}`, { ...d, name, proposedName, changes }] as const;
    }),
  );
}
