-- Uploaded and imported files kept as they came, content-addressed per workspace,
-- and the "quote not found" mark a citation gets when its words leave the source's text.
-- CreateTable
CREATE TABLE "SourceOriginal" (
    "workspaceId" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "bytes" BYTEA NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SourceOriginal_pkey" PRIMARY KEY ("workspaceId","sha256")
);

-- AddForeignKey
ALTER TABLE "SourceOriginal" ADD CONSTRAINT "SourceOriginal_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "Source" ADD COLUMN "originalSha256" TEXT;

-- AlterTable
ALTER TABLE "Citation" ADD COLUMN "quoteNotFoundAt" TIMESTAMP(3);
