-- CreateEnum
CREATE TYPE "ProposalTarget" AS ENUM ('SOURCE', 'ENTITY');

-- AlterTable
ALTER TABLE "Entity" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "RecordProposal" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "targetType" "ProposalTarget" NOT NULL,
    "sourceId" TEXT,
    "entityId" TEXT,
    "snapshot" JSONB NOT NULL,
    "status" "EventStatus" NOT NULL DEFAULT 'DRAFT',
    "version" INTEGER NOT NULL,
    "authorIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "reviewRound" INTEGER NOT NULL DEFAULT 0,
    "submittedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RecordProposal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecordDecision" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "targetType" "ProposalTarget" NOT NULL,
    "targetId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "decision" "ReviewDecisionKind" NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecordDecision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RecordProposal_sourceId_key" ON "RecordProposal"("sourceId");

-- CreateIndex
CREATE UNIQUE INDEX "RecordProposal_entityId_key" ON "RecordProposal"("entityId");

-- CreateIndex
CREATE INDEX "RecordProposal_workspaceId_status_submittedAt_idx" ON "RecordProposal"("workspaceId", "status", "submittedAt");

-- CreateIndex
CREATE INDEX "RecordDecision_targetType_targetId_createdAt_idx" ON "RecordDecision"("targetType", "targetId", "createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "RecordDecision_targetType_targetId_round_reviewerId_key" ON "RecordDecision"("targetType", "targetId", "round", "reviewerId");

-- AddForeignKey
ALTER TABLE "RecordProposal" ADD CONSTRAINT "RecordProposal_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecordProposal" ADD CONSTRAINT "RecordProposal_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecordProposal" ADD CONSTRAINT "RecordProposal_entityId_fkey" FOREIGN KEY ("entityId") REFERENCES "Entity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecordDecision" ADD CONSTRAINT "RecordDecision_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecordDecision" ADD CONSTRAINT "RecordDecision_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A proposal names exactly the kind of record it says it changes.
ALTER TABLE "RecordProposal" ADD CONSTRAINT "RecordProposal_target_check" CHECK (
  ("targetType" = 'SOURCE' AND "sourceId" IS NOT NULL AND "entityId" IS NULL)
  OR ("targetType" = 'ENTITY' AND "entityId" IS NOT NULL AND "sourceId" IS NULL)
);
