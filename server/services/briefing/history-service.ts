import { db } from "../../db/client.ts";
import { notFound } from "../../errors.ts";
import type { BriefingContent } from "../../schemas/briefing.ts";
import type { BriefingDiffInput } from "../../schemas/briefing-procedures.ts";
import type { Actor } from "../access/index.ts";
import { contentOf, contentSelect, publishedContentOf, loadBriefingAccess } from "./access.ts";
import { describeRevision, diffBriefing } from "../../lib/briefing-diff.ts";
import { CONTENT_ACTIONS } from "./briefing-service.ts";
import { decodeBigInt, decodeCursor, encodeCursor } from "../../lib/cursor.ts";

type Row = {
  id: string;
  version: number;
  action: string;
  createdAt: Date;
  actorId: string;
  actorName: string;
  detail: Record<string, unknown>;
};

/**
 * A briefing's history, newest first, by keyset cursor. Each row carries the
 * version it produced and a small detail (title, review round, comment); the
 * long texts stay out of the list and are compared through diff.
 */
export async function briefingHistory(actor: Actor, input: { id: string; cursor?: string | null; limit: number }) {
  const { workspaceId } = await loadBriefingAccess(actor, input.id, "briefing.readDrafts");
  const before = input.cursor ? decodeBigInt(decodeCursor(input.cursor, 1)[0]!) : null;
  const rows = await db.$queryRaw<Row[]>`
    SELECT r.id::text AS id, r.version, r.action, r."createdAt", r."actorId", u.name AS "actorName",
           (r.snapshot - 'body' - 'summary' - 'keyJudgments') AS detail
    FROM "Revision" r JOIN "User" u ON u.id = r."actorId"
    WHERE r."targetType" = 'briefing' AND r."targetId" = ${input.id} AND r."workspaceId" = ${workspaceId}
      AND (${before}::bigint IS NULL OR r.id < ${before}::bigint)
    ORDER BY r.id DESC
    LIMIT ${input.limit + 1}`;
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  // Saves of the body typed together name everyone who typed (live-body-service.ts): their names, in one query.
  const writersOf = (r: Row) =>
    Array.isArray(r.detail.writers) ? r.detail.writers.filter((w): w is string => typeof w === "string") : [];
  const writerIds = [...new Set(page.flatMap(writersOf))];
  const names = writerIds.length
    ? new Map(
        (await db.user.findMany({ where: { id: { in: writerIds } }, select: { id: true, name: true } })).map((u) => [
          u.id,
          u.name,
        ]),
      )
    : new Map<string, string>();
  return {
    items: page.map((r) => ({
      id: r.id,
      version: r.version,
      action: r.action,
      summary: describeRevision(r.action, r.version, r.detail),
      createdAt: r.createdAt,
      actor: { id: r.actorId, name: r.actorName },
      /** Who else typed the text this entry saved, when it was typed together live. */
      coWriters: writersOf(r)
        .filter((w) => w !== r.actorId)
        .map((id) => ({ id, name: names.get(id) ?? "A former member" })),
      detail: r.detail,
    })),
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.id]) : null,
  };
}

async function contentAt(
  briefingId: string,
  workspaceId: string,
  which: number | "published" | "working",
): Promise<{ content: BriefingContent; version: number; label: string }> {
  if (which === "working") {
    const row = await db.briefing.findUniqueOrThrow({
      where: { id: briefingId },
      select: { ...contentSelect, version: true },
    });
    return { content: contentOf(row), version: row.version, label: "Working copy" };
  }
  if (which === "published") {
    const p = await db.briefingPublication.findFirst({
      where: { briefingId },
      orderBy: { version: "desc" },
      select: { version: true, number: true, content: true },
    });
    if (!p) throw notFound("Published version");
    return { content: publishedContentOf(p.content), version: p.version, label: `Published version ${p.number}` };
  }
  const r = await db.revision.findFirst({
    where: {
      targetType: "briefing",
      targetId: briefingId,
      workspaceId,
      version: which,
      action: { in: [...CONTENT_ACTIONS] },
    },
    orderBy: { id: "desc" },
    select: { snapshot: true },
  });
  // A save is named as such: its counter is not a version number people should see (see publish).
  if (r) return { content: publishedContentOf(r.snapshot), version: which, label: "Saved text" };
  const p = await db.briefingPublication.findUnique({
    where: { briefingId_version: { briefingId, version: which } },
    select: { content: true, number: true },
  });
  if (p) return { content: publishedContentOf(p.content), version: which, label: `Published version ${p.number}` };
  throw notFound("Version");
}

/** "What changed": per-field text diffs between two versions, the publication or the working copy. */
export async function diffBriefingVersions(actor: Actor, input: BriefingDiffInput) {
  const { workspaceId } = await loadBriefingAccess(actor, input.id, "briefing.readDrafts");
  const [from, to] = await Promise.all([
    contentAt(input.id, workspaceId, input.from),
    contentAt(input.id, workspaceId, input.to),
  ]);
  return {
    from: { version: from.version, label: from.label },
    to: { version: to.version, label: to.label },
    fields: diffBriefing(from.content, to.content),
  };
}
