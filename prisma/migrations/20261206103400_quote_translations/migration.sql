-- A quote's translation beside the original passage, who made it (a member or a named machine engine)
-- and who checked it; search finds a quote by either text; a briefing chooses which text its exports print.
CREATE TYPE "TranslatorKind" AS ENUM ('MEMBER', 'MACHINE');
CREATE TYPE "QuoteLanguage" AS ENUM ('ORIGINAL', 'TRANSLATION', 'BOTH');

ALTER TABLE "Citation" ADD COLUMN "translation" TEXT,
  ADD COLUMN "translationLanguage" TEXT,
  ADD COLUMN "translatorKind" "TranslatorKind",
  ADD COLUMN "translatorId" TEXT,
  ADD COLUMN "translationEngine" TEXT,
  ADD COLUMN "translationEnteredById" TEXT,
  ADD COLUMN "translationCheckedById" TEXT,
  ADD COLUMN "translationCheckedAt" TIMESTAMP(3),
  ADD COLUMN "translationUpdatedAt" TIMESTAMP(3),
  ADD COLUMN "translationVersion" INTEGER NOT NULL DEFAULT 1;

-- The search vector now holds the translation too (weight B: a match in the passage as quoted ranks first).
-- A generated column's expression cannot be altered, so it is made again, with its index.
DROP INDEX IF EXISTS "Citation_search_idx";
ALTER TABLE "Citation" DROP COLUMN "search";
ALTER TABLE "Citation" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', coalesce("quote", '')), 'A') ||
    setweight(to_tsvector('simple', coalesce("quote", '')), 'A') ||
    setweight(to_tsvector('english', coalesce("translation", '')), 'B') ||
    setweight(to_tsvector('simple', coalesce("translation", '')), 'B')
) STORED;
CREATE INDEX "Citation_search_idx" ON "Citation" USING GIN ("search");

ALTER TABLE "Briefing" ADD COLUMN "quoteLanguage" "QuoteLanguage" NOT NULL DEFAULT 'ORIGINAL';
ALTER TABLE "BriefingPublication" ADD COLUMN "quoteLanguage" "QuoteLanguage" NOT NULL DEFAULT 'ORIGINAL';
