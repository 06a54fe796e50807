-- CreateTable
CREATE TABLE "ImportCandidatePassage" (
    "id" TEXT NOT NULL,
    "candidateId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "dateText" TEXT NOT NULL DEFAULT '',
    "startOffset" INTEGER NOT NULL,
    "endOffset" INTEGER NOT NULL,

    CONSTRAINT "ImportCandidatePassage_pkey" PRIMARY KEY ("id")
);

-- Each existing candidate's passage becomes its first passage.
INSERT INTO "ImportCandidatePassage" ("id", "candidateId", "sourceId", "ordinal", "text", "dateText", "startOffset", "endOffset")
SELECT "id" || '-p0', "id", "sourceId", 0, "passage", "dateText", "startOffset", "endOffset" FROM "ImportCandidate";

-- AlterTable
ALTER TABLE "ImportCandidate" DROP COLUMN "endOffset",
DROP COLUMN "passage",
DROP COLUMN "startOffset",
ADD COLUMN     "unanchored" BOOLEAN NOT NULL DEFAULT false,
ALTER COLUMN "date" DROP NOT NULL;

-- CreateTable
CREATE TABLE "SourceFingerprint" (
    "sourceId" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "signature" INTEGER[],
    "bands" INTEGER[],

    CONSTRAINT "SourceFingerprint_pkey" PRIMARY KEY ("sourceId")
);

-- CreateIndex
CREATE UNIQUE INDEX "ImportCandidatePassage_candidateId_ordinal_key" ON "ImportCandidatePassage"("candidateId", "ordinal");

-- CreateIndex
CREATE INDEX "ImportCandidatePassage_sourceId_startOffset_idx" ON "ImportCandidatePassage"("sourceId", "startOffset");

-- CreateIndex
CREATE INDEX "SourceFingerprint_bands_idx" ON "SourceFingerprint" USING GIN ("bands");

-- CreateIndex
CREATE INDEX "SourceFingerprint_workspaceId_idx" ON "SourceFingerprint"("workspaceId");

-- AddForeignKey
ALTER TABLE "ImportCandidatePassage" ADD CONSTRAINT "ImportCandidatePassage_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "ImportCandidate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SourceFingerprint" ADD CONSTRAINT "SourceFingerprint_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;
