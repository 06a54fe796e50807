-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "commentId" TEXT;
