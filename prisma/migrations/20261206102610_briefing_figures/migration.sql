-- Which figures a briefing's PDF prints (timeline, network), and the setting as each publication approved it.
ALTER TABLE "Briefing" ADD COLUMN "figures" JSONB NOT NULL DEFAULT '{}';
ALTER TABLE "BriefingPublication" ADD COLUMN "figures" JSONB NOT NULL DEFAULT '{}';
