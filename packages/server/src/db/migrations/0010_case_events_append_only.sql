-- The case timeline is the record of who decided what: refuse UPDATE, DELETE and TRUNCATE.
CREATE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE ON case_events
  FOR EACH ROW EXECUTE FUNCTION fangpin_refuse_audit_change();
--> statement-breakpoint
CREATE TRIGGER case_events_no_truncate BEFORE TRUNCATE ON case_events
  FOR EACH STATEMENT EXECUTE FUNCTION fangpin_refuse_audit_change();
