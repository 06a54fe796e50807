-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('QUEUED', 'RUNNING', 'DONE', 'FAILED');

-- CreateEnum
CREATE TYPE "CandidateStatus" AS ENUM ('PENDING', 'ACCEPTED', 'MERGED', 'DISMISSED');

-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "defaultMarking" TEXT NOT NULL DEFAULT 'TLP:AMBER';

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "briefingId" TEXT;

-- CreateTable
CREATE TABLE "Briefing" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "marking" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "body" TEXT NOT NULL DEFAULT '',
    "keyJudgments" JSONB NOT NULL DEFAULT '[]',
    "status" "EventStatus" NOT NULL DEFAULT 'DRAFT',
    "version" INTEGER NOT NULL DEFAULT 1,
    "authorIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdById" TEXT NOT NULL,
    "updatedById" TEXT NOT NULL,
    "reviewRound" INTEGER NOT NULL DEFAULT 0,
    "revisionAuthorIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "awaitingReview" BOOLEAN NOT NULL DEFAULT false,
    "submittedAt" TIMESTAMP(3),
    "publishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),
    "deletedById" TEXT,

    CONSTRAINT "Briefing_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BriefingPublication" (
    "id" TEXT NOT NULL,
    "briefingId" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "content" JSONB NOT NULL,
    "cited" JSONB NOT NULL,
    "authorIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "reviewerIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "contentHash" TEXT NOT NULL,
    "approvedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BriefingPublication_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BriefingDecision" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "briefingId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "decision" "ReviewDecisionKind" NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BriefingDecision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BriefingComment" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "briefingId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "BriefingComment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportJob" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "status" "ImportStatus" NOT NULL DEFAULT 'QUEUED',
    "fileName" TEXT NOT NULL DEFAULT '',
    "meta" JSONB NOT NULL DEFAULT '{}',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "sourceIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ImportJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportCandidate" (
    "id" TEXT NOT NULL,
    "jobId" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "status" "CandidateStatus" NOT NULL DEFAULT 'PENDING',
    "title" TEXT NOT NULL,
    "dateText" TEXT NOT NULL DEFAULT '',
    "date" JSONB NOT NULL,
    "passage" TEXT NOT NULL,
    "startOffset" INTEGER NOT NULL,
    "endOffset" INTEGER NOT NULL,
    "entities" JSONB NOT NULL DEFAULT '[]',
    "similarEventId" TEXT,
    "similarity" DOUBLE PRECISION,
    "eventId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ImportCandidate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Briefing_workspaceId_updatedAt_id_idx" ON "Briefing"("workspaceId", "updatedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Briefing_workspaceId_status_submittedAt_idx" ON "Briefing"("workspaceId", "status", "submittedAt");

-- CreateIndex
CREATE INDEX "BriefingPublication_briefingId_approvedAt_idx" ON "BriefingPublication"("briefingId", "approvedAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "BriefingPublication_briefingId_version_key" ON "BriefingPublication"("briefingId", "version");

-- CreateIndex
CREATE INDEX "BriefingDecision_workspaceId_createdAt_idx" ON "BriefingDecision"("workspaceId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "BriefingDecision_briefingId_round_reviewerId_key" ON "BriefingDecision"("briefingId", "round", "reviewerId");

-- CreateIndex
CREATE INDEX "BriefingComment_briefingId_createdAt_id_idx" ON "BriefingComment"("briefingId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "ImportJob_workspaceId_createdAt_id_idx" ON "ImportJob"("workspaceId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "ImportCandidate_workspaceId_status_idx" ON "ImportCandidate"("workspaceId", "status");

-- CreateIndex
CREATE INDEX "ImportCandidate_sourceId_idx" ON "ImportCandidate"("sourceId");

-- CreateIndex
CREATE UNIQUE INDEX "ImportCandidate_jobId_ordinal_key" ON "ImportCandidate"("jobId", "ordinal");

-- AddForeignKey
ALTER TABLE "Briefing" ADD CONSTRAINT "Briefing_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Briefing" ADD CONSTRAINT "Briefing_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BriefingPublication" ADD CONSTRAINT "BriefingPublication_briefingId_fkey" FOREIGN KEY ("briefingId") REFERENCES "Briefing"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BriefingDecision" ADD CONSTRAINT "BriefingDecision_briefingId_fkey" FOREIGN KEY ("briefingId") REFERENCES "Briefing"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BriefingDecision" ADD CONSTRAINT "BriefingDecision_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BriefingComment" ADD CONSTRAINT "BriefingComment_briefingId_fkey" FOREIGN KEY ("briefingId") REFERENCES "Briefing"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BriefingComment" ADD CONSTRAINT "BriefingComment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportJob" ADD CONSTRAINT "ImportJob_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportJob" ADD CONSTRAINT "ImportJob_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportCandidate" ADD CONSTRAINT "ImportCandidate_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "ImportJob"("id") ON DELETE CASCADE ON UPDATE CASCADE;

