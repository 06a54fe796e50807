-- The review queue and the count of what waits read the few events awaiting review, not every event of the workspace.
CREATE INDEX "Event_workspaceId_awaitingReview_submittedAt_id_idx" ON "Event"("workspaceId", "awaitingReview", "submittedAt", "id");
