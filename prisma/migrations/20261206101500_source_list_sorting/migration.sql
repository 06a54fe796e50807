-- The sources list sorts by publication date and filters by kind and language, each through an index.
-- The date key is generated so every way a source is written (forms, imports, the seed) keeps it right.
ALTER TABLE "Source" ADD COLUMN "pubSortKey" INTEGER GENERATED ALWAYS AS (
  COALESCE("pubYear", 0) * 10000 + COALESCE("pubMonth", 0) * 100 + COALESCE("pubDay", 0)
) STORED;

CREATE INDEX "Source_workspaceId_pubSortKey_id_idx" ON "Source"("workspaceId", "pubSortKey" DESC, "id" DESC);
CREATE INDEX "Source_workspaceId_kind_createdAt_id_idx" ON "Source"("workspaceId", "kind", "createdAt" DESC, "id" DESC);
CREATE INDEX "Source_workspaceId_language_createdAt_id_idx" ON "Source"("workspaceId", "language", "createdAt" DESC, "id" DESC);
