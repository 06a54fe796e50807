-- Reliability and credibility votes (Admiralty code), their history, and blind-voting opt-outs.
-- CreateEnum
CREATE TYPE "VoteAxis" AS ENUM ('RELIABILITY', 'CREDIBILITY');

-- CreateTable
CREATE TABLE "Vote" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "voterId" TEXT NOT NULL,
    "axis" "VoteAxis" NOT NULL,
    "entityId" TEXT,
    "eventId" TEXT,
    "grade" TEXT NOT NULL,
    "rationale" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Vote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VoteHistory" (
    "id" BIGSERIAL NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "voterId" TEXT NOT NULL,
    "axis" "VoteAxis" NOT NULL,
    "entityId" TEXT,
    "eventId" TEXT,
    "grade" TEXT,
    "rationale" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VoteHistory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VoteReveal" (
    "voterId" TEXT NOT NULL,
    "targetKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VoteReveal_pkey" PRIMARY KEY ("voterId","targetKey")
);

-- CreateIndex
CREATE INDEX "Vote_eventId_grade_idx" ON "Vote"("eventId", "grade");

-- CreateIndex
CREATE INDEX "Vote_entityId_grade_idx" ON "Vote"("entityId", "grade");

-- CreateIndex
CREATE UNIQUE INDEX "Vote_voterId_entityId_key" ON "Vote"("voterId", "entityId");

-- CreateIndex
CREATE UNIQUE INDEX "Vote_voterId_eventId_key" ON "Vote"("voterId", "eventId");

-- CreateIndex
CREATE INDEX "VoteHistory_eventId_id_idx" ON "VoteHistory"("eventId", "id");

-- CreateIndex
CREATE INDEX "VoteHistory_entityId_id_idx" ON "VoteHistory"("entityId", "id");

-- CreateIndex
CREATE INDEX "VoteHistory_workspaceId_voterId_id_idx" ON "VoteHistory"("workspaceId", "voterId", "id");

-- AddForeignKey
ALTER TABLE "Vote" ADD CONSTRAINT "Vote_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Vote" ADD CONSTRAINT "Vote_voterId_fkey" FOREIGN KEY ("voterId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Vote" ADD CONSTRAINT "Vote_entityId_fkey" FOREIGN KEY ("entityId") REFERENCES "Entity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Vote" ADD CONSTRAINT "Vote_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Exactly one target per vote, on the axis that target takes: reliability on
-- an origin entity, credibility on an event, each with its own grades.
ALTER TABLE "Vote" ADD CONSTRAINT "Vote_target_check" CHECK (
    ("axis" = 'RELIABILITY' AND "entityId" IS NOT NULL AND "eventId" IS NULL AND "grade" IN ('A', 'B', 'C', 'D', 'E', 'F'))
 OR ("axis" = 'CREDIBILITY' AND "eventId" IS NOT NULL AND "entityId" IS NULL AND "grade" IN ('1', '2', '3', '4', '5', '6'))
);
