-- The shared document two or more authors type a briefing's body into (a Yjs
-- CRDT state): kept so an author who was offline merges into the same
-- document on reconnect, and so every instance serves the same one.
-- CreateTable
CREATE TABLE "BriefingLiveDoc" (
    "briefingId" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "state" BYTEA NOT NULL,
    "syncedBody" TEXT NOT NULL,
    "syncedState" BYTEA NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BriefingLiveDoc_pkey" PRIMARY KEY ("briefingId")
);

-- CreateIndex
CREATE INDEX "BriefingLiveDoc_workspaceId_idx" ON "BriefingLiveDoc"("workspaceId");

-- AddForeignKey
ALTER TABLE "BriefingLiveDoc" ADD CONSTRAINT "BriefingLiveDoc_briefingId_fkey" FOREIGN KEY ("briefingId") REFERENCES "Briefing"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BriefingLiveDoc" ADD CONSTRAINT "BriefingLiveDoc_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
