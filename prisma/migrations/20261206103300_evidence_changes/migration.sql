-- Retracted, corrected or disputed sources and falling origins: what changed, what it
-- affected (events and briefings, until handled), and the correction notices of briefings.
-- CreateEnum
CREATE TYPE "SourceStanding" AS ENUM ('RETRACTED', 'CORRECTED', 'DISPUTED');

-- CreateEnum
CREATE TYPE "EvidenceChangeKind" AS ENUM ('SOURCE_RETRACTED', 'SOURCE_CORRECTED', 'SOURCE_DISPUTED', 'ORIGIN_DOWNGRADED');

-- AlterTable
ALTER TABLE "Source" ADD COLUMN "standing" "SourceStanding",
ADD COLUMN "standingNote" TEXT NOT NULL DEFAULT '',
ADD COLUMN "standingUrl" TEXT,
ADD COLUMN "standingAt" TIMESTAMP(3),
ADD COLUMN "standingById" TEXT;

-- AlterTable
ALTER TABLE "Briefing" ADD COLUMN "correction" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "BriefingPublication" ADD COLUMN "correction" TEXT NOT NULL DEFAULT '',
ADD COLUMN "correctedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "EvidenceChange" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "kind" "EvidenceChangeKind" NOT NULL,
    "sourceId" TEXT,
    "entityId" TEXT,
    "subject" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "link" TEXT,
    "gradeBefore" TEXT,
    "gradeAfter" TEXT,
    "actorId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMP(3),

    CONSTRAINT "EvidenceChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvidenceFlag" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "changeId" TEXT NOT NULL,
    "eventId" TEXT,
    "briefingId" TEXT,
    "reason" TEXT NOT NULL,
    "supportingBefore" INTEGER,
    "supportingAfter" INTEGER,
    "originsBefore" INTEGER,
    "originsAfter" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "handledAt" TIMESTAMP(3),
    "handledById" TEXT,

    CONSTRAINT "EvidenceFlag_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EvidenceChange_workspaceId_createdAt_idx" ON "EvidenceChange"("workspaceId", "createdAt");

-- CreateIndex
CREATE INDEX "EvidenceFlag_workspaceId_handledAt_createdAt_id_idx" ON "EvidenceFlag"("workspaceId", "handledAt", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "EvidenceFlag_eventId_idx" ON "EvidenceFlag"("eventId");

-- CreateIndex
CREATE INDEX "EvidenceFlag_briefingId_createdAt_idx" ON "EvidenceFlag"("briefingId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "EvidenceFlag_changeId_eventId_key" ON "EvidenceFlag"("changeId", "eventId");

-- CreateIndex
CREATE UNIQUE INDEX "EvidenceFlag_changeId_briefingId_key" ON "EvidenceFlag"("changeId", "briefingId");

-- AddForeignKey
ALTER TABLE "EvidenceChange" ADD CONSTRAINT "EvidenceChange_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceFlag" ADD CONSTRAINT "EvidenceFlag_changeId_fkey" FOREIGN KEY ("changeId") REFERENCES "EvidenceChange"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceFlag" ADD CONSTRAINT "EvidenceFlag_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceFlag" ADD CONSTRAINT "EvidenceFlag_briefingId_fkey" FOREIGN KEY ("briefingId") REFERENCES "Briefing"("id") ON DELETE CASCADE ON UPDATE CASCADE;
