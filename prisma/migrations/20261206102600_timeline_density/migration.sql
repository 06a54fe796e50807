-- The timeline counts events per time bucket; this index answers it by a range scan alone.
CREATE INDEX "Event_workspaceId_deletedAt_dateSortKey_status_idx" ON "Event"("workspaceId", "deletedAt", "dateSortKey", "status");
