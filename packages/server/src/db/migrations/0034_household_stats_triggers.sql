-- The statistics' per-household summary (docs/statistics.md "Pre-aggregation"), table in 0033:
-- persons, the first own helper's day and the days an own helper was assigned, kept by triggers in
-- the writing transaction so that every writer (the app, imports, restores, the demo seed, SQL
-- typed by hand) keeps it exact; backfilled here from the base tables.
-- Own helpers (a helping-cadre account or a named person; not the first secretary or a work team):
-- the first day one was assigned and the days one was in place ([assigned_on, ended_on); an end
-- before the start is an empty range, as "assigned_on <= d AND ended_on > d" never holds for it).
CREATE FUNCTION fangpin_household_stats_helpers(ids uuid[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  -- Lock first, recount in a second statement: its snapshot sees what a concurrent writer of the
  -- same household committed while this one waited for the row.
  PERFORM 1 FROM public.household_stats s WHERE s.household_id = ANY(ids) ORDER BY s.household_id FOR UPDATE;
  UPDATE public.household_stats s SET first_helper_on = x.first_on, helper_days = x.days
  FROM (
    SELECT a.id,
      min(hh.assigned_on) AS first_on,
      -- FILTER: a household left without own helpers has no row to join, and daterange(NULL, NULL) would be every day.
      coalesce(range_agg(daterange(hh.assigned_on, CASE WHEN hh.ended_on IS NOT NULL THEN greatest(hh.ended_on, hh.assigned_on) END)) FILTER (WHERE hh.id IS NOT NULL), '{}'::datemultirange) AS days
    FROM unnest(ids) a(id) LEFT JOIN public.household_helpers hh ON hh.household_id = a.id AND hh.kind IN ('cadre', 'person')
    GROUP BY a.id
  ) x
  WHERE s.household_id = x.id AND (s.first_helper_on IS DISTINCT FROM x.first_on OR s.helper_days <> x.days);
END;
$$;
--> statement-breakpoint
CREATE FUNCTION fangpin_household_stats_on_helpers() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  ids uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT n.household_id) INTO ids FROM new_rows n;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT o.household_id) INTO ids FROM old_rows o;
  ELSE
    SELECT array_agg(DISTINCT x.household_id) INTO ids FROM (SELECT household_id FROM new_rows UNION SELECT household_id FROM old_rows) x;
  END IF;
  IF ids IS NOT NULL THEN
    PERFORM public.fangpin_household_stats_helpers(ids);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Persons: added and removed as members come and go (increments commute, so concurrent writers of
-- one household add up exactly under the row lock each UPDATE takes).
CREATE FUNCTION fangpin_household_stats_on_members() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE public.household_stats s SET persons = s.persons + d.n
    FROM (SELECT household_id, count(*)::int AS n FROM new_rows GROUP BY household_id ORDER BY household_id) d WHERE s.household_id = d.household_id;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE public.household_stats s SET persons = s.persons - d.n
    FROM (SELECT household_id, count(*)::int AS n FROM old_rows GROUP BY household_id ORDER BY household_id) d WHERE s.household_id = d.household_id;
  ELSE
    UPDATE public.household_stats s SET persons = s.persons + d.n
    FROM (
      SELECT household_id, sum(n)::int AS n FROM (
        SELECT household_id, 1 AS n FROM new_rows UNION ALL SELECT household_id, -1 FROM old_rows
      ) x GROUP BY household_id HAVING sum(n) <> 0 ORDER BY household_id
    ) d WHERE s.household_id = d.household_id;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- A household's row is made with it and follows its region (a registry import may move it).
CREATE FUNCTION fangpin_household_stats_on_households() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO public.household_stats (household_id, county_code, region_code)
    SELECT n.id, n.county_code, n.region_code FROM new_rows n
    ON CONFLICT (household_id) DO UPDATE SET county_code = EXCLUDED.county_code, region_code = EXCLUDED.region_code;
  ELSE
    UPDATE public.household_stats s SET county_code = n.county_code, region_code = n.region_code
    FROM new_rows n WHERE s.household_id = n.id AND (s.county_code, s.region_code) IS DISTINCT FROM (n.county_code, n.region_code);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- The triggers: after each statement, with its rows (transition tables), on the three base tables.
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES
    ('household_stats_households_insert', 'INSERT', 'households', 'NEW TABLE AS new_rows', 'fangpin_household_stats_on_households'),
    ('household_stats_households_update', 'UPDATE', 'households', 'NEW TABLE AS new_rows', 'fangpin_household_stats_on_households'),
    ('household_stats_members_insert', 'INSERT', 'members', 'NEW TABLE AS new_rows', 'fangpin_household_stats_on_members'),
    ('household_stats_members_update', 'UPDATE', 'members', 'OLD TABLE AS old_rows NEW TABLE AS new_rows', 'fangpin_household_stats_on_members'),
    ('household_stats_members_delete', 'DELETE', 'members', 'OLD TABLE AS old_rows', 'fangpin_household_stats_on_members'),
    ('household_stats_helpers_insert', 'INSERT', 'household_helpers', 'NEW TABLE AS new_rows', 'fangpin_household_stats_on_helpers'),
    ('household_stats_helpers_update', 'UPDATE', 'household_helpers', 'OLD TABLE AS old_rows NEW TABLE AS new_rows', 'fangpin_household_stats_on_helpers'),
    ('household_stats_helpers_delete', 'DELETE', 'household_helpers', 'OLD TABLE AS old_rows', 'fangpin_household_stats_on_helpers')
  ) AS v(name, event, tbl, refs, fn) LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER %s ON public.%I REFERENCING %s FOR EACH STATEMENT EXECUTE FUNCTION public.%I()', t.name, t.event, t.tbl, t.refs, t.fn);
  END LOOP;
END;
$$;
--> statement-breakpoint
-- Backfill (the triggers above already cover writes from here on; this migration's transaction holds the tables).
INSERT INTO household_stats (household_id, county_code, region_code, persons, first_helper_on, helper_days)
SELECT h.id, h.county_code, h.region_code,
  coalesce(p.n, 0), hh.first_on, coalesce(hh.days, '{}'::datemultirange)
FROM households h
LEFT JOIN (SELECT household_id, count(*)::int AS n FROM members GROUP BY household_id) p ON p.household_id = h.id
LEFT JOIN (
  SELECT household_id, min(assigned_on) AS first_on,
    range_agg(daterange(assigned_on, CASE WHEN ended_on IS NOT NULL THEN greatest(ended_on, assigned_on) END)) AS days
  FROM household_helpers WHERE kind IN ('cadre', 'person') GROUP BY household_id
) hh ON hh.household_id = h.id;
--> statement-breakpoint
-- Planner statistics now, not at the next autovacuum: without them the first statistics queries plan as for an empty table.
ANALYZE household_stats;
