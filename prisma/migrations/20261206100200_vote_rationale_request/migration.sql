-- AlterTable
ALTER TABLE "Vote" ADD COLUMN     "rationaleRequested" BOOLEAN NOT NULL DEFAULT false;
