-- A source's text edited after published material quoted it goes through review: the proposed
-- change carries the new text and a compact diff of it; on approval, quotes that moved or were
-- lost record an evidence change limited to the events concerned.
-- AlterEnum
ALTER TYPE "EvidenceChangeKind" ADD VALUE 'SOURCE_TEXT_EDITED';

-- AlterTable
ALTER TABLE "EvidenceChange" ADD COLUMN "eventIds" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "RecordProposal" ADD COLUMN "text" TEXT,
ADD COLUMN "textChange" JSONB;
