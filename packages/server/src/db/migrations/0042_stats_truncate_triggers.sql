-- The statistics' change notes (0041) on TRUNCATE too: TRUNCATE fires no row or INSERT/UPDATE/DELETE
-- trigger, so an owner emptying a table by hand would leave kept parts that still look valid. A
-- TRUNCATE of any watched table is a change of every county (`*`): it has no rows to name one.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['household_monitoring', 'household_stats', 'households', 'household_helpers', 'helper_visits', 'household_measures',
    'cases', 'clues', 'hotline_calls', 'self_applications', 'visit_reports', 'warnings', 'county_settings', 'rule_set_versions'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON public.%I FOR EACH STATEMENT EXECUTE FUNCTION public.fangpin_stats_changed(%L)', 'stats_changed_' || t || '_truncate', t, 'all');
  END LOOP;
END;
$$;
