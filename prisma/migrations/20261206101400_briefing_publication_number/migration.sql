-- Publications are numbered 1, 2, 3… per briefing: the version readers and reviewers see.
-- "version" stays the working copy's save counter (optimistic concurrency), which autosaves raise.
ALTER TABLE "BriefingPublication" ADD COLUMN "number" INTEGER NOT NULL DEFAULT 1;

-- Existing publications are numbered in the order they were approved.
UPDATE "BriefingPublication" p SET "number" = n.rn
FROM (
  SELECT "id", ROW_NUMBER() OVER (PARTITION BY "briefingId" ORDER BY "version", "approvedAt") AS rn
  FROM "BriefingPublication"
) n
WHERE n."id" = p."id";

-- CreateIndex
CREATE UNIQUE INDEX "BriefingPublication_briefingId_number_key" ON "BriefingPublication"("briefingId", "number");
