-- Rule-set versions are history: a change is a new version, never an edit.
CREATE TRIGGER rule_set_versions_append_only BEFORE UPDATE OR DELETE ON rule_set_versions
  FOR EACH ROW EXECUTE FUNCTION fangpin_refuse_audit_change();
