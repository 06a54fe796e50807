-- Every change to a session, an account or a membership is announced on the
-- "dossier_auth" channel with the id of the user it concerns ("u:<id>"), or
-- "*" after a TRUNCATE. Each app instance keeps a short in-memory copy of
-- session and membership lookups and drops that user's entries when told
-- (server/db/auth-cache.ts): a sign-out, a deactivation or a role change made
-- anywhere, by the app or by hand in SQL, reaches every instance. NOTIFY is
-- sent at commit, so a rolled-back change announces nothing.
CREATE OR REPLACE FUNCTION "dossier_auth_changed"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_LEVEL = 'STATEMENT' THEN
    PERFORM pg_notify('dossier_auth', '*');
  ELSIF TG_TABLE_NAME = 'User' THEN
    IF TG_OP = 'DELETE' THEN
      PERFORM pg_notify('dossier_auth', 'u:' || OLD."id");
    ELSE
      PERFORM pg_notify('dossier_auth', 'u:' || NEW."id");
    END IF;
  ELSE
    IF TG_OP <> 'INSERT' THEN
      PERFORM pg_notify('dossier_auth', 'u:' || OLD."userId");
    END IF;
    IF TG_OP <> 'DELETE' THEN
      PERFORM pg_notify('dossier_auth', 'u:' || NEW."userId");
    END IF;
  END IF;
  RETURN NULL;
END
$$;

-- A new session changes nothing that is kept; its end (sign-out, expiry sweep) does.
CREATE TRIGGER "Session_auth_changed" AFTER UPDATE OR DELETE ON "Session"
  FOR EACH ROW EXECUTE FUNCTION "dossier_auth_changed"();
CREATE TRIGGER "User_auth_changed" AFTER UPDATE OR DELETE ON "User"
  FOR EACH ROW EXECUTE FUNCTION "dossier_auth_changed"();
-- Inserts too: a cached "not a member" must end when the membership is created.
CREATE TRIGGER "Membership_auth_changed" AFTER INSERT OR UPDATE OR DELETE ON "Membership"
  FOR EACH ROW EXECUTE FUNCTION "dossier_auth_changed"();

CREATE TRIGGER "Session_auth_truncated" AFTER TRUNCATE ON "Session"
  FOR EACH STATEMENT EXECUTE FUNCTION "dossier_auth_changed"();
CREATE TRIGGER "User_auth_truncated" AFTER TRUNCATE ON "User"
  FOR EACH STATEMENT EXECUTE FUNCTION "dossier_auth_changed"();
CREATE TRIGGER "Membership_auth_truncated" AFTER TRUNCATE ON "Membership"
  FOR EACH STATEMENT EXECUTE FUNCTION "dossier_auth_changed"();
