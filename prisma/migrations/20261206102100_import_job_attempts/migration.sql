-- How many times the job queue has started this import (a retry or a run after a restart counts again).
ALTER TABLE "ImportJob" ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 0;
