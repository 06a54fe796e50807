-- Archiving a source's web address: the requests (fetched by a job of the durable queue) and the hosts
-- a workspace's admins allow although their addresses are private.
-- CreateEnum
CREATE TYPE "ArchiveStatus" AS ENUM ('QUEUED', 'DONE', 'FAILED');

-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN "archiveAllowedHosts" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN "archiveHostsVersion" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "SourceArchive" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "status" "ArchiveStatus" NOT NULL DEFAULT 'QUEUED',
    "message" TEXT NOT NULL DEFAULT '',
    "finalUrl" TEXT,
    "httpStatus" INTEGER,
    "contentType" TEXT,
    "size" INTEGER,
    "sha256" TEXT,
    "text" TEXT NOT NULL DEFAULT '',
    "textApplied" BOOLEAN NOT NULL DEFAULT false,
    "requestedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "SourceArchive_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SourceArchive_sourceId_createdAt_id_idx" ON "SourceArchive"("sourceId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "SourceArchive_workspaceId_idx" ON "SourceArchive"("workspaceId");

-- AddForeignKey
ALTER TABLE "SourceArchive" ADD CONSTRAINT "SourceArchive_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SourceArchive" ADD CONSTRAINT "SourceArchive_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SourceArchive" ADD CONSTRAINT "SourceArchive_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
