-- STIX ids kept from an import, so exports give the same ids and re-imports find what they imported.
ALTER TABLE "Event" ADD COLUMN "stixId" TEXT;
ALTER TABLE "Entity" ADD COLUMN "stixId" TEXT;
ALTER TABLE "Source" ADD COLUMN "stixId" TEXT;
CREATE UNIQUE INDEX "Event_workspaceId_stixId_key" ON "Event"("workspaceId", "stixId");
CREATE UNIQUE INDEX "Entity_workspaceId_stixId_key" ON "Entity"("workspaceId", "stixId");
CREATE UNIQUE INDEX "Source_workspaceId_stixId_key" ON "Source"("workspaceId", "stixId");

-- What a candidate from a STIX bundle carries beyond the document importer's.
ALTER TABLE "ImportCandidate" ADD COLUMN "summary" TEXT NOT NULL DEFAULT '';
ALTER TABLE "ImportCandidate" ADD COLUMN "tags" TEXT[] DEFAULT ARRAY[]::TEXT[];
ALTER TABLE "ImportCandidate" ADD COLUMN "stixId" TEXT;
ALTER TABLE "ImportCandidate" ADD COLUMN "updatesEventId" TEXT;
ALTER TABLE "ImportCandidatePassage" ADD COLUMN "stance" "Stance" NOT NULL DEFAULT 'SUPPORTS';
