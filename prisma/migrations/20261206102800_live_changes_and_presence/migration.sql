-- Live updates. A change is announced on the "dossier_live" channel when its
-- transaction commits (NOTIFY is delivered at commit; a rolled-back change
-- announces nothing), as a small JSON message with the workspace, the kind of
-- record and its id, never its content. Every app instance LISTENs and passes
-- the message on to the members looking at that workspace, after checking
-- their membership, role and what their role may see (server/services/live/).
--
-- The audit row every change writes in its own transaction is the hook: one
-- trigger covers every service, including the ones that write in plain SQL.
CREATE OR REPLACE FUNCTION "dossier_live_audit"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."workspaceId" IS NOT NULL AND NEW."targetId" IS NOT NULL
     AND NEW."targetType" IN ('event', 'citation', 'source', 'entity', 'briefing', 'membership', 'workspace') THEN
    PERFORM pg_notify('dossier_live', json_build_object(
      'w', NEW."workspaceId", 'k', NEW."targetType", 'id', NEW."targetId")::text);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "AuditLog_live" AFTER INSERT ON "AuditLog"
  FOR EACH ROW EXECUTE FUNCTION "dossier_live_audit"();

-- Comments are not audited; a briefing's readers still want to see a new one.
CREATE OR REPLACE FUNCTION "dossier_live_comment"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('dossier_live', json_build_object(
    'w', NEW."workspaceId", 'k', 'briefing', 'id', NEW."briefingId")::text);
  RETURN NULL;
END
$$;

CREATE TRIGGER "BriefingComment_live" AFTER INSERT OR UPDATE ON "BriefingComment"
  FOR EACH ROW EXECUTE FUNCTION "dossier_live_comment"();

-- A notification concerns its recipient only: the message names the user, and only their streams receive it.
CREATE OR REPLACE FUNCTION "dossier_live_notification"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('dossier_live', json_build_object(
    'w', NEW."workspaceId", 'k', 'notification', 'u', NEW."userId")::text);
  RETURN NULL;
END
$$;

CREATE TRIGGER "Notification_live" AFTER INSERT ON "Notification"
  FOR EACH ROW EXECUTE FUNCTION "dossier_live_notification"();

-- CreateTable
CREATE TABLE "Presence" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "tabId" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "editing" BOOLEAN NOT NULL DEFAULT false,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Presence_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Presence_userId_tabId_key" ON "Presence"("userId", "tabId");

-- CreateIndex
CREATE INDEX "Presence_workspaceId_targetType_targetId_expiresAt_idx" ON "Presence"("workspaceId", "targetType", "targetId", "expiresAt");

-- AddForeignKey
ALTER TABLE "Presence" ADD CONSTRAINT "Presence_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Presence" ADD CONSTRAINT "Presence_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Arrivals, departures and the switch between viewing and editing are announced; a heartbeat that only
-- extends a row's life is not. Expiry is read, not announced: clients re-read the list now and then.
CREATE OR REPLACE FUNCTION "dossier_live_presence"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD."targetType" = NEW."targetType" AND OLD."targetId" = NEW."targetId"
     AND OLD."editing" = NEW."editing" AND OLD."expiresAt" >= now() THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    PERFORM pg_notify('dossier_live', json_build_object(
      'w', OLD."workspaceId", 'k', 'presence', 't', OLD."targetType", 'id', OLD."targetId")::text);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM pg_notify('dossier_live', json_build_object(
      'w', NEW."workspaceId", 'k', 'presence', 't', NEW."targetType", 'id', NEW."targetId")::text);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Presence_live" AFTER INSERT OR UPDATE OR DELETE ON "Presence"
  FOR EACH ROW EXECUTE FUNCTION "dossier_live_presence"();
