-- The audit log is append-only: refuse UPDATE, DELETE and TRUNCATE at the database level, so that
-- not even a bug in the application (or a hurried operator with psql) can rewrite history.
CREATE FUNCTION fangpin_refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION fangpin_refuse_audit_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION fangpin_refuse_audit_change();
--> statement-breakpoint
-- Same for registry history: changes are kept, never overwritten.
CREATE TRIGGER registry_history_append_only BEFORE UPDATE OR DELETE ON registry_history
  FOR EACH ROW EXECUTE FUNCTION fangpin_refuse_audit_change();
--> statement-breakpoint
CREATE INDEX members_name_pattern_idx ON members (name text_pattern_ops);
--> statement-breakpoint
CREATE INDEX households_number_pattern_idx ON households (household_number text_pattern_ops);
