-- The statistics' kept results (docs/statistics.md "Kept results"; tables in 0040): every statement
-- that writes a table the overview or the report tables read notes, once per writing transaction
-- and county, that the county changed. A kept part of a county is valid for a reader while no such
-- change is visible to the reader and invisible to the part's snapshot. Statement triggers with
-- transition tables, as the household summary's (0034): every writer is covered (routes, imports,
-- restores, the demo seed, SQL typed by hand), at one INSERT per statement.
-- TG_ARGV[0] = 'county': the rows' county_code; 'all': a table without a county (the rule sets), a
-- change of every county ('*').
CREATE FUNCTION fangpin_stats_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  IF TG_ARGV[0] = 'all' THEN
    INSERT INTO public.stats_changes (county_code, txid) VALUES ('*', pg_current_xact_id()) ON CONFLICT DO NOTHING;
  ELSIF TG_OP = 'INSERT' THEN
    INSERT INTO public.stats_changes (county_code, txid)
    SELECT DISTINCT n.county_code, pg_current_xact_id() FROM new_rows n ON CONFLICT DO NOTHING;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO public.stats_changes (county_code, txid)
    SELECT DISTINCT o.county_code, pg_current_xact_id() FROM old_rows o ON CONFLICT DO NOTHING;
  ELSE
    INSERT INTO public.stats_changes (county_code, txid)
    SELECT x.county_code, pg_current_xact_id() FROM (SELECT county_code FROM new_rows UNION SELECT county_code FROM old_rows) x
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Pruning, for the app (which may not write stats_changes): the notes older than a kept part can be
-- (parts live for the day they were counted on: `today` is part of their key) and the parts of
-- earlier days. `keep_days` is at least 2, so no transaction still running can have written a note
-- that is dropped while a part that did not see it is still used.
CREATE FUNCTION fangpin_stats_prune(keep_days integer) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  n integer;
BEGIN
  DELETE FROM public.stats_parts WHERE computed_at < now() - make_interval(days => greatest(keep_days, 2) - 1);
  DELETE FROM public.stats_changes WHERE noted_at < now() - make_interval(days => greatest(keep_days, 2));
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END;
$$;
--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['household_monitoring', 'household_stats', 'households', 'household_helpers', 'helper_visits', 'household_measures',
    'cases', 'clues', 'hotline_calls', 'self_applications', 'visit_reports', 'warnings', 'county_settings'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON public.%I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.fangpin_stats_changed(%L)', 'stats_changed_' || t || '_insert', t, 'county');
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON public.%I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.fangpin_stats_changed(%L)', 'stats_changed_' || t || '_update', t, 'county');
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON public.%I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.fangpin_stats_changed(%L)', 'stats_changed_' || t || '_delete', t, 'county');
  END LOOP;
  -- The rule sets (visit intervals): append-only, no county column.
  EXECUTE 'CREATE TRIGGER stats_changed_rule_set_versions_insert AFTER INSERT ON public.rule_set_versions FOR EACH STATEMENT EXECUTE FUNCTION public.fangpin_stats_changed(''all'')';
END;
$$;
