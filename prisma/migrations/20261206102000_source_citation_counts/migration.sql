-- The sources list sorts by how often a source is cited, through an index, so the count is stored.
-- Two counts, because readers see different evidence (server/services/access/visibility.ts):
--   "citationCount"          citations on events not in the trash (what contributors see, drafts and proposals included);
--   "publishedCitationCount" citations on published events not in the trash, proposed additions left out (what viewers see).
-- Viewers sort and read the second one only, so a draft's citations never show through to them.
--
-- Kept by triggers rather than by each service: citations are created, deleted and proposed in many places
-- (citation service, proposals and their review, event trash and restore, publication and withdrawal, import
-- accept and merge, cascades when an event or source is removed for good), and a trigger runs in the very
-- transaction of each of those writes, including ones added later (a citation moved to another source, too).
-- The triggers recount (never add or subtract), so a count is always the true count: the source rows are locked
-- first, in id order, and the count is read by a later statement, which in READ COMMITTED sees every citation
-- committed by a transaction that held the lock before.

ALTER TABLE "Source" ADD COLUMN "citationCount" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "publishedCitationCount" INTEGER NOT NULL DEFAULT 0;

CREATE OR REPLACE FUNCTION "dossier_recount_source_citations"(ids TEXT[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN
    RETURN;
  END IF;
  PERFORM 1 FROM "Source" WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE;
  UPDATE "Source" s
  SET "citationCount" = n.all_n, "publishedCitationCount" = n.published_n
  FROM (
    SELECT x.id,
      count(c.id)::int AS all_n,
      (count(c.id) FILTER (WHERE c.status = 'PUBLISHED' AND NOT c."proposedAdd"))::int AS published_n
    FROM (SELECT DISTINCT unnest(ids) AS id) AS x
    LEFT JOIN (
      SELECT ci.id, ci."sourceId", ci."proposedAdd", e.status
      FROM "Citation" ci JOIN "Event" e ON e.id = ci."eventId"
      WHERE ci."sourceId" = ANY(ids) AND e."deletedAt" IS NULL
    ) c ON c."sourceId" = x.id
    GROUP BY x.id
  ) n
  WHERE s.id = n.id AND (s."citationCount" <> n.all_n OR s."publishedCitationCount" <> n.published_n);
END
$$;

CREATE OR REPLACE FUNCTION "dossier_citation_counts_changed"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'Citation' AND TG_OP = 'INSERT' THEN
    PERFORM "dossier_recount_source_citations"(ARRAY(SELECT DISTINCT "sourceId" FROM new_rows));
  ELSIF TG_TABLE_NAME = 'Citation' AND TG_OP = 'DELETE' THEN
    PERFORM "dossier_recount_source_citations"(ARRAY(SELECT DISTINCT "sourceId" FROM old_rows));
  ELSIF TG_TABLE_NAME = 'Citation' THEN
    -- Only what a count depends on: the source and event cited and whether the citation is a proposed addition.
    PERFORM "dossier_recount_source_citations"(ARRAY(
      SELECT unnest(ARRAY[o."sourceId", n."sourceId"])
      FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE o."sourceId" <> n."sourceId" OR o."eventId" <> n."eventId" OR o."proposedAdd" <> n."proposedAdd"
    ));
  ELSIF TG_TABLE_NAME = 'Event' THEN
    -- Publication, withdrawal, the trash and restoring from it change which citations readers see.
    PERFORM "dossier_recount_source_citations"(ARRAY(
      SELECT DISTINCT c."sourceId"
      FROM old_rows o JOIN new_rows n ON n.id = o.id JOIN "Citation" c ON c."eventId" = n.id
      WHERE o.status <> n.status OR o."deletedAt" IS DISTINCT FROM n."deletedAt"
    ));
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Citation_counts_insert" AFTER INSERT ON "Citation"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "dossier_citation_counts_changed"();
CREATE TRIGGER "Citation_counts_delete" AFTER DELETE ON "Citation"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "dossier_citation_counts_changed"();
CREATE TRIGGER "Citation_counts_update" AFTER UPDATE ON "Citation"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "dossier_citation_counts_changed"();
CREATE TRIGGER "Event_citation_counts_update" AFTER UPDATE ON "Event"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "dossier_citation_counts_changed"();

-- Backfill: every source recounted once.
UPDATE "Source" s
SET "citationCount" = n.all_n, "publishedCitationCount" = n.published_n
FROM (
  SELECT ci."sourceId" AS id,
    count(*)::int AS all_n,
    (count(*) FILTER (WHERE e.status = 'PUBLISHED' AND NOT ci."proposedAdd"))::int AS published_n
  FROM "Citation" ci JOIN "Event" e ON e.id = ci."eventId"
  WHERE e."deletedAt" IS NULL
  GROUP BY ci."sourceId"
) n
WHERE s.id = n.id;

-- One index per count: most cited reads it forwards, least cited backwards.
CREATE INDEX "Source_workspaceId_citationCount_id_idx" ON "Source"("workspaceId", "citationCount" DESC, "id" DESC);
CREATE INDEX "Source_workspaceId_publishedCitationCount_id_idx" ON "Source"("workspaceId", "publishedCitationCount" DESC, "id" DESC);

-- The origin-reliability filter first reads which origins in the workspace have votes.
CREATE INDEX "Vote_workspaceId_entityId_idx" ON "Vote"("workspaceId", "entityId");
