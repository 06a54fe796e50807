import { Prisma } from "../../db/generated/client.ts";

type Reader = Pick<Prisma.TransactionClient, "$queryRaw">;

/**
 * Whether published material shows a source, as a SQL condition on the
 * expression naming its id. Shown means readers meet it, or will as soon as
 * a decision already asked for is made:
 * - a citation of it on a published event (a proposed addition counts once
 *   that event's change is waiting for review), or on an event waiting for review;
 * - a publication of a briefing that lists it (readers follow the link), or a
 *   briefing waiting for review that names it (its publication will freeze
 *   the source as it is at approval).
 * Counting what waits for review closes a gap: a reviewer approves what they
 * looked at, not a source edited in the meantime.
 */
function sourceShownSql(sourceId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(
    EXISTS (
      SELECT 1 FROM "Citation" c JOIN "Event" e ON e.id = c."eventId"
      WHERE c."sourceId" = ${sourceId} AND e."deletedAt" IS NULL
        AND (e.status = 'PENDING' OR (e.status = 'PUBLISHED' AND (NOT c."proposedAdd" OR e."awaitingReview")))
    ) OR EXISTS (
      SELECT 1 FROM "BriefingPublication" p JOIN "Briefing" b ON b.id = p."briefingId"
      WHERE b."deletedAt" IS NULL AND p.cited->'sources' @> jsonb_build_array(jsonb_build_object('id', ${sourceId}))
    ) OR EXISTS (
      SELECT 1 FROM "Briefing" b JOIN "Source" s ON s.id = ${sourceId}
      WHERE b."workspaceId" = s."workspaceId" AND b."deletedAt" IS NULL AND b."awaitingReview"
        AND (strpos(b.body, s.id) > 0 OR strpos(b.summary, s.id) > 0 OR strpos(b."keyJudgments"::text, s.id) > 0)
    )
  )`;
}

/**
 * Whether published material shows an entity: linked to a published event or
 * one waiting for review, named by a proposed change waiting for review, or
 * publisher of a source that is shown (its name is printed with the source).
 */
function entityShownSql(entityId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(
    EXISTS (
      SELECT 1 FROM "EventEntity" ee JOIN "Event" e ON e.id = ee."eventId"
      WHERE ee."entityId" = ${entityId} AND e."deletedAt" IS NULL AND e.status IN ('PUBLISHED', 'PENDING')
    ) OR EXISTS (
      SELECT 1 FROM "EventProposal" p JOIN "Event" e ON e.id = p."eventId"
      WHERE p.status = 'PENDING' AND e."deletedAt" IS NULL
        AND p.snapshot->'entities' @> jsonb_build_array(jsonb_build_object('entityId', ${entityId}))
    ) OR EXISTS (
      SELECT 1 FROM "Source" src
      WHERE src."publisherId" = ${entityId} AND src."deletedAt" IS NULL AND ${sourceShownSql(Prisma.sql`src.id`)}
    )
  )`;
}

export async function sourceShown(client: Reader, sourceId: string): Promise<boolean> {
  const [row] = await client.$queryRaw<
    { shown: boolean }[]
  >`SELECT ${sourceShownSql(Prisma.sql`${sourceId}::text`)} AS shown`;
  return row?.shown ?? false;
}

export async function entityShown(client: Reader, entityId: string): Promise<boolean> {
  const [row] = await client.$queryRaw<
    { shown: boolean }[]
  >`SELECT ${entityShownSql(Prisma.sql`${entityId}::text`)} AS shown`;
  return row?.shown ?? false;
}
