-- AlterTable
ALTER TABLE "Citation" ADD COLUMN     "proposedAdd" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "proposedRemove" BOOLEAN NOT NULL DEFAULT false;

