-- The audit trail is append-only: no role of the application may rewrite history.
CREATE OR REPLACE FUNCTION audit_event_is_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'AuditEvent is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "AuditEvent_append_only"
  BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();

-- The decision log is append-only too: decisions are added, never rewritten.
CREATE OR REPLACE FUNCTION decision_is_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'Decision is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Decision_no_update"
  BEFORE UPDATE ON "Decision"
  FOR EACH ROW EXECUTE FUNCTION decision_is_append_only();
